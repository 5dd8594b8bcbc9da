"""The demo tree `load_demo_content` builds: every page renders, facts present, idempotent."""

import re
from io import BytesIO

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from PIL import Image
from wagtail.models import Page, PageViewRestriction

from pages.demo.drawing import render_png
from pages.demo.images import IMAGES
from pages.models import HomePage

DEMO_PATHS = [
    "/",
    "/about/",
    "/about/team/",
    "/training/",
    "/training/diversity-1-0/",
    "/training/diversity-2-0/",
    "/training/diversity-3-0/",
    "/training/diversity-4-0/",
    "/training/unconscious-bias-for-managers/",
    "/career-development/",
    "/community-engagement/",
    "/events/",
    "/newsletter/",
    "/survey/",
    "/survey/2014-15/",
    "/events/past/",
    "/events/diversity-1-0-open-session/",
    "/events/heritage-month-art-exhibit/",
    "/news/",
    "/news/unconscious-bias-training-for-new-managers/",
]


def h1_texts(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [h.get_text(" ", strip=True) for h in soup.find_all("h1")]


class TestDemoTree:
    @pytest.mark.parametrize("path", DEMO_PATHS)
    def test_every_demo_page_renders_its_title_in_one_h1(self, client, demo_site, path):
        response = client.get(path)
        assert response.status_code == 200
        page = Page.find_for_request(response.wsgi_request, path)
        assert h1_texts(response) == [page.title]

    def test_unknown_path_is_a_friendly_404(self, client, demo_site):
        response = client.get("/no-such-page/")
        assert response.status_code == 404
        assert h1_texts(response) == ["Page not found"]
        assert b'role="search"' in response.content

    def test_demo_content_carries_the_office_facts(self, client, demo_site):
        text = " ".join(BeautifulSoup(client.get(path).content, "html.parser").get_text(" ") for path in DEMO_PATHS)
        for fact in ["7,100", "4,000", "3.5", "New Manager Orientation", "one-hour"]:
            assert fact in text, f"demo content should mention {fact!r}"

    @pytest.mark.parametrize(
        ("path", "fact"),
        [
            ("/training/", "UCB"),
            ("/training/unconscious-bias-for-managers/", "UCB"),
            ("/about/", "WUSM"),
            ("/training/", "completed Level 4.0"),
            ("/training/", "overwhelmingly positive"),
        ],
    )
    def test_demo_content_keeps_the_facts_of_the_offices_own_text(self, client, demo_site, path, fact):
        """The office's text names the managers' training UCB and the school WUSM, says some
        participants went on to complete Level 4.0 and that evaluations were overwhelmingly positive."""
        text = " ".join(BeautifulSoup(client.get(path).content, "html.parser").get_text(" ").split())
        assert fact in text, f"{path} should mention {fact!r}"

    def test_loading_demo_content_twice_changes_nothing(self, demo_site):
        before = list(Page.objects.order_by("path").values_list("id", "path", "slug", "title", "latest_revision_id"))
        call_command("load_demo_content", verbosity=0)
        after = list(Page.objects.order_by("path").values_list("id", "path", "slug", "title", "latest_revision_id"))
        assert after == before

    def test_reset_rebuilds_the_same_tree(self, demo_site):
        slugs_before = sorted(Page.objects.filter(depth__gt=2).values_list("url_path", flat=True))
        call_command("load_demo_content", reset=True, verbosity=0)
        slugs_after = sorted(Page.objects.filter(depth__gt=2).values_list("url_path", flat=True))
        assert slugs_after == slugs_before
        assert HomePage.objects.count() == 1

    def test_every_demo_page_passes_editor_validation(self, demo_site):
        for page in Page.objects.filter(depth__gt=1).specific():
            page.full_clean()


def test_sitemap_lists_every_live_page(client, demo_site):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    listed = set(re.findall(r"<loc>http://localhost(/[^<]*)</loc>", response.content.decode()))
    live = {page.url for page in Page.objects.live().public().filter(depth__gt=1).specific()}
    assert live <= listed
    # Beyond the pages, only views with an address of their own (issue 16): past events and the
    # survey results' views.
    views = listed - live
    assert "/events/past/" in views and "/survey/2014-15/profile/" in views
    assert "/survey/2014-15/dimension/raceethnicity/" in views and "/survey/2014-15/measure/q01/" in views
    assert all(view == "/events/past/" or view.startswith("/survey/2014-15/") for view in views)
    assert not any("download" in view for view in views)


@pytest.mark.parametrize("section", ["events", "training"])
def test_section_calendars_are_served_at_their_ics_address(client, demo_site, section):
    from icalendar import Calendar

    response = client.get(f"/{section}/calendar.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(b"".join(response.streaming_content) if response.streaming else response.content)
    assert calendar.walk("VEVENT"), f"/{section}/calendar.ics lists no upcoming events"


def test_sections_without_a_calendar_answer_404(client, demo_site):
    assert client.get("/about/calendar.ics").status_code == 404
    assert client.get("/no-such-section/calendar.ics").status_code == 404


@pytest.mark.parametrize(
    "filename, content_type", [("download.csv", "text/csv"), ("download.json", "application/json")]
)
def test_survey_downloads_are_served_at_their_file_addresses(client, demo_site, filename, content_type):
    response = client.get(f"/survey/2014-15/{filename}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    assert b"ample data" in response.content  # the sample-data notice travels with the figures


def test_file_addresses_respect_private_pages(client, demo_site):
    events = Page.objects.get(slug="events")
    PageViewRestriction.objects.create(page=events, restriction_type=PageViewRestriction.LOGIN)
    response = client.get("/events/calendar.ics")
    assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.parametrize("spec", IMAGES, ids=lambda spec: spec.key)
def test_each_demo_drawing_is_a_png_of_its_size_and_the_same_every_time(spec):
    drawn = render_png(spec.motif, spec.size, spec.background, seed=spec.key)
    with Image.open(BytesIO(drawn)) as picture:
        assert (picture.format, picture.mode, picture.size) == ("PNG", "RGB", spec.size)
        # More than 20 colours (getcolors gives None past maxcolors): the motif over the gradient.
        assert picture.getcolors(maxcolors=20) is None
    assert render_png(spec.motif, spec.size, spec.background, seed=spec.key) == drawn
