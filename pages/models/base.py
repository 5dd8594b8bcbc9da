"""Shared page base, the office's page types and its site settings."""

import hashlib

from csp.decorators import csp_replace
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Prefetch
from django.http import Http404
from django.utils.functional import SimpleLazyObject, cached_property
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.models import Orderable, Page
from wagtail.search import index

from odi_site.caching.restrictions import public
from odi_site.caching.version import versioned

from ..blocks import RICH_TEXT_FEATURES, BodyStreamBlock, KeyFigureBlock


def optional_fk(to, help_text):
    """A nullable reference that never blocks deleting what it points at."""
    return models.ForeignKey(
        to, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", help_text=help_text
    )


def image_fk(help_text):
    return optional_fk("wagtailimages.Image", help_text)


def with_listing_images(queryset):
    """Pages of `queryset` with their listing and hero images and renditions in a fixed number
    of queries, for the cards of a listing (events, news)."""
    renditions = get_image_model().get_rendition_model().objects.all()
    return queryset.select_related("listing_image", "hero_image").prefetch_related(
        Prefetch("listing_image__renditions", queryset=renditions),
        Prefetch("hero_image__renditions", queryset=renditions),
    )


def in_order(pages, ids):
    """`pages` in the order of `ids`: a listing reads one page of ids (its cards' fragment key)
    in its own order, and loads the pages themselves with their images only on a cache miss."""
    position = {pk: n for n, pk in enumerate(ids)}
    return sorted(pages, key=lambda page: position[page.pk])


class ListingMixin(models.Model):
    """How the page appears in lists and teasers elsewhere on the site."""

    listing_title = models.CharField(
        max_length=120, blank=True, help_text="Shorter title for lists and teasers; defaults to the page title."
    )
    listing_summary = models.CharField(
        max_length=300,
        blank=True,
        help_text="One or two sentences for lists and teasers; defaults to the introduction.",
    )
    listing_image = image_fk("Image for lists and teasers; defaults to the hero image.")

    panels = [
        MultiFieldPanel(
            [FieldPanel("listing_title"), FieldPanel("listing_summary"), FieldPanel("listing_image")],
            heading="Listings and teasers",
        )
    ]

    class Meta:
        abstract = True


class SocialMixin(models.Model):
    """The image shown when the page is shared on social media."""

    social_image = image_fk("Shown when the page is shared; 1200×630 works best. Defaults to the hero image.")

    panels = [FieldPanel("social_image")]

    class Meta:
        abstract = True


