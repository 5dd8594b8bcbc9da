"""The shared templates: every page type in one frame (base_page.html), one message page, one
card, one notice, and links built by Wagtail's and Django's URL tags (issue 17).

Kept in its own module because the demo tree is built once per module (see conftest._demo_tree).
"""

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.urls import reverse
from wagtail.models import Page

from odi_site.subpages import subpage_url
from pages.models import EventIndexPage, EventPage
from tests.test_demo_content import DEMO_PATHS

TEMPLATES = Path(settings.BASE_DIR) / "templates"

# One of each view that is not a page of the tree itself.
VIEW_PATHS = [
    "/survey/2014-15/profile/",
    "/survey/2014-15/measure/trust/",
    "/survey/2014-15/dimension/gender/",
    "/career-development/thanks/",
    "/training/diversity-1-0/thanks/",
    "/training/diversity-1-0/cancel/?token=not-a-token",
    "/newsletter/thanks/",
    "/newsletter/unsubscribe/?token=not-a-token",
    "/search/?q=training",
]


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def template_names(response):
    return {template.name for template in response.templates}


class TestPageFrame:
    @pytest.mark.parametrize("path", DEMO_PATHS + VIEW_PATHS)
    def test_every_page_type_and_view_extends_base_page(self, client, demo_site, path):
        response = client.get(path)
        assert response.status_code in (200, 400)
        assert "base_page.html" in template_names(response)

    @pytest.mark.parametrize("path", [*DEMO_PATHS, *VIEW_PATHS, "/no-such-page/"])
    def test_one_h1_landmarks_and_a_skip_link_that_lands_on_main(self, client, demo_site, path):
        page = soup(client.get(path))
        assert len(page.find_all("h1")) == 1
        assert [main.get("id") for main in page.find_all("main")] == ["main-content"]
        assert page.select_one("a.skip-link")["href"] == "#main-content"
        assert len(page.select("body > header.site-header")) == 1
        assert len(page.select("body > footer.site-footer")) == 1
        assert page.select_one("nav.main-nav[aria-label]") is not None

    def test_sub_views_head_their_page_with_the_view_and_the_page_title(self, client, demo_site):
        header = soup(client.get("/survey/2014-15/profile/")).select_one(".page-header")
        assert header.h1.get_text(strip=True) == "Respondent profile"
        assert header.select_one(".page-header__intro").get_text(strip=True) == Page.objects.get(slug="2014-15").title


class TestMessagePage:
    def test_career_confirmation_is_a_message_page_with_a_way_back(self, client, demo_site):
        response = client.get("/career-development/thanks/")
        page = soup(response)
        assert "message_page.html" in template_names(response)
        assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
        back = page.select(".page-body a")[-1]
        assert (back["href"], back.get_text()) == (
            "/career-development/",
            f"Back to {Page.objects.get(slug='career-development').title}",
        )

    def test_a_broken_training_link_offers_the_office_email(self, client, demo_site):
        response = client.get("/training/diversity-1-0/cancel/?token=not-a-token")
        assert response.status_code == 400
        assert "message_page.html" in template_names(response)
        page = soup(response)
        assert page.h1.get_text(strip=True) == "This cancellation link is not valid"
        assert page.select_one('a[href^="mailto:"]') is not None


class TestCard:
    @pytest.mark.parametrize("path, section", [("/", ".home-events"), ("/events/", ".event-list")])
    def test_event_cards_show_when_and_where_with_a_link_to_the_event(self, client, demo_site, path, section):
        cards = soup(client.get(path)).select(f"{section} .card")
        assert cards
        for card in cards:
            assert card.select_one(".card__when time[datetime]") is not None
            assert card.select_one(".card__link")["href"].startswith("/events/")

    def test_the_home_page_pillars_are_the_same_card(self, client, demo_site):
        response = client.get("/")
        pillars = soup(response).select('[aria-labelledby="home-pillars-heading"] .card .card__link')
        assert len(pillars) == 4
        assert "components/card.html" in template_names(response)


# Addresses written by hand in a template: a page's URL with a route appended, a path relative
# to the current address (wrong in previews, which are served from the admin), or a route of
# our URLconf spelled out instead of named.
HAND_MADE_URL = re.compile(r"""\.url \}\}[\w?]|\.url ~|href="\.\./|["'](/search/|/admin/|/sitemap\.xml)""")


class TestAddresses:
    def test_templates_build_addresses_with_url_tags_only(self):
        offending = {
            str(path.relative_to(TEMPLATES)): line.strip()
            for path in TEMPLATES.rglob("*.html")
            for line in path.read_text().splitlines()
            if HAND_MADE_URL.search(line)
        }
        assert not offending

    def test_the_footer_links_named_routes(self, client, demo_site):
        footer = soup(client.get("/")).select_one(".site-footer__links")
        hrefs = [a["href"] for a in footer.find_all("a")]
        # After the pages site settings link from every page (tests/test_concern.py).
        assert "/report-a-concern/" in hrefs[:-3]
        assert hrefs[-3:] == [
            reverse("search"),
            reverse("sitemap"),
            reverse("wagtailadmin_home"),
        ]

    def test_an_event_links_its_sections_category_list_and_calendar(self, client, demo_site):
        event = EventPage.objects.live().exclude(category=None).first()
        links = soup(client.get(event.url))
        category = links.select_one(".event-details__item a[href*='category=']")["href"]
        calendar = links.select_one("a.event-details__calendar")["href"]
        assert category == f"/events/?category={event.category.slug}"
        assert calendar == f"/events/calendar/?event={event.slug}"
        assert client.get(category).status_code == 200
        assert client.get(calendar)["Content-Type"].startswith("text/calendar")

    def test_survey_views_link_each_other_by_route(self, client, demo_site):
        hrefs = {a["href"] for a in soup(client.get("/survey/2014-15/")).find_all("a", href=True)}
        assert {"/survey/2014-15/profile/", "/survey/2014-15/measure/trust/", "/survey/2014-15/download/csv/"} <= hrefs


class TestSubpageUrl:
    def test_relative_absolute_and_with_a_query(self, demo_site):
        index = EventIndexPage.objects.get()
        assert subpage_url(index, "past") == "/events/past/"
        assert subpage_url(index, "past", full=True) == "http://localhost/events/past/"
        assert subpage_url(index, "calendar", query={"event": "a b"}) == "/events/calendar/?event=a+b"
        results = Page.objects.get(slug="2014-15").specific
        assert subpage_url(results, "measure", "trust") == "/survey/2014-15/measure/trust/"


def test_an_event_moved_out_of_its_section_still_renders(client, demo_site):
    """The admin keeps events under the events index; code may move them (tests do)."""
    event = EventPage.objects.live().exclude(category=None).first()
    event.move(Page.objects.get(slug="about"), pos="last-child")
    page = soup(client.get(Page.objects.get(pk=event.pk).url))
    assert page.select_one("a.event-details__calendar") is None
    assert event.category.name in page.select_one(".event-details").get_text()
