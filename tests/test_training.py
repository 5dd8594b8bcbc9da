"""Training program: page rules, level facts, prerequisites, registration, waitlist, cancel links, .ics."""

import datetime
import re
from urllib.parse import parse_qs, urlparse

import pytest
from bs4 import BeautifulSoup
from django.core import mail, signing
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone
from icalendar import Calendar
from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, streamfield

from pages.factories import HomePageFactory
from pages.models import HomePage, StandardPage
from tests.conftest import posts_commit
from tests.queries import cost_of
from training import views
from training.calendars import session_uid
from training.factories import (
    RegistrationFactory,
    TrainingLevelPageFactory,
    TrainingProgramPageFactory,
    TrainingSessionFactory,
)
from training.links import CANCEL_SALT, cancel_token
from training.models import Registration, TrainingLevelPage, TrainingProgramPage, TrainingSession, format_duration

# --- fixtures ------------------------------------------------------------------------------


@pytest.fixture
def client(client, django_capture_on_commit_callbacks):
    """Posts run their on-commit callbacks (the emails), as they would after a real commit."""
    return posts_commit(client, django_capture_on_commit_callbacks)


@pytest.fixture
def program(home):
    return TrainingProgramPageFactory(parent=home)


@pytest.fixture
def level(program):
    return TrainingLevelPageFactory(parent=program, title="Diversity 1.0", slug="diversity-1-0", level_code="1.0")


@pytest.fixture
def session(level):
    return TrainingSessionFactory(level=level, capacity=2)


def registration_data(session, **overrides):
    data = {
        "session": str(session.pk),
        "name": "Ada Example",
        "email": "ada@example.edu",
        "department": "Radiology",
        "accommodation": "",
        "website": "",
    }
    data.update(overrides)
    return data


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


def text_of(response):
    return " ".join(soup_of(response).get_text(" ").split())


def cancel_url_from(message):
    return re.search(r"https?://\S+/cancel/\?token=\S+", message.body).group(0)


# --- page rules -------------------------------------------------------------------------------


class TestTrainingPageRules(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        root = Page.get_first_root_node()
        cls.home = HomePageFactory(parent=root, slug="home-training-rules")
        Site.objects.filter(is_default_site=True).update(root_page=cls.home)

    def setUp(self):
        self.login()

    def test_program_page_goes_only_under_home_and_once(self):
        self.assertCanCreateAt(HomePage, TrainingProgramPage)
        self.assertCanNotCreateAt(StandardPage, TrainingProgramPage)
        self.assertCanNotCreateAt(TrainingLevelPage, TrainingProgramPage)
        self.assertEqual(TrainingProgramPage.max_count, 1)
        TrainingProgramPageFactory(parent=self.home)
        self.assertFalse(TrainingProgramPage.can_create_at(self.home))

    def test_level_pages_go_only_under_the_program_and_have_no_children(self):
        self.assertCanCreateAt(TrainingProgramPage, TrainingLevelPage)
        self.assertCanNotCreateAt(HomePage, TrainingLevelPage)
        self.assertCanNotCreateAt(StandardPage, TrainingLevelPage)
        self.assertAllowedSubpageTypes(TrainingProgramPage, {TrainingLevelPage})
        self.assertAllowedSubpageTypes(TrainingLevelPage, set())

    def test_admin_creates_a_level_page(self):
        program = TrainingProgramPageFactory(parent=self.home)
        self.assertCanCreate(
            program,
            TrainingLevelPage,
            nested_form_data(
                {
                    "title": "Diversity 1.0",
                    "slug": "diversity-1-0",
                    "level_code": "1.0",
                    "duration_minutes": 60,
                    "audience": "Every new employee",
                    "requirement": "new_employees",
                    "learning_outcomes": streamfield([("outcome", "Describe unconscious bias.")]),
                    "body": streamfield([]),
                }
            ),
        )

    def test_level_pages_are_routable_and_renderable(self):
        program = TrainingProgramPageFactory(parent=self.home)
        level = TrainingLevelPageFactory(parent=program)
        self.assertPageIsRoutable(program)
        self.assertPageIsRenderable(program)
        self.assertPageIsRoutable(level)
        self.assertPageIsRenderable(level)


def test_unsaved_pages_can_be_previewed(home):
    program = TrainingProgramPage(title="Training", slug="training")
    assert program.make_preview_request().status_code == 200
    level = TrainingLevelPage(title="Diversity 5.0", slug="diversity-5-0", audience="Everyone")
    assert level.make_preview_request().status_code == 200


# --- facts and rendering ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("minutes", "text"), [(60, "1 hour"), (210, "3.5 hours"), (90, "1.5 hours"), (120, "2 hours"), (45, "45 minutes")]
)
def test_duration_reads_naturally(minutes, text):
    assert format_duration(minutes) == text