class BasePage(ListingMixin, SocialMixin, Page):
    """Fields every page shares: an introduction, a hero image and listing/SEO details."""

    intro = models.TextField(
        max_length=500, blank=True, help_text="One short paragraph under the title; also the default summary."
    )
    hero_image = image_fk("Large image at the top of the page (optional).")
    hero_image_alt = models.CharField(
        max_length=250,
        blank=True,
        help_text="Describe the hero image for people who cannot see it. Leave blank only if it is decorative.",
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel([FieldPanel("hero_image"), FieldPanel("hero_image_alt")], heading="Hero image"),
    ]
    promote_panels = Page.promote_panels + ListingMixin.panels + SocialMixin.panels
    search_fields = Page.search_fields + [index.SearchField("intro")]

    # Query parameters the page reads: the page cache keys on these alone (odi_site.caching).
    cache_query_params = ()

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        self.load_own_images()
        return context

    def load_own_images(self):
        """The hero and social images with their renditions in two queries, not one per image and
        one per size: the header, the srcset and the share card each ask for several."""
        ids = {self.hero_image_id, self.social_image_id} - {None}
        if ids:
            images = get_image_model().objects.prefetch_renditions().in_bulk(ids)
            if self.hero_image_id:
                self.hero_image = images.get(self.hero_image_id)
            if self.social_image_id:
                self.social_image = images.get(self.social_image_id)

    def route(self, request, path_components):
        """Wagtail's routing, with each child page loaded as its own type in one query.

        Wagtail's `Page.route` reads the child as a plain page, then again as its specific type;
        here the tables of the types this page allows are joined into the first read instead.
        Everything else (sub-routes, the live check, 404s) is Wagtail's own.
        """
        if not path_components:
            return super().route(request, path_components)
        child = self.child_with_slug(path_components[0])
        if child is None:
            raise Http404
        return child.route(request, path_components[1:])

    def child_with_slug(self, slug):
        """The child page at `slug` as its specific type, or None.

        Which page that is (its id and type) is shared under the content version: read from its
        own type's table, the child is one plain query, where a read that does not know the type
        joins the table of every type this page allows (for a child of the home page, three times
        as slow). The shared id is only a hint: the page is read as this page's child with this
        slug, so a hint that no longer holds falls back to the joined read.
        """
        joined = None

        def identify():
            nonlocal joined
            joined = self.joined_child(slug)
            return None if joined is None else (joined.pk, joined.content_type_id)

        digest = hashlib.sha256(slug.encode()).hexdigest()  # any length, any characters
        hint = versioned(f"pages:child:{self.pk}:{digest}", identify)
        if joined is not None or hint is None:
            return joined
        pk, content_type_id = hint
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        child = model.objects.child_of(self).filter(pk=pk, slug=slug).first() if model else None
        return child or self.joined_child(slug)

    def joined_child(self, slug):
        """The child page at `slug` as its specific type, or None, in one query joining the
        tables of the types this page allows."""
        links = {}
        for model in self.specific_class.allowed_subpage_models():
            if (link := model._meta.parents.get(Page)) is not None:
                links[model] = link.remote_field.get_accessor_name()
        page = Page.objects.child_of(self).filter(slug=slug).select_related(*links.values()).first()
        if page is None:
            return None
        for model, accessor in links.items():
            if page.content_type_id == ContentType.objects.get_for_model(model).pk:
                return getattr(page, accessor)
        return page.specific  # a type this page no longer allows: Wagtail's way

    def serve_preview(self, request, mode_name):
        """The editor shows previews (and runs its checks) in a frame of the admin: allow that one
        framing, by the site itself; public pages keep `frame-ancestors 'none'` and DENY."""
        return self.framed_in_admin(super().serve_preview(request, mode_name))

    @staticmethod
    @csp_replace({"frame-ancestors": ["'self'"]})
    def framed_in_admin(response):
        """Let the admin (the site itself) frame a preview response, through django-csp's own API."""
        response["X-Frame-Options"] = "SAMEORIGIN"
        return response

    @property
    def teaser_title(self):
        return self.listing_title or self.title

    @property
    def teaser_summary(self):
        return self.listing_summary or self.intro

    @property
    def teaser_image(self):
        return self.listing_image or self.hero_image

    @property
    def meta_description(self):
        return self.search_description or self.teaser_summary

    @property
    def share_image(self):
        return self.social_image or self.hero_image


class StandardPage(BasePage):
    """A general information page: about the office, its services, policies."""

    body = StreamField(BodyStreamBlock(), blank=True, help_text="The main content of the page.")

    content_panels = BasePage.content_panels + [FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("body")]

    template = "pages/content_page.html"
    parent_page_types = ["pages.HomePage", "pages.StandardPage"]
    subpage_types = ["pages.StandardPage", "pages.TeamPage"]

    class Meta:
        verbose_name = "standard page"


