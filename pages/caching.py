"""Whole-page caching for anonymous visitors, invalidated by one content version number.

Any change that can show on a public page (publishing, moving or deleting a page, saving a
snippet, setting, image or app record) bumps the version, which makes every cached page stale
at once. That is coarse but never serves stale content, and an office site changes rarely
compared with how often it is read.
"""

from django.conf import settings
from django.core.cache import cache
from django.utils.cache import patch_cache_control

VERSION_KEY = "pagecache:version"
# Apps whose records appear on public pages; saving or deleting one bumps the version.
CONTENT_APPS = {"pages", "training", "survey", "wagtailimages", "wagtaildocs", "wagtailredirects"}
CONTENT_MODELS = {("wagtailcore", "site"), ("wagtailcore", "page")}
# Records in those apps that never appear on a public page (personal data): no invalidation.
PRIVATE_MODELS = {("pages", "consultationrequest")}


def content_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        version = cache.get(VERSION_KEY, 1)
    return version


def invalidate_page_cache():
    """Make every cached page and fragment stale; call after bulk writes that send no signals."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, timeout=None)


def is_content_model(model):
    meta = model._meta
    if (meta.app_label, meta.model_name) in PRIVATE_MODELS:
        return False
    if meta.app_label in CONTENT_APPS:
        return not meta.model_name.endswith("rendition")  # renditions are made while rendering
    return (meta.app_label, meta.model_name) in CONTENT_MODELS


class AnonymousPageCacheMiddleware:
    """Serve anonymous GET/HEAD requests from the cache; store only responses safe to share.

    Never stored: requests with a session or messages cookie (a signed-in editor or a
    visitor with a pending message), responses that set cookies (a CSRF token for a form),
    that are not 200, or that say private/no-store.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.timeout = settings.PAGE_CACHE_SECONDS
        self.max_age = settings.PAGE_CACHE_MAX_AGE

    def __call__(self, request):
        if not self.timeout or not self.is_cacheable_request(request):
            return self.get_response(request)
        key = f"pagecache:{content_version()}:{request.get_host()}:{request.get_full_path()}"
        response = cache.get(key)
        if response is not None:
            return response
        response = self.get_response(request)
        if self.is_shareable(request, response):
            patch_cache_control(response, public=True, max_age=self.max_age)
            if hasattr(response, "render") and callable(response.render):
                response.render()
            cache.set(key, response, self.timeout)
        return response

    @staticmethod
    def is_cacheable_request(request):
        if request.method not in ("GET", "HEAD"):
            return False
        cookies = request.COOKIES
        return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies

    @staticmethod
    def is_shareable(request, response):
        if response.status_code != 200 or response.cookies or response.streaming:
            return False
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
            return False
        control = response.get("Cache-Control", "")
        return "private" not in control and "no-store" not in control and "no-cache" not in control
