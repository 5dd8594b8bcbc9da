"""Community engagement: focus areas, community partners and the page that presents them."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.search import index

from odi_site.caching.restrictions import public
from odi_site.caching.version import versioned

from ..blocks import BodyStreamBlock
from ..choices import AffinityCategory
from ..events.models import EventPage, soonest_end
from ..models.base import BasePage, image_fk

VOICES_SHOWN = 3


class FocusArea(models.Model):
    """A group the office's community work centres on, e.g. veterans or people with disabilities."""

    name = models.CharField(max_length=80, unique=True, help_text="Plural and lower case reads best, e.g. “veterans”.")
    slug = models.SlugField(max_length=80, unique=True, help_text="Used in filter addresses, e.g. ?focus=veterans.")
    description = models.CharField(
        max_length=250, blank=True, help_text="One sentence on the office's work in this area."
    )
    sort_order = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers are listed first.")

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description"), FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = "focus area"

    def __str__(self):
        return self.name


class CommunityPartner(index.Indexed, ClusterableModel):
    """An organisation the office works with, listed on the community engagement page."""

    name = models.CharField(max_length=150, unique=True, help_text="The organisation's name.")
    description = models.TextField(max_length=600, help_text="What they do and how we work together (plain text).")
    website = models.URLField(blank=True, help_text="Their website's address.")
    logo = image_fk("Optional logo.")
    logo_alt = models.CharField(
        max_length=150,
        blank=True,
        verbose_name="logo alt text",
        help_text="Required with a logo: usually the organisation's name as the logo shows it.",
    )
    focus_areas = ParentalManyToManyField(
        FocusArea, blank=True, related_name="partners", help_text="The focus areas this partner works on."
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("website"),
        MultiFieldPanel([FieldPanel("logo"), FieldPanel("logo_alt")], heading="Logo"),
        FieldPanel("focus_areas", widget=forms.CheckboxSelectMultiple),
    ]
    search_fields = [index.SearchField("name", boost=2), index.SearchField("description")]

    class Meta:
        ordering = ["name"]
        verbose_name = "community partner"

    def __str__(self):
        return self.name

    @property
    def search_anchor(self):
        """The id of the partner's entry on the community engagement page (pages/search.py)."""
        return f"partner-{self.pk}"

    @property
    def search_summary(self):
        return self.description

    def clean(self):
        super().clean()
        if self.logo_id and not self.logo_alt.strip():
            raise ValidationError({"logo_alt": "Describe the logo for people who cannot see it."})


class AffinityGroup(models.Model):
    """An affinity group or university resource in the community page's directory."""

    name = models.CharField(max_length=150, unique=True, help_text="The group's or office's name.")
    category = models.CharField(
        max_length=20, choices=AffinityCategory.choices, help_text="The heading it is listed under."
    )
    description = models.TextField(max_length=400, help_text="Who it is for and what it offers (plain text).")
    link = models.URLField(help_text="Its website or page, where visitors can join or get in touch.")
    sort_order = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers are listed first.")

    panels = [
        FieldPanel("name"),
        FieldPanel("category"),
        FieldPanel("description"),
        FieldPanel("link"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = "affinity group or resource"
        verbose_name_plural = "affinity groups and resources"

    def __str__(self):
        return self.name

    @classmethod
    def directory(cls):
        """[(category label, [groups])] in the order of the categories, leaving out empty ones."""
        groups = list(cls.objects.all())
        listed = (
            (label, [group for group in groups if group.category == value]) for value, label in AffinityCategory.choices
        )
        return [(label, members) for label, members in listed if members]


class CommunityEngagementPage(BasePage):
    """How the office works with the community: focus areas, partners (filterable) and Community Voices events."""

    body = StreamField(BodyStreamBlock(), blank=True, help_text="Why and how the office works with the community.")
    focus_areas_heading = models.CharField(
        max_length=120, default="Where we focus", help_text="Heading above the focus areas."
    )
    partners_heading = models.CharField(
        max_length=120, default="Our community partners", help_text="Heading above the partner list."
    )
    partners_intro = models.TextField(max_length=500, blank=True, help_text="A sentence above the partner list.")
    directory_heading = models.CharField(
        max_length=120,
        default="Affinity groups and university resources",
        help_text="Heading above the directory of affinity groups and resources.",
    )
    directory_intro = models.TextField(max_length=500, blank=True, help_text="A sentence above the directory.")
    voices_heading = models.CharField(
        max_length=120, default="Upcoming Community Voices events", help_text="Heading above the events."
    )
    voices_category = models.ForeignKey(
        "pages.EventCategory",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Upcoming events in this category are listed on the page (e.g. Community Voices).",
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("body"),
        FieldPanel("focus_areas_heading"),
        MultiFieldPanel([FieldPanel("partners_heading"), FieldPanel("partners_intro")], heading="Community partners"),
        MultiFieldPanel(
            [FieldPanel("directory_heading"), FieldPanel("directory_intro")], heading="Affinity groups and resources"
        ),
        MultiFieldPanel([FieldPanel("voices_heading"), FieldPanel("voices_category")], heading="Community Voices"),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("body")]

    template = "pages/community_engagement_page.html"
    cache_query_params = ("focus",)
    parent_page_types = ["pages.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "community engagement page"

    def partners(self, focus=None):
        renditions = get_image_model().get_rendition_model().objects.all()
        partners = CommunityPartner.objects.select_related("logo").prefetch_related(
            Prefetch("focus_areas", queryset=FocusArea.objects.all()), Prefetch("logo__renditions", queryset=renditions)
        )
        if focus is not None:
            partners = partners.filter(focus_areas=focus)
        return list(partners)

    def get_context(self, request, *args, **kwargs):
        """Focus areas come from the shared cache; the partners and Community Voices lists are
        cached fragments, so they are read only when a fragment is missing. Which events are
        next is cached too, until content changes or the soonest of them ends."""
        context = super().get_context(request, *args, **kwargs)
        focus_areas = versioned("pages:focus-areas", lambda: list(FocusArea.objects.all()))
        chosen = next((area for area in focus_areas if area.slug == request.GET.get("focus")), None)
        voices = versioned(f"pages:voices:{self.pk}", self.next_voices, soonest_end, request)
        ids = [event.pk for event in voices]
        context.update(
            focus_areas=focus_areas,
            focus=chosen,
            partners=SimpleLazyObject(lambda: self.partners(chosen)),
            directory=versioned("pages:affinity-groups", AffinityGroup.directory),
            voices_event_ids=ids,
            voices_events=SimpleLazyObject(lambda: EventPage.teasers(ids)),
        )
        return context

    def next_voices(self):
        """The next few live events in the chosen category, wherever they sit in the events section
        (id and end only: what the fragment key and the cache's expiry need)."""
        if not self.voices_category_id:
            return []
        events = public(EventPage.objects.live()).filter(category_id=self.voices_category_id, end__gte=timezone.now())
        return list(events.order_by("start", "pk").only("id", "end")[:VOICES_SHOWN])
