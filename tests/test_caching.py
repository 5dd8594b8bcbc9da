"""The whole-page cache: fast repeat views that never serve stale, private or another visitor's content."""

import datetime
import gzip

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import DatabaseError, close_old_connections, connection
from django.http import HttpResponse
from django.test import Client, RequestFactory, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from odi_site.caching import page_cache as page_cache_module
from odi_site.caching import version
from odi_site.caching.front import CachedPages
from odi_site.caching.page_cache import is_shareable, mark_shareable
from pages.factories import (
    CareerServicesPageFactory,
    EventCategoryFactory,
    EventIndexPageFactory,
    EventPageFactory,
    StandardPageFactory,
)
from pages.models import ConsultationRequest, SiteSettings
from survey.models import SurveyImport
from tests.queries import Cost, cost_of
from tests.test_career import VALID
from tests.test_query_budget import addresses
from training.factories import TrainingLevelPageFactory, TrainingProgramPageFactory, TrainingSessionFactory
from training.models import Registration

pytestmark = pytest.mark.usefixtures("page_cache")


@pytest.fixture
def page_cache():
    """The middleware is on in every environment; pin its timings so assertions don't depend on the env."""
    with override_settings(PAGE_CACHE_SECONDS=300, PAGE_CACHE_MAX_AGE=60):
        yield


@pytest.fixture
def about(home):
    return StandardPageFactory(parent=home, title="About", slug="about")


class TestHits:
    def test_a_repeat_view_costs_one_cache_round_trip_and_no_query(self, client, about):
        first = client.get(about.url)
        cost = cost_of(client, about.url, warm=False)
        assert (len(cost.queries), len(cost.cache)) == (0, 1)
        assert client.get(about.url).content == first.content

    def test_shareable_pages_tell_browsers_and_a_cdn_how_long_to_keep_them(self, client, about, settings):
        settings.CACHE_CONTROL_S_MAXAGE, settings.CACHE_CONTROL_STALE_WHILE_REVALIDATE = 600, 30
        for _ in range(2):  # rendered, then from the cache
            control = client.get(about.url)["Cache-Control"]
            assert set(control.split(", ")) == {"public", "max-age=60", "s-maxage=600", "stale-while-revalidate=30"}

    def test_a_page_is_still_marked_for_a_cdn_when_the_server_keeps_no_copy(self, client, about, settings):
        settings.PAGE_CACHE_SECONDS = 0
        assert "s-maxage" in client.get(about.url)["Cache-Control"]
        assert len(cost_of(client, about.url).queries) > 0

    def test_signed_in_editors_are_never_served_or_stored(self, client, about, admin_user):
        client.force_login(admin_user)
        response = client.get(about.url)
        assert "public" not in response.get("Cache-Control", "")
        client.logout()
        assert "wagtail-userbar" not in client.get(about.url).content.decode()

    def test_post_requests_are_never_cached(self, client, about):
        client.get(about.url)
        assert "public" not in client.post(about.url).get("Cache-Control", "")

    def test_only_views_that_opt_in_are_stored(self, client, home):
        """Search reads free text: each query would be its own entry, so it is never stored."""
        client.get("/search/?q=training")
        assert len(cost_of(client, "/search/?q=training", warm=False).queries) > 0

    def test_responses_that_set_a_cookie_are_not_stored(self, rf):
        response = mark_shareable(HttpResponse("a page that remembers the visitor"))
        response.set_cookie("visitor", "x")
        assert not is_shareable(rf.get("/"), response)


