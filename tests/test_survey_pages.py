"""Survey results pages: every view, the figures they show, downloads, 404s, query budgets, admin."""

import csv
import io
import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group as AuthGroup
from django.contrib.auth.models import Permission, User
from wagtail.test.utils import WagtailPageTestCase

from pages.factories import HomePageFactory
from survey import views
from survey.factories import AdministrationFactory, SurveyResultsIndexPageFactory, SurveyResultsPageFactory
from survey.importing import import_file
from survey.models import Administration, Aggregate, Measure, SurveyResultsIndexPage, SurveyResultsPage
from survey.views import SAMPLE_NOTICE
from tests.queries import cost_of

EXAMPLE = Path(__file__).resolve().parent.parent / "docs" / "survey-example.csv"
BASE = "/survey/2014-15/"
VIEWS = ["", "profile/", "dimension/role/", "dimension/gender/", "measure/trust/", "measure/q01/", "measure/vision/"]

pytestmark = pytest.mark.usefixtures("no_page_cache")


@pytest.fixture
def results_page(home):
    report = import_file(EXAMPLE.read_bytes())
    assert report.ok, report.messages()
    index = SurveyResultsIndexPageFactory(parent=home)
    administration = Administration.objects.get(slug="2014-15")
    return SurveyResultsPageFactory(
        parent=index, slug="2014-15", title="2014-15 results", administration=administration
    )


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def table_rows(page_soup, caption):
    table = next(t for t in page_soup.find_all("table") if t.caption.get_text(strip=True) == caption)
    return {
        tr.th.get_text(" ", strip=True): [td.get_text(" ", strip=True) for td in tr.find_all("td")]
        for tr in table.tbody.find_all("tr")
    }


