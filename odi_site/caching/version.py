"""The content version: one token in the shared cache that every cached page and fragment carries.

A change that can show on a public page replaces the token (`bump`), so every entry made under
the old one is stale at once, in every process. Tokens are random rather than counted: if the
key is evicted or the cache restarts empty, the next reader makes a new token and nothing old
can match it again.

`bump` replaces the token at once and again after the transaction commits. At once, because
with the database cache the write is part of the same transaction as the change; after commit,
because with Redis the first write is visible before the change is, and a page rendered in
between (from the old rows) would otherwise be stored under the new token.
"""

import secrets

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

VERSION_KEY = "content-version"
# Entries under the version go stale when it changes; the timeout only frees space.
VERSIONED_SECONDS = 60 * 60 * 24


def new_token():
    return secrets.token_hex(8)


def current():
    """The current token, making one if the cache has none."""
    return cache.get(VERSION_KEY) or establish()


def establish():
    """Store a token if none is stored (atomically: concurrent callers agree on one)."""
    cache.add(VERSION_KEY, new_token(), timeout=None)
    return cache.get(VERSION_KEY) or new_token()  # an unreachable cache: a token no entry has


def bump():
    """Make every cached page and fragment stale; call after writes that send no signals."""
    replace()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(replace)


def replace():
    cache.set(VERSION_KEY, new_token(), timeout=None)


def versioned(key, compute, until=None, request=None):
    """`compute()`, cached under `key` until the content version changes (None is not cached).

    `until(value)`, for a value that depends on the clock, is the moment it stops being true
    (say, when the soonest of some upcoming events ends; None if never): it is computed again
    from then on. One cache round trip: the token and the entry are read together, and an
    entry made under another token is recomputed and overwritten (nothing piles up).
    Pass the `request` when the value may depend on the page's own fields: in a preview those
    are a draft's, which must never reach the cache that visitors are served from.
    """
    if getattr(request, "is_preview", False):
        return compute()
    found = cache.get_many([VERSION_KEY, key])
    version = found.get(VERSION_KEY) or establish()
    stored = found.get(key)
    if stored is not None and stored[0] == version and (stored[2] is None or timezone.now() < stored[2]):
        return stored[1]
    value = compute()
    if value is not None:
        cache.set(key, (version, value, until(value) if until else None), VERSIONED_SECONDS)
    return value


def context_processor(request):
    """`content_version` for templates, to key fragment caches that must follow any change.

    The page cache has already read it for anonymous requests; otherwise it is read once per
    render, on first use (templates that cache nothing never read it).
    """
    token = getattr(request, "content_version", None)
    return {"content_version": token or SimpleLazyObject(current)}