class TestFront:
    """Hits are answered in front of Django (odi_site/caching/front.py), exactly as Django answered."""

    @pytest.fixture
    def site(self):
        """The front around Django's handler, counting what reaches Django. As Django's test client
        does, the handler's signals leave the test's database connection open."""
        django, calls = WSGIHandler(), []

        def counted(environ, start_response):
            calls.append(environ["PATH_INFO"])
            return django(environ, start_response)

        for signal in (request_started, request_finished):
            signal.disconnect(close_old_connections)
        yield CachedPages(counted), calls
        for signal in (request_started, request_finished):
            signal.connect(close_old_connections)

    def get(self, application, path, **headers):
        environ = RequestFactory().get(path, **headers).environ
        answer = {}

        def start_response(status, response_headers):
            answer.update(status=status, headers=dict(response_headers))

        with CaptureQueriesContext(connection) as captured:
            body = b"".join(application(environ, start_response))
        return answer["status"], answer["headers"], body, Cost.of(captured)

    def test_a_hit_is_the_rendered_response_without_django(self, site, about):
        application, calls = site
        rendered = self.get(application, about.url)
        hit = self.get(application, about.url)
        assert calls == [about.url]
        assert hit[:3] == rendered[:3]
        assert {"X-Content-Type-Options", "Referrer-Policy", "Content-Security-Policy"} <= set(hit[1])
        assert (len(hit[3].queries), len(hit[3].cache)) == (0, 1)

    def test_a_miss_is_looked_up_once(self, site, about, monkeypatch):
        application, _ = site
        look_ups = []
        look_up = page_cache_module.look_up
        monkeypatch.setattr(page_cache_module, "look_up", lambda *args: look_ups.append(args) or look_up(*args))
        assert self.get(application, about.url)[0].startswith("200")
        assert len(look_ups) == 1

    def test_clients_that_accept_gzip_get_their_own_compressed_entry(self, site, about):
        application, calls = site
        plain = self.get(application, about.url)
        for _ in range(2):
            status, headers, body, _ = self.get(application, about.url, HTTP_ACCEPT_ENCODING="gzip, br")
            assert headers["Content-Encoding"] == "gzip" and headers["Content-Length"] == str(len(body))
            assert gzip.decompress(body) == plain[2]
        assert calls == [about.url, about.url]
        assert "Content-Encoding" not in self.get(application, about.url)[1]

    def test_editors_and_writes_go_to_django(self, site, about, admin_client):
        application, calls = site
        self.get(application, about.url)
        session = admin_client.cookies[settings.SESSION_COOKIE_NAME].value
        status, headers, body, _ = self.get(
            application, about.url, HTTP_COOKIE=f"{settings.SESSION_COOKIE_NAME}={session}"
        )
        assert status.startswith("200") and b"userbar" in body.lower()
        assert calls == [about.url, about.url]

    def test_a_host_django_refuses_is_refused_as_before(self, site, about, settings):
        settings.ALLOWED_HOSTS = ["testserver"]
        application, calls = site
        assert self.get(application, about.url, HTTP_HOST="evil.example")[0].startswith("400")
        assert calls == [about.url]

    def test_an_unreadable_cache_renders_the_page(self, site, about, monkeypatch):
        application, calls = site

        def unreadable(*args, **kwargs):
            raise DatabaseError("no such table")

        monkeypatch.setattr(page_cache_module, "look_up", unreadable)
        assert self.get(application, about.url)[0].startswith("200")
        assert self.get(application, about.url)[0].startswith("200")
        assert calls == [about.url, about.url]


class TestKeys:
    """The key is scheme, host, path and the parameters the page reads; nothing else changes it."""

    @pytest.fixture
    def events(self, home):
        index = EventIndexPageFactory(parent=home, slug="events")
        start = timezone.now() + datetime.timedelta(days=3)
        EventPageFactory(parent=index, title="Panel", start=start, end=start)
        return index

    def test_tracking_and_junk_parameters_share_the_plain_entry(self, client, about):
        client.get(about.url)
        for query in ("utm_source=newsletter", "fbclid=abc", "utm_source=x&utm_medium=y&junk=1", "a=b"):
            cost = cost_of(client, f"{about.url}?{query}", warm=False)
            assert (len(cost.queries), len(cost.cache)) == (0, 1), query

    def test_parameters_a_page_reads_have_entries_of_their_own(self, client, events):
        EventCategoryFactory(slug="seminar")
        assert b"Panel" in client.get("/events/").content
        assert b"Panel" not in client.get("/events/?category=seminar").content
        cost = cost_of(client, "/events/?category=seminar&utm_source=x", warm=False)
        assert (len(cost.queries), len(cost.cache)) == (0, 2)  # the address, then its variant
        assert b"Panel" in client.get("/events/?utm_source=x").content

    def test_a_value_holding_an_ampersand_is_not_mistaken_for_two_parameters(self, client, events):
        """`category=a%26page%3D2` must not share the entry of `category=a&page=2`."""
        client.get("/events/?category=a%26page%3D2")
        cost = cost_of(client, "/events/?category=a&page=2", warm=False)
        assert len(cost.queries) > 0

    def test_the_host_is_part_of_the_key_whatever_its_case(self, client, about):
        client.get(about.url)
        cost = cost_of(Client(HTTP_HOST="LOCALHOST"), about.url, warm=False)
        assert len(cost.queries) == 0


