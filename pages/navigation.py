"""Site navigation, cached per site under the content version, so any page change rebuilds it."""

from django.core.cache import cache
from wagtail.models import Page

from .caching import content_version

MENU_CACHE_KEY = "pages:main-menu:{version}:{site_id}"
MENU_CACHE_SECONDS = 60 * 60 * 24


def main_menu_items(site):
    """Live top-level pages marked "show in menus", as plain dicts (cheap to cache and pickle)."""
    key = MENU_CACHE_KEY.format(version=content_version(), site_id=site.pk)
    items = cache.get(key)
    if items is None:
        root = site.root_page
        pages = root.get_children().live().public().in_menu().only("id", "title", "url_path", "path", "depth")
        items = [{"id": p.id, "title": p.title, "url": p.get_url(), "path": p.path} for p in pages]
        cache.set(key, items, MENU_CACHE_SECONDS)
    return items


BREADCRUMB_CACHE_KEY = "pages:breadcrumbs:{version}:{page_id}"


def breadcrumb_items(page, request=None):
    """Ancestors below the site root as title/url dicts (home is linked separately), cached."""
    key = BREADCRUMB_CACHE_KEY.format(version=content_version(), page_id=page.pk)
    items = cache.get(key)
    if items is None:
        ancestors = Page.objects.ancestor_of(page).filter(depth__gt=2).only("id", "title", "url_path", "path", "depth")
        items = [{"title": p.title, "url": p.get_url(request)} for p in ancestors]
        cache.set(key, items, MENU_CACHE_SECONDS)
    return items
