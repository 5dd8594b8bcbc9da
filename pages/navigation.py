"""Site navigation, cached per site under the content version, so any page change rebuilds it; breadcrumbs."""

from django.db.models import Q
from wagtail.models import Page

from odi_site.caching.restrictions import public
from odi_site.caching.version import versioned

# SiteSettings fields naming pages that the header and footer of every page link to.
LINKED_PAGES = ("report_concern_page", "accessibility_page", "privacy_page", "newsletter_page")


def site_navigation(site, site_settings, request=None):
    """The main menu (live top-level pages marked "show in menus") and the live, public pages the
    site settings link from every page, read in one query and cached as plain dicts.

    `{"menu": [{"id", "title", "url", "path"}, ...], "links": {"report_concern_page": {...}, ...},
    "footer": [the linked pages in LINKED_PAGES order]}`;
    a link whose page is unset, unpublished or private is absent. Publishing, unpublishing,
    moving a page, restricting it and saving the settings all replace the content version.
    With the `request`, Wagtail reads the sites' root paths once for all the addresses.
    """

    def load():
        linked = {}
        for name in LINKED_PAGES:
            linked.setdefault(getattr(site_settings, f"{name}_id", None), []).append(name)
        linked.pop(None, None)
        root = site.root_page
        in_menu = Page.objects.child_of_q(root) & Page.objects.in_menu_q()
        pages = (
            public(Page.objects.live())
            .filter(in_menu | Q(pk__in=list(linked)))
            .order_by("path")
            .only("id", "title", "url_path", "path", "depth", "show_in_menus")
        )
        menu, links = [], {}
        for p in pages:
            item = {"id": p.id, "title": p.title, "url": p.get_url(request), "path": p.path}
            if p.show_in_menus and p.depth == root.depth + 1 and p.path.startswith(root.path):
                menu.append(item)
            for name in linked.get(p.id, ()):
                links[name] = item
        footer = list({links[name]["id"]: links[name] for name in LINKED_PAGES if name in links}.values())
        return {"menu": menu, "links": links, "footer": footer}

    return versioned(f"pages:navigation:{site.pk}", load)


def breadcrumb_items(page, request=None):
    """Ancestors below the site root as title/url dicts (home is linked separately); cached with
    the rest of the page's frame (pages/templatetags/navigation_tags.py)."""
    ancestors = Page.objects.ancestor_of(page).filter(depth__gt=2).only("id", "title", "url_path", "path", "depth")
    return [{"title": p.title, "url": p.get_url(request)} for p in ancestors]
