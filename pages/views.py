"""The page view (cached routing, Wagtail's hooks), page files, search, robots.txt and error pages."""

import re
from urllib.parse import urlencode

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail import hooks
from wagtail.models import Page
from wagtail.views import serve_chain

from .routing import find_site, route, route_for_request
from .visibility import public

SEARCH_RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200
# Search is plain text, so these mean nothing to it, yet they break the database: Wagtail's SQLite
# backend puts each word into its FTS5 query without escaping double quotes (a syntax error), and
# PostgreSQL refuses NUL bytes.
IGNORED_IN_QUERY = re.compile(r'["\x00-\x1f\x7f]')


@require_GET
def search(request):
    """Full-text search over live, public pages (PostgreSQL full text on PostgreSQL)."""
    query = " ".join(IGNORED_IN_QUERY.sub(" ", request.GET.get("q", "")).split())[:MAX_QUERY_LENGTH]
    results = Page.objects.none()
    if query:
        site = find_site(request)
        pages = public(Page.objects.live())
        if site:
            pages = pages.descendant_of(site.root_page, inclusive=True)
        results = pages.specific().search(query)
    paginator = Paginator(results, SEARCH_RESULTS_PER_PAGE)
    try:
        results_page = paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        results_page = paginator.page(1)
    except EmptyPage:
        results_page = paginator.page(paginator.num_pages)
    return render(
        request,
        "pages/search.html",
        {
            "search_query": query,
            "results": results_page,
            "paginator": paginator,
            "pagination_query": urlencode({"q": query}),
        },
    )


# File addresses that Wagtail page URLs cannot express (they never contain a dot), mapped to
# the page sub-route that serves the file: events and training calendars, survey downloads.
PAGE_FILE_ROUTES = {
    "calendar.ics": ["calendar"],
    "download.csv": ["download", "csv"],
    "download.json": ["download", "json"],
}


def serve(request, path):
    """Wagtail's page view, with routing from pages.routing (one query instead of several)."""
    result = route_for_request(request, path)
    if result is None:
        raise Http404
    return serve_with_hooks(request, *result)


@require_GET
def page_file(request, path, filename):
    """Serve e.g. `/events/calendar.ics` through the page's own `calendar/` route."""
    if filename not in PAGE_FILE_ROUTES:
        raise Http404
    components = [part for part in path.split("/") if part] + PAGE_FILE_ROUTES[filename]
    return serve_with_hooks(request, *route(request, components))


def serve_with_hooks(request, page, args, kwargs):
    """As Wagtail's own serve view does: its hooks enforce view restrictions (private pages)."""
    chain = serve_chain
    for wrap in reversed(hooks.get_hooks("on_serve_page")):
        chain = wrap(chain)
    for before_serve in hooks.get_hooks("before_serve_page"):
        result = before_serve(page, request, args, kwargs)
        if isinstance(result, HttpResponse):
            return result
    return chain(page, request, args, kwargs)


@require_GET
@cache_control(public=True, max_age=60 * 60)
def robots_txt(request):
    return render(
        request, "robots.txt", {"sitemap_url": request.build_absolute_uri("/sitemap.xml")}, content_type="text/plain"
    )


def server_error(request):
    """A 500 page rendered without context processors, so it works when the database is down."""
    return HttpResponseServerError(loader.get_template("500.html").render())
