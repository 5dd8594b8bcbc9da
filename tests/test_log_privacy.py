"""Logs of public forms and survey uploads: enough context to follow up, never personal data.

Every record from every logger is captured at DEBUG and formatted as production writes it
(JSON, tracebacks included), then searched for the visitor's name, email, department, free
text and IP address.
"""

import logging
import smtplib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from odi_site.logging import JsonFormatter
from pages.careers import consultations
from pages.factories import CareerServicesPageFactory
from pages.models import ConsultationRequest
from tests.conftest import posts_commit
from training import views as training_views
from training.factories import TrainingLevelPageFactory, TrainingProgramPageFactory, TrainingSessionFactory
from training.links import cancel_token
from training.models import Registration
from training.registration import CLOSED_MESSAGE, RegistrationRefused

IP = "203.0.113.77"
NAME = "Quinn Zephyrine"
EMAIL = "quinn.zephyrine@example.edu"
DEPARTMENT = "Zephyr Studies"
FREE_TEXT = "Zephyrine needs seats by exit 42"
PERSONAL = (NAME, "Zephyrine", EMAIL, DEPARTMENT, FREE_TEXT, "exit 42", IP)


# Its DEBUG records quote whole template contexts (an import report, a form's data); the LOGGING
# setting keeps the `django` loggers at INFO, so they are never written (checked below).
TEMPLATE_LOGGER = "django.template"


@pytest.fixture
def logs(caplog):
    """Every record at DEBUG, including Django's own loggers, which do not propagate to the root."""
    template_logger = logging.getLogger(TEMPLATE_LOGGER)
    template_level = template_logger.getEffectiveLevel()
    for name in [None, *logging.root.manager.loggerDict]:
        caplog.set_level(logging.DEBUG, logger=name)  # restored by caplog afterwards
    template_logger.setLevel(template_level)
    isolated = [logging.getLogger(name) for name in logging.root.manager.loggerDict]
    isolated = [logger for logger in isolated if not logger.propagate]
    for logger in isolated:
        logger.addHandler(caplog.handler)
    yield caplog
    for logger in isolated:
        logger.removeHandler(caplog.handler)


@pytest.fixture
def visitor(client, django_capture_on_commit_callbacks):
    """A visitor at a known address; posts run their on-commit callbacks (the emails), as after a real commit."""
    client.defaults["REMOTE_ADDR"] = IP
    return posts_commit(client, django_capture_on_commit_callbacks)


@pytest.fixture
def refusing_mail_server(monkeypatch):
    """A mail server that refuses every recipient and names them in its error, as real ones do."""

    def send(message, fail_silently=False):
        raise smtplib.SMTPRecipientsRefused(dict.fromkeys(message.to, (550, b"5.1.1 User unknown")))

    monkeypatch.setattr("django.core.mail.EmailMessage.send", send)


def assert_private(logs):
    text = "\n".join(JsonFormatter().format(record) for record in logs.records).lower()
    leaked = [value for value in PERSONAL if value.lower() in text]
    assert not leaked, f"personal data in the logs: {leaked}\n{text}"


def test_template_debug_records_are_never_written():
    assert logging.getLogger(TEMPLATE_LOGGER).getEffectiveLevel() >= logging.INFO


def form_record(logs, form, outcome):
    """The one record a submission left, found by its context."""
    (record,) = [r for r in logs.records if getattr(r, "form", None) == form and r.outcome == outcome]
    return record


# --- career consultation requests -------------------------------------------------------------

CONSULTATION = {
    "name": NAME,
    "email": EMAIL,
    "role": "staff",
    "department": DEPARTMENT,
    "topics": ["goals"],
    "other_topics": FREE_TEXT,
    "preferred_times": FREE_TEXT,
    "website": "",
}


@pytest.fixture
def career(home):
    return CareerServicesPageFactory(parent=home)


class TestConsultationLogs:
    @pytest.mark.parametrize(
        ("changes", "status", "outcome", "error_fields"),
        [
            ({"role": "", "email": "quinn.zephyrine@"}, 200, "invalid", ["email", "role"]),
            ({"name": f"<b>{NAME}</b>"}, 200, "invalid", ["name"]),
            ({}, 302, "stored", None),
            ({"website": "http://spam.example"}, 302, "honeypot", None),
        ],
        ids=["invalid", "markup", "valid", "honeypot"],
    )
    def test_submission_is_logged_with_context_only(
        self, visitor, career, logs, changes, status, outcome, error_fields
    ):
        assert visitor.post(career.url, {**CONSULTATION, **changes}).status_code == status
        record = form_record(logs, "career-consultation", outcome)
        assert record.page_id == career.pk
        assert getattr(record, "error_fields", None) == error_fields
        assert_private(logs)

    def test_stored_request_is_logged_by_its_id(self, visitor, career, logs):
        visitor.post(career.url, CONSULTATION)
        assert form_record(logs, "career-consultation", "stored").record_id == ConsultationRequest.objects.get().pk

    def test_rate_limited_client_is_logged_without_its_address(self, visitor, career, logs, monkeypatch):
        monkeypatch.setattr(consultations, "RATE_LIMIT", 1)
        visitor.post(career.url, CONSULTATION)
        assert visitor.post(career.url, CONSULTATION).status_code == 429
        assert form_record(logs, "career-consultation", "rate-limited").levelno == logging.WARNING
        assert_private(logs)

    def test_failing_mail_server_is_logged_without_personal_data(self, visitor, career, logs, refusing_mail_server):
        assert visitor.post(career.url, CONSULTATION).status_code == 302
        assert any(record.levelno == logging.ERROR for record in logs.records)
        assert_private(logs)


