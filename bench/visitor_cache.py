"""Settings for bench/cache_bench.py only: form pages cached per visitor with Django's own cache
middleware, to measure that alternative against rendering them for every visitor (what the site
does). Django's middleware rightly refuses `private` responses, so for this experiment form
pages say `Vary: Cookie` instead: each visitor (CSRF cookie) gets an entry of their own.
"""

from odi_site.settings.production import *


class PerVisitorMiddleware:
    """Turn a form page's `private` into `Vary: Cookie`, so Django's cache keys it per visitor."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        control = response.get("Cache-Control", "")
        if "private" in control:
            response["Cache-Control"] = ", ".join(p for p in control.split(", ") if p not in ("private", "no-store"))
            response["Vary"] = "Cookie"
        return response


MIDDLEWARE = [
    "django.middleware.cache.UpdateCacheMiddleware",
    "bench.visitor_cache.PerVisitorMiddleware",
    *MIDDLEWARE,
    "django.middleware.cache.FetchFromCacheMiddleware",
]
CACHE_MIDDLEWARE_SECONDS = 600
CACHE_MIDDLEWARE_KEY_PREFIX = "visitor"
