"""Site search: live public pages and the people, partners and resources they list, each result
with its section; typos forgiven on PostgreSQL (Wagtail's fuzzy search)."""

import pytest
from django.db import connection
from wagtail.models import PageViewRestriction

from pages.factories import (
    CommunityEngagementPageFactory,
    CommunityPartnerFactory,
    EventIndexPageFactory,
    EventPageFactory,
    PersonFactory,
    ResourceFactory,
    ResourceLibraryPageFactory,
    StandardPageFactory,
    TeamPageFactory,
)
from tests.queries import cost_of
from training.factories import TrainingLevelPageFactory, TrainingProgramPageFactory


def results_for(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    return response, list(response.context["results"])


class TestSearch:
    def test_search_finds_a_page_by_a_word_in_its_body(self, client, home):
        page = StandardPageFactory(
            parent=home,
            title="Seminars",
            body=[("paragraph", "<p>Our ethnography workshop runs monthly.</p>")],
        )
        page.save_revision().publish()
        response = client.get("/search/", {"q": "ethnography"})
        assert response.status_code == 200
        assert "Seminars" in [result.title for result in response.context["results"]]

    def test_search_without_results_shows_an_empty_state(self, client, home):
        response = client.get("/search/", {"q": "zzzqqqxxy"})
        assert response.status_code == 200
        assert b"0 results" in response.content

    def test_search_survives_bad_page_numbers(self, client, home):
        for page_number in ["0", "-1", "abc", "99999"]:
            assert client.get("/search/", {"q": "office", "page": page_number}).status_code == 200

    def test_draft_pages_are_not_found(self, client, home):
        StandardPageFactory(
            parent=home,
            title="Secret draft",
            live=False,
            body=[("paragraph", "<p>unpublishedword</p>")],
        )
        response = client.get("/search/", {"q": "unpublishedword"})
        assert list(response.context["results"]) == []


class TestResults:
    def test_each_result_names_its_section(self, client, home):
        events = EventIndexPageFactory(parent=home, title="Events", slug="events")
        EventPageFactory(
            parent=events, title="Heritage month lecture", slug="heritage", intro="A lecture on zanzibarite history."
        )
        _response, results = results_for(client, "zanzibarite")
        assert [(result.title, result.section) for result in results] == [("Heritage month lecture", "Events")]
        assert results[0].url == "/events/heritage/"

    def test_a_section_page_is_its_own_section_and_the_home_page_is_home(self, client, home):
        StandardPageFactory(parent=home, title="About", slug="about", intro="Quixotry in practice.")
        home.intro = "Quixotry everywhere."
        home.save_revision().publish()
        _response, results = results_for(client, "quixotry")
        assert sorted((result.title, result.section) for result in results) == [
            ("About", "About"),
            (home.title, "Home"),
        ]

    def test_a_partner_is_found_at_its_place_on_the_community_page(self, client, home):
        community = CommunityEngagementPageFactory(parent=home)
        partner = CommunityPartnerFactory(name="Riverbend Food Cooperative", description="Groceries and gardens.")
        response, results = results_for(client, "riverbend")
        assert [(result.title, result.section, result.url) for result in results] == [
            ("Riverbend Food Cooperative", community.title, f"/community-engagement/#partner-{partner.pk}")
        ]
        assert f'id="partner-{partner.pk}"' in client.get("/community-engagement/").content.decode()
        assert "Groceries and gardens." in response.content.decode()

    def test_partners_are_not_found_while_the_page_listing_them_is_private_or_unpublished(self, client, home):
        community = CommunityEngagementPageFactory(parent=home)
        CommunityPartnerFactory(name="Riverbend Food Cooperative")
        PageViewRestriction.objects.create(page=community, restriction_type=PageViewRestriction.LOGIN)
        assert results_for(client, "riverbend")[1] == []
        PageViewRestriction.objects.all().delete()
        community.unpublish()
        assert results_for(client, "riverbend")[1] == []

    def test_each_kind_of_snippet_is_found_on_its_own_listing_page(self, client, home):
        """People, partners and resources: each result leads to the page that lists its kind."""
        team = TeamPageFactory(parent=home)
        community = CommunityEngagementPageFactory(parent=home)
        library = ResourceLibraryPageFactory(parent=home)
        person = PersonFactory(name="Ada Quillwort")
        partner = CommunityPartnerFactory(name="Quillwort Garden Club")
        resource = ResourceFactory(title="Quillwort toolkit")
        found = {(result.title, result.section, result.url) for result in results_for(client, "quillwort")[1]}
        assert found == {
            ("Ada Quillwort", team.title, f"{team.url}#person-{person.pk}"),
            ("Quillwort Garden Club", community.title, f"{community.url}#partner-{partner.pk}"),
            ("Quillwort toolkit", library.title, f"{library.url}#resource-{resource.pk}"),
        }

    def test_restricted_pages_are_not_found(self, client, home):
        page = StandardPageFactory(parent=home, title="Staff only", intro="Palimpsest notes.")
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
        assert results_for(client, "palimpsest")[1] == []

    def test_the_cost_of_a_search_does_not_grow_with_the_results(self, client, home, no_page_cache):
        community = CommunityEngagementPageFactory(parent=home)
        section = StandardPageFactory(parent=home, title="Library", slug="library")

        def add(count):
            for _ in range(count):
                StandardPageFactory(parent=section, intro="Lorem marmalade.")
                CommunityPartnerFactory(description="Marmalade makers.")

        add(2)
        few = cost_of(client, "/search/?q=marmalade")
        add(18)
        many = cost_of(client, "/search/?q=marmalade")
        assert community.live
        assert len(many.queries) == len(few.queries), many.queries


@pytest.mark.skipif(connection.vendor != "postgresql", reason="fuzzy search is PostgreSQL's")
class TestTypos:
    def test_a_misspelt_word_still_finds_the_bias_training(self, client, home):
        program = TrainingProgramPageFactory(parent=home)
        TrainingLevelPageFactory(
            parent=program,
            title="Unconscious Bias for Managers",
            slug="unconscious-bias-for-managers",
            intro="A half-day workshop for new managers.",
        )
        response, results = results_for(client, "unconcious")
        assert [result.title for result in results][:1] == ["Unconscious Bias for Managers"]
        assert results[0].section == program.title
        assert "words like “unconcious”" in response.content.decode()

    def test_an_exact_word_is_not_a_fuzzy_search(self, client, home):
        StandardPageFactory(parent=home, title="Mentoring", intro="Mentoring circles.")
        response, results = results_for(client, "mentoring")
        assert [result.title for result in results] == ["Mentoring"]
        assert "words like" not in response.content.decode()