class TestViews:
    @pytest.mark.parametrize("view", VIEWS)
    def test_every_view_renders_with_one_h1_and_the_sample_notice(self, client, results_page, view):
        response = client.get(BASE + view)
        assert response.status_code == 200
        page_soup = soup(response)
        assert len(page_soup.find_all("h1")) == 1
        assert "Sample data — not real results." in page_soup.get_text()
        for svg in page_soup.find_all("svg"):
            assert svg["role"] == "img"
            title_id, desc_id = svg["aria-labelledby"].split()
            assert svg.find("title", id=title_id) and svg.find("desc", id=desc_id)
        assert not page_soup.select("[style]"), "no inline styles (CSP)"
        for table in page_soup.find_all("table"):
            assert table.caption and table.find("th", scope="col")

    def test_index_lists_the_administration(self, client, results_page):
        response = client.get("/survey/")
        assert response.status_code == 200
        assert b"2014-15 results" in response.content
        assert b"400 respondents" in response.content
        assert b"Sample data" in response.content

    def test_overview_shows_facts_clusters_factors_and_links_every_view(self, client, results_page):
        page_soup = soup(client.get(BASE))
        text = page_soup.get_text(" ")
        assert "400" in text and "1,200" in text and "33.3%" in text
        assert table_rows(page_soup, "Engagement clusters, all respondents")["Vision/Purpose"] == [
            "396",
            "72.4%",
            "3.84",
        ]
        assert table_rows(page_soup, "Inclusion factors, all respondents")["Trust"] == ["395", "68.2%", "3.71"]
        links = {a["href"] for a in page_soup.find_all("a", href=True)}
        for view in VIEWS[1:]:
            assert BASE + view in links
        assert BASE + "download/csv/" in links and BASE + "download/json/" in links
        assert BASE + "trend/" not in links  # one administration only

    def test_small_group_and_its_complement_are_withheld_everywhere(self, client, results_page):
        # Per-measure tables live on the measure's page; the dimension view has the heat map (issue 16).
        page_soup = soup(client.get(BASE + "measure/trust/"))
        rows = table_rows(page_soup, "Trust by Gender")
        assert rows["Nonbinary"] == ["Withheld: fewer than 5 respondents"]
        # 380 − 241 − Man would give Nonbinary; complements say why they are withheld (issue 16).
        assert rows["Man"] == ["Withheld to protect a smaller group"]
        assert rows["Woman"][:2] == ["240", "66.3%"]
        heat = table_rows(soup(client.get(BASE + "dimension/gender/")), "Percent favorable by gender")
        # The example file has group scores for Trust only: one column.
        assert heat["Nonbinary"] == ["fewer than 5 respondents"]
        assert heat["Man"] == ["withheld to protect a smaller group"]
        assert heat["Woman"] == ["66.3%"]
        for view in ("dimension/gender/", "measure/trust/"):
            html = client.get(BASE + view).content.decode()
            assert "33.3%" not in html and "71.9%" not in html
        profile = table_rows(soup(client.get(BASE + "profile/")), "Respondents by gender")
        assert profile["Nonbinary"] == ["Withheld: fewer than 5 respondents"]
        assert profile["Answered this question"] == ["380", "100.0%"]
        assert profile["Did not answer this question"] == ["20", "—"]

    def test_profile_shows_not_specified_remainders(self, client, results_page):
        rows = table_rows(soup(client.get(BASE + "profile/")), "Respondents by role")
        assert rows["Not specified"] == ["18", "4.5%"]
        assert rows["Staff: not specified"] == ["7", "1.8%"]
        assert rows["Faculty"] == ["120", "30.0%"]

    def test_gaps_at_the_threshold_are_highlighted_in_words(self, client, results_page):
        page_soup = soup(client.get(BASE + "dimension/role/"))
        measure_soup = soup(client.get(BASE + "measure/trust/"))
        rows = table_rows(measure_soup, "Trust by Role")
        assert rows["Staff: management"][-1] == "+6.0 6.0 points above all respondents"
        assert "Staff: management , Trust: 74.2% favorable, 6.0 points above all respondents" in page_soup.get_text(" ")
        assert measure_soup.select(".survey-chart__bar--highlight")
        heat = table_rows(page_soup, "Percent favorable by role")
        assert heat["Staff: management"] == ["74.2% ▲ +6.0 , 6.0 points above all respondents"]
        [cell] = [
            td
            for tr in page_soup.select("tr")
            if tr.th.get_text(strip=True) == "Staff: management"
            for td in tr.select(".heatmap__cell--above")
        ]
        assert "74.2%" in cell.get_text()
        results_page.gap_threshold = 7
        results_page.save()
        rows = table_rows(soup(client.get(BASE + "measure/trust/")), "Trust by Role")
        assert rows["Staff: management"][-1] == "+6.0"
        assert not soup(client.get(BASE + "dimension/role/")).select("td.heatmap__cell--above")

    def test_measure_view_has_bars_dots_and_child_items(self, client, results_page):
        page_soup = soup(client.get(BASE + "measure/trust/"))
        assert page_soup.h1.get_text(strip=True) == "Trust"
        assert page_soup.find("a", href=BASE + "measure/q01/")
        assert page_soup.select(".survey-chart__dot")
        assert table_rows(page_soup, "Trust by Role")["Faculty"][:2] == ["119", "71.1%"]

    @pytest.mark.parametrize("path", ["dimension/nope/", "measure/nope/", "measure/Q01/", "trend/", "dimension/"])
    def test_unknown_views_are_404(self, client, results_page, path):
        assert client.get(BASE + path).status_code == 404

    def test_page_without_administration_is_404_not_500(self, client, results_page):
        results_page.administration = None
        results_page.save()
        assert client.get(BASE).status_code == 404

    def test_trend_appears_with_a_second_administration(self, client, results_page):
        later = AdministrationFactory(survey=results_page.administration.survey, label="2016-17", slug="2016-17")
        Aggregate.objects.create(
            administration=later, measure=Measure.objects.get(code="TRUST"), n=500, pct_favorable=74.5, mean=3.9
        )
        # Only administrations with a live, public results page are released (issue 16).
        assert client.get(BASE + "trend/").status_code == 404
        SurveyResultsPageFactory(parent=results_page.get_parent(), slug="2016-17", administration=later)
        assert soup(client.get(BASE)).find("a", href=BASE + "trend/")
        page_soup = soup(client.get(BASE + "trend/"))
        rows = table_rows(page_soup, "Trust over time")
        assert rows["2016-17"] == ["500", "74.5%", "3.90"]
        assert rows["2014-15 (sample data)"] == ["395", "68.2%", "3.71"]


