"""Which pages anonymous visitors may see, without a query per listing or per request.

Wagtail's `PageQuerySet.public()` reads every view restriction each time it is called, and
`Page.get_view_restrictions()` reads a page's ancestors and their restrictions on every request.
Restrictions change rarely and saving one bumps the content version, so both answers are cached.
"""

from django.db.models import Q
from wagtail.models import PageViewRestriction

from .caching import versioned


def restricted_paths():
    """Tree paths of the pages that carry a view restriction (their subtrees are private)."""
    return versioned(
        "pages:restricted-paths", lambda: list(PageViewRestriction.objects.values_list("page__path", flat=True))
    )


def public(pages):
    """`pages.public()`, with the restricted subtrees taken from the cache."""
    hidden = Q()
    for path in restricted_paths():
        hidden |= Q(path__startswith=path)
    return pages.exclude(hidden) if hidden else pages


def view_restrictions(page, load):
    """The restrictions applying to `page` (`load()` is Wagtail's own query), cached per page."""
    return versioned(f"pages:view-restrictions:{page.pk}", lambda: list(load()))
