"""News and stories: ordering, pagination, the topic filter, restrictions, feeds, JSON-LD, the home
page's latest news, query counts and the page tree rules."""

import datetime
import json
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.test.utils import WagtailPageTestCase

from pages.factories import (
    ArticlePageFactory,
    HomePageFactory,
    ImageFactory,
    NewsIndexPageFactory,
    NewsTopicFactory,
)
from pages.models import ArticlePage, HomePage, NewsIndexPage, NewsTopic, Person, StandardPage
from pages.news.models import ARTICLES_PER_PAGE
from tests.queries import cost_of

ATOM = "{http://www.w3.org/2005/Atom}"


def ago(days):
    return timezone.localdate() - datetime.timedelta(days=days)


def titles(response, selector=".card__link"):
    soup = BeautifulSoup(response.content, "html.parser")
    return [a.get_text(strip=True) for a in soup.select(selector)]


def restrict(page):
    return PageViewRestriction.objects.create(page=page, restriction_type="password", password="secret")


@pytest.fixture
def news(home):
    return NewsIndexPageFactory(parent=home)


class TestNewsPageTypes(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        root = Page.get_first_root_node()
        cls.home = HomePageFactory(parent=root, slug="home-news-rules")
        Site.objects.filter(is_default_site=True).update(root_page=cls.home)

    def test_articles_live_under_one_news_index_below_home(self):
        self.assertCanCreateAt(HomePage, NewsIndexPage)
        self.assertCanCreateAt(NewsIndexPage, ArticlePage)
        self.assertCanNotCreateAt(HomePage, ArticlePage)
        self.assertCanNotCreateAt(StandardPage, ArticlePage)
        self.assertCanNotCreateAt(StandardPage, NewsIndexPage)
        self.assertCanNotCreateAt(ArticlePage, ArticlePage)
        self.assertCanNotCreateAt(NewsIndexPage, NewsIndexPage)
        self.assertEqual(NewsIndexPage.max_count, 1)

    def test_index_and_article_are_routable_and_renderable(self):
        index = NewsIndexPageFactory(parent=self.home)
        article = ArticlePageFactory(parent=index)
        for page in (index, article):
            self.assertPageIsRoutable(page)
            self.assertPageIsRenderable(page)
        self.assertPageIsRoutable(index, "feed/")
        self.assertPageIsRoutable(index, "feed/atom/")


class TestListing:
    def test_articles_are_listed_newest_first(self, client, news):
        ArticlePageFactory(parent=news, title="Last month", date=ago(30))
        ArticlePageFactory(parent=news, title="Yesterday", date=ago(1))
        ArticlePageFactory(parent=news, title="Last week", date=ago(7))
        response = client.get(news.url)
        assert response.status_code == 200
        assert titles(response, ".news-list .card__link") == ["Yesterday", "Last week", "Last month"]

    def test_cards_show_the_date_in_the_site_format(self, client, news):
        ArticlePageFactory(parent=news, date=datetime.date(2026, 3, 4))
        soup = BeautifulSoup(client.get(news.url).content, "html.parser")
        when = soup.select_one(".news-list time")
        assert when["datetime"] == "2026-03-04"
        assert when.get_text() == "March 4, 2026"

    def test_pagination(self, client, news):
        for n in range(ARTICLES_PER_PAGE + 2):
            ArticlePageFactory(parent=news, title=f"Story {n:02d}", date=ago(n))
        first = client.get(news.url)
        assert len(titles(first, ".news-list .card__link")) == ARTICLES_PER_PAGE
        second = client.get(news.url + "?page=2")
        assert titles(second, ".news-list .card__link") == ["Story 12", "Story 13"]
        assert client.get(news.url + "?page=abc").status_code == 200
        assert titles(client.get(news.url + "?page=99"), ".news-list .card__link") == ["Story 12", "Story 13"]

    def test_topic_filter_is_a_list_of_links_marking_the_current_one(self, client, news):
        training = NewsTopicFactory(name="Training", slug="training")
        NewsTopicFactory(name="Community", slug="community")
        ArticlePageFactory(parent=news, title="About training", topics=[training])
        ArticlePageFactory(parent=news, title="Something else")
        response = client.get(news.url + "?topic=training")
        assert response.status_code == 200
        assert titles(response, ".news-list .card__link") == ["About training"]
        soup = BeautifulSoup(response.content, "html.parser")
        current = soup.select('.news-topics a[aria-current="page"]')
        assert [a.get_text() for a in current] == ["Training"]
        assert [a.get_text() for a in soup.select(".news-topics a")] == ["All news", "Community", "Training"]
        unfiltered = BeautifulSoup(client.get(news.url).content, "html.parser")
        assert [a.get_text() for a in unfiltered.select('.news-topics a[aria-current="page"]')] == ["All news"]

    def test_unknown_topic_is_not_found(self, client, news):
        NewsTopicFactory(slug="training")
        assert client.get(news.url + "?topic=no-such-topic").status_code == 404

    def test_pagination_keeps_the_topic(self, client, news):
        topic = NewsTopicFactory(slug="training")
        for n in range(ARTICLES_PER_PAGE + 1):
            ArticlePageFactory(parent=news, date=ago(n), topics=[topic])
        soup = BeautifulSoup(client.get(news.url + "?topic=training").content, "html.parser")
        assert soup.select_one(".pagination a[rel=next]")["href"] == "?topic=training&page=2"

    def test_drafts_and_restricted_articles_are_not_listed(self, client, news):
        ArticlePageFactory(parent=news, title="Public")
        ArticlePageFactory(parent=news, title="Draft", live=False)
        restrict(ArticlePageFactory(parent=news, title="Members only"))
        assert titles(client.get(news.url), ".news-list .card__link") == ["Public"]


class TestArticle:
    def test_article_shows_date_author_and_topic_links(self, client, news):
        author = Person.objects.create(name="Dana Example", role="Communications lead")
        topic = NewsTopicFactory(name="Training", slug="training")
        article = ArticlePageFactory(parent=news, date=datetime.date(2026, 5, 6), author=author, topics=[topic])
        soup = BeautifulSoup(client.get(article.url).content, "html.parser")
        byline = soup.select_one(".article-details__byline")
        assert "May 6, 2026" in byline.get_text()
        assert "Dana Example" in byline.get_text()
        assert soup.select_one(".article-details__topics a")["href"] == news.url + "?topic=training"

    @pytest.mark.usefixtures("no_page_cache")
    def test_a_renamed_author_and_a_new_topic_show_at_once(self, client, news):
        """Author and topics are kept in the shared cache under the content version."""
        author = Person.objects.create(name="Dana Example")
        article = ArticlePageFactory(parent=news, author=author)
        assert b"Dana Example" in client.get(article.url).content
        author.name = "Dana Renamed"
        author.save()
        article.topics.add(NewsTopicFactory(name="Mentoring", slug="mentoring"))
        article.save_revision().publish()
        page = client.get(article.url).content
        assert b"Dana Renamed" in page and b"Mentoring" in page

    def test_news_pages_advertise_their_feeds(self, client, news):
        article = ArticlePageFactory(parent=news)
        for url in (news.url, article.url):
            soup = BeautifulSoup(client.get(url).content, "html.parser")
            links = {link["type"]: link["href"] for link in soup.select("link[rel=alternate]")}
            assert links["application/rss+xml"] == news.url + "feed/"
            assert links["application/atom+xml"] == news.url + "feed/atom/"


class TestJsonLd:
    def json_ld(self, client, article):
        soup = BeautifulSoup(client.get(article.url).content, "html.parser")
        (script,) = soup.select('script[type="application/ld+json"]')
        return json.loads(script.string)

    def test_article_carries_schema_org_news_article(self, client, news):
        from pages.models import Person

        author = Person.objects.create(name="Dana Example", role="Writer")
        article = ArticlePageFactory(
            parent=news, title="A new season of training", date=datetime.date(2026, 2, 3), author=author
        )
        article.hero_image = ImageFactory()
        article.save()
        data = self.json_ld(client, article)
        assert data["@context"] == "https://schema.org"
        assert data["@type"] == "NewsArticle"
        assert data["headline"] == "A new season of training"
        assert data["datePublished"] == "2026-02-03"
        assert datetime.datetime.fromisoformat(data["dateModified"])
        assert data["author"] == {"@type": "Person", "name": "Dana Example"}
        assert data["publisher"]["@type"] == "Organization"
        assert data["publisher"]["name"]
        assert data["image"][0].startswith("http://localhost/")

    def test_markup_in_titles_cannot_break_out_of_the_script(self, client, news):
        article = ArticlePageFactory(parent=news, title="</script><script>alert(1)</script> & more")
        html = client.get(article.url).content.decode()
        assert "</script><script>alert(1)" not in html
        assert self.json_ld(client, article)["headline"] == "</script><script>alert(1)</script> & more"


class TestFeeds:
    def test_rss_feed_lists_public_articles_newest_first(self, client, news):
        from pages.models import Person

        topic = NewsTopicFactory(name="Community", slug="community")
        author = Person.objects.create(name="Dana Example", role="Writer")
        ArticlePageFactory(parent=news, title="Older", date=ago(10))
        ArticlePageFactory(parent=news, title="Newer", date=ago(1), author=author, topics=[topic])
        ArticlePageFactory(parent=news, title="Draft", live=False)
        restrict(ArticlePageFactory(parent=news, title="Members only"))
        response = client.get(news.url + "feed/")
        assert response.status_code == 200
        assert "rss+xml" in response["Content-Type"]
        channel = ET.fromstring(response.content).find("channel")
        assert channel.findtext("title") == news.title
        items = channel.findall("item")
        assert [item.findtext("title") for item in items] == ["Newer", "Older"]
        newer = items[0]
        assert newer.findtext("link") == "http://localhost/news/" + newer.findtext("link").split("/news/")[1]
        assert newer.findtext("description")
        assert newer.findtext("pubDate")
        assert "Dana Example" in newer.findtext("{http://purl.org/dc/elements/1.1/}creator", "") + newer.findtext(
            "author", ""
        )
        assert [c.text for c in newer.findall("category")] == ["Community"]

    def test_atom_feed_is_valid_xml_with_the_same_items(self, client, news):
        from pages.models import Person

        author = Person.objects.create(name="Dana Example", role="Writer")
        ArticlePageFactory(parent=news, title="Newer", date=ago(1), author=author)
        ArticlePageFactory(parent=news, title="Older", date=ago(5))
        restrict(ArticlePageFactory(parent=news, title="Members only"))
        response = client.get(news.url + "feed/atom/")
        assert response.status_code == 200
        feed = ET.fromstring(response.content)
        assert feed.tag == f"{ATOM}feed"
        entries = feed.findall(f"{ATOM}entry")
        assert [e.findtext(f"{ATOM}title") for e in entries] == ["Newer", "Older"]
        assert entries[0].find(f"{ATOM}author").findtext(f"{ATOM}name") == "Dana Example"
        assert entries[0].findtext(f"{ATOM}published").startswith(ago(1).isoformat())


class TestHome:
    def test_home_shows_the_three_newest_public_articles_and_links_to_all(self, client, home, news):
        for n in range(5):
            ArticlePageFactory(parent=news, title=f"Story {n}", date=ago(n + 2))
        restrict(ArticlePageFactory(parent=news, title="Members only", date=ago(0)))
        ArticlePageFactory(parent=news, title="Draft", date=ago(0), live=False)
        soup = BeautifulSoup(client.get("/").content, "html.parser")
        section = soup.select_one(".home-news")
        assert [a.get_text(strip=True) for a in section.select(".card__link")] == ["Story 0", "Story 1", "Story 2"]
        assert section.select_one("time").get_text() == f"{ago(2):%B} {ago(2).day}, {ago(2).year}"
        assert section.select_one(".home-news__more a")["href"] == news.url

    def test_home_without_a_news_section_shows_no_news(self, client, home):
        soup = BeautifulSoup(client.get("/").content, "html.parser")
        assert soup.select_one(".home-news") is None

    def test_new_article_shows_on_the_home_page_at_once(self, client, home, news):
        ArticlePageFactory(parent=news, title="First")
        client.get("/")
        article = ArticlePageFactory(parent=news, title="Second", live=False)
        article.save_revision().publish()
        assert "Second" in titles(client.get("/"), ".home-news .card__link")


@pytest.mark.usefixtures("no_page_cache")
class TestQueryCounts:
    """Each public news view costs a fixed number of queries, however many articles there are."""

    def make_articles(self, news, count, topic, start=0):
        image = ImageFactory()
        for n in range(start, start + count):
            ArticlePageFactory(parent=news, date=ago(n), hero_image=image, topics=[topic])

    def test_counts_stay_constant_with_ten_times_the_articles(self, client, home, news):
        from pages.models import Person

        topic = NewsTopicFactory(slug="training")
        self.make_articles(news, 15, topic)
        article = ArticlePage.objects.child_of(news).first()
        article.author = Person.objects.create(name="Dana Example", role="Writer")
        article.save()
        paths = ["/", news.url, news.url + "?topic=training&page=2", news.url + "feed/", news.url + "feed/atom/"]
        paths.append(article.url)
        small = {path: len(cost_of(client, path).queries) for path in paths}
        self.make_articles(news, 135, topic, start=15)
        large = {path: len(cost_of(client, path).queries) for path in paths}
        assert small == large


class TestDemoNews:
    def test_demo_news_has_articles_over_three_topics_and_renders(self, client, demo_site):
        articles = list(ArticlePage.objects.live())
        assert 5 <= len(articles) <= 6
        assert NewsTopic.objects.filter(articles__in=articles).distinct().count() == 3
        for article in articles:
            response = client.get(article.url)
            assert response.status_code == 200, article.url
            article.full_clean()
        home = BeautifulSoup(client.get("/").content, "html.parser")
        shown = [a.get_text(strip=True) for a in home.select(".home-news .card__link")]
        newest = NewsIndexPage.objects.get().articles()[:3]
        assert shown == [article.teaser_title for article in newest]
        for topic in NewsTopic.objects.all():
            assert client.get(f"/news/?topic={topic.slug}").status_code == 200
