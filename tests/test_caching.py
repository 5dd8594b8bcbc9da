"""Anonymous whole-page caching: fast repeat views that never serve stale or private content."""

import datetime
import time

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.test import Client, override_settings
from django.utils import timezone

from pages.caching import content_version
from pages.models import ConsultationRequest
from tests.factories import CareerServicesPageFactory, EventIndexPageFactory, EventPageFactory, StandardPageFactory
from tests.test_career import VALID

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


def test_responses_that_set_other_cookies_are_not_stored(client, home):
    from django.http import HttpResponse

    from pages.caching import AnonymousPageCacheMiddleware

    def view(request):
        response = HttpResponse("a page that remembers the visitor")
        response.set_cookie("visitor", "x")
        return response

    middleware = AnonymousPageCacheMiddleware(view)
    request = client.get("/").wsgi_request
    assert not middleware.is_shareable(view(request))


class TestFormPages:
    """A page with a form is cached without its CSRF token; each visitor gets their own."""

    @pytest.fixture
    def career(self, home):
        return CareerServicesPageFactory(parent=home)

    @pytest.fixture
    def visitor(self):
        return Client(enforce_csrf_checks=True, HTTP_HOST="localhost")

    def token(self, response):
        return BeautifulSoup(response.content, "html.parser").find("input", {"name": "csrfmiddlewaretoken"})["value"]

    def test_a_cached_form_page_gives_each_visitor_a_working_token(self, career, visitor, django_assert_num_queries):
        Client(HTTP_HOST="localhost").get(career.url)  # someone else's visit fills the cache
        with django_assert_num_queries(0):
            response = visitor.get(career.url)
        assert settings.CSRF_COOKIE_NAME in response.cookies
        assert b"csrf-token-placeholder" not in response.content
        assert "private" in response["Cache-Control"] and "public" not in response["Cache-Control"]
        posted = visitor.post(career.url, {**VALID, "csrfmiddlewaretoken": self.token(response)})
        assert posted.status_code == 302  # accepted: the token matches this visitor's cookie
        assert ConsultationRequest.objects.count() == 1

    def test_a_visitor_who_has_a_token_keeps_it(self, career, visitor):
        first = visitor.get(career.url)
        cookie = first.cookies[settings.CSRF_COOKIE_NAME].value
        second = visitor.get(career.url)  # from the cache this time
        assert second.cookies[settings.CSRF_COOKIE_NAME].value == cookie
        posted = visitor.post(career.url, {**VALID, "csrfmiddlewaretoken": self.token(first)})
        assert posted.status_code == 302  # the token of the earlier page still works

    def test_visitors_never_share_a_token(self, career):
        tokens = {self.token(Client(HTTP_HOST="localhost").get(career.url)) for _ in range(3)}
        assert len(tokens) == 3

    def test_without_the_token_the_form_is_refused(self, career, visitor):
        visitor.get(career.url)
        assert visitor.post(career.url, VALID).status_code == 403
        assert not ConsultationRequest.objects.exists()


def test_post_requests_are_never_cached(client, home):
    page = StandardPageFactory(parent=home)
    client.get(page.url)
    response = client.post(page.url)
    assert "public" not in response.get("Cache-Control", "")


def test_an_event_that_ends_leaves_the_cached_list_within_page_cache_seconds(client, home, settings):
    """Time passing sends no signal: a cached list of upcoming events is at most PAGE_CACHE_SECONDS old."""
    settings.PAGE_CACHE_SECONDS = 1
    index = EventIndexPageFactory(parent=home, slug="events")
    end = timezone.now() + datetime.timedelta(seconds=3)
    EventPageFactory(parent=index, title="Ending soon", start=end - datetime.timedelta(hours=1), end=end)
    assert b"Ending soon" in client.get("/events/").content  # now cached, with the event listed
    time.sleep((end - timezone.now()).total_seconds() + 0.2)
    assert b"Ending soon" not in client.get("/events/").content


def test_the_home_pages_cached_event_cards_follow_the_clock(client, home, settings):
    """The cards are a fragment keyed by which events are next: one ending makes room at once."""
    settings.PAGE_CACHE_SECONDS = 0  # the fragment alone, without the whole-page cache
    index = EventIndexPageFactory(parent=home, slug="events")
    soon = timezone.now() + datetime.timedelta(seconds=3)
    EventPageFactory(parent=index, title="Ending soon", start=soon - datetime.timedelta(hours=1), end=soon)
    for n in range(1, 4):
        start = timezone.now() + datetime.timedelta(days=n)
        EventPageFactory(parent=index, title=f"Later event {n}", start=start, end=start)
    home.events_page = index
    home.save_revision().publish()
    first = client.get("/").content
    assert b"Ending soon" in first and b"Later event 3" not in first
    time.sleep((soon - timezone.now()).total_seconds() + 0.2)
    later = client.get("/").content
    assert b"Ending soon" not in later and b"Later event 3" in later
