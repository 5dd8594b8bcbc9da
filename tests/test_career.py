"""Career development: the consultation request form, its refusals, the email and who sees requests."""

import csv
import io

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission
from django.core import mail
from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase

from odi_site.exports import neutralise_formula
from pages.careers import consultations
from pages.choices import ConsultationStatus
from pages.factories import CareerServicesPageFactory, ConsultationRequestFactory, HomePageFactory
from pages.models import CareerServicesPage, ConsultationRequest, HomePage, StandardPage
from tests.conftest import posts_commit
from tests.queries import cost_of

VALID = {
    "name": "Jordan Rivera",
    "email": "jordan.rivera@example.edu",
    "role": "staff",
    "department": "Pediatrics",
    "topics": ["goals", "skills"],
    "other_topics": "",
    "preferred_times": "Tuesday or Thursday mornings",
    "website": "",
}
LIST_URL = "/admin/snippets/pages/consultationrequest/"


@pytest.fixture
def client(client, django_capture_on_commit_callbacks):
    """Posts run their on-commit callbacks (the emails are queued then), as after a real commit."""
    return posts_commit(client, django_capture_on_commit_callbacks)


@pytest.fixture
def career(home):
    return CareerServicesPageFactory(parent=home)


def post(client, page, **changes):
    return client.post(page.url, {**VALID, **changes})


class TestConsultationForm:
    def test_get_shows_the_form_with_labels_and_consent_notice(self, client, career):
        response = client.get(career.url)
        assert response.status_code == 200
        soup = BeautifulSoup(response.content, "html.parser")
        form = soup.select_one("form.consultation-form")
        assert form["method"] == "post"
        for name in ("name", "email", "role", "department", "other_topics", "preferred_times"):
            field = form.select_one(f"[name={name}]")
            assert soup.select_one(f"label[for={field['id']}]"), f"{name} has no label"
        assert len(form.select("input[name=topics]")) == 6
        consent = form.select_one("#consultation-consent")
        assert career.consent_notice in consent.get_text()
        assert form.select_one("button[type=submit]")["aria-describedby"] == "consultation-consent"

    def test_valid_request_is_stored_emailed_and_confirmed(self, client, career):
        response = post(client, career)
        assert response.status_code == 302
        assert response["Location"] == career.url + "thanks/"
        request = ConsultationRequest.objects.get()
        assert (request.name, request.email, request.role, request.topics) == (
            "Jordan Rivera",
            "jordan.rivera@example.edu",
            "staff",
            ["goals", "skills"],
        )
        assert request.status == ConsultationStatus.NEW
        message, acknowledgement = mail.outbox
        assert message.to == ["careers@example.edu"]
        assert message.reply_to == ["jordan.rivera@example.edu"]
        assert "Jordan Rivera" in message.body and "Setting career goals" in message.body
        # The requester's copy names them and says what happens next, and echoes nothing else.
        assert acknowledgement.to == ["jordan.rivera@example.edu"]
        assert acknowledgement.reply_to == ["careers@example.edu"]
        assert "Hello Jordan Rivera," in acknowledgement.body and career.thanks_text in acknowledgement.body
        assert "Pediatrics" not in acknowledgement.body and "Tuesday" not in acknowledgement.body
        thanks = client.get(response["Location"])
        assert thanks.status_code == 200
        assert career.thanks_heading in thanks.content.decode()

    def test_a_blank_address_emails_no_one_but_keeps_the_request(self, client, career):
        """Not the office address of site settings: approvers may change that one (issue 14)."""
        career.consultation_email = ""
        career.save()
        post(client, career)
        assert ConsultationRequest.objects.count() == 1
        assert [message.to for message in mail.outbox] == [["jordan.rivera@example.edu"]]

    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            ({"name": ""}, "name"),
            ({"email": "not-an-email"}, "email"),
            ({"role": "boss"}, "role"),
            ({"role": ""}, "role"),
            ({"department": "x" * 151}, "department"),
            ({"preferred_times": ""}, "preferred_times"),
            ({"preferred_times": "x" * 501}, "preferred_times"),
            ({"other_topics": "x" * 1001}, "other_topics"),
            ({"topics": ["nonsense"]}, "topics"),
            ({"topics": [], "other_topics": ""}, "other_topics"),
            ({"name": "<b>Jordan</b>"}, "name"),
            ({"name": "Jordan\nBcc: someone@example.com"}, "name"),
            ({"name": "Your SSO password expires, renew at https://sso.example.net"}, "name"),
            ({"name": "Call 555 0100"}, "name"),
        ],
    )
    def test_invalid_input_shows_errors_and_stores_nothing(self, client, career, changes, field):
        response = post(client, career, **changes)
        assert response.status_code == 200
        assert field in response.context["form"].errors
        soup = BeautifulSoup(response.content, "html.parser")
        summary = soup.select_one(".error-summary")
        assert summary is not None
        assert soup.title.get_text().startswith("Error:")
        assert ConsultationRequest.objects.count() == 0
        assert mail.outbox == []

    def test_error_summary_links_to_every_invalid_field(self, client, career):
        response = client.post(career.url, {})
        soup = BeautifulSoup(response.content, "html.parser")
        links = {a["href"] for a in soup.select(".error-summary a")}
        invalid = {f"#{el['id']}" for el in soup.select("[aria-invalid=true]")}
        assert invalid and invalid <= links

    def test_free_text_alone_is_enough_for_topics(self, client, career):
        response = post(client, career, topics=[], other_topics="Moving into research administration")
        assert response.status_code == 302
        assert ConsultationRequest.objects.get().topics == []

    def test_honeypot_looks_like_success_but_stores_and_sends_nothing(self, client, career):
        response = post(client, career, website="http://spam.example")
        assert response.status_code == 302
        assert response["Location"] == career.url + "thanks/"
        assert ConsultationRequest.objects.count() == 0
        assert mail.outbox == []

    def test_rate_limit_refuses_politely_and_stores_nothing(self, client, career, monkeypatch):
        monkeypatch.setattr(consultations, "RATE_LIMIT", 2)
        assert [post(client, career).status_code for _ in range(2)] == [302, 302]
        response = post(client, career, name="Third Try")
        assert response.status_code == 429
        assert "Please try again later" in response.content.decode()
        assert not ConsultationRequest.objects.filter(name="Third Try").exists()
        assert ConsultationRequest.objects.count() == 2
        assert len(mail.outbox) == 4  # the office's notice and the acknowledgement, for each

    def test_a_failing_mail_server_still_keeps_the_request(self, client, career, monkeypatch):
        def broken(*args, **kwargs):
            raise OSError("mail server down")

        monkeypatch.setattr("django.core.mail.EmailMessage.send", broken)
        response = post(client, career)
        assert response.status_code == 302
        assert ConsultationRequest.objects.count() == 1

    def test_the_page_says_a_consultation_does_not_guarantee_a_placement(self, client, demo_site):
        text = BeautifulSoup(client.get("/career-development/").content, "html.parser").get_text(" ")
        assert "no promise" in text or "does not guarantee" in text

    def test_page_renders_in_a_fixed_number_of_queries(self, client, career, settings):
        settings.PAGE_CACHE_SECONDS = 0

        def count():
            return len(cost_of(client, career.url).queries)

        small = count()
        ConsultationRequestFactory.create_batch(50)
        assert count() == small <= 8


