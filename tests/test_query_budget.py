"""Every public page type renders in at most 8 queries, however much content the site holds.

Measured with the whole-page cache off (a real render) after one warm-up request, on the demo
tree, and again after the events and the pages per section have grown tenfold. (Search is not
a page: it loads each page type among its results once, so it stays under 3 + the number of
page types, whatever the content.)
"""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from pages.models import EventIndexPage, StandardPage
from tests.factories import EventPageFactory, StandardPageFactory

QUERY_BUDGET = 8
# Views below a page's own address (routable pages), as visitors reach them from the demo tree.
SUB_VIEWS = [
    "/events/past/",
    "/events/?category=community-voices",
    "/events/feed/",
    "/events/calendar.ics",
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


def count_queries(client, address):
    client.get(address)  # warm-up: cached routes, settings, navigation
    with CaptureQueriesContext(connection) as queries:
        response = client.get(address)
    assert response.status_code == 200, address
    return len(queries)


def grow_tenfold(home):
    """Ten times the demo's events and ten times the pages under each standard section."""
    index = EventIndexPage.objects.get()
    for n in range(9 * index.get_children().count()):
        EventPageFactory(parent=index, title=f"Extra event {n}", slug=f"extra-event-{n}")
    for section in StandardPage.objects.child_of(home):
        for n in range(9 * max(section.get_children().count(), 1)):
            StandardPageFactory(parent=section, title=f"Extra page {n}", slug=f"extra-page-{n}")


def test_each_page_type_stays_within_budget_as_content_grows_tenfold(client, demo_site, settings):
    settings.PAGE_CACHE_SECONDS = 0
    before = {address: count_queries(client, address) for address in addresses()}
    over = {address: count for address, count in before.items() if count > QUERY_BUDGET}
    assert not over, f"over the budget of {QUERY_BUDGET} queries: {over}"
    grow_tenfold(demo_site.root_page)
    grown = {address: (before[address], count_queries(client, address)) for address in before}
    # Fewer is fine: the extra events have no images, so a teaser list may skip its renditions.
    assert not {address: counts for address, counts in grown.items() if counts[1] > counts[0]}
