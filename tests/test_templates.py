"""The shared templates: every page type in one frame (base_page.html), one message page, one
card, one notice, and links built by Wagtail's and Django's URL tags (issue 17).

Kept in its own module because the demo tree is built once per module (see conftest._demo_tree).
"""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Page

from tests.test_demo_content import DEMO_PATHS

# One of each view that is not a page of the tree itself.
VIEW_PATHS = [
    "/survey/2014-15/profile/",
    "/survey/2014-15/measure/trust/",
    "/survey/2014-15/dimension/gender/",
    "/career-development/thanks/",
    "/training/diversity-1-0/thanks/",
    "/training/diversity-1-0/cancel/?token=not-a-token",
    "/search/?q=training",
]


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def template_names(response):
    return {template.name for template in response.templates}


@pytest.mark.django_db
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


@pytest.mark.django_db
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


@pytest.mark.django_db
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
