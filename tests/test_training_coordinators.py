"""Coordinators' tools: reminders before sessions, cancelling for someone, attendance and its export,
and attendance feeding the participation figure when editors choose."""

import csv
import io
from datetime import date, timedelta

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from tests.conftest import posts_commit
from training.factories import (
    RegistrationFactory,
    TrainingLevelPageFactory,
    TrainingProgramPageFactory,
    TrainingSessionFactory,
)
from training.models import Registration, TrainingSession
from training.reminders import queue_due_reminders

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(client, django_capture_on_commit_callbacks):
    return posts_commit(client, django_capture_on_commit_callbacks)


@pytest.fixture
def program(home):
    return TrainingProgramPageFactory(parent=home, participants_level_one=7100, participants_as_of=date(2024, 3, 1))


@pytest.fixture
def level(program):
    return TrainingLevelPageFactory(parent=program, title="Diversity 1.0", slug="diversity-1-0")


def session_in(level, delta, **fields):
    start = timezone.now() + delta
    return TrainingSessionFactory(level=level, start=start, end=start + timedelta(hours=1), **fields)


def registered(session, days_ago=10, **fields):
    return RegistrationFactory(session=session, created=timezone.now() - timedelta(days=days_ago), **fields)


@pytest.fixture
def coordinator(django_user_model):
    user = django_user_model.objects.create_user("coordinator", "coordinator@example.edu", "x" * 16)
    user.groups.add(Group.objects.get(name="Training coordinators"))
    return user


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("editor", "editor@example.edu", "x" * 16)
    user.groups.add(Group.objects.get(name="Communications editors"))
    return user