class HomePage(BasePage):
    """The site's front page: mission, key figures, the four pillars, upcoming events and the latest news."""

    mission_statement = RichTextField(
        features=RICH_TEXT_FEATURES, blank=True, help_text="The school's or office's mission, a paragraph or two."
    )
    mission_attribution = models.CharField(
        max_length=150,
        blank=True,
        help_text="Where the mission statement comes from, e.g. “School of Medicine mission”.",
    )
    key_figures = StreamField(
        [("key_figure", KeyFigureBlock())],
        blank=True,
        max_num=4,
        help_text="Up to four headline numbers, e.g. training participants or survey respondents.",
    )
    pillars_heading = models.CharField(
        max_length=120, default="What we do", help_text="Heading above the pillar teasers."
    )
    events_heading = models.CharField(
        max_length=120, default="Upcoming events", help_text="Heading above the upcoming events."
    )
    events_page = models.ForeignKey(
        "pages.EventIndexPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The events section whose next three upcoming events appear on the home page.",
    )
    body = StreamField(BodyStreamBlock(), blank=True, help_text="Optional extra content below the pillars.")

    content_panels = BasePage.content_panels + [
        MultiFieldPanel([FieldPanel("mission_statement"), FieldPanel("mission_attribution")], heading="Mission"),
        FieldPanel("key_figures"),
        MultiFieldPanel(
            [FieldPanel("pillars_heading"), InlinePanel("pillars", max_num=4, min_num=0)], heading="Pillars"
        ),
        MultiFieldPanel([FieldPanel("events_heading"), FieldPanel("events_page")], heading="Events"),
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("mission_statement"), index.SearchField("body")]

    template = "pages/home_page.html"
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "pages.StandardPage",
        "pages.CareerServicesPage",
        "pages.CommunityEngagementPage",
        "pages.EventIndexPage",
        "pages.NewsletterPage",
        "pages.ResourceLibraryPage",
        "pages.NewsIndexPage",
        "pages.ContactPage",
        "training.TrainingProgramPage",
        "survey.SurveyResultsIndexPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = "home page"

    @cached_property
    def pillar_teasers(self):
        """The pillar rows whose pages visitors may see (live, not restricted), with their pages."""
        pillars = self.pillars.select_related("page", "image").prefetch_related("image__renditions")
        visible = public(Page.objects.live())
        if isinstance(pillars, models.QuerySet):
            return list(pillars.filter(page__in=visible))
        # A preview's pillars live in the edit form, not in the database.
        ids = set(visible.filter(pk__in=[pillar.page_id for pillar in pillars]).values_list("pk", flat=True))
        return [pillar for pillar in pillars if pillar.page_id in ids]

    def get_context(self, request, *args, **kwargs):
        """The events section's cards are a cached fragment keyed by which events are next, so
        only their ids are read here; the events themselves (with images) load on a cache miss."""
        context = super().get_context(request, *args, **kwargs)
        section = self.events_section(request)
        ids = [pk for pk, _end in section["next"]]
        context["events_index_url"] = section["url"]
        context["upcoming_event_ids"] = ids
        # The events app's model, by name: pages/events/models.py builds on this module.
        event_model = apps.get_model("pages", "EventPage")
        context["upcoming_events"] = SimpleLazyObject(lambda: event_model.teasers(ids))
        news = self.news_section(request)
        context["news_index_url"] = news["url"]
        context["latest_articles"] = news["latest"]
        context["latest_article_ids"] = [article["pk"] for article in news["latest"]]
        return context

    def news_section(self, request, shown=3):
        """The news section below this page (if visitors may see it) and what the cards of its
        newest public articles show, from the shared cache until content changes: a cold render
        costs two queries (the section, the articles; the view restrictions are shared, see
        odi_site/caching/restrictions.py), a warm one none."""

        def load():
            # The news app's model, by name: pages/news/models.py builds on this module.
            index_model = apps.get_model("pages", "NewsIndexPage")
            section = public(index_model.objects.live().child_of(self)).defer_streamfields().first()
            if section is None:
                return {"url": None, "latest": []}
            articles = section.articles()[:shown]
            return {
                "url": section.get_url(request),
                "latest": [
                    {
                        "pk": article.pk,
                        "title": article.teaser_title,
                        "url": article.get_url(request),
                        "date": article.date,
                        "summary": article.teaser_summary,
                    }
                    for article in articles
                ],
            }

        return versioned(f"pages:home-news:{self.pk}", load, request=request)

    def events_section(self, request, shown=3):
        """The events section's address and the (id, end) of its next events, from the shared
        cache until content changes or the soonest of those events ends."""

        def load():
            # The events app's model, by name: pages/events/models.py builds on this module.
            index_model = apps.get_model("pages", "EventIndexPage")
            section = public(index_model.objects.live().filter(pk=self.events_page_id)).defer_streamfields().first()
            if section is None:
                return {"url": None, "next": []}  # none chosen, or visitors may not see it
            return {
                "url": section.get_url(request),
                "next": list(section.upcoming_events()[:shown].values_list("pk", "end")),
            }

        def until(section):
            return min((end for _pk, end in section["next"]), default=None)

        return versioned(f"pages:home-events:{self.pk}", load, until, request)


