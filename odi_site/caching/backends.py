"""The cache backends: the database cache, and a Redis cache that fails open.

`DatabaseCache` is Django's, without the memcached key check: Django walks every character of
every key on every call, to warn about keys memcached would refuse, at about 10 µs a key, which
was a tenth of a cached hit; this site's keys are short ASCII names and hashes, and it runs on
no memcached. Overriding `validate_key` is the way Django's cache documentation gives.

The Redis cache fails open: while Redis is unreachable, reads miss and writes are dropped.

Built on django-redis rather than Django's own Redis backend, which makes a new `redis.Redis`
client, with its table of some 170 reply handlers, for every cache call: on a cached page that
was the largest single cost of a hit (bench/cache_bench.py). django-redis keeps one per server.
With its IGNORE_EXCEPTIONS off, its methods raise Redis's own errors, which this class handles.

Everything in the cache can be rebuilt from the database, so an outage should make pages slower,
never answer 500. Each operation that fails is logged (once per outage) and answered as a miss;
for `CACHE_RETRY_SECONDS` afterwards the process does not try again, so a server that hangs
costs one socket timeout, not one per cache call. When Redis answers again the content version
is dropped: changes made during the outage could not replace it, so every process starts cold
rather than serve pages from before them. `/readyz` still reports the outage (it sees the miss).
"""

import functools
import logging
import time

from django.conf import settings
from django.core.cache.backends import db
from django_redis.cache import RedisCache
from redis.exceptions import RedisError

from .version import VERSION_KEY

logger = logging.getLogger(__name__)


class DatabaseCache(db.DatabaseCache):
    def validate_key(self, key):
        """No memcached key check (see the module docstring)."""


def fail_open(answer):
    """Run the cache operation; on a Redis error (or while backing off) return `answer(...)` instead."""

    def decorator(method):
        @functools.wraps(method)
        def wrapped(self, *args, **kwargs):
            if time.monotonic() < FailOpenRedisCache.retry_at:
                return answer(*args, **kwargs)
            try:
                result = method(self, *args, **kwargs)
            except RedisError as error:
                self.failed(error)
                return answer(*args, **kwargs)
            if FailOpenRedisCache.outage:
                self.recovered()
            return result

        return wrapped

    return decorator


def nothing(*args, **kwargs):
    return None


def false(*args, **kwargs):
    return False


def no_values(*args, **kwargs):
    return {}


def the_default(key, default=None, version=None):
    return default


def every_key(data, *args, **kwargs):
    return list(data)


class FailOpenRedisCache(RedisCache):
    """django-redis's cache, answering as an empty cache while the server is unreachable."""

    # Per process, like the connection pool itself: whether this process can reach Redis.
    outage = False
    retry_at = 0.0

    def failed(self, error):
        if not FailOpenRedisCache.outage:
            logger.error("Cache unreachable, serving uncached: %s", type(error).__name__)
        FailOpenRedisCache.outage = True
        FailOpenRedisCache.retry_at = time.monotonic() + settings.CACHE_RETRY_SECONDS

    def recovered(self):
        FailOpenRedisCache.outage = False
        logger.warning("Cache reachable again; the content version starts afresh")
        try:
            super().delete(VERSION_KEY)
        except RedisError as error:
            self.failed(error)

    add = fail_open(false)(RedisCache.add)
    get = fail_open(the_default)(RedisCache.get)
    set = fail_open(nothing)(RedisCache.set)
    touch = fail_open(false)(RedisCache.touch)
    delete = fail_open(false)(RedisCache.delete)
    get_many = fail_open(no_values)(RedisCache.get_many)
    has_key = fail_open(false)(RedisCache.has_key)
    set_many = fail_open(every_key)(RedisCache.set_many)
    delete_many = fail_open(nothing)(RedisCache.delete_many)
    clear = fail_open(false)(RedisCache.clear)

    def incr(self, key, delta=1, version=None):
        """A counter that cannot be read is missing, as Django's API says: ValueError."""
        value = fail_open(nothing)(RedisCache.incr)(self, key, delta, version)
        if value is None:
            raise ValueError(f"Key '{key}' not found")
        return value