def test_program_page_shows_the_pathway_in_order_with_next_sessions(client, program):
    one = TrainingLevelPageFactory(parent=program, title="Diversity 1.0", level_code="1.0")
    two = TrainingLevelPageFactory(parent=program, title="Diversity 2.0", level_code="2.0", prerequisite=one)
    TrainingSessionFactory(level=two)
    response = client.get(program.url)
    assert response.status_code == 200
    soup = soup_of(response)
    steps = soup.select("ol.training-pathway__list > li")
    assert [step.h3.get_text(" ", strip=True) for step in steps] == [
        "Level 1.0: Diversity 1.0",
        "Level 2.0: Diversity 2.0",
    ]
    assert "None scheduled yet" in steps[0].get_text()
    assert steps[1].select_one("time[datetime]")
    assert "Required for all new employees, at orientation" in steps[0].get_text()


def test_participation_figure_comes_from_data_with_its_date(client, program):
    TrainingLevelPageFactory(parent=program, title="Diversity 1.0")
    text = text_of(client.get(program.url))
    assert "7,100+ people have completed Diversity 1.0 as of June 2026" in text


def test_level_page_shows_facts_outcomes_sessions_and_neighbours(client, program):
    one = TrainingLevelPageFactory(parent=program, title="Diversity 1.0")
    two = TrainingLevelPageFactory(
        parent=program,
        title="Diversity 2.0",
        prerequisite=one,
        learning_outcomes=[("outcome", "Practise inclusive responses.")],
    )
    three = TrainingLevelPageFactory(parent=program, title="Diversity 3.0", prerequisite=two)
    TrainingSessionFactory(level=two, capacity=1)
    RegistrationFactory(session=TrainingSession.objects.get(level=two))
    response = client.get(two.url)
    assert response.status_code == 200
    soup = soup_of(response)
    assert [h.get_text() for h in soup.find_all("h1")] == ["Diversity 2.0"]
    text = " ".join(soup.get_text(" ").split())
    assert "1 hour" in text and "Practise inclusive responses." in text
    assert "Full: new registrations join the waitlist" in text
    assert soup.select_one(".training-facts a")["href"] == one.url
    assert soup.select_one("a[rel=prev]")["href"] == one.url
    assert soup.select_one("a[rel=next]")["href"] == three.url
    assert soup.select_one("form.registration-form input[name=csrfmiddlewaretoken]")


# --- prerequisites ----------------------------------------------------------------------------


class TestPrerequisites:
    def test_a_level_cannot_require_itself(self, program):
        level = TrainingLevelPageFactory(parent=program)
        level.prerequisite = level
        with pytest.raises(ValidationError) as error:
            level.full_clean()
        assert "its own prerequisite" in str(error.value)

    def test_a_loop_is_refused(self, program):
        one = TrainingLevelPageFactory(parent=program, title="Diversity 1.0")
        two = TrainingLevelPageFactory(parent=program, title="Diversity 2.0", prerequisite=one)
        three = TrainingLevelPageFactory(parent=program, title="Diversity 3.0", prerequisite=two)
        one.prerequisite = three
        with pytest.raises(ValidationError) as error:
            one.full_clean()
        assert "loop" in str(error.value)
        assert "Diversity 1.0 → Diversity 3.0 → Diversity 2.0" in str(error.value)

    def test_a_chain_without_loops_is_fine(self, program):
        one = TrainingLevelPageFactory(parent=program)
        two = TrainingLevelPageFactory(parent=program, prerequisite=one)
        three = TrainingLevelPageFactory(parent=program, prerequisite=two)
        three.full_clean()

    def test_the_admin_shows_the_loop_error(self, admin_client, program):
        one = TrainingLevelPageFactory(parent=program, title="Diversity 1.0")
        two = TrainingLevelPageFactory(parent=program, title="Diversity 2.0", prerequisite=one)
        response = admin_client.post(
            f"/admin/pages/{one.pk}/edit/",
            nested_form_data(
                {
                    "title": one.title,
                    "slug": one.slug,
                    "duration_minutes": 60,
                    "audience": "Everyone",
                    "requirement": "optional",
                    "prerequisite": two.pk,
                    "learning_outcomes": streamfield([]),
                    "body": streamfield([]),
                }
            ),
        )
        assert response.status_code == 200
        assert "would make a loop" in response.content.decode()
        one.refresh_from_db()
        assert one.prerequisite_id is None


