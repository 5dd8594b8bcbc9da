"""The public results pages: an index of administrations and one routable page per administration."""

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.search import index

from odi_site.caching.restrictions import public
from odi_site.subpages import subpage_url
from pages.blocks import BodyStreamBlock
from pages.models import BasePage

from .. import views
from ..page_forms import SurveyResultsPageForm
from ..releases import may_see_unreleased, released_among
from .data import Administration, Aggregate


class SurveyResultsIndexPage(BasePage):
    """The survey section: what the survey is and a list of its published administrations."""

    body = StreamField(BodyStreamBlock(), blank=True, help_text="About the survey, above the list of results.")

    content_panels = BasePage.content_panels + [FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("body")]

    template = "survey/survey_results_index_page.html"
    parent_page_types = ["pages.HomePage"]
    subpage_types = ["survey.SurveyResultsPage"]
    max_count = 1

    class Meta:
        verbose_name = "survey results index page"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        pages = list(
            public(SurveyResultsPage.objects.child_of(self).live())
            .select_related("administration__survey")
            .order_by("-administration__fielded_from", "-first_published_at")
        )
        # Interim results whose final results are listed too are left out (survey/releases.py).
        replaced = {page.administration.supersedes_id for page in pages if page.administration_id}
        context["result_pages"] = [page for page in pages if page.administration_id not in replaced]
        return context


class SurveyResultsPage(RoutablePageMixin, BasePage):
    """Results of one administration: figures from stored aggregates, narrative from editors."""

    administration = models.ForeignKey(
        "survey.Administration",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Whose figures this page shows. Load them first under Survey data › Import survey data.",
    )
    body = StreamField(
        BodyStreamBlock(),
        blank=True,
        help_text="Narrative around the figures: context, what we heard, what we are doing. Figures come from the data.",
    )
    gap_threshold = models.PositiveSmallIntegerField(
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text="Differences from all respondents of at least this many percentage points are highlighted.",
    )
    highlight_count = models.PositiveSmallIntegerField(
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(4)],
        help_text="How many factors are listed as strengths (highest % favorable) and as areas for focus (lowest).",
    )

    content_panels = BasePage.content_panels + [
        # A plain list, limited to what the editor may choose (survey/page_forms.py).
        FieldPanel("administration", widget=forms.Select),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("gap_threshold"), FieldPanel("highlight_count")], heading="Highlighting"),
    ]
    # Only the narrative is indexed; figures reach search only through the suppressed view, i.e. not at all.
    search_fields = BasePage.search_fields + [index.SearchField("body")]

    base_form_class = SurveyResultsPageForm
    template = "survey/survey_results_page.html"
    parent_page_types = ["survey.SurveyResultsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "survey results page"

    @classmethod
    def live_results(cls):
        """Live, public results pages that show an administration: what makes it released."""
        return public(cls.objects.live()).exclude(administration=None)

    @classmethod
    def released_ids(cls, survey_id):
        """Ids of the survey's released administrations (one query; survey/releases.py)."""
        rows = Administration.objects.filter(
            survey_id=survey_id, pk__in=cls.live_results().values("administration_id")
        ).values_list("pk", "supersedes_id")
        return released_among(rows)

    def survey_administrations(self):
        """This page's administration and its survey's others, with the survey (one query)."""
        return Administration.objects.select_related("survey").filter(
            survey__administrations__id=self.administration_id
        )

    @staticmethod
    def aggregates():
        """The stored figures the views read, always through the suppression gate."""
        return Aggregate.objects.all()

    def serve_preview(self, request, mode_name):
        """Results that are not public yet are previewed only by those who may read the data."""
        public = self.live_results().filter(administration_id=self.administration_id).exists()
        if self.administration_id and not public and not may_see_unreleased(request.user):
            context = {"page": self, "self": self}
            return self.framed_in_admin(TemplateResponse(request, "survey/preview_withheld.html", context, status=403))
        return super().serve_preview(request, mode_name)

    def get_sitemap_urls(self, request=None):
        """Every view of the results has its own address for search engines; replaced (interim)
        results are not listed at all."""
        if self.administration_id is None or views.replacement_url(self):
            return []
        urls = super().get_sitemap_urls(request)
        extra = [
            {**urls[0], "location": subpage_url(self, *route, request=request, full=True)}
            for route in views.sitemap_routes(self)
        ]
        return [*urls, *extra]

    def serve(self, request, *args, **kwargs):
        """Interim results replaced by live final results send visitors to the final results."""
        if not getattr(request, "is_preview", False):
            url = views.replacement_url(self)
            if url:
                return redirect(url)
        return super().serve(request, *args, **kwargs)

    @path("")
    def overview(self, request):
        return views.overview(self, request)

    @path("profile/")
    def profile(self, request):
        return views.profile(self, request)

    @path("dimension/<slug:slug>/")
    def dimension(self, request, slug):
        return views.dimension(self, request, slug)

    @path("measure/<slug:code>/")
    def measure(self, request, code):
        return views.measure(self, request, code)

    @path("trend/")
    def trend(self, request):
        return views.trend(self, request)

    @path("download/csv/")
    def download_csv(self, request):
        return views.download_csv(self, request)

    @path("download/json/")
    def download_json(self, request):
        return views.download_json(self, request)

    def require_results(self):
        if self.administration_id is None:
            raise Http404("This results page has no administration yet.")
