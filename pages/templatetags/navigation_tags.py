"""Header navigation and breadcrumbs."""

from django import template
from wagtail.models import Site

from pages.navigation import breadcrumb_items, main_menu_items
from pages.sections import page_sections

register = template.Library()


@register.inclusion_tag("tags/main_menu.html", takes_context=True)
def main_menu(context):
    """Top-level menu; the current section is marked with aria-current."""
    request = context["request"]
    page = context.get("page")
    site = Site.find_for_request(request)  # Wagtail remembers it on the request
    current_path = getattr(page, "path", "") if page else ""
    items = []
    for item in main_menu_items(site) if site else []:
        is_current = bool(current_path) and current_path == item["path"]
        in_section = bool(current_path) and current_path.startswith(item["path"])
        items.append({**item, "is_current": is_current, "in_section": in_section})
    return {"items": items, "request": request}


@register.inclusion_tag("tags/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page):
    return {"ancestors": breadcrumb_items(page, context.get("request")), "page": page}


@register.inclusion_tag("tags/on_this_page.html")
def on_this_page(page):
    """Links to the H2 sections of the page's body, for the side column (none under two)."""
    return {"sections": page_sections(getattr(page, "body", None))}
