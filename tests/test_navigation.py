"""Navigation: menu contents, cache invalidation and constant query counts."""

from bs4 import BeautifulSoup

from pages.factories import StandardPageFactory
from tests.queries import cost_of


def menu_titles(client, path="/"):
    soup = BeautifulSoup(client.get(path).content, "html.parser")
    return [a.get_text(strip=True) for a in soup.select("nav[aria-label=Main] a")]


def add_sections(home, count, **kwargs):
    return [StandardPageFactory(parent=home, show_in_menus=True, **kwargs) for _ in range(count)]


class TestMainMenu:
    def test_menu_lists_live_top_level_pages_marked_for_menus(self, client, home):
        StandardPageFactory(parent=home, title="About", show_in_menus=True)
        StandardPageFactory(parent=home, title="Hidden", show_in_menus=False)
        StandardPageFactory(parent=home, title="Draft", show_in_menus=True, live=False)
        assert menu_titles(client) == ["About"]

    def test_publishing_a_page_updates_the_cached_menu(self, client, home):
        StandardPageFactory(parent=home, title="About", show_in_menus=True)
        assert menu_titles(client) == ["About"]
        new = StandardPageFactory(parent=home, title="Events", show_in_menus=True, live=False)
        new.save_revision().publish()
        assert menu_titles(client) == ["About", "Events"]
        new.refresh_from_db()
        new.unpublish()
        assert menu_titles(client) == ["About"]

    def test_deleting_a_page_updates_the_cached_menu(self, client, home):
        about = StandardPageFactory(parent=home, title="About", show_in_menus=True)
        assert menu_titles(client) == ["About"]
        about.delete()
        assert menu_titles(client) == []

    def test_current_section_is_marked(self, client, home):
        training = StandardPageFactory(parent=home, title="Training", show_in_menus=True)
        level = StandardPageFactory(parent=training, title="Diversity 1.0")
        soup = BeautifulSoup(client.get(level.url).content, "html.parser")
        link = soup.select_one("nav[aria-label=Main] a")
        assert link["aria-current"] == "true"
        soup = BeautifulSoup(client.get(training.url).content, "html.parser")
        assert soup.select_one("nav[aria-label=Main] a")["aria-current"] == "page"


class TestQueryCounts:
    """Public pages cost a small, fixed number of queries however much content exists."""

    def count_queries(self, client, path, budget):
        count = len(cost_of(client, path).queries)
        assert count <= budget, f"{path}: {count} queries"
        return count

    def test_home_page_queries_do_not_grow_with_more_pages(self, client, home):
        add_sections(home, 5)
        small = self.count_queries(client, "/", 8)
        add_sections(home, 50)
        large = self.count_queries(client, "/", 8)
        assert large == small

    def test_content_page_queries_do_not_grow_with_more_pages(self, client, home):
        section = StandardPageFactory(parent=home, show_in_menus=True, body=[("paragraph", "<p>Text</p>")])
        child = StandardPageFactory(parent=section)
        small = self.count_queries(client, child.url, 8)
        add_sections(home, 50)
        add_sections(section, 20)
        large = self.count_queries(client, child.url, 8)
        assert large == small
