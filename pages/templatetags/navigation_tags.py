"""The frame of every page (header, navigation, breadcrumbs, footer) and in-page navigation."""

from django import template
from django.template.loader import render_to_string
from wagtail.models import Page, Site

from odi_site.caching.version import versioned
from pages.models import SiteSettings
from pages.navigation import breadcrumb_items, site_navigation
from pages.sections import page_sections

register = template.Library()

# The parts of the frame that show only the site's settings and navigation, marked for the page.
# They are shared by every visitor of the page: nothing of the visitor (user, token) may show.
FRAME_TEMPLATES = {
    "header": "includes/header.html",
    "footer": "includes/footer.html",
    "contact": "includes/aside_contact.html",
}
NO_NAVIGATION = {"menu": [], "links": {}, "footer": []}


@register.simple_tag(takes_context=True)
def page_frame(context):
    """The office's name and this page's header, breadcrumbs, footer and contact box as HTML.

    They depend only on the site's settings, its navigation and which page this is, so they are
    kept in the shared cache per page until content changes: a warm page reads them in one
    round trip instead of reading settings, menu and breadcrumbs and rendering them again.
    Never in a preview: the breadcrumbs show the page's own title, a draft's there.
    """
    request = context.get("request")
    page = context.get("page")
    page = page if isinstance(page, Page) else None  # views may name other things "page"
    if request is None:
        return {}
    site = Site.find_for_request(request)  # Wagtail remembers it on the request

    def render():
        site_settings = SiteSettings.for_request(request)
        values = {
            "page": page,
            "request": request,
            "site_settings": site_settings,
            "navigation": site_navigation(site, site_settings, request) if site else NO_NAVIGATION,
        }
        parts = {part: render_to_string(name, values) for part, name in FRAME_TEMPLATES.items()}
        if page is not None and (page.depth or 0) > 2:  # an unsaved page (a preview) has none
            values["ancestors"] = breadcrumb_items(page, request)
            parts["breadcrumbs"] = render_to_string("tags/breadcrumbs.html", values)
        return {"office_name": site_settings.office_name, **parts}

    if site is None:
        return render()
    # The parts stay SafeStrings through the cache (pickle keeps the class); the name is plain text.
    return versioned(f"pages:frame:{site.pk}:{page.pk if page else 0}", render, request=request)


@register.inclusion_tag("tags/main_menu.html", takes_context=True)
def main_menu(context, navigation):
    """Top-level menu; the current section is marked with aria-current."""
    page = context.get("page")
    current_path = getattr(page, "path", "") if page else ""
    items = []
    for item in navigation["menu"]:
        is_current = bool(current_path) and current_path == item["path"]
        in_section = bool(current_path) and current_path.startswith(item["path"])
        items.append({**item, "is_current": is_current, "in_section": in_section})
    return {"items": items, "request": context.get("request")}


@register.inclusion_tag("tags/on_this_page.html")
def on_this_page(page):
    """Links to the H2 sections of the page's body, for the side column (none under two)."""
    return {"sections": page_sections(getattr(page, "body", None))}
