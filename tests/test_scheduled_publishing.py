"""Scheduled publishing: `publish_scheduled` (run on a timer in deployment) makes due pages live,
leaves later ones alone, and anonymous visitors see the change at once despite the page cache."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import nested_form_data, streamfield

from pages.factories import StandardPageFactory


@pytest.fixture(autouse=True)
def page_cache(settings):
    """Keep the anonymous page cache on, as in production, whatever the environment sets."""
    settings.PAGE_CACHE_SECONDS = 300


def minutes_from_now(minutes):
    return timezone.now() + datetime.timedelta(minutes=minutes)


def schedule(page, go_live_at, **changes):
    """Leave a revision approved to go live at `go_live_at`, as the admin's Publish does with a
    go-live time; a time in the past stands for a schedule whose moment has come."""
    for name, value in changes.items():
        setattr(page, name, value)
    page.go_live_at = go_live_at
    return page.save_revision(approved_go_live_at=go_live_at)


def test_a_new_page_due_goes_live_and_shows_in_the_cached_menu(client, home):
    page = StandardPageFactory(parent=home, title="Heritage Month", live=False, show_in_menus=True)
    assert b"Heritage Month" not in client.get("/").content  # the home page is now cached
    schedule(page, minutes_from_now(-5))
    assert client.get(page.url).status_code == 404

    call_command("publish_scheduled")

    page.refresh_from_db()
    assert page.live and not page.has_unpublished_changes
    response = client.get(page.url)
    assert response.status_code == 200
    assert b"Heritage Month" in response.content
    assert b"Heritage Month" in client.get("/").content


def test_a_due_revision_replaces_the_cached_live_content(client, home):
    page = StandardPageFactory(parent=home, title="About", slug="about")
    assert client.get(page.url).status_code == 200  # cached
    schedule(page, minutes_from_now(-5), title="About the office")
    assert b"About the office" not in client.get(page.url).content

    call_command("publish_scheduled")

    response = client.get(page.url)
    assert response.status_code == 200
    assert b"About the office" in response.content


def test_a_page_scheduled_in_the_admin_for_later_stays_unpublished(admin_client, client, home):
    """The editor's path: Publish with a go-live time tomorrow; the timer run today publishes nothing."""
    page = StandardPageFactory(parent=home, title="Draft seminar", slug="seminar", live=False)
    go_live_at = minutes_from_now(24 * 60).replace(second=0, microsecond=0)
    data = {
        "title": "Seminar series",
        "slug": "seminar",
        "body": streamfield([]),
        "go_live_at": timezone.localtime(go_live_at).strftime("%Y-%m-%d %H:%M"),
        "action-publish": "action-publish",
    }
    response = admin_client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), nested_form_data(data))
    assert response.status_code == 302
    assert page.revisions.get().approved_go_live_at == go_live_at

    call_command("publish_scheduled")

    page.refresh_from_db()
    assert not page.live
    assert client.get(page.url).status_code == 404


def test_a_revision_scheduled_for_later_leaves_the_live_content(client, home):
    page = StandardPageFactory(parent=home, title="About", slug="about")
    schedule(page, minutes_from_now(60), title="About the office")

    call_command("publish_scheduled")

    response = client.get(page.url)
    assert response.status_code == 200
    assert b"About the office" not in response.content