class TestCareerPageRules(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = HomePageFactory(parent=Page.get_first_root_node(), slug="home-career-rules")
        Site.objects.filter(is_default_site=True).update(root_page=cls.home)

    def test_one_career_page_directly_under_home(self):
        self.assertCanCreateAt(HomePage, CareerServicesPage)
        self.assertCanNotCreateAt(StandardPage, CareerServicesPage)
        self.assertCanNotCreateAt(CareerServicesPage, StandardPage)
        self.assertEqual(CareerServicesPage.max_count, 1)

    def test_routable_and_renderable(self):
        page = CareerServicesPageFactory(parent=self.home)
        self.assertPageIsRoutable(page)
        self.assertPageIsRenderable(page)
        self.assertPageIsRoutable(page, "thanks/")
        self.assertPageIsRenderable(page, "thanks/")


@pytest.fixture
def editor(django_user_model):
    """A communications editor: no rights on consultation requests."""
    user = django_user_model.objects.create_user("editor", "editor@example.edu", "correct horse battery")
    user.groups.add(Group.objects.get(name="Communications editors"))
    return user


@pytest.fixture
def career_services(django_user_model):
    user = django_user_model.objects.create_user("careers", "careers@example.edu", "correct horse battery")
    user.groups.add(Group.objects.get(name="Career services"))
    return user


class TestConsultationRequestAdmin:
    def test_career_services_group_has_view_and_change_only(self, db):
        group = Group.objects.get(name="Career services")
        ours = set(group.permissions.filter(content_type__app_label="pages").values_list("codename", flat=True))
        assert ours == {
            "view_consultationrequest",
            "change_consultationrequest",
            "view_consultationemail",
            "resend_consultationemail",
            "change_consultation_email",  # the page's field saying where requests are emailed
        }
        assert group.permissions.filter(codename="access_admin").exists()

    def test_editors_cannot_see_requests(self, client, editor):
        ConsultationRequestFactory()
        client.force_login(editor)
        assert client.get(LIST_URL).status_code in (302, 403)
        assert "Consultation requests" not in client.get("/admin/").content.decode()

    def test_anonymous_visitors_are_sent_to_log_in(self, client, db):
        response = client.get(LIST_URL)
        assert response.status_code == 302 and "/admin/login/" in response["Location"]

    def test_career_services_see_the_list_and_change_the_status(self, client, career_services):
        request = ConsultationRequestFactory(name="Avery Chen")
        client.force_login(career_services)
        assert "Consultation requests" in client.get("/admin/").content.decode()
        listing = client.get(LIST_URL)
        assert listing.status_code == 200 and "Avery Chen" in listing.content.decode()
        edit_url = f"{LIST_URL}edit/{request.pk}/"
        form = client.get(edit_url)
        assert form.status_code == 200
        response = client.post(edit_url, {"status": "scheduled", "staff_notes": "Booked for Tuesday"})
        assert response.status_code == 302
        request.refresh_from_db()
        assert request.status == ConsultationStatus.SCHEDULED
        assert request.name == "Avery Chen"  # submitted details are read-only
        inspect = client.get(f"{LIST_URL}inspect/{request.pk}/")
        assert inspect.status_code == 200 and "Tuesday mornings" in inspect.content.decode()

    def test_career_services_cannot_add_or_delete(self, client, career_services):
        request = ConsultationRequestFactory()
        client.force_login(career_services)
        assert client.get(f"{LIST_URL}add/").status_code in (302, 403)
        assert client.get(f"{LIST_URL}delete/{request.pk}/").status_code in (302, 403)

    def test_csv_export_neutralises_spreadsheet_formulas(self, client, career_services):
        ConsultationRequestFactory(name='=HYPERLINK("http://evil.example")', department="+1 Cardiology")
        ConsultationRequestFactory(name="Plain Name", department="Radiology")
        client.force_login(career_services)
        response = client.get(LIST_URL, {"export": "csv"})
        assert response.status_code == 200
        assert 'filename="consultation-requests.csv"' in response["Content-Disposition"]
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        content = b"".join(response.streaming_content).decode()
        assert content.startswith("\ufeff")  # Excel reads the file as UTF-8 only with the mark
        rows = list(csv.DictReader(io.StringIO(content.removeprefix("\ufeff"))))
        names = {row["Name"] for row in rows}
        assert names == {'\'=HYPERLINK("http://evil.example")', "Plain Name"}
        assert {row["Department"] for row in rows} == {"'+1 Cardiology", "Radiology"}
        assert rows[0]["Topics"] == "Setting career goals"

    def test_editors_cannot_export(self, client, editor):
        ConsultationRequestFactory()
        client.force_login(editor)
        assert client.get(LIST_URL, {"export": "csv"}).status_code in (302, 403)

    def test_user_with_only_the_permission_can_view(self, client, django_user_model):
        user = django_user_model.objects.create_user("viewer", "v@example.edu", "correct horse battery")
        user.user_permissions.add(
            Permission.objects.get(codename="access_admin"),
            Permission.objects.get(codename="view_consultationrequest"),
        )
        client.force_login(user)
        assert client.get(LIST_URL).status_code == 200


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+44", "'+44"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("|calc", "'|calc"),
        ("  =1+1", "'  =1+1"),  # spreadsheets skip leading spaces
        ("\u200b=1+1", "'\u200b=1+1"),  # and zero-width characters
        ("\ufeff@SUM(A1)", "'\ufeff@SUM(A1)"),
        ("\uff1d1+1", "'\uff1d1+1"),  # a full-width equals sign counts as one
        ("\uff0bcmd", "'\uff0bcmd"),
        ("\u2212 2", "'\u2212 2"),
        ("Peds;=1+2", "Peds;'=1+2"),  # a semicolon-separated spreadsheet splits the cell there
        ("Peds, +1 555", "Peds,' +1 555"),
        ("Peds\t=1", "Peds\t'=1"),
        ("Plain", "Plain"),
        ("Surgery - Trauma", "Surgery - Trauma"),
        ("a@example.edu", "a@example.edu"),
        (3, 3),
    ],
)
def test_neutralise_formula(value, expected):
    assert neutralise_formula(value) == expected