class TestFormPages:
    """A form carries the visitor's own CSRF token: form pages are private and never stored."""

    @pytest.fixture
    def career(self, home):
        return CareerServicesPageFactory(parent=home)

    @pytest.fixture
    def visitor(self):
        return Client(enforce_csrf_checks=True, HTTP_HOST="localhost")

    def token(self, response):
        return BeautifulSoup(response.content, "html.parser").find("input", {"name": "csrfmiddlewaretoken"})["value"]

    def test_every_response_of_a_form_page_is_private(self, client, career):
        for _ in range(2):
            response = client.get(career.url)
            assert "private" in response["Cache-Control"] and "public" not in response["Cache-Control"]
        assert len(cost_of(client, career.url).queries) > 0  # rendered every time

    def test_the_training_level_form_is_private_too(self, client, home):
        level = TrainingLevelPageFactory(parent=TrainingProgramPageFactory(parent=home))
        TrainingSessionFactory(level=level)
        assert "private" in client.get(level.url)["Cache-Control"]

    def test_each_visitor_gets_a_token_that_works(self, career, visitor):
        Client(HTTP_HOST="localhost").get(career.url)
        response = visitor.get(career.url)
        posted = visitor.post(career.url, {**VALID, "csrfmiddlewaretoken": self.token(response)})
        assert posted.status_code == 302
        assert ConsultationRequest.objects.count() == 1

    def test_visitors_never_share_a_token(self, career):
        tokens = {self.token(Client(HTTP_HOST="localhost").get(career.url)) for _ in range(3)}
        assert len(tokens) == 3

    def test_without_the_token_the_form_is_refused(self, career, visitor):
        visitor.get(career.url)
        assert visitor.post(career.url, VALID).status_code == 403
        assert not ConsultationRequest.objects.exists()


