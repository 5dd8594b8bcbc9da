"""Rendering of the shared page chrome, robots.txt and meta tags."""

from bs4 import BeautifulSoup

from pages.factories import StandardPageFactory
from pages.models import StandardPage


class TestRobots:
    def test_robots_points_at_the_sitemap_and_hides_admin(self, client, home):
        body = client.get("/robots.txt").content.decode()
        assert "Disallow: /admin/" in body
        assert "Sitemap: http://localhost/sitemap.xml" in body


class TestMetaTags:
    def test_content_page_has_description_canonical_and_open_graph(self, client, home):
        page = StandardPageFactory(
            parent=home,
            title="About",
            slug="about",
            search_description="What the office does.",
        )
        response = client.get(page.url)
        soup = BeautifulSoup(response.content, "html.parser")
        assert soup.find("meta", attrs={"name": "description"})["content"] == "What the office does."
        assert soup.find("link", rel="canonical")["href"] == "http://localhost/about/"
        assert soup.find("meta", property="og:title")["content"] == "About"
        assert soup.title.get_text().startswith("About |")

    def test_page_without_search_description_falls_back_to_intro(self, client, home):
        page = StandardPageFactory(parent=home, intro="A short introduction.")
        soup = BeautifulSoup(client.get(page.url).content, "html.parser")
        assert soup.find("meta", attrs={"name": "description"})["content"] == "A short introduction."


class TestPageChrome:
    def test_skip_link_landmarks_and_language(self, client, home):
        soup = BeautifulSoup(client.get("/").content, "html.parser")
        assert soup.html["lang"] == "en-US"
        first_link = soup.body.find("a")
        assert first_link["href"] == "#main-content"
        assert soup.find("main", id="main-content")
        assert soup.find("header") and soup.find("footer") and soup.find("nav", attrs={"aria-label": "Main"})

    def test_breadcrumbs_mark_the_current_page(self, client, home):
        parent = StandardPageFactory(parent=home, title="Training", slug="training")
        child = StandardPageFactory(parent=parent, title="Diversity 1.0", slug="diversity-1-0")
        soup = BeautifulSoup(client.get(child.url).content, "html.parser")
        crumbs = soup.find("nav", attrs={"aria-label": "Breadcrumb"})
        assert [a.get_text() for a in crumbs.find_all("a")] == [
            "Home",
            "Training",
            "Diversity 1.0",
        ]
        assert crumbs.find("a", attrs={"aria-current": "page"}).get_text() == "Diversity 1.0"

    def test_footer_shows_site_settings(self, client, home):
        content = client.get("/").content.decode()
        assert "diversity@example.edu" in content
        assert "Example School of Medicine" in content


def test_standard_pages_use_the_shared_content_template(client, home):
    page = StandardPageFactory(parent=home)
    response = client.get(page.url)
    assert "pages/content_page.html" in [t.name for t in response.templates]
    assert StandardPage.template == "pages/content_page.html"
