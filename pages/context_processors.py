"""Template context shared by every page."""

from django.utils.functional import SimpleLazyObject

from . import caching


def content_version(request):
    """The content version (pages.caching), to key fragment caches that must follow any publish.

    Read from the cache once per render, on first use: templates that cache nothing never read
    it, and a page with many cached fragments (cards) reads it only once.
    """
    return {"content_version": SimpleLazyObject(caching.content_version)}
