"""Pages visitors may see, in the query that loads them.

Wagtail's `PageQuerySet.public()` reads every view restriction first (one query) and then
excludes their sections; `public()` here excludes the same pages (any with a restriction on
itself or an ancestor) with a subquery, so a page that loads a few pages from elsewhere in the
tree pays one query, not two. Used by `pages` and `training`, so it belongs to neither.
"""

from django.db.models import Exists, OuterRef
from django.db.models.functions import Length, Substr
from wagtail.models import PageViewRestriction


def public(pages):
    """`pages` (a page queryset) without those a view restriction hides."""
    # A restriction hides its page and every page whose tree path starts with that page's path.
    hidden = PageViewRestriction.objects.filter(page__path=Substr(OuterRef("path"), 1, Length("page__path")))
    return pages.exclude(Exists(hidden))