# --- registration -----------------------------------------------------------------------------


class TestRegistration:
    def test_happy_path_confirms_emails_and_redirects_to_confirmation(self, client, level, session):
        response = client.post(level.url, registration_data(session, email="Ada@Example.edu"))
        assert response.status_code == 302
        registration = Registration.objects.get()
        assert (registration.status, registration.email) == ("confirmed", "ada@example.edu")

        confirmation = client.get(response["Location"])
        assert confirmation.status_code == 200
        assert "Your place is confirmed" in text_of(confirmation)
        assert "no-store" in confirmation["Cache-Control"]

        [message] = mail.outbox
        assert message.to == ["ada@example.edu"]
        assert "confirmed" in message.subject
        filename, content, mimetype = message.attachments[0]
        assert (filename, mimetype) == ("training-session.ics", "text/calendar")
        event = Calendar.from_ical(content).walk("VEVENT")[0]
        assert str(event["uid"]) == session_uid(session)
        assert event.decoded("dtstart") == session.start
        assert "/diversity-1-0/cancel/?token=" in message.body

    def test_full_session_puts_people_on_the_waitlist(self, client, level, session):
        RegistrationFactory.create_batch(2, session=session)
        response = client.post(level.url, registration_data(session))
        assert response.status_code == 302
        assert Registration.objects.get(email="ada@example.edu").status == "waitlisted"
        assert "You are on the waitlist" in text_of(client.get(response["Location"]))
        assert "waitlist" in mail.outbox[0].subject

    def test_an_address_already_registered_gets_the_answer_a_new_one_gets_and_its_email_again(
        self, client, level, session
    ):
        """No enumeration: the form never says whether someone is registered (issue 14)."""
        existing = RegistrationFactory(session=session, email="ada@example.edu", name="Ada Lovelace")
        response = client.post(level.url, registration_data(session, email="ADA@example.edu", name="Someone Else"))
        fresh = client.post(level.url, registration_data(session, email="new@example.edu"))
        assert response.status_code == fresh.status_code == 302
        assert "already" not in text_of(client.get(response["Location"]))
        assert text_of(client.get(response["Location"])) == text_of(client.get(fresh["Location"]))
        assert Registration.objects.filter(email="ada@example.edu").count() == 1
        resent, _new = mail.outbox
        assert resent.to == ["ada@example.edu"] and "confirmed" in resent.subject
        assert "Hello Ada Lovelace," in resent.body  # the registered person's own details, not the form's
        existing.refresh_from_db()
        assert existing.name == "Ada Lovelace"

    def test_registering_again_resends_at_most_once_in_a_while(self, client, level, session):
        RegistrationFactory(session=session, email="ada@example.edu")
        for _ in range(3):
            assert client.post(level.url, registration_data(session)).status_code == 302
        assert len(mail.outbox) == 1

    def test_a_full_session_answers_waitlist_for_a_registered_address_too(self, client, level, session):
        RegistrationFactory(session=session, email="ada@example.edu")
        RegistrationFactory(session=session)
        response = client.post(level.url, registration_data(session))
        assert "You are on the waitlist" in text_of(client.get(response["Location"]))
        assert "confirmed" in mail.outbox[0].subject  # the email tells the registered person the truth

    def test_a_cancelled_registration_does_not_block_registering_again(self, client, level, session):
        RegistrationFactory(session=session, email="ada@example.edu", status="cancelled")
        assert client.post(level.url, registration_data(session)).status_code == 302
        assert Registration.objects.filter(email="ada@example.edu", status="confirmed").count() == 1

    def test_invalid_input_is_explained_and_nothing_stored(self, client, level, session):
        response = client.post(level.url, registration_data(session, name="", email="not-an-email", department="<b>"))
        assert response.status_code == 200
        soup = soup_of(response)
        summary = soup.select_one(".error-summary")
        assert {a["href"] for a in summary.select("a")} == {"#id_name", "#id_email", "#id_department"}
        assert soup.select_one("#id_email")["aria-invalid"] == "true"
        assert Registration.objects.count() == 0
        assert mail.outbox == []

    def test_overlong_input_is_refused(self, client, level, session):
        response = client.post(level.url, registration_data(session, name="x" * 151))
        assert response.status_code == 200
        assert Registration.objects.count() == 0

    def test_honeypot_looks_like_success_but_stores_nothing(self, client, level, session):
        response = client.post(level.url, registration_data(session, website="http://spam.example"))
        assert response.status_code == 302
        assert Registration.objects.count() == 0
        assert mail.outbox == []
        assert client.get(response["Location"]).status_code == 200

    def test_rate_limit_refuses_with_a_friendly_429_and_stores_nothing(self, client, level, session):
        session.capacity = 100
        session.save()
        for n in range(views.RATE_LIMIT):
            response = client.post(level.url, registration_data(session, email=f"person{n}@example.edu"))
            assert response.status_code == 302
        response = client.post(level.url, registration_data(session, email="one-too-many@example.edu"))
        assert response.status_code == 429
        assert "Please wait a few minutes" in text_of(response)
        assert not Registration.objects.filter(email="one-too-many@example.edu").exists()
        assert Registration.objects.count() == views.RATE_LIMIT

    def test_posts_without_a_csrf_token_are_refused(self, level, session):
        strict = Client(enforce_csrf_checks=True, HTTP_HOST="localhost")
        assert strict.post(level.url, registration_data(session)).status_code == 403
        assert Registration.objects.count() == 0

    def test_invalid_submissions_do_not_use_up_the_rate_limit(self, client, level, session):
        for _ in range(views.RATE_LIMIT + 2):
            assert client.post(level.url, registration_data(session, name="")).status_code == 200
        assert client.post(level.url, registration_data(session)).status_code == 302

    def test_closed_or_past_sessions_are_not_offered_or_accepted(self, client, level):
        closed = TrainingSessionFactory(level=level, registration_open=False)
        past_start = timezone.now() - datetime.timedelta(days=2)
        past = TrainingSessionFactory(level=level, start=past_start, end=past_start + datetime.timedelta(hours=1))
        soup = soup_of(client.get(level.url))
        assert not soup.select("form.registration-form")  # nothing open, so no form
        for session in (closed, past):
            response = client.post(level.url, registration_data(session))
            assert response.status_code == 200
        assert Registration.objects.count() == 0

    def test_a_session_of_another_level_is_refused(self, client, program, level, session):
        other = TrainingSessionFactory(level=TrainingLevelPageFactory(parent=program))
        response = client.post(level.url, registration_data(other))
        assert response.status_code == 200
        assert Registration.objects.count() == 0


