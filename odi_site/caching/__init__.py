"""Caching for anonymous visitors, in one place (docs/architecture.md explains it in a page).

- `version`: one content version token in the shared cache; any change that can show on a
  public page replaces it, which makes every cached page and fragment stale at once.
- `page_cache`: the whole-page cache middleware (which stores) and the `Cache-Control` a CDN reads.
- `front`: the WSGI middleware that answers cached pages before Django's handler runs.
- `invalidation`: which saves, deletes and page-tree signals replace the token.
- `restrictions`: Wagtail's view restrictions, read once per token for every list of pages.
- `backends`: a Redis cache that fails open (an outage makes pages slower, never a 500).
"""