class TestInvalidation:
    def test_publishing_shows_the_change_on_the_next_request(self, client, about):
        assert b"About" in client.get(about.url).content
        about.title = "About the office"
        about.save_revision().publish()
        assert b"About the office" in client.get(about.url).content

    def test_unpublishing_removes_the_page_from_the_menu_and_the_cache(self, client, home):
        page = StandardPageFactory(parent=home, title="Seminars", show_in_menus=True)
        assert b"Seminars" in client.get("/").content
        page.refresh_from_db()
        page.unpublish()
        assert b"Seminars" not in client.get("/").content
        assert client.get(page.url).status_code == 404

    def test_a_restriction_makes_a_cached_page_private_at_once(self, client, about):
        client.get(about.url)
        restriction = PageViewRestriction.objects.create(
            page=about, restriction_type=PageViewRestriction.PASSWORD, password="s3cret-words"
        )
        response = client.get(about.url)
        assert b'name="password"' in response.content and "no-cache" in response["Cache-Control"]
        restriction.delete()
        assert b'name="password"' not in client.get(about.url).content

    def test_listings_leave_out_a_page_restricted_after_they_were_cached(self, client, home):
        """The restricted sections are shared under the content version (caching/restrictions.py)."""
        page = StandardPageFactory(parent=home, title="Members lounge", show_in_menus=True)
        assert b"Members lounge" in client.get("/").content
        restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
        assert b"Members lounge" not in client.get("/").content
        restriction.delete()
        assert b"Members lounge" in client.get("/").content

    def test_a_restricted_page_stays_unlisted_when_it_moves(self, client, home):
        """Moving changes the path the shared restriction filter matches: the move replaces it."""
        page = StandardPageFactory(parent=home, title="Members lounge", show_in_menus=True)
        StandardPageFactory(parent=home, title="Next door")
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
        assert b"Members lounge" not in client.get("/").content
        old_path = page.path
        page.move(home, pos="last-child")
        page.refresh_from_db()
        assert page.path != old_path
        assert b"Members lounge" not in client.get("/").content

    def test_settings_changes_show_at_once(self, client, home):
        client.get("/")
        before = version.current()
        site_settings = SiteSettings.objects.get()
        site_settings.phone = "314-555-0199"
        site_settings.save()
        assert version.current() != before
        assert b"314-555-0199" in client.get("/").content

    def test_a_draft_changes_nothing_public(self, client, about):
        client.get(about.url)
        before = version.current()
        about.title = "A draft title"
        about.save_revision()
        assert version.current() == before
        assert b"A draft title" not in client.get(about.url).content

    def test_personal_and_internal_records_leave_cached_pages_alone(self, client, about):
        """Registrations, consultation requests and the import log show on no public page."""
        session = TrainingSessionFactory(
            level=TrainingLevelPageFactory(parent=TrainingProgramPageFactory(parent=about))
        )
        before = version.current()
        Registration.objects.create(session=session, name="A Person", email="a@example.edu", department="Peds")
        ConsultationRequest.objects.create(
            name="A Person", email="a@example.edu", role="staff", department="Peds", preferred_times="Any"
        )
        SurveyImport.objects.create(
            source=SurveyImport.Source.COMMAND_LINE, file_name="x.csv", rows_in_file=0, rows_written=0
        )
        assert version.current() == before

    def test_a_bump_inside_a_transaction_is_repeated_after_it_commits(self, db, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            before = version.current()
            version.bump()
            during = version.current()
        assert len(callbacks) == 1 and before != during != version.current()

    def test_a_lost_version_makes_every_entry_stale_not_current(self, client, about):
        """Tokens are random: an evicted version key can never bring an old entry back."""
        client.get(about.url)
        from django.core.cache import cache

        cache.delete(version.VERSION_KEY)
        assert len(cost_of(client, about.url, warm=False).queries) > 0


class TestClock:
    """Time passing sends no signal; lists of upcoming events follow it anyway."""

    def test_an_event_that_ends_leaves_the_cached_list_within_page_cache_seconds(self, client, home, settings):
        settings.PAGE_CACHE_SECONDS = 60
        index = EventIndexPageFactory(parent=home, slug="events")
        end = timezone.now() + datetime.timedelta(seconds=30)
        EventPageFactory(parent=index, title="Ending soon", start=end - datetime.timedelta(hours=1), end=end)
        assert b"Ending soon" in client.get("/events/").content
        with time_machine.travel(end + datetime.timedelta(seconds=61)):
            assert b"Ending soon" not in client.get("/events/").content

    def test_the_home_pages_event_cards_make_room_as_soon_as_one_ends(self, client, home, settings):
        settings.PAGE_CACHE_SECONDS = 0  # the cached list and fragment alone, without the page cache
        index = EventIndexPageFactory(parent=home, slug="events")
        soon = timezone.now() + datetime.timedelta(minutes=5)
        EventPageFactory(parent=index, title="Ending soon", start=soon - datetime.timedelta(hours=1), end=soon)
        for n in range(1, 4):
            start = timezone.now() + datetime.timedelta(days=n)
            EventPageFactory(parent=index, title=f"Later event {n}", start=start, end=start)
        home.events_page = index
        home.save_revision().publish()
        first = client.get("/").content
        assert b"Ending soon" in first and b"Later event 3" not in first
        with time_machine.travel(soon + datetime.timedelta(seconds=1)):
            later = client.get("/").content
        assert b"Ending soon" not in later and b"Later event 3" in later


def test_cache_tables_come_with_migrate(db):
    from django.db import connection

    tables = set(connection.introspection.table_names())
    assert {settings.CACHES["default"]["LOCATION"], settings.CACHES["ratelimit"]["LOCATION"]} <= tables


def test_a_render_reads_the_sites_root_paths_once(client, demo_site, settings):
    """Every address on a page is made with the request, on which Wagtail keeps the sites' root
    paths: one cache read per render, not one more for each address made without it."""
    settings.PAGE_CACHE_SECONDS = 0
    for address in addresses():
        reads = [sql for sql in cost_of(client, address).cache if "wagtail_site_root_paths" in sql]
        assert len(reads) <= 1, (address, len(reads))


def test_a_preview_neither_reads_nor_stores_the_shared_page_frame(client, home, settings):
    """The frame's breadcrumbs name the page: a preview shows the draft's title, and visitors
    never see it, whether the preview comes before or after the frame was cached."""
    settings.PAGE_CACHE_SECONDS = 0  # every visit renders, so it reads the frame cache

    def current_crumb(response):
        return BeautifulSoup(response.content, "html.parser").select_one("[aria-current=page].breadcrumbs__link").text

    section = StandardPageFactory(parent=home, title="About", slug="about")
    page = StandardPageFactory(parent=section, title="Our team", slug="team")
    page.title = "Draft title"
    assert current_crumb(page.make_preview_request()) == "Draft title"  # the frame is not cached yet
    assert current_crumb(client.get(page.url)) == "Our team"  # ... and the preview did not store it
    assert current_crumb(page.make_preview_request()) == "Draft title"  # now it is: not read
    assert current_crumb(client.get(page.url)) == "Our team"