# --- cancel links -----------------------------------------------------------------------------


class TestCancelLink:
    def test_get_only_asks_and_post_cancels_and_promotes_the_waitlist(self, client, level, session):
        first = RegistrationFactory(session=session, email="first@example.edu")
        RegistrationFactory(session=session)
        waiting = RegistrationFactory(session=session, status="waitlisted", email="waiting@example.edu")
        later = RegistrationFactory(session=session, status="waitlisted")
        url = f"{level.url}cancel/?token={cancel_token(first)}"

        response = client.get(url)
        assert response.status_code == 200
        assert "Cancel my registration" in text_of(response)
        first.refresh_from_db()
        assert first.status == "confirmed"  # GET changes nothing

        response = client.post(f"{level.url}cancel/", {"token": cancel_token(first)})
        assert response.status_code == 302
        assert "Your registration is cancelled" in text_of(client.get(response["Location"]))
        first.refresh_from_db()
        waiting.refresh_from_db()
        later.refresh_from_db()
        assert first.status == "cancelled" and first.cancelled_at is not None
        assert waiting.status == "confirmed"
        assert later.status == "waitlisted"
        cancelled, message = mail.outbox
        assert message.to == ["waiting@example.edu"] and "place opened up" in message.subject
        assert cancelled.to == ["first@example.edu"] and "is cancelled" in cancelled.subject
        assert "/cancel/" not in cancelled.body

    def test_reused_link_says_already_cancelled(self, client, level, session):
        registration = RegistrationFactory(session=session)
        token = cancel_token(registration)
        client.post(f"{level.url}cancel/", {"token": token})
        for response in (
            client.get(f"{level.url}cancel/?token={token}"),
            client.post(f"{level.url}cancel/", {"token": token}),
        ):
            assert response.status_code == 200
            assert "already cancelled" in text_of(response)
        assert Registration.objects.get().status == "cancelled"

    def test_tampered_link_is_a_clear_400(self, client, level, session):
        registration = RegistrationFactory(session=session)
        token = cancel_token(registration)
        for bad in (token[:-2] + "xx", "", signing.dumps({"r": registration.pk}, salt="another-salt")):
            response = client.get(f"{level.url}cancel/?token={bad}")
            assert response.status_code == 400
            assert "This cancellation link is not valid" in text_of(response)
            response = client.post(f"{level.url}cancel/", {"token": bad})
            assert response.status_code == 400
        assert Registration.objects.get().status == "confirmed"

    def test_waitlisted_person_cancelling_promotes_nobody(self, client, level, session):
        RegistrationFactory.create_batch(2, session=session)
        waiting = RegistrationFactory(session=session, status="waitlisted")
        other = RegistrationFactory(session=session, status="waitlisted")
        client.post(f"{level.url}cancel/", {"token": cancel_token(waiting)})
        other.refresh_from_db()
        assert other.status == "waitlisted"
        [cancelled] = mail.outbox  # only the canceller's own confirmation: nobody was promoted
        assert cancelled.to == [waiting.email] and "is cancelled" in cancelled.subject

    def test_the_emailed_link_works_end_to_end(self, client, level, session):
        client.post(level.url, registration_data(session))
        url = urlparse(cancel_url_from(mail.outbox[0]))
        token = parse_qs(url.query)["token"][0]
        assert signing.loads(token, salt=CANCEL_SALT)["r"] == Registration.objects.get().pk
        assert client.get(f"{url.path}?{url.query}").status_code == 200
        assert client.post(url.path, {"token": token}).status_code == 302
        assert Registration.objects.get().status == "cancelled"


