"""Site search: live public pages and the snippets visitors look for (people, partners,
resources), each result labelled with the section it belongs to.

A snippet has no address of its own: it is found at its place on the page that lists it (the
team page for a person, the community page for a partner, the library page for a resource), so
it is only shown while that page is live and public. On PostgreSQL a search that finds nothing
is tried again with Wagtail's fuzzy matching, so a typo ("unconcious") still finds the page.
"""

import logging
from dataclasses import dataclass

from django.apps import apps
from django.db import NotSupportedError, connection
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.query import Fuzzy

from odi_site.caching.restrictions import public

logger = logging.getLogger(__name__)

# Per source: enough for any real query on a site of this size, and a bound on the work.
MAX_PER_SOURCE = 100


@dataclass(frozen=True)
class Result:
    title: str
    url: str
    summary: str
    section: str
    score: float


@dataclass(frozen=True)
class ListedSnippets:
    """Snippets of `model` that visitors see on the page of type `page_type`, each at the
    element whose id its `search_anchor` gives; `listed` narrows them to those shown there, and
    `shown`, the name of a method of the model's manager, where a filter cannot say it (a
    resource whose document is in a private collection is never listed)."""

    model: str
    page_type: str
    listed: dict
    shown: str = "all"


SNIPPETS = (
    ListedSnippets("pages.CommunityPartner", "pages.CommunityEngagementPage", {}),
    ListedSnippets("pages.Resource", "pages.ResourceLibraryPage", {}, shown="listed"),
    ListedSnippets("pages.Person", "pages.TeamPage", {"on_team_page": True}),
)


def fuzzy_supported():
    """Wagtail's fuzzy search needs PostgreSQL (with pg_trgm, enabled by a migration)."""
    return connection.vendor == "postgresql"


def search_site(query, site, request):
    """The results for `query` on `site`, best first, and whether they came from fuzzy matching."""
    results = gather(query, site, request)
    if results or not fuzzy_supported():
        return results, False
    try:
        return gather(Fuzzy(query), site, request), True
    except NotSupportedError:
        # Fail open: without the extension a typo finds nothing, as on SQLite.
        logger.warning("Fuzzy search is unavailable: run the migrations (pg_trgm)", exc_info=True)
        return [], False


def gather(query, site, request):
    visible = public(Page.objects.live())
    if site is not None:
        visible = visible.descendant_of(site.root_page, inclusive=True)
    found = page_results(visible, query, site, request) + snippet_results(visible, query, request)
    return sorted(found, key=lambda result: result.score, reverse=True)


def page_results(visible, query, site, request):
    pages = list(visible.specific().search(query).annotate_score("search_score")[:MAX_PER_SOURCE])
    sections = section_titles(pages, site)
    return [
        Result(
            title=page.title,
            url=page.get_url(request),
            summary=getattr(page, "teaser_summary", "") or page.search_description,
            section=sections.get(page.path[: section_path_length(site)], "Home"),
            score=page.search_score or 0,
        )
        for page in pages
    ]


def section_path_length(site):
    """Length of the tree path of a section: a child of the site's home page."""
    depth = site.root_page.depth + 1 if site is not None else 3
    return Page.steplen * depth


def section_titles(pages, site):
    """Tree path of each top-level section the pages are in -> its title, in one query."""
    length = section_path_length(site)
    paths = {page.path[:length] for page in pages if len(page.path) >= length}
    return dict(Page.objects.filter(path__in=paths).values_list("path", "title"))


def snippet_results(visible, query, request):
    """Snippets found by `query`, for each kind whose listing page visitors may see."""
    results = []
    listings = listing_pages(visible)
    for source in SNIPPETS:
        listing = listings.get(source.page_type)
        if listing is None:
            continue  # no live public page lists them, so neither does search
        model = apps.get_model(source.model)
        shown = getattr(model.objects, source.shown)().filter(**source.listed)
        found = get_search_backend().search(query, shown).annotate_score("search_score")
        url = listing.get_url(request)
        results.extend(
            Result(
                title=str(snippet),
                url=f"{url}#{snippet.search_anchor}",
                summary=snippet.search_summary,
                section=listing.title,
                score=snippet.search_score or 0,
            )
            for snippet in found[:MAX_PER_SOURCE]
        )
    return results


def listing_pages(visible):
    """Page type label -> the first page of that type among `visible` (in tree order), for every
    type that lists snippets, in one query."""
    page_models = {source.page_type: apps.get_model(source.page_type) for source in SNIPPETS}
    listings = {}
    for page in visible.type(*page_models.values()).order_by("path"):
        for label, page_model in page_models.items():
            if issubclass(page.specific_class, page_model):
                listings.setdefault(label, page)
    return listings
