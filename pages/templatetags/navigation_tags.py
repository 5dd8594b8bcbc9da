"""Header navigation, the pages every page links to, and breadcrumbs."""

from django import template
from wagtail.models import Site

from pages.models import SiteSettings
from pages.navigation import breadcrumb_items, site_navigation
from pages.sections import page_sections

register = template.Library()


@register.simple_tag(takes_context=True)
def site_links(context):
    """The menu and the linked pages (report a concern, accessibility, privacy, newsletter) for
    this request's site: base.html reads them once for the header and the footer."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None  # Wagtail remembers it on the request
    if site is None:
        return {"menu": [], "links": {}, "footer": []}
    return site_navigation(site, SiteSettings.for_request(request), request)


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


@register.inclusion_tag("tags/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page):
    """With the request, for `{% pageurl %}`: Wagtail keeps the sites' root paths on it."""
    request = context.get("request")
    return {"ancestors": breadcrumb_items(page, request), "page": page, "request": request}


@register.inclusion_tag("tags/on_this_page.html")
def on_this_page(page):
    """Links to the H2 sections of the page's body, for the side column (none under two)."""
    return {"sections": page_sections(getattr(page, "body", None))}
