"""Email as tasks: stored with its record, sent by the worker, retried, never twice; who sees them."""

import smtplib
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.db import OperationalError, transaction
from django.urls import reverse
from django.utils import timezone

from pages import mail as outbox
from pages.choices import EmailStatus
from pages.factories import ConsultationRequestFactory
from pages.models import ConsultationEmail, OutgoingEmail
from tests.conftest import posts_commit
from training.emails import queue_confirmation
from training.factories import (
    RegistrationFactory,
    TrainingLevelPageFactory,
    TrainingProgramPageFactory,
    TrainingSessionFactory,
)
from training.models import Registration, TrainingEmail

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(home):
    level = TrainingLevelPageFactory(parent=TrainingProgramPageFactory(parent=home), title="Diversity 1.0")
    return TrainingSessionFactory(level=level, capacity=5)


@pytest.fixture
def registration(session):
    return RegistrationFactory(session=session, email="ada@example.edu", name="Ada Example")


def queued(registration, capture):
    """Queue a confirmation in a transaction that commits, running the on-commit enqueue."""
    with capture(execute=True), transaction.atomic():
        return queue_confirmation(registration)


class FlakyServer:
    """Stands in for the SMTP connection: fails with each error in turn, then delivers."""

    def __init__(self, monkeypatch, *errors):
        self.errors = list(errors)
        self.delivered = []
        real_send = mail.EmailMessage.send

        def send(message, fail_silently=False):
            if self.errors:
                raise self.errors.pop(0)
            self.delivered.append(message)
            return real_send(message, fail_silently)

        monkeypatch.setattr("django.core.mail.EmailMessage.send", send)


def make_due(message):
    OutgoingEmail.objects.filter(pk=message.pk).update(
        next_attempt_at=timezone.now() - timedelta(seconds=1), queued_at=timezone.now() - timedelta(hours=1)
    )


