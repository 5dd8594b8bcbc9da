"""Front end: the side column with in-page navigation, the menu's no-JS stylesheet, compressed HTML."""

import gzip

import pytest
from bs4 import BeautifulSoup
from django.test import override_settings

from pages.factories import StandardPageFactory
from pages.models import SiteSettings
from tests.queries import cost_of


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def heading(text, level="h2"):
    return ("heading", {"text": text, "level": level})


@pytest.fixture
def sectioned(home):
    return StandardPageFactory(
        parent=home,
        slug="sectioned",
        body=[
            heading("Who we are"),
            ("paragraph", "<p>Text</p>"),
            heading("Our history", "h3"),
            heading("What we do"),
            heading("Who we are"),  # the same words twice still make two distinct anchors
            heading("Register"),  # an editor's heading never takes an id the templates use
        ],
    )


class TestOnThisPage:
    def test_lists_the_h2_headings_of_the_body_linked_to_their_anchors(self, client, sectioned):
        page = soup(client.get(sectioned.url))
        links = page.select("aside.page-aside nav.on-this-page a")
        assert [(a.get_text(), a["href"]) for a in links] == [
            ("Who we are", "#section-who-we-are"),
            ("What we do", "#section-what-we-do"),
            ("Who we are", "#section-who-we-are-2"),
            ("Register", "#section-register"),
        ]
        for link in links:
            target = page.find(id=link["href"][1:])
            assert target is not None and target.name == "h2" and target.get_text() == link.get_text()

    def test_every_heading_gets_a_unique_anchor(self, client, sectioned):
        page = soup(client.get(sectioned.url))
        ids = [h["id"] for h in page.select(".page-body h2, .page-body h3")]
        assert ids == [
            "section-who-we-are",
            "section-our-history",
            "section-what-we-do",
            "section-who-we-are-2",
            "section-register",
        ]
        every_id = [el["id"] for el in page.find_all(id=True)]
        assert len(every_id) == len(set(every_id))

    def test_no_list_for_fewer_than_two_sections(self, client, home):
        page = StandardPageFactory(parent=home, slug="short", body=[heading("Only one"), heading("Below", "h3")])
        html = soup(client.get(page.url))
        assert html.select_one(".on-this-page") is None
        assert html.select_one("h2#section-only-one") is not None

    def test_the_side_column_follows_the_body_and_costs_no_query(self, client, sectioned, no_page_cache):
        plain = StandardPageFactory(parent=sectioned.get_parent(), slug="plain", body=[])
        cost_with, cost_without = cost_of(client, sectioned.url), cost_of(client, plain.url)
        assert len(cost_with.queries) == len(cost_without.queries)
        layout = soup(client.get(sectioned.url)).select_one("main .page-layout")
        assert [child["class"][0] for child in layout.find_all(recursive=False)] == ["page-body", "page-aside"]

    def test_the_side_column_holds_the_office_contact_unless_the_page_fills_it(self, client, sectioned):
        SiteSettings.objects.update(email="odei@example.edu", phone="314-555-0100")
        box = soup(client.get(sectioned.url)).select_one("aside.page-aside .aside-box--contact")
        assert box is not None
        assert box.select_one('a[href="mailto:odei@example.edu"]') is not None
        assert box.select_one('a[href="tel:3145550100"]') is not None

    def test_block_preview_renders_a_heading_without_an_anchor(self, home):
        from pages.blocks import HeadingBlock

        html = HeadingBlock().render({"text": "Why inclusion matters", "level": "h2"})
        assert html.strip() == '<h2 class="block-heading block-heading--h2">Why inclusion matters</h2>'


class TestMenuWithoutJavaScript:
    def test_the_menu_button_is_in_the_html_and_a_noscript_stylesheet_shows_the_menu(self, client, home):
        page = soup(client.get(home.url))
        toggle = page.select_one("[data-main-nav-toggle]")
        assert toggle is not None and not toggle.has_attr("hidden")
        noscript = BeautifulSoup(page.head.noscript.decode_contents(), "html.parser")
        assert noscript.select_one('link[rel="stylesheet"]')["href"].endswith("css/no-js.css")

    def test_public_pages_carry_no_inline_style_or_script(self, client, sectioned):
        page = soup(client.get(sectioned.url))
        assert page.find("style") is None
        assert page.find(style=True) is None
        assert all(script.get("src") or script.get("type") == "application/ld+json" for script in page("script"))


@pytest.mark.usefixtures("page_cache_on")
class TestCompression:
    @pytest.fixture
    def page_cache_on(self):
        with override_settings(PAGE_CACHE_SECONDS=300):
            yield

    def test_home_page_is_gzipped_for_clients_that_accept_it_and_unpacks_to_the_same_html(self, client, home):
        plain = client.get(home.url)
        packed = client.get(home.url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
        assert "Content-Encoding" not in plain
        assert packed["Content-Encoding"] == "gzip"
        assert "Accept-Encoding" in packed["Vary"] and "Accept-Encoding" in plain["Vary"]
        assert int(packed["Content-Length"]) == len(packed.content) < len(plain.content)
        assert gzip.decompress(packed.content) == plain.content

    def test_a_cache_hit_sends_the_stored_gzip_body_and_plain_clients_have_their_own_entry(self, client, home):
        first = client.get(home.url, HTTP_ACCEPT_ENCODING="gzip")  # rendered, compressed and stored
        hit = client.get(home.url, HTTP_ACCEPT_ENCODING="gzip")
        assert hit["Content-Encoding"] == "gzip" and hit.content == first.content  # the stored bytes
        html = gzip.decompress(hit.content)
        assert html.startswith(b"<!DOCTYPE html>")  # one layer of gzip, not two
        assert len(cost_of(client, home.url, warm=False).queries) > 0  # a plain client: its own entry
        plain = client.get(home.url)
        assert "Content-Encoding" not in plain and plain.content == html
