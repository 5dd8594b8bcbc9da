"""Whole-page caching for anonymous visitors, invalidated by one content version number.

Any change that can show on a public page (publishing, moving or deleting a page, saving a
snippet, setting, image or app record) bumps the version, which makes every cached page stale
at once. That is coarse but never serves stale content, and an office site changes rarely
compared with how often it is read.
"""

import hashlib
import re

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.utils.cache import patch_cache_control

VERSION_KEY = "pagecache:version"
# Apps whose records appear on public pages; saving or deleting one bumps the version.
CONTENT_APPS = {"pages", "training", "survey", "wagtailimages", "wagtaildocs", "wagtailredirects"}
CONTENT_MODELS = {("wagtailcore", "site"), ("wagtailcore", "page"), ("wagtailcore", "pageviewrestriction")}
# Records in those apps that never appear on a public page (personal data, the import log):
# no invalidation.
PRIVATE_MODELS = {("pages", "consultationrequest"), ("survey", "surveyimport")}


def content_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        version = cache.get(VERSION_KEY, 1)
    return version


# Entries under the content version go stale when it changes; the timeout only frees memory.
VERSIONED_SECONDS = 60 * 60 * 24


def versioned_key(key):
    """`key` for the current content version."""
    return f"{key}:v{content_version()}"


def versioned(key, compute):
    """`compute()`, cached under `key` until the content version changes (None is not cached)."""
    full_key = versioned_key(key)
    value = cache.get(full_key)
    if value is None:
        value = compute()
        if value is not None:
            cache.set(full_key, value, VERSIONED_SECONDS)
    return value


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
    visitor with a pending message), responses that are not 200, say private/no-store, or set
    a cookie other than the CSRF cookie. A page with a form is stored with its CSRF token
    taken out, and each visitor gets their own token (and cookie) put back in.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.timeout = settings.PAGE_CACHE_SECONDS
        self.max_age = settings.PAGE_CACHE_MAX_AGE

    def __call__(self, request):
        if not self.timeout or not self.is_cacheable_request(request):
            return self.get_response(request)
        # Hashed: addresses can be long, and some cache servers limit key length (memcached: 250).
        address = hashlib.sha256(f"{request.get_host()}{request.get_full_path()}".encode()).hexdigest()
        key = f"pagecache:{content_version()}:{address}"
        stored = cache.get(key)
        if stored is not None:
            response, has_form = stored
            return with_csrf_token(request, response) if has_form else response
        response = self.get_response(request)
        if hasattr(response, "render") and callable(response.render):
            response.render()
        if not self.is_shareable(response):
            return response
        if settings.CSRF_COOKIE_NAME not in response.cookies:
            patch_cache_control(response, public=True, max_age=self.max_age)
            cache.set(key, (response, False), self.timeout)
        elif (copy := without_csrf_token(response)) is not None:
            cache.set(key, (copy, True), self.timeout)
        return response

    @staticmethod
    def is_cacheable_request(request):
        if request.method not in ("GET", "HEAD"):
            return False
        cookies = request.COOKIES
        return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies

    @staticmethod
    def is_shareable(response):
        if response.status_code != 200 or response.streaming:
            return False
        if set(response.cookies) - {settings.CSRF_COOKIE_NAME}:
            return False
        control = response.get("Cache-Control", "")
        return "private" not in control and "no-store" not in control and "no-cache" not in control


# The hidden field Django's {% csrf_token %} writes; a masked token is 64 letters and digits.
CSRF_FIELD = re.compile(rb'name="csrfmiddlewaretoken" value="([A-Za-z0-9]{64})"')
TOKEN_PLACEHOLDER = b"{{ csrf-token-placeholder }}"


def without_csrf_token(response):
    """A copy of a form page to store, its CSRF token replaced by a placeholder.

    None when the token is not (only) in form fields, e.g. in a script: then it cannot be
    replaced safely and the page is not stored. The copy is marked private: each visitor's
    copy carries their own token and cookie, so no shared cache (CDN) may keep it.
    """
    tokens = set(CSRF_FIELD.findall(response.content))
    if len(tokens) != 1:
        return None
    token = tokens.pop()
    if response.content.count(token) != response.content.count(b'value="' + token + b'"'):
        return None
    copy = HttpResponse(response.content.replace(token, TOKEN_PLACEHOLDER), status=response.status_code)
    for header, value in response.items():
        if header.lower() not in ("content-length", "set-cookie"):
            copy[header] = value
    patch_cache_control(copy, private=True)
    return copy


# Only its request and response steps are used, which never call the wrapped view.
CSRF_MIDDLEWARE = CsrfViewMiddleware(lambda request: None)


def with_csrf_token(request, stored):
    """The stored form page with this visitor's CSRF token, setting or renewing their cookie.

    Django's CSRF middleware reads the visitor's cookie and sets it on the response, exactly
    as when the page is rendered: a visitor who already has a token keeps it.
    """
    CSRF_MIDDLEWARE.process_request(request)
    response = HttpResponse(stored.content.replace(TOKEN_PLACEHOLDER, get_token(request).encode()))
    for header, value in stored.items():
        response[header] = value
    response["Content-Length"] = str(len(response.content))
    return CSRF_MIDDLEWARE.process_response(request, response)
