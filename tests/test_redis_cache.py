"""The page cache and navigation on the shared Redis cache that several app servers use.

Runs against the real Redis named by REDIS_TEST_URL (.ci/run sets it when a server answers on
127.0.0.1:6379); skipped, with the reason, when there is none.
"""

import os

import pytest
from django.core.cache import caches
from django.test import override_settings

from pages.caching import content_version, invalidate_page_cache
from tests.factories import StandardPageFactory

REDIS_URL = os.environ.get("REDIS_TEST_URL")
pytestmark = pytest.mark.skipif(not REDIS_URL, reason="REDIS_TEST_URL is not set: no Redis server to test against")


@pytest.fixture
def redis_cache():
    config = {
        alias: {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": f"odi-test-{alias}",
        }
        for alias in ("default", "renditions")
    }
    with override_settings(CACHES=config, PAGE_CACHE_SECONDS=300):
        caches["default"].clear()
        yield caches["default"]
        caches["default"].clear()


def test_content_version_is_shared_and_increments(redis_cache):
    before = content_version()
    invalidate_page_cache()
    assert content_version() == before + 1
    assert redis_cache.get("pagecache:version") == before + 1


def test_pages_are_served_from_redis_and_refreshed_on_publish(client, home, redis_cache, django_assert_num_queries):
    page = StandardPageFactory(parent=home, title="About")
    client.get(page.url)
    with django_assert_num_queries(0):
        assert client.get(page.url).status_code == 200
    page.title = "About the office"
    page.save_revision().publish()
    assert b"About the office" in client.get(page.url).content
