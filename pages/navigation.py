"""Site navigation, cached per site and rebuilt when the page tree changes (see signals.py)."""

from django.core.cache import cache
from wagtail.models import Page

MENU_CACHE_KEY = "pages:main-menu:{site_id}"
MENU_CACHE_SECONDS = 60 * 60 * 24


def main_menu_items(site):
    """Live top-level pages marked "show in menus", as plain dicts (cheap to cache and pickle)."""
    key = MENU_CACHE_KEY.format(site_id=site.pk)
    items = cache.get(key)
    if items is None:
        root = site.root_page
        pages = root.get_children().live().public().in_menu().only("id", "title", "url_path", "path", "depth")
        items = [{"id": p.id, "title": p.title, "url": p.get_url(), "path": p.path} for p in pages]
        cache.set(key, items, MENU_CACHE_SECONDS)
    return items


def clear_menu_cache():
    """Forget every site's menu; called whenever a page is published, moved or removed."""
    from wagtail.models import Site

    cache.delete_many([MENU_CACHE_KEY.format(site_id=pk) for pk in Site.objects.values_list("pk", flat=True)])


def breadcrumb_pages(page):
    """Ancestors below the site root (the home page is linked separately)."""
    return Page.objects.ancestor_of(page).filter(depth__gt=2).only("id", "title", "url_path", "path", "depth")
