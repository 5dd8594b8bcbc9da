"""The shared Redis cache that several app servers use, and what happens when it goes away.

The server tests run against the real Redis named by REDIS_TEST_URL (.ci/run sets it when a
server answers on 127.0.0.1:6379) and skip, with the reason, without one. The closed-port tests
need no server at all.
"""

import contextlib
import json
import os
import socket
import threading
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache, caches
from django.test import override_settings

from odi_site.caching import version
from odi_site.caching.backends import FailOpenRedisCache
from pages.factories import StandardPageFactory
from tests.queries import cost_of

REDIS_URL = os.environ.get("REDIS_TEST_URL")
needs_redis = pytest.mark.skipif(not REDIS_URL, reason="REDIS_TEST_URL is not set: no Redis server to test against")


def redis_caches(location):
    options = {"SOCKET_CONNECT_TIMEOUT": 0.2, "SOCKET_TIMEOUT": 0.2}
    config = {
        alias: {
            "BACKEND": "odi_site.caching.backends.FailOpenRedisCache",
            "LOCATION": location,
            "KEY_PREFIX": f"odi-test-{alias}",
            "OPTIONS": options,
        }
        for alias in ("default", "renditions")
    }
    return {**config, "ratelimit": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


@pytest.fixture(autouse=True)
def _fresh_backoff():
    """Each test starts as a process that has not seen an outage."""
    FailOpenRedisCache.outage, FailOpenRedisCache.retry_at = False, 0.0
    yield
    FailOpenRedisCache.outage, FailOpenRedisCache.retry_at = False, 0.0


@pytest.fixture
def redis_cache():
    with override_settings(CACHES=redis_caches(REDIS_URL), PAGE_CACHE_SECONDS=300):
        caches["default"].clear()
        yield caches["default"]
        caches["default"].clear()


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Relay:
    """A TCP relay to Redis that a test can cut (every connection dies) and restore."""

    def __init__(self, target):
        self.target = target
        self.port = closed_port()
        self.sockets = []
        self.listener = None

    def start(self):
        self.listener = socket.create_server(("127.0.0.1", self.port))
        self.sockets.append(self.listener)
        threading.Thread(target=self.accept, args=(self.listener,), daemon=True).start()

    def accept(self, listener):
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            server = socket.create_connection(self.target)
            self.sockets += [client, server]
            for source, sink in ((client, server), (server, client)):
                threading.Thread(target=self.pipe, args=(source, sink), daemon=True).start()

    @staticmethod
    def pipe(source, sink):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass

    def cut(self):
        for sock in self.sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()
        self.sockets = []


@needs_redis
def test_the_content_version_is_shared_and_replaced(redis_cache):
    before = version.current()
    version.bump()
    assert version.current() != before
    assert redis_cache.get(version.VERSION_KEY) == version.current()


@needs_redis
def test_pages_are_served_from_redis_and_refreshed_on_publish(client, home, redis_cache):
    page = StandardPageFactory(parent=home, title="About")
    cost = cost_of(client, page.url)
    assert (len(cost.queries), len(cost.cache)) == (0, 0)  # one Redis round trip, no SQL at all
    page.title = "About the office"
    page.save_revision().publish()
    assert b"About the office" in client.get(page.url).content


class TestClosedPort:
    """Redis configured but nothing listening: slower pages, never a 500."""

    @pytest.fixture(autouse=True)
    def unreachable(self):
        with override_settings(CACHES=redis_caches(f"redis://127.0.0.1:{closed_port()}/0"), CACHE_RETRY_SECONDS=60):
            yield

    def test_pages_render_uncached(self, client, home):
        page = StandardPageFactory(parent=home, title="About")
        for _ in range(3):
            response = client.get(page.url)
            assert response.status_code == 200 and b"About" in response.content

    def test_health_is_ok_and_readiness_names_the_cache(self, client, db):
        assert client.get("/healthz").status_code == 200
        ready = client.get("/readyz")
        assert ready.status_code == 503
        body = json.loads(ready.content)
        assert (body["status"], body["database"], body["cache"]) == ("unavailable", "ok", "down")

    def test_the_process_stops_trying_for_a_while(self, db, monkeypatch):
        """One failed call; the next ones answer at once as misses, without a connection attempt."""
        assert cache.get("anything") is None
        assert FailOpenRedisCache.outage
        monkeypatch.setattr(FailOpenRedisCache, "failed", lambda self, error: pytest.fail("tried during the back-off"))
        assert cache.get_many(["a", "b"]) == {}
        assert cache.add("a", 1) is False


@needs_redis
def test_a_connection_that_dies_mid_run_fails_open_and_recovers_by_itself(client, home, settings):
    target = urlsplit(REDIS_URL)
    relay = Relay((target.hostname, target.port or 6379))
    relay.start()
    settings.CACHES = redis_caches(f"redis://127.0.0.1:{relay.port}{target.path}")
    settings.PAGE_CACHE_SECONDS, settings.CACHE_RETRY_SECONDS = 300, 0.2
    caches["default"].clear()
    page = StandardPageFactory(parent=home, title="About")
    assert len(cost_of(client, page.url).queries) == 0  # stored in Redis
    before = version.current()

    relay.cut()  # every open connection dies; nothing listens any more
    for _ in range(3):
        assert client.get(page.url).status_code == 200
    assert client.get("/healthz").status_code == 200
    assert client.get("/readyz").status_code == 503

    relay.start()
    FailOpenRedisCache.retry_at = 0.0  # as if the back-off had passed
    assert client.get("/readyz").status_code == 200
    assert version.current() != before  # whatever changed during the outage cannot be served stale
    client.get(page.url)
    assert len(cost_of(client, page.url, warm=False).queries) == 0  # cached again
    relay.cut()
