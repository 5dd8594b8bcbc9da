"""Per-visitor limits on what a visitor may try how often: forms, page passwords, password resets.

Counters live in their own table (the "ratelimit" cache), where no flood of page entries can
evict them, under a hash of the visitor's address (odi_site.client_ip), so no raw IP is stored.
"""

import functools
import hashlib
import logging

from django.conf import settings
from django.core.cache import caches
from django.template.response import TemplateResponse

from .client_ip import client_ip

logger = logging.getLogger(__name__)


def visitor_key(request, scope):
    address = hashlib.sha256(client_ip(request).encode()).hexdigest()[:32]
    return f"ratelimit:{scope}:{address}"


def hit_rate_limit(request, scope, limit, window_seconds):
    """Count one attempt for this visitor in `scope`; True once more than `limit` fall in the window."""
    cache, key = caches["ratelimit"], visitor_key(request, scope)
    if cache.add(key, 1, timeout=window_seconds):
        return False
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.add(key, 1, timeout=window_seconds)
        return False
    return count > limit


def used_up(request, scope, limit):
    """Whether this visitor has already made `limit` counted attempts in `scope`'s window."""
    return caches["ratelimit"].get(visitor_key(request, scope), 0) >= limit


def too_many_attempts(request, window_seconds):
    context = {"heading": "Please wait a few minutes", "minutes": max(window_seconds // 60, 1)}
    response = TemplateResponse(request, "429.html", context, status=429)
    response["Retry-After"] = str(window_seconds)
    return response


def throttle(scope, limit_setting, window_seconds, counts):
    """Wrap a view so a visitor whose attempts `counts(request, response)` reached the limit the
    setting named `limit_setting` gives, within `window_seconds`, gets a 429 until the window has
    passed."""

    def decorator(view):
        @functools.wraps(view)
        def throttled(request, *args, **kwargs):
            limit = getattr(settings, limit_setting)
            if request.method == "POST" and used_up(request, scope, limit):
                logger.warning("%s: too many attempts from one visitor", scope, extra={"scope": scope})
                return too_many_attempts(request, window_seconds)
            response = view(request, *args, **kwargs)
            if counts(request, response):
                hit_rate_limit(request, scope, limit, window_seconds)
            return response

        return throttled

    return decorator


def failed_password(request, response):
    """Wagtail's page-password view shows the form again when the password is wrong."""
    return request.method == "POST" and response.status_code == 200


def posted(request, response):
    return request.method == "POST"