class TestTopicLabels:
    """Staff read the topics a requester ticked as the form worded them, never as stored codes."""

    @pytest.fixture
    def request_with_topics(self, db):
        return ConsultationRequestFactory(topics=["leadership", "resume"])

    def shows_labels(self, text):
        assert "Preparing for a management role" in text
        assert "Résumé and interview preparation" in text
        assert "[&#x27;leadership" not in text and "['leadership" not in text

    def test_list_inspect_and_edit_views_show_labels(self, client, career_services, request_with_topics):
        client.force_login(career_services)
        for url in (
            LIST_URL,
            f"{LIST_URL}inspect/{request_with_topics.pk}/",
            f"{LIST_URL}edit/{request_with_topics.pk}/",
        ):
            response = client.get(url)
            assert response.status_code == 200, url
            self.shows_labels(response.content.decode())

    def test_csv_and_xlsx_exports_show_labels(self, client, career_services, request_with_topics):
        from openpyxl import load_workbook

        client.force_login(career_services)
        content = b"".join(client.get(LIST_URL, {"export": "csv"}).streaming_content).decode()
        row = next(csv.DictReader(io.StringIO(content.removeprefix("\ufeff"))))
        assert row["Topics"] == "Preparing for a management role, Résumé and interview preparation"
        response = client.get(LIST_URL, {"export": "xlsx"})
        sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
        headings, values = (list(r) for r in sheet.iter_rows(max_row=2, values_only=True))
        assert dict(zip(headings, values, strict=True))["Topics"] == row["Topics"]