class HomePagePillar(Orderable):
    """One of the office's pillars (training, careers, community, survey) teased on the home page."""

    home = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="pillars")
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", help_text="The section this teaser links to."
    )
    title = models.CharField(max_length=80, help_text="Short name of the pillar, e.g. “Training”.")
    summary = models.CharField(max_length=250, help_text="One sentence on what visitors find there.")
    image = image_fk("Optional illustration; decorative, so no alt text is needed.")

    panels = [PageChooserPanel("page"), FieldPanel("title"), FieldPanel("summary"), FieldPanel("image")]

    def __str__(self):
        return self.title


SOCIAL_PLATFORMS = [
    ("linkedin", "LinkedIn"),
    ("instagram", "Instagram"),
    ("facebook", "Facebook"),
    ("youtube", "YouTube"),
    ("bluesky", "Bluesky"),
    ("x", "X"),
    ("mastodon", "Mastodon"),
]


class SocialLinkValue(blocks.StructValue):
    @property
    def platform_name(self):
        return dict(SOCIAL_PLATFORMS).get(self.get("platform"), self.get("platform"))


class SocialLinkBlock(blocks.StructBlock):
    """One social media profile in the footer."""

    platform = blocks.ChoiceBlock(choices=SOCIAL_PLATFORMS)
    url = blocks.URLBlock(help_text="Full address of the profile.")

    class Meta:
        icon = "link"
        value_class = SocialLinkValue


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Names and contact details shown in the header and footer; lets another school reuse the site."""

    institution_name = models.CharField(
        max_length=150,
        default="School of Medicine",
        help_text="The institution, e.g. “Washington University School of Medicine”.",
    )
    office_name = models.CharField(
        max_length=150,
        default="Office of Diversity, Equity & Inclusion",
        help_text="Shown in the header and page titles.",
    )
    tagline = models.CharField(max_length=200, blank=True, help_text="Short line under the office name in the footer.")
    address = models.TextField(blank=True, help_text="Postal address, one line per row.")
    phone = models.CharField(max_length=40, blank=True, help_text="Main phone number, e.g. 314-555-0100.")
    email = models.EmailField(blank=True, help_text="Public contact address.")
    social_links = StreamField([("link", SocialLinkBlock())], blank=True, help_text="Social media profiles.")
    footer_text = models.TextField(
        blank=True, max_length=500, help_text="A short statement at the bottom of every page."
    )
    report_concern_page = optional_fk(
        "wagtailcore.Page", "Linked as “Report a concern” in the header and footer of every page while it is live."
    )
    accessibility_page = optional_fk(
        "wagtailcore.Page", "The accessibility statement, linked in the footer of every page while it is live."
    )
    privacy_page = optional_fk(
        "wagtailcore.Page", "The privacy notice, linked in the footer of every page while it is live."
    )
    newsletter_page = optional_fk(
        "wagtailcore.Page", "The newsletter sign-up page, linked in the footer of every page while it is live."
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("institution_name"), FieldPanel("office_name"), FieldPanel("tagline")], heading="Names"
        ),
        MultiFieldPanel([FieldPanel("address"), FieldPanel("phone"), FieldPanel("email")], heading="Contact"),
        FieldPanel("social_links"),
        FieldPanel("footer_text"),
        MultiFieldPanel(
            [
                FieldPanel("report_concern_page"),
                FieldPanel("accessibility_page"),
                FieldPanel("privacy_page"),
                FieldPanel("newsletter_page"),
            ],
            heading="Pages linked from every page",
        ),
    ]

    class Meta:
        verbose_name = "site settings"

    def __str__(self):
        return self.office_name

    @classmethod
    def for_site(cls, site):
        """Wagtail's get-or-create, from the shared cache: every page shows these, and saving them
        replaces the content version (odi_site.caching)."""
        load = super().for_site
        return load(site) if site is None else versioned(f"pages:site-settings:{site.pk}", lambda: load(site))
