"""Cached routing and view restrictions (pages.routing, pages.visibility) follow every tree change."""

import pytest
from wagtail.models import PageViewRestriction

from pages.models import StandardPage
from pages.visibility import public
from tests.factories import EventIndexPageFactory, EventPageFactory, StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def about(home):
    return StandardPageFactory(parent=home, title="About", slug="about")


@pytest.fixture
def nested(about):
    return StandardPageFactory(parent=about, title="Leadership", slug="leadership")


def test_a_known_page_is_served_with_one_routing_query(client, nested, settings, django_assert_max_num_queries):
    settings.PAGE_CACHE_SECONDS = 0
    assert client.get("/about/leadership/").status_code == 200
    with django_assert_max_num_queries(3) as captured:
        assert client.get("/about/leadership/").status_code == 200
    page_loads = [q for q in captured.captured_queries if "wagtailcore_page" in q["sql"]]
    assert len(page_loads) == 1, [q["sql"] for q in captured.captured_queries]


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


def test_routable_sub_routes_work_from_the_cached_route(client, home, settings):
    settings.PAGE_CACHE_SECONDS = 0
    index = EventIndexPageFactory(parent=home, slug="events")
    EventPageFactory(parent=index, slug="panel")
    for _ in range(2):  # the second time the route comes from the cache
        assert client.get("/events/past/").status_code == 200
        assert client.get("/events/panel/").status_code == 200
        assert client.get("/events/calendar.ics").status_code == 200
        assert client.get("/events/no-such-event/").status_code == 404


def test_public_leaves_out_restricted_subtrees(home, about, nested):
    other = StandardPageFactory(parent=home, slug="other")
    PageViewRestriction.objects.create(page=about, restriction_type=PageViewRestriction.LOGIN)
    visible = set(public(StandardPage.objects.live()))
    assert visible == {other} == set(StandardPage.objects.live().public())
