"""Template context shared by every page."""

from django.utils.functional import lazy

from . import caching


def content_version(request):
    """The content version (pages.caching), to key fragment caches that must follow any publish.

    Lazy, so templates that cache nothing never read it.
    """
    return {"content_version": lazy(caching.content_version, int)()}
