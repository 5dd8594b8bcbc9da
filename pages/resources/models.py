"""The reports and resources library: categories, resources (a document or an outside link) and
the page that lists them, filtered by category."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.http import Http404
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.documents import get_document_model_string
from wagtail.fields import StreamField
from wagtail.models import CollectionViewRestriction
from wagtail.search import index

from odi_site.caching.version import versioned

from ..blocks import BodyStreamBlock
from ..choices import Audience, ResourceDate
from ..models.base import BasePage

PRIVATE_HELP = " Documents in a private collection are never listed."


def document_fk(help_text, related_name="+"):
    """A nullable document reference that never blocks deleting the document."""
    return models.ForeignKey(
        get_document_model_string(),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name=related_name,
        help_text=help_text,
    )


def private_collection_paths():
    """Tree paths of the collections with a view restriction: it covers the collections below
    them too, as Wagtail's own document serving applies it."""
    return list(CollectionViewRestriction.objects.values_list("collection__path", flat=True))


def in_paths(document, paths):
    return document is not None and any(document.collection.path.startswith(path) for path in paths)


class ResourceCategory(models.Model):
    """A shelf of the resources library, e.g. reports, toolkits or outside resources."""

    name = models.CharField(max_length=80, unique=True, help_text="Shown as a heading and a filter, e.g. “Reports”.")
    slug = models.SlugField(max_length=80, unique=True, help_text="Used in filter addresses, e.g. ?category=reports.")
    sort_order = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers are listed first.")

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = "resource category"
        verbose_name_plural = "resource categories"

    def __str__(self):
        return self.name


class ResourceQuerySet(models.QuerySet):
    def listed(self, paths=None):
        """What visitors may see: resources with a document or a link, and never one whose
        document is in a private collection. `paths`: private_collection_paths(), if already read."""
        paths = private_collection_paths() if paths is None else paths
        private = Q(document__isnull=True, link="")
        for path in paths:
            private |= Q(document__collection__path__startswith=path)
        # By id, so site search (which filters on indexed fields only) can narrow by it too.
        return self.filter(pk__in=Resource.objects.exclude(private).values("pk"))


class Resource(index.Indexed, models.Model):
    """A report, toolkit or outside resource in the library: a Wagtail document or a link."""

    title = models.CharField(max_length=200, help_text="The link text visitors see and what search finds.")
    summary = models.TextField(max_length=500, help_text="One or two sentences on what it is and who it helps.")
    category = models.ForeignKey(
        ResourceCategory, on_delete=models.PROTECT, related_name="resources", help_text="Where it is listed."
    )
    audience = models.CharField(
        max_length=20, choices=Audience.choices, default=Audience.EVERYONE, help_text="Who it is written for."
    )
    document = document_fk("A file from the document library." + PRIVATE_HELP)
    link = models.URLField(blank=True, help_text="Or the address of a page elsewhere (fill in one of the two).")
    date = models.DateField(help_text="When it was published, or the date its figures describe.")
    date_meaning = models.CharField(
        max_length=20,
        choices=ResourceDate.choices,
        default=ResourceDate.PUBLISHED,
        verbose_name="the date is",
        help_text="“Published” for a release date, “As of” for the date figures describe.",
    )
    alternative_label = models.CharField(
        max_length=80,
        blank=True,
        help_text="Names the accessible alternative, e.g. “Accessible Word version”. Required with one.",
    )
    alternative_document = document_fk("An accessible version of the file, e.g. a tagged Word document.")
    alternative_link = models.URLField(blank=True, help_text="Or the address of an accessible version elsewhere.")
    sort_order = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers are listed first.")

    objects = ResourceQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("category"), FieldPanel("audience")]),
        MultiFieldPanel([FieldPanel("document"), FieldPanel("link")], heading="The resource: a document or a link"),
        FieldRowPanel([FieldPanel("date"), FieldPanel("date_meaning")]),
        MultiFieldPanel(
            [FieldPanel("alternative_label"), FieldPanel("alternative_document"), FieldPanel("alternative_link")],
            heading="Accessible alternative (optional)",
        ),
        FieldPanel("sort_order"),
    ]
    search_fields = [
        index.SearchField("title", boost=2),
        index.AutocompleteField("title"),
        index.SearchField("summary"),
        index.FilterField("id"),
    ]

    class Meta:
        ordering = ["sort_order", "-date", "title"]
        verbose_name = "resource"

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        """Record each file's size once, now, so listing it never opens the file (Wagtail's upload
        forms record it; documents made in code may not have)."""
        super().save(*args, **kwargs)
        for document in (self.document, self.alternative_document):
            if document is not None:
                document.get_file_size()

    def clean(self):
        super().clean()
        errors = {}
        if bool(self.document_id) == bool(self.link):
            message = "Choose a document or enter a link: one of the two, not both."
            errors["document"] = errors["link"] = message
        if self.alternative_document_id and self.alternative_link:
            message = "Choose an accessible document or enter its link: one of the two, not both."
            errors["alternative_document"] = errors["alternative_link"] = message
        has_alternative = bool(self.alternative_document_id or self.alternative_link)
        if has_alternative and not self.alternative_label.strip():
            errors["alternative_label"] = "Name the accessible alternative, e.g. “Accessible Word version”."
        elif self.alternative_label.strip() and not has_alternative:
            errors["alternative_label"] = "Choose the accessible document or enter its link, or leave this empty."
        if errors:
            raise ValidationError(errors)

    @property
    def url(self):
        return self.document.url if self.document_id else self.link

    @property
    def file_type(self):
        """The document's type as visitors know it ("PDF"), or "" for a link."""
        return self.document.file_extension.upper() if self.document_id else ""

    @property
    def alternative_url(self):
        return self.alternative_document.url if self.alternative_document_id else self.alternative_link

    @property
    def search_anchor(self):
        """The id of the resource's entry on the library page (pages/search.py)."""
        return f"resource-{self.pk}"

    @property
    def search_summary(self):
        return self.summary


