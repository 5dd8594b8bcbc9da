"""Pages are served by Wagtail's own URL patterns, serve view and view restrictions; every listing
leaves restricted pages out."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from pages.factories import EventIndexPageFactory, EventPageFactory, StandardPageFactory
from tests.queries import cost_of
from training.factories import TrainingLevelPageFactory, TrainingProgramPageFactory, TrainingSessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def about(home):
    return StandardPageFactory(parent=home, title="About", slug="about")


@pytest.fixture
def nested(about):
    return StandardPageFactory(parent=about, title="Leadership", slug="leadership")


@pytest.fixture
def events(home):
    index = EventIndexPageFactory(parent=home, slug="events")
    start = timezone.now() + datetime.timedelta(days=2)
    EventPageFactory(parent=index, slug="panel", title="Panel on access", start=start, end=start)
    return index


def restrict(page, password="s3cret-words"):
    return PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password=password
    )


def test_pages_go_through_wagtails_serve_view(client, nested):
    response = client.get("/about/leadership/")
    assert response.status_code == 200
    assert response.resolver_match.func.__module__ == "wagtail.views"


def test_each_level_of_the_path_costs_one_query(client, nested, settings):
    """The site, the home page, one query per level below it (each page read as its own type),
    and Wagtail's restriction check (the ancestors, then their restrictions): nothing else."""
    settings.PAGE_CACHE_SECONDS = 0
    queries = cost_of(client, "/about/leadership/").queries
    assert len(queries) == 6, queries
    assert sum('FROM "pages_standardpage"' in q or 'LEFT OUTER JOIN "pages_standardpage"' in q for q in queries) == 2


def test_a_known_child_is_read_from_its_own_table_alone(client, nested, settings):
    """Once its type is known (shared under the content version), a page is not read by joining
    the table of every type its parent allows."""
    settings.PAGE_CACHE_SECONDS = 0
    queries = cost_of(client, "/about/leadership/").queries
    assert not [q for q in queries if 'LEFT OUTER JOIN "pages_' in q]


def test_a_shared_child_id_that_no_longer_holds_is_not_trusted(client, home, settings):
    """Two pages trade slugs behind the cache's back (no signal, so no new content version): each
    address still serves the page that has its slug now."""
    settings.PAGE_CACHE_SECONDS = 0
    first = StandardPageFactory(parent=home, title="First page", slug="first")
    second = StandardPageFactory(parent=home, title="Second page", slug="second")
    assert "First page" in client.get("/first/").text and "Second page" in client.get("/second/").text
    Page.objects.filter(pk=first.pk).update(slug="swap")
    Page.objects.filter(pk=second.pk).update(slug="first")
    Page.objects.filter(pk=first.pk).update(slug="second")
    for path, title in (("/first/", "Second page"), ("/second/", "First page")):
        assert title in client.get(path).text


def test_a_child_of_a_type_the_parent_no_longer_allows_still_answers(client, home):
    """Wagtail's own way (read the page, then its type) is the fallback."""
    plain = Page(title="Legacy", slug="legacy")
    home.add_child(instance=plain)
    assert client.get("/legacy/").status_code == 200


def test_a_renamed_page_moves_to_its_new_address(client, nested):
    assert client.get("/about/leadership/").status_code == 200
    nested.slug = "our-leadership"
    nested.save_revision().publish()
    assert client.get("/about/leadership/").status_code == 404
    assert client.get("/about/our-leadership/").status_code == 200


def test_a_moved_page_answers_at_its_new_address_and_the_old_one_redirects(client, home, nested):
    assert client.get("/about/leadership/").status_code == 200
    nested.move(home, pos="last-child")
    old = client.get("/about/leadership/")
    assert (old.status_code, old["Location"]) == (301, "/leadership/")  # wagtail.contrib.redirects
    assert client.get("/leadership/").status_code == 200


def test_an_unpublished_page_is_gone_at_once(client, nested):
    assert client.get("/about/leadership/").status_code == 200
    nested.unpublish()
    assert client.get("/about/leadership/").status_code == 404


def test_a_restriction_added_later_makes_the_subtree_private(client, about, nested):
    assert client.get("/about/leadership/").status_code == 200
    restriction = PageViewRestriction.objects.create(page=about, restriction_type=PageViewRestriction.LOGIN)
    response = client.get("/about/leadership/")
    assert response.status_code == 302 and "/_util/login/" in response["Location"]
    assert client.get(response["Location"]).status_code == 200  # Wagtail's login view still answers
    restriction.delete()
    assert client.get("/about/leadership/").status_code == 200


def test_routable_sub_routes_and_files_are_served(client, events):
    for _ in range(2):  # the second time from the page cache
        assert client.get("/events/past/").status_code == 200
        assert client.get("/events/panel/").status_code == 200
        assert client.get("/events/calendar.ics").status_code == 200
        assert client.get("/events/no-such-event/").status_code == 404


@pytest.mark.parametrize("path", ["/events/", "/events/past/", "/events/feed/", "/events/calendar.ics"])
def test_a_password_covers_a_pages_sub_routes_and_files(client, events, path):
    assert client.get(path).status_code == 200
    restrict(events)
    response = client.get(path)
    assert response.status_code == 200 and b'name="password"' in response.content
    assert b"Panel on access" not in response.content


class TestListings:
    """A restricted page leaves every list anonymous visitors see."""

    def test_events_leave_the_lists_feeds_and_calendar(self, client, events):
        event = events.get_children().get()
        restrict(event)
        for path in ("/events/", "/events/feed/", "/events/calendar.ics"):
            assert b"Panel on access" not in client.get(path).content, path

    def test_pages_leave_the_menu_sitemap_and_search(self, client, home, about):
        about.show_in_menus = True
        about.save_revision().publish()
        assert b"/about/" in client.get("/sitemap.xml").content
        restrict(about)
        assert b"/about/" not in client.get("/sitemap.xml").content
        assert b'href="/about/"' not in client.get("/").content
        assert b"/about/" not in client.get("/search/?q=About").content

    def test_a_restricted_training_level_leaves_the_program_and_its_calendar(self, client, home):
        program = TrainingProgramPageFactory(parent=home, slug="training")
        hidden = TrainingLevelPageFactory(parent=program, title="Invitation-only level", slug="private-level")
        TrainingSessionFactory(level=hidden, online_url="https://meet.example.edu/secret-room", location="")
        assert b"secret-room" in client.get("/training/calendar.ics").content
        PageViewRestriction.objects.create(page=hidden, restriction_type=PageViewRestriction.LOGIN)
        assert b"Invitation-only level" not in client.get("/training/").content
        assert b"secret-room" not in client.get("/training/calendar.ics").content
        session = hidden.sessions.get()
        assert client.get(f"/training/calendar.ics?session={session.pk}").status_code == 404
