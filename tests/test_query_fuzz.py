"""Query strings and path segments on every public view: never a 500, never markup echoed back.

Links get mangled in emails, bots append junk and scanners try injections, so every public
address of the demo tree (pages, their sub-routes, their file addresses and /search/) must
answer 200, a redirect, 400 or 404 to anything in the query string or a path parameter.
"""

import re
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

from pages.models import EventCategory, EventPage, FocusArea, NewsTopic
from pages.views import PAGE_FILE_ROUTES
from survey.models import Dimension, Measure
from training.choices import RegistrationStatus
from training.links import cancel_token
from training.models import Registration, TrainingSession

# Long query strings make page-cache keys that memcached would refuse; the site uses Redis or
# local memory, which accept them, so Django's portability warning is noise here.
pytestmark = pytest.mark.filterwarnings("ignore::django.core.cache.backends.base.CacheKeyWarning")

REPO = Path(__file__).resolve().parent.parent
ALLOWED_STATUSES = {200, 301, 302, 400, 404}
MARKUP = ("<script>alert(1)</script>", '"><svg onload=alert(1)>')
NASTY_VALUES = (
    "-1",
    "0",
    "999999999",
    "99999999999999999999999999",
    "1e9",
    "1.5",
    "nan",
    "abc",
    "",
    " ",
    "%00",
    "\x00",
    "a\x00b",
    "\r\n",
    "x" * 5000,
    "²",
    "١٢",
    "🙂",
    "Ünïcödé",
    "' OR 1=1 --",
    "1; DROP TABLE wagtailcore_page; --",
    '"unterminated',
    "NEAR(a b) AND * OR ^c:d",
    "../../etc/passwd",
    "[]",
    *MARKUP,
)
# Whole query strings no form would produce: repeated and array parameters, bad escapes.
RAW_QUERIES = (
    "",
    "page=1&page=2&category=a&category=b",
    "a[]=1&a[]=2&page[]=1",
    "%00=%00&page=%00",
    "page=%ZZ&q=%ff%fe",
    "q&page&&=&==",
)
# Made-up names in path parameters (dimension, measure, survey administration, file addresses).
MISSING_NAMES = ("no-such-name", "0", "-", "x" * 300, "DROP-TABLE", "Ünïcödé", "\x00", "..")
MISSING_ADDRESSES = (
    "/%00/",
    "/events/%00/",
    "/survey/no-such-administration/",
    "/survey/2014-15/no-such-view/",
    "/events/no-such-event/",
    "/events/past/extra/",
    "/training/no-such-level/",
    "/no-such-page/calendar.ics",
    "/about/calendar.ics",
    "/events/download.csv",
    "/survey/2014-15/calendar.ics",
    "/training/diversity-1-0/download.json",
)

# The query parameters each view reads (`request.GET` in pages/, training/, survey/), by page
# model and sub-route ("" is the page itself); test_every_parameter_read_is_fuzzed keeps it complete.
VIEW_PARAMS = {
    ("pages.EventIndexPage", ""): ("category", "page"),
    ("pages.EventIndexPage", "past/"): ("category", "page"),
    ("pages.EventIndexPage", "calendar/"): ("event",),
    ("pages.CommunityEngagementPage", ""): ("focus",),
    ("pages.NewsIndexPage", ""): ("topic", "page"),
    ("training.TrainingProgramPage", "calendar/"): ("session",),
    ("training.TrainingLevelPage", "thanks/"): ("token",),
    ("training.TrainingLevelPage", "cancel/"): ("token", "done"),
}
SEARCH_PARAMS = ("q", "page")
CONVERTER = re.compile(r"<(?:\w+:)?(\w+)>")


def routes(page):
    """The page's sub-route patterns; the page alone for pages that are not routable."""
    if not isinstance(page, RoutablePageMixin):
        return [""]
    return sorted({str(url.pattern) for url in page.get_subpage_urls()})


def route_addresses(page, route, samples):
    """Addresses of one route: its path parameters filled with real and made-up names."""
    names = CONVERTER.findall(route)
    if not names:
        return [page.url + route]
    return [page.url + CONVERTER.sub(quote(value, safe=""), route) for value in samples[names[0]]]


