"""The contact page: its enquiry form (shared submit cycle), who sees enquiries, where they are
emailed, how long enquiries and consultation requests are kept, and the policy pages."""

import csv
import datetime
import io

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase

from pages.choices import ConsultationStatus
from pages.contact import enquiries
from pages.factories import (
    ConsultationRequestFactory,
    ContactPageFactory,
    EnquiryFactory,
    EnquirySettingsFactory,
    HomePageFactory,
)
from pages.models import (
    ConsultationRequest,
    ContactPage,
    Enquiry,
    EnquirySettings,
    HomePage,
    OutgoingEmail,
    StandardPage,
)
from pages.roles import APPROVERS, CAREER_SERVICES, EDITORS, OFFICE_ENQUIRIES
from tests.conftest import posts_commit
from tests.queries import cost_of
from training.factories import RegistrationFactory, TrainingSessionFactory
from training.models import Registration

VALID = {
    "name": "Morgan Ellery",
    "email": "morgan.ellery@example.edu",
    "phone": "314-555-0199",
    "subject": "training",
    "message": "When is the next Diversity 2.0 session open to staff?",
    "website": "",
}
LIST_URL = "/admin/snippets/pages/enquiry/"
NOW = datetime.datetime(2026, 6, 1, 12, tzinfo=datetime.UTC)


@pytest.fixture
def client(client, django_capture_on_commit_callbacks):
    """Posts run their on-commit callbacks (the emails are queued then), as after a real commit."""
    return posts_commit(client, django_capture_on_commit_callbacks)


@pytest.fixture
def contact(home):
    EnquirySettingsFactory(site=Site.objects.get(is_default_site=True))
    return ContactPageFactory(parent=home)


def post(client, page, **changes):
    return client.post(page.url, {**VALID, **changes})


def member(django_user_model, group_name):
    user = django_user_model.objects.create_user(group_name.replace(" ", "-"), "s@example.edu", "x" * 16)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.mark.django_db
