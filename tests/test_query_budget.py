"""Every public page type renders in a small, fixed number of queries, however much content exists.

Measured with the whole-page cache off (a real render), warm (after one request) and cold (with
every cache empty, as right after a publish), on the demo tree and again after the events and
the pages per section have grown tenfold. Queries on content tables and cache round trips are
counted apart (tests/queries.py). Search is not a page type: it loads each page type among its
results once, so it stays under 3 + the number of page types, whatever the content.
"""

from django.core.cache import caches
from wagtail.models import Page

from pages.factories import ArticlePageFactory, EventPageFactory, StandardPageFactory
from pages.models import EventIndexPage, NewsIndexPage, StandardPage
from tests.queries import cost_of

# Wagtail's routing costs 5 of these for a section (the site, the home page, the section, and
# the view-restriction check's two) and 6 for a page below one. The listings (events, news) then
# count their pages and read one page of their ids: 7 (the cards are a cached fragment keyed by
# those ids; the pages and their renditions load on a miss). The restriction list their filter
# needs is shared under the content version (odi_site/caching/restrictions.py).
QUERY_BUDGET = 8
# Version, page entry, routing hints (one per level), the page frame, settings, navigation, fragments,
# Wagtail's site root paths.
CACHE_BUDGET = 16
# Pages gathering several lists pay for each on a cold render only (each list is cached): the
# home page its teasers from every section and its latest news, the community page focus areas,
# partners, events and the affinity directory, About the live participation figure and its team
# page's card. The view restrictions are read once for all of a page's lists.
COLD_BUDGET = 20
# Views below a page's own address (routable pages), as visitors reach them from the demo tree.
SUB_VIEWS = [
    "/events/past/",
    "/events/?category=community-voices",
    "/events/feed/",
    "/events/calendar.ics",
    "/news/?topic=training",
    "/news/feed/",
    "/news/feed/atom/",
    "/training/calendar.ics",
    "/survey/2014-15/profile/",
    "/survey/2014-15/dimension/role/",
    "/survey/2014-15/measure/trust/",
    "/survey/2014-15/download.csv",
]


def addresses():
    """One address per live page type (the first in tree order), plus SUB_VIEWS."""
    first = {}
    for page in Page.objects.live().public().filter(depth__gt=1).specific().order_by("path"):
        first.setdefault(type(page).__name__, page.url)
    return sorted(first.values()) + SUB_VIEWS


def grow_tenfold(home):
    """Ten times the demo's events and articles and ten times the pages under each standard section."""
    index = EventIndexPage.objects.get()
    for n in range(9 * index.get_children().count()):
        EventPageFactory(parent=index, title=f"Extra event {n}", slug=f"extra-event-{n}")
    news = NewsIndexPage.objects.get()
    for n in range(9 * news.get_children().count()):
        ArticlePageFactory(parent=news, title=f"Extra article {n}", slug=f"extra-article-{n}")
    for section in StandardPage.objects.child_of(home):
        for n in range(9 * max(section.get_children().count(), 1)):
            StandardPageFactory(parent=section, title=f"Extra page {n}", slug=f"extra-page-{n}")


def over_budget(costs):
    over = {}
    for address, cost in costs.items():
        if len(cost.queries) > QUERY_BUDGET or len(cost.cache) > CACHE_BUDGET:
            over[address] = (len(cost.queries), len(cost.cache))
    return over


def test_each_page_type_stays_within_budget_as_content_grows_tenfold(client, demo_site, settings):
    settings.PAGE_CACHE_SECONDS = 0
    before = {address: cost_of(client, address) for address in addresses()}
    assert not over_budget(before), f"over the budget (queries, cache round trips): {over_budget(before)}"
    grow_tenfold(demo_site.root_page)
    grown = {address: cost_of(client, address) for address in before}
    # Fewer is fine: the extra events have no images, so a teaser list may skip its renditions.
    assert not {
        address: (len(before[address].queries), len(cost.queries))
        for address, cost in grown.items()
        if len(cost.queries) > len(before[address].queries) or len(cost.cache) > len(before[address].cache)
    }


def test_a_cold_render_stays_within_its_budget(client, demo_site, settings):
    """Right after a publish every cached fragment, list and setting is computed again."""
    settings.PAGE_CACHE_SECONDS = 0
    for address in addresses():
        client.get(address)  # per-process state Django and Wagtail keep (content types)
        for cache in caches.all():
            cache.clear()
        cost = cost_of(client, address, warm=False)
        assert len(cost.queries) <= COLD_BUDGET, (address, len(cost.queries), cost.queries)
