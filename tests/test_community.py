"""Community engagement: focus areas, the partner filter, Community Voices events, partner permissions."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase

from pages.factories import (
    CommunityEngagementPageFactory,
    CommunityPartnerFactory,
    EventCategoryFactory,
    EventIndexPageFactory,
    EventPageFactory,
    FocusAreaFactory,
    HomePageFactory,
    ImageFactory,
)
from pages.models import CommunityEngagementPage, CommunityPartner, HomePage, StandardPage
from tests.queries import cost_of

PARTNERS_URL = "/admin/snippets/pages/communitypartner/"


@pytest.fixture
def areas(db):
    return {
        slug: FocusAreaFactory(slug=slug, name=name, sort_order=n)
        for n, (slug, name) in enumerate(
            [("veterans", "veterans"), ("women", "women"), ("people-with-disabilities", "people with disabilities")]
        )
    }


@pytest.fixture
def community(home):
    return CommunityEngagementPageFactory(parent=home)


def partner_names(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [h.get_text(strip=True) for h in soup.select(".partner__name")]


def status_text(response):
    return (
        BeautifulSoup(response.content, "html.parser").select_one(".partners [role=status]").get_text(" ", strip=True)
    )


class TestPartners:
    def test_all_partners_and_focus_areas_are_listed(self, client, community, areas):
        CommunityPartnerFactory(name="Bravo Network", focus_areas=[areas["veterans"]])
        CommunityPartnerFactory(name="Alpha Alliance", focus_areas=[areas["women"], areas["veterans"]])
        response = client.get(community.url)
        assert response.status_code == 200
        assert partner_names(response) == ["Alpha Alliance", "Bravo Network"]
        assert status_text(response).startswith("Showing all 2 partners.")
        soup = BeautifulSoup(response.content, "html.parser")
        assert [h.get_text() for h in soup.select(".focus-areas__name")] == [
            "Veterans",
            "Women",
            "People with disabilities",
        ]

    def test_filter_by_focus_area_with_an_accessible_count(self, client, community, areas):
        CommunityPartnerFactory(name="Vets One", focus_areas=[areas["veterans"]])
        CommunityPartnerFactory(name="Vets Two", focus_areas=[areas["veterans"], areas["women"]])
        CommunityPartnerFactory(name="Women Only", focus_areas=[areas["women"]])
        response = client.get(community.url, {"focus": "veterans"})
        assert partner_names(response) == ["Vets One", "Vets Two"]
        assert status_text(response).startswith("Showing 2 partners working on veterans.")
        soup = BeautifulSoup(response.content, "html.parser")
        form = soup.select_one("form.partner-filter")
        assert form["method"] == "get" and form.select_one("button[type=submit]")
        assert soup.select_one("label[for=partner-filter-focus]")
        assert soup.select_one("#partner-filter-focus option[selected]")["value"] == "veterans"

    def test_one_partner_reads_naturally(self, client, community, areas):
        CommunityPartnerFactory(name="Solo", focus_areas=[areas["women"]])
        assert status_text(client.get(community.url, {"focus": "women"})).startswith(
            "Showing 1 partner working on women."
        )

    def test_empty_and_unknown_focus_areas(self, client, community, areas):
        CommunityPartnerFactory(name="Vets", focus_areas=[areas["veterans"]])
        empty = client.get(community.url, {"focus": "people-with-disabilities"})
        assert partner_names(empty) == []
        assert status_text(empty).startswith("Showing 0 partners working on people with disabilities.")
        unknown = client.get(community.url, {"focus": "<script>"})
        assert unknown.status_code == 200
        assert partner_names(unknown) == ["Vets"]

    def test_logo_needs_alt_text(self, db):
        partner = CommunityPartnerFactory(logo=ImageFactory())
        partner.logo_alt = ""
        with pytest.raises(ValidationError) as error:
            partner.full_clean()
        assert "logo_alt" in error.value.message_dict

    def test_logo_is_shown_with_its_alt_text(self, client, community):
        CommunityPartnerFactory(name="Logo Org", logo=ImageFactory(), logo_alt="Logo Org")
        soup = BeautifulSoup(client.get(community.url).content, "html.parser")
        assert soup.select_one(".partner__logo img")["alt"] == "Logo Org"


class TestCommunityVoices:
    def test_upcoming_events_of_the_chosen_category_only(self, client, home, community):
        index = EventIndexPageFactory(parent=home)
        voices = EventCategoryFactory(name="Community Voices", slug="community-voices")
        other = EventCategoryFactory(slug="seminar")
        now = timezone.now()
        for title, days, category in [
            ("Past voices", -3, voices),
            ("Next voices", 2, voices),
            ("A seminar", 3, other),
            ("Later voices", 9, voices),
        ]:
            start = now + datetime.timedelta(days=days)
            EventPageFactory(
                parent=index, title=title, start=start, end=start + datetime.timedelta(hours=1), category=category
            )
        community.voices_category = voices
        community.save()
        soup = BeautifulSoup(client.get(community.url).content, "html.parser")
        assert [a.get_text(strip=True) for a in soup.select(".voices .card__link")] == [
            "Next voices",
            "Later voices",
        ]

    def test_without_a_category_the_section_is_left_out(self, client, community):
        assert not BeautifulSoup(client.get(community.url).content, "html.parser").select(".voices")


class TestQueryCount:
    def test_page_queries_stay_constant_from_10_to_100_partners(self, client, home, community, areas, settings):
        settings.PAGE_CACHE_SECONDS = 0
        index = EventIndexPageFactory(parent=home)
        voices = EventCategoryFactory(slug="community-voices")
        image = ImageFactory()
        for n in range(5):
            start = timezone.now() + datetime.timedelta(days=n + 1)
            EventPageFactory(parent=index, start=start, end=start, category=voices, hero_image=image)
        community.voices_category = voices
        community.save()

        def add_partners(count):
            for _ in range(count):
                CommunityPartnerFactory(focus_areas=list(areas.values()), logo=image, logo_alt="Logo")

        def count(path):
            return len(cost_of(client, path).queries)

        paths = [community.url, community.url + "?focus=veterans"]
        add_partners(10)
        small = [count(path) for path in paths]
        add_partners(90)
        large = [count(path) for path in paths]
        assert small == large
        assert max(large) <= 8, large


class TestCommunityPageRules(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        root = Page.get_first_root_node()
        cls.home = HomePageFactory(parent=root, slug="home-community-rules")
        Site.objects.filter(is_default_site=True).update(root_page=cls.home)

    def test_one_community_page_directly_under_home(self):
        self.assertCanCreateAt(HomePage, CommunityEngagementPage)
        self.assertCanNotCreateAt(StandardPage, CommunityEngagementPage)
        self.assertCanNotCreateAt(CommunityEngagementPage, StandardPage)
        self.assertEqual(CommunityEngagementPage.max_count, 1)

    def test_routable_and_renderable(self):
        page = CommunityEngagementPageFactory(parent=self.home)
        self.assertPageIsRoutable(page)
        self.assertPageIsRenderable(page)


class TestPartnerPermissions:
    def user(self, django_user_model, name, group=None):
        user = django_user_model.objects.create_user(name, f"{name}@example.edu", "correct horse battery")
        if group:
            user.groups.add(Group.objects.get(name=group))
        return user

    def test_editors_manage_partners(self, client, django_user_model, areas):
        client.force_login(self.user(django_user_model, "editor", "Communications editors"))
        assert client.get(PARTNERS_URL).status_code == 200
        response = client.post(
            f"{PARTNERS_URL}add/",
            {
                "name": "New Partner",
                "description": "Works with veterans.",
                "website": "https://example.org/new",
                "focus_areas": [areas["veterans"].pk],
            },
        )
        assert response.status_code == 302
        partner = CommunityPartner.objects.get(name="New Partner")
        assert list(partner.focus_areas.all()) == [areas["veterans"]]

    def test_career_services_cannot_touch_partners(self, client, django_user_model):
        partner = CommunityPartnerFactory()
        client.force_login(self.user(django_user_model, "careers", "Career services"))
        assert client.get(PARTNERS_URL).status_code in (302, 403)
        assert client.get(f"{PARTNERS_URL}edit/{partner.pk}/").status_code in (302, 403)

    def test_anonymous_visitors_cannot_reach_the_admin(self, client, db):
        assert client.get(PARTNERS_URL).status_code == 302

    def test_admin_refuses_a_logo_without_alt_text(self, client, django_user_model):
        client.force_login(self.user(django_user_model, "editor", "Communications editors"))
        response = client.post(
            f"{PARTNERS_URL}add/",
            {"name": "No Alt", "description": "Text.", "logo": ImageFactory().pk, "logo_alt": ""},
        )
        assert response.status_code == 200
        assert not CommunityPartner.objects.filter(name="No Alt").exists()


def test_demo_partners_and_focus_areas_load_once(client, demo_site):
    from django.core.management import call_command

    from pages.models import EventCategory, FocusArea

    counts = (CommunityPartner.objects.count(), FocusArea.objects.count(), EventCategory.objects.count())
    assert counts[0] >= 5 and counts[1] == 4 and counts[2] == 4
    call_command("load_demo_content", verbosity=0)
    assert (CommunityPartner.objects.count(), FocusArea.objects.count(), EventCategory.objects.count()) == counts
    response = client.get("/community-engagement/", {"focus": "veterans"})
    assert status_text(response).startswith("Showing 2 partners working on veterans.")
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select(".voices .card"), "demo Community Voices events should be listed"
