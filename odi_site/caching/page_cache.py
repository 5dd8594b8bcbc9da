"""The whole-page cache for anonymous visitors, and the `Cache-Control` a CDN reads.

Only responses that opt in are stored: Wagtail pages (tagged by the `on_serve_page` hook in
odi_site/wagtail_hooks.py) and views wrapped in `shareable`. Each names the query parameters
it reads; the key is scheme, host, path and those parameters (sorted, blanks dropped), so
`?utm_source=…`, `fbclid` or junk share the entry of the plain address and cannot flood the
cache. A stored response must be a 200 that sets no cookie and is not private, no-store or
no-cache: Wagtail marks restricted pages `no-cache`, and form pages are `private` (a form
carries the visitor's own CSRF token, so there is nothing to share).

The middleware sits above every other but WhiteNoise, so an entry is the response exactly as
it left the site (security headers and compression included) and a hit skips the whole stack.
GZipMiddleware, below it, compresses for clients whose `Accept-Encoding` names gzip: those and
the others get entries of their own, and a hit is never compressed again. (A stored page is one
anonymous visitors share: it holds no token or other secret, so BREACH has nothing to find.)

One cache round trip per hit: the content version and the entry for the plain address are
fetched together, with the parameters that address reads when the request has a query. Only a
request whose query holds a parameter the page reads needs a second look-up, for its own entry.
"""

import hashlib
import logging
import re
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError
from django.http import HttpResponse
from django.utils.cache import patch_cache_control

from . import version

logger = logging.getLogger(__name__)
PARAMS_ATTRIBUTE = "page_cache_params"
# The environ key under which the WSGI front leaves `(address, content version)` of a miss.
LOOKED_UP = "odi.page_cache.missed"
# The clients GZipMiddleware compresses for (its own test of Accept-Encoding).
ACCEPTS_GZIP = re.compile(r"\bgzip\b")


def shareable(*params):
    """Mark a view's responses as shareable pages that read only `params` from the query string."""

    def decorator(view):
        def wrapped(request, *args, **kwargs):
            return mark_shareable(view(request, *args, **kwargs), params)

        wrapped.__name__ = view.__name__
        wrapped.__doc__ = view.__doc__
        return wrapped

    return decorator


def mark_shareable(response, params=()):
    """Tag `response` as a page anonymous visitors may share, reading only `params`."""
    setattr(response, PARAMS_ATTRIBUTE, tuple(sorted(params)))
    return response


def private(response):
    """Mark a response that must never be stored by a shared cache (personal details, a CSRF token)."""
    patch_cache_control(response, private=True)
    return response


class PageCacheMiddleware:
    """Serve anonymous GET/HEAD requests from the shared cache; store what is safe to share.

    Behind the WSGI front (odi_site/caching/front.py) the look-up has been made, and missed,
    before Django ran: its result waits in the environ. Without the front (the test client)
    the middleware looks up itself.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_anonymous_read(request):
            return self.get_response(request)
        if (looked_up := request.META.get(LOOKED_UP)) is not None:
            address, token = looked_up
        else:
            address = address_of(request)
            token, entry = served(request, address)
            if entry is not None:
                return from_entry(entry)
        if token is None:  # the cache could not be read: serve uncached
            return self.get_response(request)
        request.content_version = token  # fragments rendered below reuse it (context processor)
        response = self.get_response(request)
        if (params := getattr(response, PARAMS_ATTRIBUTE, None)) is not None and is_shareable(request, response):
            share(request, response, address, params, token)
        return response


def is_anonymous_read(request):
    # Wagtail's previews run the middleware on a dummy request for the page's address.
    if request.method not in ("GET", "HEAD") or getattr(request, "is_dummy", False):
        return False
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies


def is_shareable(request, response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if response.has_header("Content-Encoding") and encoding(request) != "gzip":
        return False  # never the case with Django's GZipMiddleware; but never serve gzip unasked
    control = response.get("Cache-Control", "")
    return not any(word in control for word in ("private", "no-store", "no-cache"))


def address_of(request):
    """What the key is made of: the body's encoding, scheme, host (validated by Django) and path."""
    return f"{encoding(request)} {request.scheme}://{request.get_host().lower()}{request.path}"


def served(request, address):
    """(content version, the current entry for this request or None); (None, None) while the
    cache cannot be read, so the page is rendered and not stored (fail open)."""
    try:
        token, stored = look_up(request, address)
    except DatabaseError:  # the database cache
        logger.warning("Page cache unreadable; serving %s uncached", request.path)
        return None, None
    return token, current(stored, token)


def encoding(request):
    """How the body of this client's responses is encoded: "gzip" or "identity"."""
    return "gzip" if ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")) else "identity"


def look_up(request, address):
    """(content version, the stored `(token, entry)` for this request or None)."""
    plain_key = key_for(address)
    if not request.META.get("QUERY_STRING"):
        found = cache.get_many([version.VERSION_KEY, plain_key])
        return found.get(version.VERSION_KEY) or version.establish(), found.get(plain_key)
    params_key = key_for(address, "params")
    found = cache.get_many([version.VERSION_KEY, plain_key, params_key])
    token = found.get(version.VERSION_KEY) or version.establish()
    stored = found.get(plain_key)
    params = current(found.get(params_key), token)
    if params is None:
        stored = None  # which parameters this address reads is not known yet: render
    elif query := normalised_query(request, params):
        stored = cache.get(key_for(address, query))
    return token, stored


def share(request, response, address, params, token):
    """Mark `response` public for browsers and a CDN, and store it for other visitors."""
    patch_cache_control(
        response,
        public=True,
        max_age=settings.PAGE_CACHE_MAX_AGE,
        s_maxage=settings.CACHE_CONTROL_S_MAXAGE,
        stale_while_revalidate=settings.CACHE_CONTROL_STALE_WHILE_REVALIDATE,
    )
    if not settings.PAGE_CACHE_SECONDS:
        return
    if hasattr(response, "render") and callable(response.render):
        response.render()
    query = normalised_query(request, params)
    entries = {key_for(address, query): (token, to_entry(response)), key_for(address, "params"): (token, params)}
    try:
        cache.set_many(entries, settings.PAGE_CACHE_SECONDS)
    except DatabaseError:  # a page that could not be stored is still a good answer
        logger.warning("Page cache unwritable; %s not stored", request.path)


def to_entry(response):
    """What is stored of a response: status, headers and body as plain values. Unpickling these is
    several times cheaper than unpickling the response object, and a hit does little else."""
    return response.status_code, list(response.items()), response.content


def from_entry(entry):
    status, headers, content = entry
    return HttpResponse(content, status=status, headers=dict(headers))


def key_for(address, variant=""):
    """Hashed: addresses can be long, and some cache servers limit key length (memcached: 250).

    The plain address and its parameter list use variants no encoded query can equal.
    """
    return "page:" + hashlib.sha256(f"{address} {variant}".encode()).hexdigest()


def current(stored, token):
    """The value of a `(token, value)` entry made under the current content version, else None."""
    if stored is not None and stored[0] == token:
        return stored[1]
    return None


def normalised_query(request, params):
    """The parameters the page reads, in name order, each with the value views see (the last)."""
    return urlencode([(name, value) for name in params if (value := request.GET.get(name, ""))])