# --- training registrations and cancellations ------------------------------------------------


@pytest.fixture
def level(home):
    return TrainingLevelPageFactory(parent=TrainingProgramPageFactory(parent=home))


@pytest.fixture
def session(level):
    return TrainingSessionFactory(level=level)


def registration(session, **changes):
    data = {
        "session": str(session.pk),
        "name": NAME,
        "email": EMAIL,
        "department": DEPARTMENT,
        "accommodation": FREE_TEXT,
        "website": "",
    }
    return {**data, **changes}


class TestRegistrationLogs:
    @pytest.mark.parametrize(
        ("changes", "status", "outcome", "error_fields"),
        [
            ({"department": "", "email": "quinn@@example"}, 200, "invalid", ["department", "email"]),
            ({}, 302, "stored", None),
            ({"website": "http://spam.example"}, 302, "honeypot", None),
        ],
        ids=["invalid", "valid", "honeypot"],
    )
    def test_submission_is_logged_with_context_only(
        self, visitor, level, session, logs, changes, status, outcome, error_fields
    ):
        assert visitor.post(level.url, registration(session, **changes)).status_code == status
        record = form_record(logs, "training-registration", outcome)
        assert record.page_id == level.pk
        assert getattr(record, "error_fields", None) == error_fields
        assert_private(logs)

    def test_an_address_registered_before_is_logged_by_the_registration_id(self, visitor, level, session, logs):
        visitor.post(level.url, registration(session))
        assert visitor.post(level.url, registration(session)).status_code == 302  # the same answer as a new one
        record = form_record(logs, "training-registration", "already-registered")
        assert record.record_id == Registration.objects.get().pk
        assert_private(logs)

    def test_refused_seat_is_logged_with_the_reason_field(self, visitor, level, session, logs, monkeypatch):
        def closed_meanwhile(*args, **kwargs):  # the session closed between showing the form and posting it
            raise RegistrationRefused(CLOSED_MESSAGE, field="session")

        monkeypatch.setattr(training_views, "register", closed_meanwhile)
        assert visitor.post(level.url, registration(session)).status_code == 200
        assert form_record(logs, "training-registration", "refused").error_fields == ["session"]
        assert_private(logs)

    def test_rate_limited_client_is_logged_without_its_address(self, visitor, level, session, logs, monkeypatch):
        monkeypatch.setattr(training_views, "RATE_LIMIT", 1)
        visitor.post(level.url, registration(session))
        assert visitor.post(level.url, registration(session)).status_code == 429
        assert form_record(logs, "training-registration", "rate-limited").levelno == logging.WARNING
        assert_private(logs)

    def test_failing_mail_server_keeps_the_registration_and_logs_no_address(
        self, visitor, level, session, logs, refusing_mail_server
    ):
        assert visitor.post(level.url, registration(session)).status_code == 302
        assert Registration.objects.filter(session=session).count() == 1
        assert any(record.levelno == logging.ERROR for record in logs.records)
        assert_private(logs)

    def test_cancellation_is_logged_by_registration_id(self, visitor, level, session, logs):
        visitor.post(level.url, registration(session))
        person = Registration.objects.get()
        assert visitor.post(f"{level.url}cancel/", {"token": cancel_token(person)}).status_code == 302
        assert form_record(logs, "training-cancellation", "cancelled").record_id == person.pk
        assert_private(logs)


# --- survey uploads ----------------------------------------------------------------------------


def test_refused_survey_upload_logs_where_the_problems_are_not_what_the_cells_say(django_user_model, client, logs):
    uploader = django_user_model.objects.create_superuser("quinn", EMAIL, "a-long-password-123", first_name=NAME)
    client.force_login(uploader)
    data = f"record,survey\n{FREE_TEXT},des\n{NAME},des\n".encode()
    response = client.post("/admin/survey/import/", {"file": SimpleUploadedFile("results.csv", data)})
    assert "is not a record type" in response.content.decode()
    (record,) = [r for r in logs.records if r.name == "survey.admin_views"]
    assert (record.user_id, record.problems, record.problem_columns) == (uploader.pk, 2, ["record"])
    assert_private(logs)
