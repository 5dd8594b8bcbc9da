"""News and stories: topics, the news index (topic filter, pagination, RSS and Atom) and articles."""

import datetime

from django import forms
from django.db import models
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.functional import SimpleLazyObject
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.search import index

from odi_site.caching.restrictions import public
from odi_site.caching.version import versioned
from odi_site.json_ld import json_ld_script
from odi_site.pagination import paginate

from ..blocks import BodyStreamBlock
from ..models.base import BasePage, SiteSettings, in_order, with_listing_images
from .feeds import NewsAtomFeed, NewsFeed
from .schema import article_json_ld

ARTICLES_PER_PAGE = 12
TOPICS_KEY = "pages:news-topics"


class NewsTopic(models.Model):
    """A subject the office writes about (Training, Community, Survey) that visitors can filter news by."""

    name = models.CharField(max_length=80, unique=True, help_text="Shown on articles and in the topic filter.")
    slug = models.SlugField(
        max_length=80, unique=True, help_text="Used in filter addresses, e.g. /news/?topic=training."
    )

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        ordering = ["name"]
        verbose_name = "news topic"
        verbose_name_plural = "news topics"

    def __str__(self):
        return self.name


def with_teaser_images(queryset):
    """Articles with their author and teaser/hero images and renditions, in a fixed number of queries."""
    return with_listing_images(queryset).select_related("author")


class NewsIndexPage(RoutablePageMixin, BasePage):
    """The news section: articles newest first, a topic filter, pages of results and feeds."""

    body = StreamField(BodyStreamBlock(), blank=True, help_text="Optional text above the list of articles.")

    content_panels = BasePage.content_panels + [FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("body")]

    template = "pages/news_index_page.html"
    cache_query_params = ("topic", "page")
    parent_page_types = ["pages.HomePage"]
    subpage_types = ["pages.ArticlePage"]
    max_count = 1

    class Meta:
        verbose_name = "news index page"

    def articles(self):
        """Live articles visitors may see (view restrictions respected), newest first."""
        return public(ArticlePage.objects.live().child_of(self)).defer_streamfields().order_by("-date", "-pk")

    def topics(self):
        """Every topic, from the shared cache until content changes."""
        return versioned(TOPICS_KEY, lambda: list(NewsTopic.objects.all()))

    def chosen_topic(self, request):
        """The topic ?topic=<slug> names, None for no filter; an unknown topic is a 404."""
        slug = request.GET.get("topic", "")
        if not slug:
            return None
        chosen = next((topic for topic in self.topics() if topic.slug == slug), None)
        if chosen is None:
            raise Http404("No such news topic")
        return chosen

    @path("")
    def index_route(self, request, *args, **kwargs):
        """One page of article ids (the cards' fragment key); the articles load on a fragment miss."""
        topic = self.chosen_topic(request)
        articles = self.articles()
        if topic is not None:
            articles = articles.filter(topics=topic)
        page_obj = paginate(articles.values_list("pk", flat=True), request.GET.get("page"), ARTICLES_PER_PAGE)
        ids = list(page_obj)
        context = self.get_context(request)
        context.update(
            articles=SimpleLazyObject(lambda: ArticlePage.teasers(ids)),
            article_ids=ids,
            page_obj=page_obj,
            topic=topic,
            topics=self.topics(),
            pagination_query=f"topic={topic.slug}" if topic else "",
        )
        return TemplateResponse(request, self.get_template(request), context)

    @path("feed/", name="feed")
    def feed_route(self, request):
        return NewsFeed(self)(request)

    @path("feed/atom/", name="atom_feed")
    def atom_feed_route(self, request):
        return NewsAtomFeed(self)(request)


class ArticlePage(BasePage):
    """A news story or announcement from the office: dated, with an author and topics."""

    date = models.DateField(
        "publication date",
        default=datetime.date.today,
        help_text="The date shown on the article and used to order the news; usually the day it goes live.",
    )
    author = models.ForeignKey(
        "pages.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
        help_text="Who wrote it (from People); leave empty for news from the office as a whole.",
    )
    topics = ParentalManyToManyField(
        NewsTopic, blank=True, related_name="articles", help_text="What the article is about; visitors filter by these."
    )
    body = StreamField(BodyStreamBlock(), blank=True, help_text="The story itself.")

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [FieldPanel("date"), FieldPanel("author"), FieldPanel("topics", widget=forms.CheckboxSelectMultiple)],
            heading="Article details",
        ),
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("body"), index.FilterField("date")]

    template = "pages/article_page.html"
    parent_page_types = ["pages.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "article page"
        indexes = [models.Index(fields=["date"], name="pages_article_date")]

    @classmethod
    def teasers(cls, ids):
        """The articles with these ids, in that order, with what their cards show."""
        return in_order(with_teaser_images(cls.objects.filter(pk__in=ids).defer_streamfields()), ids)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Author and topics from the shared cache until content changes (a draft's in a preview).
        author, context["article_topics"] = versioned(
            f"pages:article-byline:{self.pk}", lambda: (self.author, list(self.topics.all())), request=request
        )
        if author is not None:
            self.author = author  # the template and the JSON-LD read it: no second query
        context["json_ld"] = json_ld_script(
            article_json_ld(self, request, SiteSettings.for_request(request).office_name)
        )
        # Its section, for the topic links and feeds: from the shared cache until content changes.
        context["news_index"] = versioned(
            f"pages:article-section:{self.pk}", lambda: NewsIndexPage.objects.parent_of(self).first()
        )
        return context