class TestSearchEngines:
    """Each view of the results has its own canonical address, title and description (issue 16)."""

    @pytest.mark.parametrize("view", VIEWS[1:])
    def test_each_view_is_its_own_canonical_page(self, client, results_page, view):
        page_soup = soup(client.get(BASE + view))
        assert page_soup.find("link", rel="canonical")["href"] == f"http://localhost{BASE}{view}"
        assert page_soup.find("meta", property="og:url")["content"] == f"http://localhost{BASE}{view}"
        title = page_soup.title.get_text()
        description = page_soup.find("meta", attrs={"name": "description"})["content"]
        overview = soup(client.get(BASE))
        assert title != overview.title.get_text() and "2014-15 results" in title
        assert description != overview.find("meta", attrs={"name": "description"}) and "2014-15" in description

    def test_the_sitemap_lists_every_view_but_not_the_downloads(self, client, results_page):
        listed = client.get("/sitemap.xml").content.decode()
        for view in VIEWS:
            assert f"<loc>http://localhost{BASE}{view}</loc>" in listed
        assert "download" not in listed and f"{BASE}trend/" not in listed


class TestDownloads:
    def test_csv_has_notice_citation_and_equals_the_html(self, client, results_page):
        response = client.get(BASE + "download/csv/")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/csv")
        lines = list(csv.reader(io.StringIO(response.content.decode())))
        assert lines[0] == ["Notice", SAMPLE_NOTICE]
        assert lines[1][0] == "Source" and "2014-15 results" in lines[1][1]
        header_at = lines.index([]) + 1
        records = [dict(zip(lines[header_at], line, strict=True)) for line in lines[header_at + 1 :]]
        html_rows = table_rows(soup(client.get(BASE + "measure/trust/")), "Trust by Role")
        for record in records:
            if record["table"] == "scores" and record["measure_code"] == "TRUST" and record["dimension"] == "Role":
                cells = html_rows[record["group"]]
                if record["withheld"] == "yes":
                    assert cells == ["Withheld: fewer than 5 respondents"]
                else:
                    assert cells[:2] == [f"{int(record['n']):,}", f"{float(record['pct_favorable']):.1f}%"]
        nonbinary = [r for r in records if r["group"] == "Nonbinary"]
        assert nonbinary and all(r["withheld"] == "yes" and r["n"] == "" and r["mean"] == "" for r in nonbinary)

    def test_json_matches_csv_and_withholds(self, client, results_page):
        data = json.loads(client.get(BASE + "download/json/").content)
        assert data["notice"] == SAMPLE_NOTICE and data["is_sample"] is True
        assert data["minimum_cell_size"] == 5 and data["respondents"] == 400
        nonbinary = [f for f in data["figures"] if f["group"] == "Nonbinary"]
        assert nonbinary and all(f["n"] is None and f["mean"] is None and f["withheld"] for f in nonbinary)
        trust = next(f for f in data["figures"] if f["table"] == "overall" and f["measure_code"] == "TRUST")
        assert (trust["n"], trust["pct_favorable"], trust["mean"]) == (395, 68.2, 3.71)

    def test_csv_cells_cannot_start_a_formula(self, client, results_page):
        from survey.models import Group

        Group.objects.filter(label="Faculty").update(label="=HYPERLINK(evil)")
        content = client.get(BASE + "download/csv/").content.decode()
        assert "'=HYPERLINK(evil)" in content
        assert ",=HYPERLINK" not in content

    def test_real_data_has_no_sample_notice(self, client, results_page):
        Administration.objects.update(is_sample=False)
        assert b"Sample data" not in client.get(BASE).content
        assert not json.loads(client.get(BASE + "download/json/").content)["notice"]
        assert "Notice" not in client.get(BASE + "download/csv/").content.decode().splitlines()[0]


class TestQueryBudget:
    def count(self, client, path):
        return len(cost_of(client, path).queries)

    @pytest.mark.parametrize("view", [v for v in VIEWS if not v.startswith("measure/")])
    def test_a_visit_while_the_figures_are_cached_reads_only_the_outline(self, client, results_page, monkeypatch, view):
        """The whole results are read only to draw the cached figures again (`views.outline`);
        the notes around them still quote the survey's own minimums. (A measure's view looks its
        figure up, so it reads them.)"""
        assert client.get(BASE + view).status_code == 200

        def whole_results(page):
            raise AssertionError("the whole results were read")

        monkeypatch.setattr(views, "load", whole_results)
        response = client.get(BASE + view)
        assert response.status_code == 200
        text = " ".join(soup(response).get_text().split())
        survey = results_page.administration.survey
        assert f"Figures about fewer than {survey.min_cell_size} respondents are withheld" in text
        assert f"For groups of fewer than {survey.min_breakdown_size}, the answers are withheld" in text

    def test_queries_do_not_grow_with_the_data(self, client, results_page):
        before = {view: self.count(client, BASE + view) for view in VIEWS}
        survey = results_page.administration.survey
        for _ in range(9):
            admin = AdministrationFactory(survey=survey, respondents=5000)
            Aggregate.objects.bulk_create(
                Aggregate(administration=admin, measure=m, n=100, pct_favorable=50.0) for m in Measure.objects.all()
            )
        extra = [
            Measure(
                survey=survey, kind="item", code=f"X{i}", name=f"Extra {i}", parent=Measure.objects.get(code="TRUST")
            )
            for i in range(30)
        ]
        Measure.objects.bulk_create(extra)
        Aggregate.objects.bulk_create(
            Aggregate(administration=results_page.administration, measure=m, n=100, pct_favorable=50.0, mean=3.0)
            for m in extra
        )
        after = {view: self.count(client, BASE + view) for view in VIEWS}
        assert after == before
        # The survey's own share is two queries (administrations, aggregates), plus the page.
        assert max(after.values()) <= 8