class TestEnquiryForm:
    def test_get_shows_labelled_fields_the_consent_notice_and_contact_details(self, client, contact):
        response = client.get(contact.url)
        assert response.status_code == 200
        soup = BeautifulSoup(response.content, "html.parser")
        form = soup.select_one("form.contact-form")
        assert form["method"] == "post"
        for name in ("name", "email", "phone", "subject", "message"):
            field = form.select_one(f"[name={name}]")
            assert soup.select_one(f"label[for={field['id']}]"), f"{name} has no label"
        assert contact.consent_notice in form.select_one("#enquiry-consent").get_text()
        details = soup.select_one(".contact-details").get_text(" ")
        assert "1 Example Way" in details and "314-555-0100" in details and "Monday to Friday" in details

    def test_form_pages_are_private_and_never_shared(self, client, contact):
        response = client.get(contact.url)
        assert "private" in response["Cache-Control"] and "public" not in response["Cache-Control"]
        assert "s-maxage" not in response["Cache-Control"]
        errors = post(client, contact, email="nope")
        assert "private" in errors["Cache-Control"]

    def test_a_good_enquiry_is_stored_emailed_to_the_office_only_and_confirmed(self, client, contact):
        response = post(client, contact)
        assert response.status_code == 302
        assert response["Location"] == contact.url + "thanks/"
        enquiry = Enquiry.objects.get()
        assert (enquiry.name, enquiry.email, enquiry.phone, enquiry.subject) == (
            "Morgan Ellery",
            "morgan.ellery@example.edu",
            "314-555-0199",
            "training",
        )
        assert enquiry.closed_at is None
        # One message, to the office: the visitor's words go nowhere else.
        (message,) = mail.outbox
        assert message.to == ["enquiries@example.edu"]
        assert message.reply_to == ["morgan.ellery@example.edu"]
        assert VALID["message"] in message.body and "Training and workshops" in message.body
        assert list(OutgoingEmail.objects.values_list("to", flat=True)) == ["enquiries@example.edu"]
        thanks = client.get(response["Location"])
        assert thanks.status_code == 200 and contact.thanks_heading in thanks.content.decode()

    def test_without_an_office_address_the_enquiry_is_kept_and_nobody_is_emailed(self, client, contact):
        EnquirySettings.objects.update(recipient="")
        assert post(client, contact).status_code == 302
        assert Enquiry.objects.count() == 1
        assert mail.outbox == [] and not OutgoingEmail.objects.exists()

    def test_the_phone_number_is_optional(self, client, contact):
        assert post(client, contact, phone="").status_code == 302
        assert Enquiry.objects.get().phone == ""

    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            ({"name": ""}, "name"),
            ({"name": "<b>Morgan</b>"}, "name"),
            ({"name": "Morgan\nBcc: someone@example.com"}, "name"),
            ({"name": "Visit https://spam.example now"}, "name"),
            ({"email": ""}, "email"),
            ({"email": "not-an-email"}, "email"),
            ({"phone": "call me maybe"}, "phone"),
            ({"phone": "12"}, "phone"),
            ({"phone": "314-555-0199\nBcc: x@example.com"}, "phone"),
            ({"subject": ""}, "subject"),
            ({"subject": "lottery"}, "subject"),
            ({"message": ""}, "message"),
            ({"message": "Hi"}, "message"),
            ({"message": "x" * 3001}, "message"),
            ({"message": "<script>alert(1)</script> please answer"}, "message"),
        ],
    )
    def test_bad_input_shows_a_clear_error_and_stores_nothing(self, client, contact, changes, field):
        response = post(client, contact, **changes)
        assert response.status_code == 200
        assert field in response.context["form"].errors
        soup = BeautifulSoup(response.content, "html.parser")
        assert soup.title.get_text().startswith("Error:")
        summary = soup.select_one(".error-summary")
        field_id = response.context["form"][field].auto_id
        assert summary.select_one(f'a[href="#{field_id}"]'), "the summary links to the field"
        assert soup.select_one(f"#{field_id}")["aria-invalid"] == "true"
        assert Enquiry.objects.count() == 0 and mail.outbox == [] and not OutgoingEmail.objects.exists()

    def test_honeypot_looks_like_success_but_stores_and_sends_nothing(self, client, contact):
        response = post(client, contact, website="http://spam.example")
        assert response.status_code == 302 and response["Location"] == contact.url + "thanks/"
        assert Enquiry.objects.count() == 0 and mail.outbox == []

    def test_rate_limit_refuses_politely_and_stores_nothing(self, client, contact, monkeypatch):
        monkeypatch.setattr(enquiries, "RATE_LIMIT", 2)
        assert [post(client, contact).status_code for _ in range(2)] == [302, 302]
        response = post(client, contact, name="Third Try")
        assert response.status_code == 429
        assert "Please try again later" in response.content.decode()
        assert "private" in response["Cache-Control"]
        assert not Enquiry.objects.filter(name="Third Try").exists()
        assert Enquiry.objects.count() == 2 and len(mail.outbox) == 2

    def test_invalid_posts_do_not_use_up_the_rate_limit(self, client, contact, monkeypatch):
        monkeypatch.setattr(enquiries, "RATE_LIMIT", 1)
        for _ in range(3):
            post(client, contact, email="typo")
        assert post(client, contact).status_code == 302

    def test_submissions_are_logged_without_what_was_typed(self, client, contact, caplog):
        post(client, contact)
        post(client, contact, email="nope")
        text = caplog.text
        assert "contact-enquiry form" in text and "stored" in text and "invalid" in text
        assert "Morgan" not in text and "morgan.ellery" not in text and "Diversity 2.0" not in text

    def test_page_renders_in_a_fixed_number_of_queries(self, client, contact, no_page_cache):
        small = len(cost_of(client, contact.url).queries)
        EnquiryFactory.create_batch(50)
        assert len(cost_of(client, contact.url).queries) == small <= 8


