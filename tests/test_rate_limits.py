"""Per-visitor limits behind the proxy: every visitor counted on their own, forged headers worthless."""

import pytest
from django.core.cache import caches
from django.test import Client, RequestFactory, override_settings
from wagtail.models import PageViewRestriction

from odi_site.client_ip import client_ip
from odi_site.rate_limits import hit_rate_limit
from pages.factories import CareerServicesPageFactory, StandardPageFactory
from pages.models import ConsultationRequest
from tests.test_career import VALID

PROXY = "127.0.0.1"  # nginx on the same host: every request arrives from it


def through_proxy(visitor, forged=None):
    """A client whose requests come through nginx, which appends the visitor's address."""
    forwarded = f"{forged}, {visitor}" if forged else visitor
    return Client(HTTP_HOST="localhost", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded)


class TestClientAddress:
    @pytest.mark.parametrize(
        ("proxies", "forwarded", "expected"),
        [
            (0, "198.51.100.7", "10.0.0.1"),  # no proxy configured: the header is not believed
            (1, "198.51.100.7", "198.51.100.7"),
            (1, "203.0.113.66, 198.51.100.7", "198.51.100.7"),  # the visitor wrote the first one
            (2, "203.0.113.66, 198.51.100.7, 192.0.2.10", "198.51.100.7"),  # a CDN, then nginx
            (2, "198.51.100.7", "10.0.0.1"),  # too few hops: it did not come through both proxies
            (1, "not an address", "10.0.0.1"),
            (1, "", "10.0.0.1"),
        ],
    )
    def test_the_address_comes_from_the_hops_the_trusted_proxies_added(self, settings, proxies, forwarded, expected):
        settings.TRUSTED_PROXY_COUNT = proxies
        request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
        assert client_ip(request) == expected


def test_rate_limit_counts_per_visitor_and_scope(db):
    factory = RequestFactory()
    first = factory.post("/", REMOTE_ADDR="203.0.113.1")
    other = factory.post("/", REMOTE_ADDR="203.0.113.2")
    assert [hit_rate_limit(first, "contact", 3, 60) for _ in range(4)] == [False, False, False, True]
    assert hit_rate_limit(other, "contact", 3, 60) is False
    assert hit_rate_limit(first, "another-form", 3, 60) is False


def test_a_flood_of_page_entries_cannot_evict_the_counters(db):
    """The counters have a table of their own: emptying the page cache leaves them counting."""
    visitor = RequestFactory().post("/", REMOTE_ADDR="203.0.113.9")
    assert [hit_rate_limit(visitor, "contact", 3, 60) for _ in range(3)] == [False, False, False]
    caches["default"].clear()  # what culling a full cache table, or Redis eviction, would do
    assert hit_rate_limit(visitor, "contact", 3, 60) is True


@pytest.fixture
def behind_nginx(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.PAGE_PASSWORD_ATTEMPTS, settings.PASSWORD_RESET_ATTEMPTS = 3, 2


@pytest.mark.usefixtures("behind_nginx")
class TestBehindTheProxy:
    @pytest.fixture
    def career(self, home, settings):
        settings.PAGE_CACHE_SECONDS = 0
        return CareerServicesPageFactory(parent=home)

    def test_twenty_visitors_are_limited_separately(self, career, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            for n in range(20):
                visitor = through_proxy(f"198.51.100.{n + 1}")
                assert visitor.post(career.url, VALID).status_code == 302, n
        assert ConsultationRequest.objects.count() == 20

    def test_forging_the_header_gains_nothing(self, career):
        for n in range(5):  # the consultation form's limit is 5 an hour
            assert through_proxy("198.51.100.50", forged=f"203.0.113.{n}").post(career.url, VALID).status_code == 302
        assert through_proxy("198.51.100.50", forged="203.0.113.99").post(career.url, VALID).status_code == 429
        assert through_proxy("198.51.100.51").post(career.url, VALID).status_code == 302

    @override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3)
    def test_an_attackers_failures_lock_out_the_attacker_not_the_editor(self, django_user_model):
        django_user_model.objects.create_superuser("editor", "editor@example.edu", "correct-horse-battery")
        attacker = through_proxy("203.0.113.13")
        for _ in range(3):
            response = attacker.post("/admin/login/", {"username": "editor", "password": "wrong"})
        assert response.status_code == 429
        forged = through_proxy("203.0.113.13", forged="198.51.100.60")
        assert forged.post("/admin/login/", {"username": "editor", "password": "wrong"}).status_code == 429
        editor = through_proxy("198.51.100.60")
        assert (
            editor.post("/admin/login/", {"username": "editor", "password": "correct-horse-battery"}).status_code == 302
        )


@pytest.mark.usefixtures("behind_nginx")
class TestThrottles:
    def password_url(self, page):
        restriction = PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.PASSWORD, password="the-right-words"
        )
        return f"/_util/authenticate_with_password/{restriction.pk}/{page.pk}/"

    def test_wrong_page_passwords_are_limited_per_visitor(self, home):
        page = StandardPageFactory(parent=home, slug="members")
        url = self.password_url(page)
        guesser = through_proxy("203.0.113.20")
        for n in range(3):
            assert guesser.post(url, {"password": f"guess-{n}", "return_url": "/members/"}).status_code == 200
        refused = guesser.post(url, {"password": "the-right-words", "return_url": "/members/"})
        assert refused.status_code == 429 and "Retry-After" in refused
        member = through_proxy("198.51.100.20")
        assert member.post(url, {"password": "the-right-words", "return_url": "/members/"}).status_code == 302
        assert member.get("/members/").status_code == 200

    def test_a_right_password_does_not_count(self, home):
        page = StandardPageFactory(parent=home, slug="members")
        url = self.password_url(page)
        member = through_proxy("198.51.100.21")
        for _ in range(5):
            assert member.post(url, {"password": "the-right-words", "return_url": "/members/"}).status_code == 302

    def test_password_resets_are_limited_per_visitor(self, db):
        asker = through_proxy("203.0.113.30")
        for _ in range(2):
            assert asker.post("/admin/password_reset/", {"email": "someone@example.edu"}).status_code == 302
        assert asker.post("/admin/password_reset/", {"email": "someone@example.edu"}).status_code == 429
        assert (
            through_proxy("198.51.100.30").post("/admin/password_reset/", {"email": "a@example.edu"}).status_code == 302
        )
