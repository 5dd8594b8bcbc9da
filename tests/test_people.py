"""Our team: the team page and its cards, Person JSON-LD, the contact person block, event
contacts and speakers, and people in site search."""

import datetime
import json

import pytest
from bs4 import BeautifulSoup
from django.core.cache import caches
from django.template.loader import render_to_string
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.test.utils import WagtailPageTestCase

from pages.blocks import BodyStreamBlock, ContactPersonBlock
from pages.factories import (
    EventIndexPageFactory,
    EventPageFactory,
    EventSpeakerFactory,
    HomePageFactory,
    ImageFactory,
    PersonFactory,
    StandardPageFactory,
    TeamPageFactory,
)
from pages.models import HomePage, Person, StandardPage, TeamPage
from pages.people.schema import person_json_ld
from tests.queries import cost_of


@pytest.fixture
def about(home):
    return StandardPageFactory(parent=home, title="About", slug="about")


@pytest.fixture
def team(about):
    return TeamPageFactory(parent=about)


def soup_of(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def card_names(response):
    return [name.get_text(strip=True) for name in soup_of(response).select(".team .person-card__name")]


def json_ld(response):
    scripts = soup_of(response).select('script[type="application/ld+json"]')
    assert len(scripts) == 1
    return json.loads(scripts[0].string)


def cold_cost(client, path):
    """The cost of `path` with every cache empty, as right after a publish."""
    for cache in caches.all():
        cache.clear()
    return cost_of(client, path, warm=False)


def portrait():
    """An image with the portrait renditions the worker makes at upload (odi_site/renditions.py)."""
    image = ImageFactory(file__width=640, file__height=480)
    image.get_renditions("format-webp|fill-160x160", "format-webp|fill-320x320")
    return image


def with_photo(**kwargs):
    return PersonFactory(photo=portrait(), photo_alt=f"Portrait of {kwargs['name']}", **kwargs)


class TestTeamPage:
    def test_listed_people_appear_in_their_order_with_their_details(self, client, team):
        PersonFactory(name="Second Person", sort_order=2)
        first = with_photo(
            name="First Person",
            sort_order=1,
            pronouns="she/her",
            role="Director",
            bio="Leads the office.",
            email="first@example.edu",
            phone="+1 314-555-0100",
            office_hours="Tuesdays 2–4 pm",
        )
        response = client.get("/about/team/")
        assert card_names(response) == ["First Person", "Second Person"]
        card = soup_of(response).select_one(f"#person-{first.pk}")
        text = card.get_text(" ", strip=True)
        for shown in ["she/her", "Director", "Leads the office.", "Tuesdays 2–4 pm"]:
            assert shown in text
        assert card.select_one('a[href="mailto:first@example.edu"]')
        assert card.select_one('a[href="tel:+13145550100"]').get_text() == "+1 314-555-0100"
        img = card.select_one("img")
        assert img["alt"] == "Portrait of First Person"
        # Width and height reserve the photo's space before it loads: no layout shift.
        assert img["width"] == "160" and img["height"] == "160"
        assert "fill-320x320" in img["srcset"] and img["loading"] == "lazy"

    def test_unlisted_people_are_not_shown(self, client, team):
        PersonFactory(name="Team Member")
        PersonFactory(name="Guest Speaker", on_team_page=False)
        response = client.get("/about/team/")
        assert card_names(response) == ["Team Member"]
        assert "Guest Speaker" not in response.content.decode()

    def test_an_edit_to_a_person_shows_at_once(self, client, team):
        person = PersonFactory(name="Old Name")
        assert card_names(client.get("/about/team/")) == ["Old Name"]
        person.name = "New Name"
        person.save()
        assert card_names(client.get("/about/team/")) == ["New Name"]

    def test_without_people_the_page_says_so(self, client, team):
        assert soup_of(client.get("/about/team/")).select_one(".team .empty-state")

    def test_the_cost_does_not_grow_with_the_team(self, client, team, no_page_cache):
        def add(count):
            for n in range(count):
                with_photo(name=f"Person {Person.objects.count()}-{n}")

        add(3)
        few = cost_of(client, "/about/team/")
        cold_few = cold_cost(client, "/about/team/")
        add(27)
        many = cost_of(client, "/about/team/")
        cold_many = cold_cost(client, "/about/team/")
        assert len(card_names(client.get("/about/team/"))) == 30
        assert len(many.queries) == len(few.queries), many.queries
        assert len(cold_many.queries) == len(cold_few.queries), cold_many.queries


class TestPersonJsonLd:
    def test_each_listed_person_is_a_schema_org_person(self, client, team):
        person = with_photo(name="Dana Example", role="Director", email="dana@example.edu", phone="314-555-0100")
        PersonFactory(name="Guest", on_team_page=False)
        data = json_ld(client.get("/about/team/"))
        assert data["@context"] == "https://schema.org"
        (entry,) = data["@graph"]
        assert entry["@type"] == "Person"
        assert entry["name"] == "Dana Example" and entry["jobTitle"] == "Director"
        assert entry["@id"] == f"http://localhost/about/team/#person-{person.pk}"
        assert entry["email"] == "mailto:dana@example.edu" and entry["telephone"] == "314-555-0100"
        assert entry["image"].startswith("http://localhost/") and ".webp" in entry["image"]
        assert entry["worksFor"] == {"@type": "Organization", "name": "Office of Diversity, Equity & Inclusion"}

    def test_markup_in_a_bio_cannot_break_out_of_the_script(self, client, team):
        PersonFactory(name="Tricky", bio="</script><script>alert(1)</script> & more")
        response = client.get("/about/team/")
        assert "</script><script>alert(1)" not in response.content.decode()
        assert json_ld(response)["@graph"][0]["description"] == "</script><script>alert(1)</script> & more"

    def test_without_listed_people_there_is_no_json_ld(self, client, team):
        assert not soup_of(client.get("/about/team/")).select('script[type="application/ld+json"]')


class TestTeamPageRules(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        root = Page.get_first_root_node()
        cls.home = HomePageFactory(parent=root, slug="home-team-rules")
        Site.objects.filter(is_default_site=True).update(root_page=cls.home)

    def test_one_team_page_below_a_standard_page(self):
        self.assertCanCreateAt(StandardPage, TeamPage)
        self.assertCanNotCreateAt(HomePage, TeamPage)
        self.assertCanNotCreateAt(TeamPage, StandardPage)
        self.assertEqual(TeamPage.max_count, 1)

    def test_routable_and_renderable(self):
        about = StandardPageFactory(parent=self.home, slug="about")
        page = TeamPageFactory(parent=about)
        self.assertPageIsRoutable(page)
        self.assertPageIsRenderable(page)


def render_block(value):
    block = ContactPersonBlock()
    return BeautifulSoup(block.render(block.to_python(value)), "html.parser")


@pytest.mark.django_db
class TestContactPersonBlock:
    def test_the_block_shows_the_person_with_heading_and_note(self):
        person = PersonFactory(name="Dana Example", role="Program manager", email="dana@example.edu")
        html = render_block({"heading": "Questions?", "person": person.pk, "note": "Write any time."})
        assert html.select_one(".block-contact__heading").get_text() == "Questions?"
        assert html.select_one(".block-contact__note").get_text() == "Write any time."
        assert html.select_one(".person-card__name").get_text() == "Dana Example"
        assert html.select_one('a[href="mailto:dana@example.edu"]')

    def test_a_deleted_person_leaves_nothing_behind(self):
        person = PersonFactory()
        pk = person.pk
        person.delete()
        assert not render_block({"heading": "Questions?", "person": pk, "note": ""}).get_text(strip=True)

    def test_the_block_is_in_every_body(self, client, home):
        person = PersonFactory(name="Dana Example")
        page = StandardPageFactory(
            parent=home, slug="contact-block", body=[("contact_person", {"person": person, "heading": "Ask"})]
        )
        assert "contact_person" in BodyStreamBlock().child_blocks
        card = soup_of(client.get(page.url)).select_one(".page-body .block-contact")
        assert "Dana Example" in card.get_text()

    def test_the_preview_draws_a_stand_in_without_a_person(self):
        html = render_to_string(
            "blocks/contact_person.html", {"value": ContactPersonBlock().meta.preview_value, "block_preview": True}
        )
        assert "Alex Example" in html


@pytest.fixture
def event(home):
    index = EventIndexPageFactory(parent=home)
    start = timezone.now() + datetime.timedelta(days=3)
    return EventPageFactory(parent=index, slug="talk", start=start, end=start + datetime.timedelta(hours=1))


class TestEventPeople:
    def test_speakers_are_shown_in_order_with_their_role_at_the_event(self, client, event):
        guest = PersonFactory(name="Guest Speaker", role="Chair, a partner", on_team_page=False)
        host = PersonFactory(name="Host Person", role="Director")
        EventSpeakerFactory(event=event, person=host, sort_order=2)
        EventSpeakerFactory(event=event, person=guest, role="Keynote speaker", sort_order=1)
        soup = soup_of(client.get(event.url))
        speakers = soup.select(".speakers .person-card")
        assert [card.select_one(".person-card__name").get_text() for card in speakers] == [
            "Guest Speaker",
            "Host Person",
        ]
        assert [card.select_one(".person-card__role").get_text() for card in speakers] == [
            "Keynote speaker",
            "Director",
        ]
        data = json_ld(client.get(event.url))
        assert [(p["@type"], p["name"], p["jobTitle"]) for p in data["performer"]] == [
            ("Person", "Guest Speaker", "Keynote speaker"),
            ("Person", "Host Person", "Director"),
        ]

    def test_the_contact_is_shown_with_email_and_phone(self, client, event):
        event.contact = PersonFactory(name="Dana Example", email="dana@example.edu", phone="314-555-0100")
        event.save_revision().publish()
        soup = soup_of(client.get(event.url))
        assert "Dana Example" in soup.select_one(".event-details").get_text()
        assert soup.select_one('.event-details a[href="mailto:dana@example.edu"]')
        assert soup.select_one('.event-details a[href="tel:3145550100"]')
        organizers = json_ld(client.get(event.url))["organizer"]
        assert [o["@type"] for o in organizers] == ["Organization", "Person"]
        assert organizers[1]["email"] == "mailto:dana@example.edu"

    def test_an_event_without_people_shows_neither(self, client, event):
        soup = soup_of(client.get(event.url))
        assert not soup.select(".speakers")
        assert "performer" not in json_ld(client.get(event.url))

    def test_speakers_set_in_the_editor_are_published_with_the_page(self, client, event):
        from pages.models import EventSpeaker

        event.speakers = [EventSpeaker(person=PersonFactory(name="Form Speaker"))]
        event.save_revision().publish()
        assert "Form Speaker" in soup_of(client.get(event.url)).select_one(".speakers").get_text()

    def test_the_cost_does_not_grow_with_the_speakers(self, client, event, no_page_cache):
        image = portrait()
        event.contact = PersonFactory(photo=image, photo_alt="Portrait")
        event.save_revision().publish()

        def add(count):
            for _ in range(count):
                EventSpeakerFactory(event=event, person=PersonFactory(photo=image, photo_alt="Portrait"))

        add(1)
        few = cost_of(client, event.url)

        cold_few = cold_cost(client, event.url)
        add(9)
        many = cost_of(client, event.url)

        cold_many = cold_cost(client, event.url)
        assert len(soup_of(client.get(event.url)).select(".speakers .person-card")) == 10
        assert len(many.queries) == len(few.queries), many.queries
        assert len(cold_many.queries) == len(cold_few.queries), cold_many.queries


def search(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    return [(result.title, result.section, result.url) for result in response.context["results"]]


class TestPeopleInSearch:
    def test_a_person_is_found_at_their_card_on_the_team_page(self, client, team):
        person = PersonFactory(name="Zebediah Example", role="Program manager")
        assert search(client, "zebediah") == [("Zebediah Example", team.title, f"/about/team/#person-{person.pk}")]
        assert soup_of(client.get("/about/team/")).select_one(f"#person-{person.pk}")

    def test_unlisted_people_are_not_found(self, client, team):
        PersonFactory(name="Zebediah Guest", on_team_page=False)
        assert search(client, "zebediah") == []

    def test_people_are_not_found_while_the_team_page_is_private_or_unpublished(self, client, team):
        PersonFactory(name="Zebediah Example")
        PageViewRestriction.objects.create(page=team, restriction_type=PageViewRestriction.LOGIN)
        assert search(client, "zebediah") == []
        PageViewRestriction.objects.all().delete()
        assert len(search(client, "zebediah")) == 1
        team.unpublish()
        assert search(client, "zebediah") == []

    def test_people_are_not_found_while_a_section_above_the_team_page_is_private(self, client, team, about):
        PersonFactory(name="Zebediah Example")
        PageViewRestriction.objects.create(page=about, restriction_type=PageViewRestriction.PASSWORD, password="x")
        assert search(client, "zebediah") == []


class TestPersonHelpers:
    def test_phone_links_keep_digits_and_a_leading_plus(self):
        assert Person(phone="314-555-0100").phone_uri == "3145550100"
        assert Person(phone=" +1 (314) 555 0100").phone_uri == "+13145550100"

    def test_a_guest_speaker_in_event_data_carries_no_contact_details(self, rf):
        person = Person(name="Guest", role="Chair", email="guest@example.edu", bio="Bio")
        assert person_json_ld(person, rf.get("/"), contact=False) == {
            "@type": "Person",
            "name": "Guest",
            "jobTitle": "Chair",
        }


class TestDemoTeam:
    def test_the_demo_team_page_lists_the_office_and_says_it_is_illustrative(self, client, demo_site):
        response = client.get("/about/team/")
        names = card_names(response)
        assert 4 <= len(names) <= 5
        assert "illustrative" in soup_of(response).get_text()
        assert all(img["alt"] for img in soup_of(response).select(".team img"))
        assert len(json_ld(response)["@graph"]) == len(names)

    def test_demo_events_name_a_contact_and_speakers(self, client, demo_site):
        soup = soup_of(client.get("/events/community-voices-women-leading-in-medicine/"))
        assert len(soup.select(".speakers .person-card")) == 2
        assert "Contact" in soup.select_one(".event-details").get_text()

    def test_the_demo_about_page_links_to_the_team(self, client, demo_site):
        links = soup_of(client.get("/about/")).select('.page-body a[href="/about/team/"]')
        assert [a.get_text() for a in links] == ["who is on our team"]
