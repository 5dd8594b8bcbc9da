"""Wagtail's view restrictions, read once per content version for every list of pages.

Wagtail's `PageQuerySet.public()` reads every restriction each time it is called, so a page
gathering several lists (the home page's pillars, events, news, menu and live figure) read them
once per list. Which sections are restricted changes only with a change that replaces the
content version (a restriction saved or deleted, a page moved or deleted), so the filter
Wagtail builds from them (`private_q()`) is shared under it, by every process.
"""

from wagtail.models import Page

from .version import versioned

PRIVATE_KEY = "pages:private-sections"


def public(pages):
    """`pages` (a page queryset) without those visitors may not see, as Wagtail's `pages.public()`."""
    return pages.exclude(versioned(PRIVATE_KEY, Page.objects.private_q))
