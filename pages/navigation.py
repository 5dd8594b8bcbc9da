"""Site navigation, cached per site under the content version, so any page change rebuilds it."""

from wagtail.models import Page

from odi_site.caching.version import versioned


def main_menu_items(site):
    """Live top-level pages marked "show in menus", as plain dicts (cheap to cache and pickle)."""

    def load():
        pages = site.root_page.get_children().live().public().in_menu().only("id", "title", "url_path", "path", "depth")
        return [{"id": p.id, "title": p.title, "url": p.get_url(), "path": p.path} for p in pages]

    return versioned(f"pages:main-menu:{site.pk}", load)


def breadcrumb_items(page, request=None):
    """Ancestors below the site root as title/url dicts (home is linked separately), cached."""

    def load():
        ancestors = Page.objects.ancestor_of(page).filter(depth__gt=2).only("id", "title", "url_path", "path", "depth")
        return [{"title": p.title, "url": p.get_url(request)} for p in ancestors]

    return versioned(f"pages:breadcrumbs:{page.pk}", load)