class TestPageRules(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        from wagtail.models import Page

        cls.home = HomePageFactory(parent=Page.get_first_root_node(), slug="home-rules")

    def test_tree_rules(self):
        self.assertCanCreateAt(type(self.home), SurveyResultsIndexPage)
        self.assertCanCreateAt(SurveyResultsIndexPage, SurveyResultsPage)
        self.assertCanNotCreateAt(SurveyResultsPage, SurveyResultsPage)
        self.assertAllowedSubpageTypes(SurveyResultsPage, {})


@pytest.mark.django_db
class TestAdmin:
    def user(self, *group_names, superuser=False):
        user = User.objects.create_user("someone", "someone@example.edu", "a-long-password-123", is_superuser=superuser)
        for name in group_names:
            user.groups.add(AuthGroup.objects.get(name=name))
        if not superuser:
            user.user_permissions.add(Permission.objects.get(codename="access_admin"))
        return user

    def test_data_managers_group_is_created_with_survey_permissions(self):
        group = AuthGroup.objects.get(name="Survey data managers")
        codenames = set(group.permissions.values_list("codename", flat=True))
        assert {"change_aggregate", "add_measure", "import_survey_data", "access_admin"} <= codenames

    def test_communications_editor_cannot_see_or_change_survey_data(self, client):
        client.force_login(self.user("Communications editors"))
        assert client.get("/admin/survey/import/").status_code == 403
        response = client.get("/admin/snippets/survey/aggregate/")
        assert response.status_code in (302, 403)
        assert b"Import survey data" not in client.get("/admin/").content

    def test_data_manager_uploads_checks_and_confirms(self, client):
        client.force_login(self.user("Survey data managers"))
        assert client.get("/admin/snippets/survey/aggregate/").status_code == 200
        assert b"Import survey data" in client.get("/admin/").content
        with EXAMPLE.open("rb") as upload:
            response = client.post("/admin/survey/import/", {"file": upload})
        assert response.status_code == 200
        assert b"is valid" in response.content and not Aggregate.objects.exists()
        token = response.context["token"]
        response = client.post("/admin/survey/import/", {"confirm": "1", "token": token})
        assert response.status_code == 302
        assert Aggregate.objects.count() == 19

    def test_upload_with_errors_lists_them_and_writes_nothing(self, client, tmp_path):
        client.force_login(self.user("Survey data managers"))
        bad = tmp_path / "bad.csv"
        bad.write_bytes(EXAMPLE.read_bytes().replace(b",396,", b",-396,"))
        with bad.open("rb") as upload:
            response = client.post("/admin/survey/import/", {"file": upload})
        assert b"row 22, column n: \xe2\x80\x9c-396\xe2\x80\x9d is negative" in response.content
        assert not Aggregate.objects.exists()
        assert "token" not in response.context or not response.context["token"]


class TestCachedResults:
    """Results and their rendered tables are cached per content version (survey/views.py)."""

    def overall_trust(self, client):
        rows = table_rows(soup(client.get(BASE + "measure/trust/")), "Trust by Role")
        return rows["All respondents"]

    def test_a_changed_figure_shows_on_the_next_request(self, client, results_page):
        before = self.overall_trust(client)
        assert self.overall_trust(client) == before  # served from the cached fragment
        total = Aggregate.objects.get(
            administration=results_page.administration, measure__code="TRUST", group__isnull=True, dimension=None
        )
        total.pct_favorable = 12.3
        total.save()
        after = self.overall_trust(client)
        assert after != before and any("12.3" in cell for cell in after)