class TestSending:
    def test_the_message_is_stored_with_the_record_and_sent_after_the_commit(
        self, registration, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks() as callbacks, transaction.atomic():
            message = queue_confirmation(registration)
            assert mail.outbox == []  # nothing is sent inside the transaction
        assert message.status == EmailStatus.PENDING and len(callbacks) == 1
        callbacks[0]()
        message.refresh_from_db()
        assert (message.status, message.attempts) == (EmailStatus.SENT, 1) and message.sent_at
        [sent] = mail.outbox
        assert sent.to == ["ada@example.edu"] and sent.extra_headers["Message-ID"] == message.message_id
        assert sent.attachments[0][0] == "training-session.ics"

    def test_a_rolled_back_record_leaves_no_message(self, registration, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
            queue_confirmation(registration)
            raise RuntimeError("the registration failed")
        assert not OutgoingEmail.objects.exists() and mail.outbox == []

    def test_a_sent_message_is_never_sent_again(self, registration, django_capture_on_commit_callbacks):
        message = queued(registration, django_capture_on_commit_callbacks)
        assert outbox.send_email.call(message.pk) == "skipped"
        assert outbox.requeue_due_emails() == 0
        assert len(mail.outbox) == 1

    def test_a_message_another_worker_holds_is_left_alone(self, registration, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(), transaction.atomic():  # enqueue never runs
            message = queue_confirmation(registration)
        OutgoingEmail.objects.filter(pk=message.pk).update(locked_until=timezone.now() + timedelta(minutes=1))
        assert outbox.send_email.call(message.pk) == "skipped"
        assert mail.outbox == []

    def test_timeouts_and_refusals_are_retried_with_a_growing_delay_then_sent_once(
        self, registration, settings, monkeypatch, django_capture_on_commit_callbacks
    ):
        settings.EMAIL_RETRY_DELAY = 60
        server = FlakyServer(monkeypatch, TimeoutError("timed out"), ConnectionRefusedError(111, "refused"))
        message = queued(registration, django_capture_on_commit_callbacks)
        message.refresh_from_db()
        assert (message.status, message.attempts, message.last_error) == (EmailStatus.PENDING, 1, "TimeoutError")
        first_delay = message.next_attempt_at - timezone.now()
        assert timedelta(seconds=50) < first_delay <= timedelta(seconds=60)
        assert outbox.requeue_due_emails() == 0  # not due yet

        make_due(message)
        assert outbox.requeue_due_emails() == 1
        message.refresh_from_db()
        assert (message.attempts, message.last_error) == (2, "ConnectionRefusedError")
        assert message.next_attempt_at - timezone.now() > timedelta(seconds=110)  # doubled

        make_due(message)
        outbox.requeue_due_emails()
        message.refresh_from_db()
        assert (message.status, message.attempts) == (EmailStatus.SENT, 3)
        assert len(server.delivered) == len(mail.outbox) == 1

    def test_a_permanent_refusal_fails_at_once_and_records_only_its_kind(
        self, registration, monkeypatch, django_capture_on_commit_callbacks
    ):
        refused = smtplib.SMTPRecipientsRefused({"ada@example.edu": (550, b"5.1.1 ada@example.edu unknown")})
        FlakyServer(monkeypatch, refused)
        message = queued(registration, django_capture_on_commit_callbacks)
        message.refresh_from_db()
        assert (message.status, message.last_error) == (EmailStatus.FAILED, "SMTPRecipientsRefused")
        make_due(message)
        assert outbox.requeue_due_emails() == 0

    def test_after_the_last_attempt_the_message_is_failed(
        self, registration, settings, monkeypatch, django_capture_on_commit_callbacks
    ):
        settings.EMAIL_MAX_ATTEMPTS = 2
        FlakyServer(monkeypatch, TimeoutError(), smtplib.SMTPServerDisconnected("gone"))
        message = queued(registration, django_capture_on_commit_callbacks)
        make_due(message)
        outbox.requeue_due_emails()
        message.refresh_from_db()
        assert (message.status, message.attempts) == (EmailStatus.FAILED, 2)

    def test_a_queue_that_refuses_the_task_loses_nothing(
        self, client, session, monkeypatch, django_capture_on_commit_callbacks
    ):
        """Enqueueing fails after the registration committed: the visitor is answered, the sweep sends it."""

        def queue_down(*args, **kwargs):
            raise OperationalError("task queue unreachable")

        monkeypatch.setattr(outbox, "enqueue_send", queue_down)
        client = posts_commit(client, django_capture_on_commit_callbacks)
        data = {"session": session.pk, "name": "Ada Example", "email": "ada@example.edu", "department": "Radiology"}
        assert client.post(session.level.url, data).status_code == 302
        message = OutgoingEmail.objects.get()
        assert message.status == EmailStatus.PENDING and mail.outbox == []
        monkeypatch.undo()
        make_due(message)
        assert outbox.requeue_due_emails() == 1
        assert [m.to for m in mail.outbox] == [["ada@example.edu"]]

    def test_the_database_failing_while_queueing_leaves_nothing_half_written(
        self, client, session, monkeypatch, django_capture_on_commit_callbacks
    ):
        def database_down(*args, **kwargs):
            raise OperationalError("server closed the connection unexpectedly")

        monkeypatch.setattr(OutgoingEmail.objects, "create", database_down)
        client = posts_commit(client, django_capture_on_commit_callbacks)
        data = {"session": session.pk, "name": "Ada Example", "email": "ada@example.edu", "department": "Radiology"}
        response = client.post(session.level.url, data)
        assert response.status_code == 503 and response["Retry-After"]
        assert not Registration.objects.exists() and mail.outbox == []

    def test_purging_registrations_deletes_their_emails(self, registration, django_capture_on_commit_callbacks):
        from django.core.management import call_command

        queued(registration, django_capture_on_commit_callbacks)
        registration.session.__class__.objects.filter(pk=registration.session_id).update(
            start=timezone.now() - timedelta(days=40), end=timezone.now() - timedelta(days=40)
        )
        call_command("purge_registrations", older_than=30, verbosity=0)
        assert not OutgoingEmail.objects.exists()


# --- who sees the messages -----------------------------------------------------------------------


def staff(django_user_model, username, *groups):
    user = django_user_model.objects.create_user(username, f"{username}@example.edu", "x" * 16)
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


@pytest.fixture
def messages_of_both(registration, django_capture_on_commit_callbacks):
    consultation = ConsultationRequestFactory(name="Jordan Rivera")
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        training = queue_confirmation(registration)
        career = outbox.queue_email(
            consultation, kind="Notice to the office", to="careers@example.edu", subject="New request", body="..."
        )
    return TrainingEmail.objects.get(pk=training.pk), ConsultationEmail.objects.get(pk=career.pk)


def routes(model, pk):
    """Every admin route that can show one of these messages: list, results, inspect, resend and the chooser's."""
    viewset = model.snippet_viewset
    chooser = viewset.chooser_viewset
    return [
        reverse(viewset.get_url_name("list")),
        reverse(viewset.get_url_name("list_results")),
        reverse(viewset.get_url_name("inspect"), args=[pk]),
        reverse(viewset.get_url_name("resend"), args=[pk]),
        reverse(viewset.get_url_name("history"), args=[pk]),
        reverse(viewset.get_url_name("usage"), args=[pk]),
        reverse(chooser.get_url_name("choose")),
        reverse(chooser.get_url_name("choose_results")),
        reverse(chooser.get_url_name("chosen"), args=[pk]),
        reverse(chooser.get_url_name("chosen_multiple")) + f"?id={pk}",
    ]


class TestWhoSeesEmails:
    def test_each_group_sees_only_its_own_messages_on_every_route(self, client, django_user_model, messages_of_both):
        training, career = messages_of_both
        users = {
            "coordinator": staff(django_user_model, "coordinator", "Training coordinators"),
            "careers": staff(django_user_model, "careers", "Career services"),
            "editor": staff(django_user_model, "editor", "Communications editors", "Communications approvers"),
            "survey": staff(django_user_model, "survey", "Survey data managers"),
            "admin-only": staff(django_user_model, "plain"),
        }
        allowed = {TrainingEmail: {"coordinator"}, ConsultationEmail: {"careers"}}
        for model, message in ((TrainingEmail, training), (ConsultationEmail, career)):
            for name, user in users.items():
                client.force_login(user)
                for url in routes(model, message.pk):
                    status = client.get(url).status_code
                    # history and usage need add/change/delete, which nobody has on a sent message
                    if name in allowed[model] and "/history/" not in url and "/usage/" not in url:
                        assert status == 200, (name, url, status)
                    else:
                        assert status in (302, 403), (name, url, status)

    def test_a_proxy_never_lists_or_returns_the_other_groups_messages(
        self, client, django_user_model, messages_of_both
    ):
        training, career = messages_of_both
        client.force_login(staff(django_user_model, "coordinator", "Training coordinators"))
        viewset = TrainingEmail.snippet_viewset
        listing = client.get(reverse(viewset.get_url_name("list"))).content.decode()
        assert training.subject in listing and "New request" not in listing
        assert client.get(reverse(viewset.get_url_name("inspect"), args=[career.pk])).status_code == 404
        chosen = reverse(viewset.chooser_viewset.get_url_name("chosen"), args=[career.pk])
        assert client.get(chosen).status_code == 404

    def test_superusers_cannot_edit_add_or_delete_messages(self, admin_client, messages_of_both):
        training, _ = messages_of_both
        viewset = TrainingEmail.snippet_viewset
        assert admin_client.get(reverse(viewset.get_url_name("inspect"), args=[training.pk])).status_code == 200
        for name, args in (("add", []), ("edit", [training.pk]), ("delete", [training.pk])):
            assert admin_client.get(reverse(viewset.get_url_name(name), args=args)).status_code in (302, 403)

    def test_the_owner_sees_the_state_and_resends_a_failed_message(
        self, client, django_user_model, messages_of_both, django_capture_on_commit_callbacks
    ):
        training, _ = messages_of_both
        TrainingEmail.objects.filter(pk=training.pk).update(status=EmailStatus.FAILED, last_error="TimeoutError")
        client = posts_commit(client, django_capture_on_commit_callbacks)
        client.force_login(staff(django_user_model, "coordinator", "Training coordinators"))
        viewset = TrainingEmail.snippet_viewset
        inspect = client.get(reverse(viewset.get_url_name("inspect"), args=[training.pk])).content.decode()
        assert "Failed" in inspect and "TimeoutError" in inspect and "Send again" in inspect
        mail.outbox.clear()
        response = client.post(reverse(viewset.get_url_name("resend"), args=[training.pk]))
        assert response.status_code == 302
        copy = TrainingEmail.objects.exclude(pk=training.pk).get(kind=training.kind)
        assert copy.status == EmailStatus.SENT and copy.body == training.body and copy.record == training.record
        assert TrainingEmail.objects.get(pk=training.pk).status == EmailStatus.FAILED  # the record of the failure stays
        assert [m.to for m in mail.outbox] == [["ada@example.edu"]]
