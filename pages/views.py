"""Page files, search, robots.txt and error pages (pages themselves are served by Wagtail)."""

import re
from urllib.parse import urlencode

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.views.decorators.http import require_GET
from wagtail import views as wagtail_views
from wagtail.models import Site

from odi_site.caching.page_cache import shareable

from .search import search_site

SEARCH_RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200
# Search is plain text, so these mean nothing to it, yet they break the database: Wagtail's SQLite
# backend puts each word into its FTS5 query without escaping double quotes (a syntax error), and
# PostgreSQL refuses NUL bytes.
IGNORED_IN_QUERY = re.compile(r'["\x00-\x1f\x7f]')


@require_GET
def search(request):
    """Full-text search over live, public pages and the people, partners and resources they list
    (pages/search.py); PostgreSQL's full text, with fuzzy matching, on PostgreSQL."""
    query = " ".join(IGNORED_IN_QUERY.sub(" ", request.GET.get("q", "")).split())[:MAX_QUERY_LENGTH]
    results, fuzzy = [], False
    if query:
        results, fuzzy = search_site(query, Site.find_for_request(request), request)
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
            "similar_words": fuzzy,
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


@require_GET
def page_file(request, path, filename):
    """Serve e.g. `/events/calendar.ics` through Wagtail's serve view at the page's `calendar/`
    route, so its view restrictions, live check and serve hooks apply as to the page itself."""
    if filename not in PAGE_FILE_ROUTES:
        raise Http404
    return wagtail_views.serve(request, path + "".join(f"{part}/" for part in PAGE_FILE_ROUTES[filename]))


@require_GET
@shareable()
def robots_txt(request):
    return render(
        request,
        "robots.txt",
        {"sitemap_url": request.build_absolute_uri(reverse("sitemap"))},
        content_type="text/plain",
    )


def server_error(request):
    """A 500 page rendered without context processors, so it works when the database is down."""
    return HttpResponseServerError(loader.get_template("500.html").render())