class ResourceLibraryPage(BasePage):
    """The reports and resources library: an introduction, then every resource by category."""

    body = StreamField(BodyStreamBlock(), blank=True, help_text="Optional text above the list of resources.")
    resources_heading = models.CharField(
        max_length=120, default="Browse the library", help_text="Heading above the category filter and the list."
    )
    empty_message = models.CharField(
        max_length=250,
        default="No resources are listed in this category yet.",
        help_text="Shown when a category has no resources.",
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("resources_heading"), FieldPanel("empty_message")], heading="Resource list"),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("body")]

    template = "pages/resource_library_page.html"
    cache_query_params = ("category",)
    parent_page_types = ["pages.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "resource library page"

    @staticmethod
    def listed_resources(category=None):
        """The resources visitors see, by category, with their documents; an accessible
        alternative in a private collection is left out (`show_alternative`)."""
        # Both change rarely, and saving either replaces the content version these are cached under.
        paths = versioned("pages:private-collections", private_collection_paths)
        resources = Resource.objects.listed(paths).select_related(
            "category", "document__collection", "alternative_document__collection"
        )
        if category is not None:
            resources = resources.filter(category=category)
        resources = list(resources.order_by("category__sort_order", "category__name", *Resource._meta.ordering))
        for resource in resources:
            resource.show_alternative = bool(resource.alternative_url) and not in_paths(
                resource.alternative_document, paths
            )
        return resources

    def get_context(self, request, *args, **kwargs):
        """?category=<slug> narrows the list to one category; an unknown category is a 404."""
        context = super().get_context(request, *args, **kwargs)
        categories = versioned("pages:resource-categories", lambda: list(ResourceCategory.objects.all()))
        slug = request.GET.get("category", "")
        chosen = next((category for category in categories if category.slug == slug), None)
        if slug and chosen is None:
            raise Http404("No such resource category")
        resources = self.listed_resources(chosen)
        shown = [chosen] if chosen else categories
        groups = [(category, [r for r in resources if r.category_id == category.pk]) for category in shown]
        context.update(
            categories=categories,
            category=chosen,
            # Every category while browsing them all leaves out the empty ones; a chosen one shows.
            groups=[group for group in groups if group[1] or chosen],
        )
        return context