def public_addresses(samples):
    """(address, parameters its view reads) for /search/ and one live public page of each type,
    with all its routes and files.

    The code under fuzz is each page type's view and how it reads its parameters, the same for
    every page of the type: a second training level or event repeats the first one's requests
    (two thirds of them, in the demo tree). The crawl and the demo render tests visit every page.
    """
    addresses = [("/search/", SEARCH_PARAMS)]
    seen = set()
    for page in Page.objects.live().public().specific().order_by("path"):
        if page.url is None or type(page) in seen:  # the tree's root, above the site; a repeat
            continue
        seen.add(type(page))
        page_routes = routes(page)
        for route in page_routes:
            params = VIEW_PARAMS.get((page._meta.label, route), ())
            addresses += [(address, params) for address in route_addresses(page, route, samples)]
        for filename, components in PAGE_FILE_ROUTES.items():
            route = "/".join(components) + "/"
            if route in page_routes:
                addresses.append((page.url + filename, VIEW_PARAMS.get((page._meta.label, route), ())))
    return addresses + [(address, ()) for address in MISSING_ADDRESSES]


def problem(client, address, query=""):
    """None when the answer is acceptable, else what went wrong (status, markup echoed) and where."""
    response = client.get(f"{address}?{query}" if query else address)
    where = f"{address[:100]}?{query[:100]}"
    if response.status_code not in ALLOWED_STATUSES:
        return f"{response.status_code} for {where}"
    body = response.content.decode(errors="replace")
    if response.status_code == 200 and any(markup in body for markup in MARKUP):
        return f"markup echoed unescaped for {where}"
    return None


@pytest.fixture
def fuzz_client(client):
    """Answers as a visitor would see them: an error in a view is a 500 response, not an exception."""
    client.raise_request_exception = False
    return client


@pytest.fixture
def valid_values(demo_site):
    """A real value for each parameter, so the others are read in context while one is fuzzed."""
    session = TrainingSession.objects.order_by("start", "pk").first()
    cancelled = Registration.objects.create(
        session=session,
        name="Query Fuzz",
        email="query.fuzz@example.edu",
        department="Testing",
        status=RegistrationStatus.CANCELLED,
    )
    return {
        "category": EventCategory.objects.values_list("slug", flat=True).first(),
        "page": "2",
        "event": EventPage.objects.live().values_list("slug", flat=True).first(),
        "focus": FocusArea.objects.values_list("slug", flat=True).first(),
        "topic": NewsTopic.objects.values_list("slug", flat=True).first(),
        "session": str(session.pk),
        "token": cancel_token(cancelled),
        "done": "1",
        "q": "diversity",
    }


@pytest.fixture
def addresses(demo_site):
    """Every public address; dimension and measure routes get two real names and the made-up ones."""
    samples = {
        "slug": [*Dimension.objects.values_list("slug", flat=True)[:2], *MISSING_NAMES],
        "code": [*(code.lower() for code in Measure.objects.values_list("code", flat=True)[:2]), *MISSING_NAMES],
    }
    return public_addresses(samples)


def fuzzed_queries(params, valid_values):
    """For each parameter: each nasty value (and the real one mangled), the others at real values."""
    for name in params:
        others = {other: valid_values[other] for other in params if other != name}
        real = valid_values[name]
        for value in (*NASTY_VALUES, real[:-1], real * 2):
            yield urlencode({**others, name: value})


def test_every_parameter_read_is_fuzzed():
    """A view that starts reading a new parameter must be added to VIEW_PARAMS to be fuzzed."""
    read = set()
    pattern = re.compile(r"""request\.GET(?:\.get\(|\[)\s*["'](\w+)["']|["'](\w+)["']\s+in\s+request\.GET""")
    for app in ("pages", "training", "survey", "odi_site"):
        for path in (REPO / app).rglob("*.py"):
            read |= {name for match in pattern.findall(path.read_text()) for name in match if name}
    fuzzed = set(SEARCH_PARAMS).union(*VIEW_PARAMS.values())
    assert read <= fuzzed, f"not fuzzed: {sorted(read - fuzzed)}"


def test_nasty_values_in_every_parameter_a_view_reads(fuzz_client, addresses, valid_values):
    answers = (
        problem(fuzz_client, address, query)
        for address, params in addresses
        for query in fuzzed_queries(params, valid_values)
    )
    failures = [answer for answer in answers if answer]
    assert not failures, "\n".join(failures)


def test_malformed_query_strings_on_every_public_address(fuzz_client, addresses):
    answers = (problem(fuzz_client, address, query) for address, _ in addresses for query in RAW_QUERIES)
    failures = [answer for answer in answers if answer]
    assert not failures, "\n".join(failures)


@hypothesis_settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(data=st.data())
def test_random_text_in_any_parameter(fuzz_client, addresses, data):
    pairs = [(address, name) for address, params in addresses for name in params]
    address, name = data.draw(st.sampled_from(pairs), label="address and parameter")
    value = data.draw(st.text(max_size=300), label="value")
    assert problem(fuzz_client, address, urlencode({name: value})) is None