def run_periodic(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("run_periodic_tasks", verbosity=0)


class TestReminders:
    def test_confirmed_people_get_one_reminder_with_their_cancel_link(self, level, django_capture_on_commit_callbacks):
        soon = session_in(level, timedelta(days=1, hours=12))
        person = registered(soon, email="ada@example.edu")
        registered(soon, status="waitlisted")
        registered(soon, status="cancelled")
        run_periodic(django_capture_on_commit_callbacks)
        run_periodic(django_capture_on_commit_callbacks)  # a second run sends nothing more
        [reminder] = mail.outbox
        assert reminder.to == ["ada@example.edu"] and reminder.subject.startswith("Reminder: Diversity 1.0")
        assert "/diversity-1-0/cancel/?token=" in reminder.body
        assert reminder.attachments[0][0] == "training-session.ics"
        person.refresh_from_db()
        assert person.reminder_sent_at is not None

    def test_the_reminder_follows_each_sessions_own_setting(self, level, django_capture_on_commit_callbacks):
        later = session_in(level, timedelta(days=3))
        registered(later)
        none = session_in(level, timedelta(hours=12), reminder_days=0)
        registered(none)
        early = session_in(level, timedelta(days=4, hours=12), reminder_days=5)
        registered(early)
        with django_capture_on_commit_callbacks(execute=True):
            assert queue_due_reminders() == 1
        assert len(mail.outbox) == 1
        # two days later the first session's window opens too
        with django_capture_on_commit_callbacks(execute=True):
            assert queue_due_reminders(now=timezone.now() + timedelta(days=1, hours=2)) == 1

    def test_someone_who_registered_inside_the_window_is_not_reminded(self, level, django_capture_on_commit_callbacks):
        soon = session_in(level, timedelta(days=1))
        registered(soon, days_ago=0)
        with django_capture_on_commit_callbacks(execute=True):
            assert queue_due_reminders() == 0

    def test_past_sessions_get_no_reminder(self, level, django_capture_on_commit_callbacks):
        registered(session_in(level, -timedelta(hours=2)))
        with django_capture_on_commit_callbacks(execute=True):
            assert queue_due_reminders() == 0


class TestCancelOnSomeonesBehalf:
    def test_coordinator_cancels_and_the_waitlist_moves_up(self, client, coordinator, level):
        session = session_in(level, timedelta(days=7), capacity=1)
        seated = registered(session, email="seated@example.edu")
        waiting = registered(session, days_ago=5, status="waitlisted", email="waiting@example.edu")
        client.force_login(coordinator)
        url = f"/admin/training/registrations/{seated.pk}/cancel/"
        inspect = client.get(f"/admin/snippets/training/registration/inspect/{seated.pk}/").content.decode()
        assert url in inspect  # the "Cancel registration" button
        assert "Cancel this registration" in client.get(url).content.decode()
        seated.refresh_from_db()
        assert seated.status == "confirmed"  # GET only asks
        response = client.post(url)
        assert response.status_code == 302
        seated.refresh_from_db()
        waiting.refresh_from_db()
        assert (seated.status, waiting.status) == ("cancelled", "confirmed")
        assert sorted((m.to[0], "cancelled" in m.subject) for m in mail.outbox) == [
            ("seated@example.edu", True),
            ("waiting@example.edu", False),
        ]

    def test_others_cannot_cancel_and_a_started_session_cannot_be_changed(self, client, editor, coordinator, level):
        session = session_in(level, timedelta(days=7))
        person = registered(session)
        client.force_login(editor)
        assert client.post(f"/admin/training/registrations/{person.pk}/cancel/").status_code in (302, 403)
        client.force_login(coordinator)
        TrainingSession.objects.filter(pk=session.pk).update(start=timezone.now() - timedelta(minutes=5))
        response = client.post(f"/admin/training/registrations/{person.pk}/cancel/")
        assert response.status_code == 200 and "cannot be cancelled" in response.content.decode()
        person.refresh_from_db()
        assert person.status == "confirmed" and mail.outbox == []


class TestAttendance:
    def test_coordinator_records_attendance_and_exports_it(self, client, coordinator, level):
        session = session_in(level, -timedelta(days=1))
        came, missed = registered(session, name="Came Along"), registered(session, name="Stayed Away")
        registered(session, status="cancelled")
        client.force_login(coordinator)
        url = f"/admin/training/sessions/{session.pk}/attendance/"
        listing = client.get("/admin/snippets/training/trainingsession/").content.decode()
        assert url in listing
        form = BeautifulSoup(client.get(url).content, "html.parser")
        assert len(form.select("fieldset")) == 2 or len(form.select("input[type=radio]")) == 6
        response = client.post(url, {f"registration_{came.pk}": "attended", f"registration_{missed.pk}": "no_show"})
        assert response.status_code == 302
        session.refresh_from_db()
        assert session.attended_count == 1
        assert dict(Registration.objects.values_list("name", "attendance"))["Came Along"] == "attended"
        export = client.get(f"/admin/snippets/training/registration/?session={session.pk}&export=csv")
        rows = list(csv.DictReader(io.StringIO(b"".join(export.streaming_content).decode())))
        assert {row["Name"]: row["Attendance"] for row in rows}["Stayed Away"] == "No-show"

    def test_only_coordinators_record_and_only_once_a_session_started(self, client, editor, coordinator, level):
        upcoming = session_in(level, timedelta(days=2))
        person = registered(upcoming)
        client.force_login(editor)
        assert client.get(f"/admin/training/sessions/{upcoming.pk}/attendance/").status_code in (302, 403)
        client.force_login(coordinator)
        response = client.post(
            f"/admin/training/sessions/{upcoming.pk}/attendance/", {f"registration_{person.pk}": "attended"}
        )
        assert response.status_code == 200 and "once the session has started" in response.content.decode()
        person.refresh_from_db()
        assert person.attendance == ""


class TestParticipationFigure:
    def record(self, client, coordinator, session, people):
        client.force_login(coordinator)
        data = {f"registration_{registered(session).pk}": "attended" for _ in range(people)}
        client.post(f"/admin/training/sessions/{session.pk}/attendance/", data)
        client.logout()

    def figure(self, client, program):
        soup = BeautifulSoup(client.get(program.url).content, "html.parser")
        return soup.select_one(".key-figure__number").get_text(strip=True), soup.select_one(
            ".key-figure__note"
        ).get_text(" ", strip=True)

    def test_attendance_counts_only_when_editors_choose_it(self, client, coordinator, program, level, settings):
        settings.PAGE_CACHE_SECONDS = 0
        held = session_in(level, -timedelta(days=3))
        self.record(client, coordinator, held, 3)
        other_level = TrainingLevelPageFactory(parent=program, title="Diversity 2.0")
        self.record(client, coordinator, session_in(other_level, -timedelta(days=3)), 2)
        assert self.figure(client, program)[0] == "7,100+"
        program.count_recorded_attendance = True
        program.save_revision().publish()
        number, note = self.figure(client, program)
        assert number == "7,103+"
        assert f"{timezone.localdate(held.end):%B %Y}" in note

    def test_purging_registrations_keeps_the_figure(self, client, coordinator, program, level, settings):
        settings.PAGE_CACHE_SECONDS = 0
        program.count_recorded_attendance = True
        program.save_revision().publish()
        held = session_in(level, -timedelta(days=60))
        self.record(client, coordinator, held, 2)
        call_command("purge_registrations", older_than=30, verbosity=0)
        assert not Registration.objects.exists()
        assert self.figure(client, program)[0] == "7,102+"
