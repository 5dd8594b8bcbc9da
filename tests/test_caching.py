"""Anonymous whole-page caching: fast repeat views that never serve stale or private content."""

import pytest
from django.test import override_settings

from pages.caching import content_version
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.usefixtures("page_cache")


@pytest.fixture
def page_cache():
    """The middleware is on in every environment; pin its timings so assertions don't depend on the env."""
    with override_settings(PAGE_CACHE_SECONDS=300, PAGE_CACHE_MAX_AGE=60):
        yield


def test_repeat_anonymous_view_costs_no_queries(client, home, django_assert_num_queries):
    page = StandardPageFactory(parent=home, title="About")
    first = client.get(page.url)
    with django_assert_num_queries(0):
        second = client.get(page.url)
    assert second.content == first.content
    assert "public" in second["Cache-Control"] and "max-age=60" in second["Cache-Control"]


def test_publishing_shows_the_change_on_the_next_request(client, home):
    page = StandardPageFactory(parent=home, title="About")
    assert b"About" in client.get(page.url).content
    page.title = "About the office"
    page.save_revision().publish()
    assert b"About the office" in client.get(page.url).content


def test_unpublishing_removes_the_page_from_the_menu_and_the_cache(client, home):
    page = StandardPageFactory(parent=home, title="Seminars", show_in_menus=True)
    assert b"Seminars" in client.get("/").content
    page.refresh_from_db()
    page.unpublish()
    assert b"Seminars" not in client.get("/").content
    assert client.get(page.url).status_code == 404


def test_settings_changes_invalidate(client, home):
    from pages.models import SiteSettings

    client.get("/")
    version = content_version()
    site_settings = SiteSettings.objects.get()
    site_settings.phone = "314-555-0199"
    site_settings.save()
    assert content_version() > version
    assert b"314-555-0199" in client.get("/").content


def test_signed_in_editors_are_never_served_or_stored(client, home, admin_user):
    page = StandardPageFactory(parent=home, title="About")
    client.force_login(admin_user)
    response = client.get(page.url)
    assert "public" not in response.get("Cache-Control", "")
    client.logout()
    assert "wagtail-userbar" not in client.get(page.url).content.decode()


def test_responses_that_set_cookies_are_not_stored(client, home, django_assert_max_num_queries):
    from django.http import HttpResponse

    from pages.caching import AnonymousPageCacheMiddleware

    def view(request):
        response = HttpResponse("form with a CSRF token")
        response.set_cookie("csrftoken", "x")
        return response

    middleware = AnonymousPageCacheMiddleware(view)
    request = client.get("/").wsgi_request
    assert not middleware.is_shareable(request, view(request))


def test_post_requests_are_never_cached(client, home):
    page = StandardPageFactory(parent=home)
    client.get(page.url)
    response = client.post(page.url)
    assert "public" not in response.get("Cache-Control", "")
