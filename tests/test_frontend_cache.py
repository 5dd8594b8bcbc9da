"""A CDN in front of the site is told to drop a page as soon as it is published or unpublished."""

import pytest
from wagtail.contrib.frontend_cache.backends import http

from pages.factories import StandardPageFactory
from tests.test_settings import PRODUCTION_ENV, production_setting

CDN = {"http": {"BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend", "LOCATION": "http://cdn.internal"}}


@pytest.fixture
def purged(monkeypatch, settings):
    """The URLs the site asks the CDN to purge (nothing leaves the machine)."""
    settings.WAGTAILFRONTENDCACHE = CDN
    requests = []
    monkeypatch.setattr(http, "urlopen", lambda request: requests.append((request.get_method(), request.full_url)))
    return requests


def test_publishing_and_unpublishing_purge_the_page(home, purged):
    page = StandardPageFactory(parent=home, slug="seminars")
    purged.clear()
    page.save_revision().publish()
    assert ("PURGE", "http://cdn.internal/seminars/") in purged
    purged.clear()
    page.unpublish()
    assert ("PURGE", "http://cdn.internal/seminars/") in purged


def test_nothing_is_purged_unless_configured(home, purged, settings):
    settings.WAGTAILFRONTENDCACHE = {}
    StandardPageFactory(parent=home).save_revision().publish()
    assert purged == []


@pytest.mark.parametrize(
    "env, backends",
    [
        ({}, []),
        ({"FRONTEND_CACHE_PURGE_URL": "http://varnish:6081"}, ["http"]),
        ({"CLOUDFLARE_API_TOKEN": "token", "CLOUDFLARE_ZONE_ID": "zone"}, ["cloudflare"]),
    ],
)
def test_purging_is_configured_from_the_environment(env, backends):
    assert production_setting("sorted(s.WAGTAILFRONTENDCACHE)", **PRODUCTION_ENV, **env) == backends
