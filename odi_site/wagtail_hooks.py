"""Site-wide Wagtail hooks that belong to no one section."""

from wagtail import hooks

from .admin_access import CheckedDeleteBulkAction
from .caching.page_cache import mark_shareable

# After Wagtail's own snippet bulk delete (order 0), which it replaces (odi_site/admin_access.py).
hooks.register("register_bulk_action", CheckedDeleteBulkAction, order=1)


@hooks.register("on_serve_page")
def share_pages_with_the_page_cache(serve_page):
    """Every page Wagtail serves may be stored for anonymous visitors, keyed by the query
    parameters its model lists in `cache_query_params`. The page cache still refuses what is
    not safe to share: restricted pages (Wagtail marks them no-cache), form pages (private)."""

    def serve(page, request, args, kwargs):
        response = serve_page(page, request, args, kwargs)
        return mark_shareable(response, getattr(page, "cache_query_params", ()))

    return serve
