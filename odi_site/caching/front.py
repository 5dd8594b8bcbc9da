"""Cached pages answered in front of Django: a WSGI middleware around the site's application.

An entry is the response exactly as it left the site (PageCacheMiddleware stores it above all
middleware but WhiteNoise), so a hit needs nothing Django's handler adds: no middleware, signals or
response object. Answering it here halves what a hit costs (bench/cache_bench.py). The request
is read through Django's own `WSGIRequest`, so scheme, host validation, path and cookies are
exactly what the middleware sees. Every miss, and anything that is not an anonymous read, goes
on to Django, with the look-up's result in the environ so the middleware does not repeat it.
Wrapping the WSGI application is how Django's deployment guide applies WSGI middleware.
"""

from http import HTTPStatus

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.core.handlers.wsgi import WSGIRequest

from .page_cache import LOOKED_UP, address_of, is_anonymous_read, served


class CachedPages:
    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        request = WSGIRequest(environ)
        if is_anonymous_read(request) and not request.path.startswith(settings.STATIC_URL):
            try:
                address = address_of(request)
            except DisallowedHost:  # Django answers it (400), as for any request
                return self.application(environ, start_response)
            token, entry = served(request, address)
            if entry is not None:
                status, headers, content = entry
                start_response(f"{status} {HTTPStatus(status).phrase}", headers)
                return [content]
            environ[LOOKED_UP] = (address, token)
        return self.application(environ, start_response)