# --- calendars --------------------------------------------------------------------------------


class TestCalendars:
    def test_session_ics_parses_back(self, client, program, level, session):
        link = soup_of(client.get(level.url)).select_one("a.training-session__ics")["href"]
        assert link == f"{program.url}calendar/?session={session.pk}"
        response = client.get(link)
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/calendar")
        assert "attachment" in response["Content-Disposition"]
        [event] = Calendar.from_ical(response.content).walk("VEVENT")
        assert str(event["summary"]) == "Diversity 1.0"
        assert event.decoded("dtstart") == session.start
        assert event.decoded("dtend") == session.end
        assert str(event["uid"]) == session_uid(session)
        assert str(event["location"]) == "Training Room A"
        assert str(event["url"]) == f"http://localhost{level.url}"

    def test_unknown_or_unpublished_session_is_404(self, client, program, session):
        draft = TrainingLevelPageFactory(parent=program, live=False)
        hidden = TrainingSessionFactory(level=draft)
        for value in (hidden.pk, 999999, "abc", ""):
            assert client.get(f"{program.url}calendar/", {"session": value}).status_code == 404

    def test_program_feed_lists_sessions_of_live_levels_with_stable_uids(self, client, program, level, session):
        second = TrainingSessionFactory(level=level, online_url="https://example.edu/meet", location="")
        draft = TrainingLevelPageFactory(parent=program, live=False)
        TrainingSessionFactory(level=draft)
        first = client.get(f"{program.url}calendar/")
        assert first.status_code == 200
        events = Calendar.from_ical(first.content).walk("VEVENT")
        assert {str(e["uid"]) for e in events} == {session_uid(session), session_uid(second)}
        assert all(e.decoded("dtstart").tzinfo is not None for e in events)
        again = Calendar.from_ical(client.get(f"{program.url}calendar/").content).walk("VEVENT")
        assert [str(e["uid"]) for e in again] == [str(e["uid"]) for e in events]

    def test_sessions_are_written_in_campus_time_as_events_are(self, client, program, session):
        """One calendar builder (odi_site.calendars): the same time-zone rule for both kinds."""
        calendar = Calendar.from_ical(client.get(f"{program.url}calendar/").content)
        assert calendar.walk("VTIMEZONE")[0]["TZID"] == "America/Chicago"
        (event,) = calendar.walk("VEVENT")
        assert str(event.decoded("dtstart").tzinfo) == "America/Chicago"
        assert event.decoded("dtstart") == session.start