class TestContactPageRules(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = HomePageFactory(parent=Page.get_first_root_node(), slug="home-contact-rules")
        Site.objects.filter(is_default_site=True).update(root_page=cls.home)

    def test_one_contact_page_directly_under_home(self):
        self.assertCanCreateAt(HomePage, ContactPage)
        self.assertCanNotCreateAt(StandardPage, ContactPage)
        self.assertCanNotCreateAt(ContactPage, StandardPage)
        self.assertEqual(ContactPage.max_count, 1)

    def test_routable_and_renderable(self):
        page = ContactPageFactory(parent=self.home)
        self.assertPageIsRoutable(page)
        self.assertPageIsRenderable(page)
        self.assertPageIsRoutable(page, "thanks/")
        self.assertPageIsRenderable(page, "thanks/")


@pytest.mark.django_db
class TestEnquiryAdmin:
    def test_only_office_enquiries_list_inspect_and_export(self, client, django_user_model):
        enquiry = EnquiryFactory(name="Perpetua Lindqvist", message="=cmd|' /C calc'!A0 please")
        urls = [LIST_URL, f"{LIST_URL}inspect/{enquiry.pk}/", f"{LIST_URL}?export=csv"]
        for group in (EDITORS, APPROVERS, CAREER_SERVICES):
            client.force_login(member(django_user_model, group))
            for url in urls:
                response = client.get(url)
                assert response.status_code in (302, 403), (group, url)
        client.force_login(member(django_user_model, OFFICE_ENQUIRIES))
        assert "Enquiries" in client.get("/admin/").content.decode()
        for url in urls[:2]:
            response = client.get(url)
            assert response.status_code == 200 and "Perpetua Lindqvist" in response.content.decode()
        export = client.get(urls[2])
        content = b"".join(export.streaming_content).decode().removeprefix("\ufeff")
        (row,) = csv.DictReader(io.StringIO(content))
        assert row["Name"] == "Perpetua Lindqvist" and row["Subject"] == "A general question"
        assert row["Message"].startswith("'=")  # spreadsheets show it as text

    def test_office_enquiries_search_their_list(self, client, django_user_model):
        EnquiryFactory(name="Perpetua Lindqvist")
        EnquiryFactory(name="Someone Else")
        client.force_login(member(django_user_model, OFFICE_ENQUIRIES))
        content = client.get(LIST_URL, {"q": "Lindqvist"}).content.decode()
        assert "Perpetua Lindqvist" in content and "Someone Else" not in content

    def test_office_enquiries_cannot_add_one(self, client, django_user_model):
        client.force_login(member(django_user_model, OFFICE_ENQUIRIES))
        assert client.get(f"{LIST_URL}add/").status_code in (302, 403)

    def test_marking_an_enquiry_handled_starts_its_retention(self, client, django_user_model):
        enquiry = EnquiryFactory()
        url = f"{LIST_URL}handled/{enquiry.pk}/"
        client.force_login(member(django_user_model, EDITORS))
        assert client.post(url).status_code in (302, 403)
        enquiry.refresh_from_db()
        assert enquiry.closed_at is None
        client.force_login(member(django_user_model, OFFICE_ENQUIRIES))
        assert "Mark as handled" in client.get(f"{LIST_URL}inspect/{enquiry.pk}/").content.decode()
        assert client.get(url).status_code == 200
        with time_machine.travel(NOW, tick=False):
            assert client.post(url).status_code == 302
        enquiry.refresh_from_db()
        assert enquiry.closed_at == NOW
        assert "Mark as handled" not in client.get(f"{LIST_URL}inspect/{enquiry.pk}/").content.decode()

    def test_only_office_enquiries_change_where_enquiries_go(self, client, django_user_model, home):
        site = Site.objects.get(is_default_site=True)
        url = f"/admin/settings/pages/enquirysettings/{site.pk}/"
        client.force_login(member(django_user_model, APPROVERS))
        assert client.get(url).status_code in (302, 403)
        assert client.post(url, {"recipient": "attacker@example.com"}).status_code in (302, 403)
        assert EnquirySettings.objects.filter(recipient="attacker@example.com").count() == 0
        client.force_login(member(django_user_model, OFFICE_ENQUIRIES))
        assert client.get(url).status_code == 200
        assert client.post(url, {"recipient": "office@example.edu"}).status_code == 302
        assert EnquirySettings.for_site(site).recipient == "office@example.edu"


@pytest.mark.django_db
class TestRetention:
    """Enquiries and consultation requests: N days after closing, or after arrival if never closed."""

    def make(self, factory, arrived, closed=None, **fields):
        with time_machine.travel(arrived, tick=False):
            record = factory(**fields)
        if closed is not None:
            type(record).objects.filter(pk=record.pk).update(closed_at=closed)
        return record

    @override_settings(ENQUIRY_RETENTION_DAYS=365)
    def test_enquiries_past_their_period_are_deleted_with_their_emails(self):
        day = datetime.timedelta(days=1)
        old_closed = self.make(EnquiryFactory, NOW - 500 * day, closed=NOW - 366 * day)
        recently_closed = self.make(EnquiryFactory, NOW - 500 * day, closed=NOW - 300 * day)
        old_open = self.make(EnquiryFactory, NOW - 366 * day)
        new_open = self.make(EnquiryFactory, NOW - 10 * day)
        enquiries.notify_office("office@example.edu", old_closed)
        with time_machine.travel(NOW, tick=False):
            call_command("run_periodic_tasks", verbosity=0)
        assert set(Enquiry.objects.values_list("pk", flat=True)) == {recently_closed.pk, new_open.pk}
        assert not OutgoingEmail.objects.filter(object_id=old_closed.pk).exists()
        assert old_open.pk not in Enquiry.objects.values_list("pk", flat=True)

    @override_settings(CONSULTATION_RETENTION_DAYS=30)
    def test_consultation_requests_follow_their_own_setting(self):
        day = datetime.timedelta(days=1)
        old = self.make(ConsultationRequestFactory, NOW - 40 * day, closed=NOW - 31 * day)
        kept = self.make(ConsultationRequestFactory, NOW - 40 * day, closed=NOW - 29 * day)
        self.make(ConsultationRequestFactory, NOW - 31 * day)
        with time_machine.travel(NOW, tick=False):
            call_command("run_periodic_tasks", verbosity=0)
        assert list(ConsultationRequest.objects.values_list("pk", flat=True)) == [kept.pk]
        assert not ConsultationRequest.objects.filter(pk=old.pk).exists()

    @override_settings(REGISTRATION_RETENTION_DAYS=365)
    def test_training_registrations_go_a_year_after_their_session(self, capsys):
        day = datetime.timedelta(days=1)
        old = TrainingSessionFactory(start=NOW - 400 * day, end=NOW - 400 * day + datetime.timedelta(hours=1))
        recent = TrainingSessionFactory(level=old.level, start=NOW - 300 * day, end=NOW - 300 * day)
        RegistrationFactory.create_batch(2, session=old)
        kept = RegistrationFactory(session=recent)
        with time_machine.travel(NOW, tick=False):
            call_command("purge_registrations", dry_run=True)  # the setting is the command's default too
            assert "would delete 2 registration(s)" in capsys.readouterr().out
            call_command("run_periodic_tasks", verbosity=0)
        assert list(Registration.objects.values_list("pk", flat=True)) == [kept.pk]

    def test_closing_a_consultation_request_records_when_and_reopening_clears_it(self):
        request = ConsultationRequestFactory()
        with time_machine.travel(NOW, tick=False):
            request.status = ConsultationStatus.CLOSED
            request.save()
        assert request.closed_at == NOW
        request.status = ConsultationStatus.SCHEDULED
        request.save(update_fields=["status"])
        request.refresh_from_db()
        assert request.closed_at is None


class TestPolicyPages:
    """Not marked django_db: the demo tree is built once, outside each test's own transaction."""

    def test_contact_privacy_and_accessibility_pages_are_in_the_demo(self, client, demo_site):
        for path in ("/contact/", "/privacy/", "/accessibility/"):
            assert client.get(path).status_code == 200, path
        contact = BeautifulSoup(client.get("/contact/").content, "html.parser").get_text(" ")
        assert "314-555-0100" in contact and "diversity@example.edu" in contact
        assert EnquirySettings.for_site(demo_site).recipient == "enquiries@example.edu"

    def test_the_privacy_notice_names_each_form_its_readers_and_its_periods(self, client, demo_site):
        text = " ".join(BeautifulSoup(client.get("/privacy/").content, "html.parser").get_text(" ").split())
        for fact in (
            "Training registration",
            "Career consultation request",
            "Contact enquiry",
            "Newsletter sign-up",
            "Training coordinators",
            "Office enquiries",
            "one year after the enquiry is handled",
            "deleted after 30 days",
            "csrftoken",
            "delete it",
        ):
            assert fact.lower() in text.lower(), fact

    def test_the_accessibility_statement_states_the_target_and_the_tests(self, client, demo_site):
        text = BeautifulSoup(client.get("/accessibility/").content, "html.parser").get_text(" ")
        for fact in ("WCAG", "2.2", "AA", "axe", "keyboard", "JavaScript", "Known limitations"):
            assert fact in text, fact