# --- query budget -----------------------------------------------------------------------------


# Wagtail's routing reads the site, each page on the path and the page's view restrictions
# (5 queries for the program, 6 for a level) and the hero image comes with its renditions; the
# program's levels and a level's pathway come from the shared cache, and a level page reads its
# sessions with their seat counts (one query).
QUERY_BUDGET = {"program": 5, "level": 7}


@pytest.mark.parametrize("path", ["program", "level"])
def test_query_count_stays_constant_as_sessions_grow(client, program, settings, path):
    settings.PAGE_CACHE_SECONDS = 0  # measure rendering, not the anonymous page cache
    levels = [TrainingLevelPageFactory(parent=program) for _ in range(5)]
    url = program.url if path == "program" else levels[1].url

    def measure():
        return len(cost_of(client, url).queries)

    for level in levels:
        TrainingSessionFactory(level=level)
    few = measure()
    for level in levels:
        TrainingSessionFactory.create_batch(40, level=level)
    many = measure()
    assert few == many, f"{path} page: {few} queries with 5 sessions, {many} with 205"
    assert many <= QUERY_BUDGET[path]


def test_program_page_is_shareable_by_the_anonymous_page_cache(client, program):
    TrainingSessionFactory(level=TrainingLevelPageFactory(parent=program))
    cost = cost_of(client, program.url)  # the warm-up request fills the cache
    assert (len(cost.queries), len(cost.cache)) == (0, 1)


# --- what a link with a token reveals ---------------------------------------------------------


class TestTokenLinks:
    def test_a_cancel_link_expires_a_week_after_the_session(self, client, level, session):
        registration = RegistrationFactory(session=session)
        url = f"{level.url}cancel/?token={cancel_token(registration)}"
        ended = timezone.now() - datetime.timedelta(days=6)
        TrainingSession.objects.filter(pk=session.pk).update(start=ended - datetime.timedelta(hours=1), end=ended)
        assert "already taken place" in text_of(client.get(url))
        long_ago = timezone.now() - datetime.timedelta(days=8)
        TrainingSession.objects.filter(pk=session.pk).update(start=long_ago - datetime.timedelta(hours=1), end=long_ago)
        for response in (client.get(url), client.post(f"{level.url}cancel/", {"token": cancel_token(registration)})):
            assert response.status_code == 410
            assert "This cancellation link has expired" in text_of(response)
            assert "Training Room A" not in text_of(response)  # nothing about the session any more
        assert Registration.objects.get().status == "confirmed"

    def test_pages_opened_with_a_token_send_no_referer_and_are_never_cached(self, client, level, session):
        client.post(level.url, registration_data(session))
        thanks = client.get(client.post(level.url, registration_data(session, email="b@example.edu"))["Location"])
        cancel = client.get(
            urlparse(cancel_url_from(mail.outbox[0])).path + "?" + urlparse(cancel_url_from(mail.outbox[0])).query
        )
        for response in (thanks, cancel):
            assert response["Referrer-Policy"] == "no-referrer"
            assert "no-store" in response["Cache-Control"]

    @pytest.mark.parametrize(
        "name",
        [
            "Your SSO password expires, renew at https://sso.example.net",
            "Visit sso.example.net now",
            "Ada 2nd",
            "ada@example.edu",
            "Please renew your password today or lose access",
        ],
    )
    def test_a_name_that_is_not_a_plain_name_is_refused_and_nothing_sent(self, client, level, session, name):
        response = client.post(level.url, registration_data(session, name=name))
        assert response.status_code == 200
        assert "as you would sign it" in text_of(response)
        assert Registration.objects.count() == 0 and mail.outbox == []

    @pytest.mark.parametrize(
        "name", ["Zoë O’Brien-Smith", "J. R. R. Tolkien", "Martin Luther King Jr.", "李 小龍", "Ngozi"]
    )
    def test_real_names_are_accepted_and_greeted(self, client, level, session, name):
        assert client.post(level.url, registration_data(session, name=name)).status_code == 302
        assert f"Hello {name}," in mail.outbox[0].body
