"""Staff side of training: coordinators see and export registrations, nobody else does; purging."""

import csv
import datetime
import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.utils import timezone

from training.factories import (
    RegistrationFactory,
    TrainingLevelPageFactory,
    TrainingProgramPageFactory,
    TrainingSessionFactory,
)
from training.models import Registration

REGISTRATIONS_URL = "/admin/snippets/training/registration/"
SESSIONS_URL = "/admin/snippets/training/trainingsession/"


@pytest.fixture
def session(home):
    program = TrainingProgramPageFactory(parent=home)
    return TrainingSessionFactory(level=TrainingLevelPageFactory(parent=program, title="Diversity 1.0"))


@pytest.fixture
def coordinator(django_user_model):
    user = django_user_model.objects.create_user("coordinator", "coordinator@example.edu", "x" * 16)
    user.groups.add(Group.objects.get(name="Training coordinators"))
    return user


@pytest.fixture
def editor(django_user_model):
    """A communications editor: admin access but no training permissions."""
    user = django_user_model.objects.create_user("editor", "editor@example.edu", "x" * 16)
    user.groups.add(Group.objects.get(name="Communications editors"))
    return user


def read_csv(response):
    body = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(body)))


def test_coordinators_group_has_exactly_the_training_grants(db):
    group = Group.objects.get(name="Training coordinators")
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {
        "view_trainingsession",
        "add_trainingsession",
        "change_trainingsession",
        "view_registration",
        "access_admin",
    } <= codenames
    assert not {"add_registration", "change_registration", "delete_registration", "delete_trainingsession"} & codenames
    assert not Permission.objects.filter(
        group__name="Communications editors", codename__endswith="_registration"
    ).exists()


def test_coordinator_can_schedule_a_new_session(client, coordinator, session):
    client.force_login(coordinator)
    assert client.get("/admin/snippets/training/trainingsession/add/").status_code == 200


def test_coordinator_sees_registrations_per_session(client, coordinator, session):
    RegistrationFactory(session=session, name="Ada Example")
    other = TrainingSessionFactory(level=session.level)
    RegistrationFactory(session=other, name="Bea Other")
    client.force_login(coordinator)
    response = client.get(REGISTRATIONS_URL, {"session": session.pk})
    assert response.status_code == 200
    content = response.content.decode()
    assert "Ada Example" in content and "Bea Other" not in content
    sessions = client.get(SESSIONS_URL)
    assert sessions.status_code == 200
    assert f"{REGISTRATIONS_URL}?session={session.pk}" in sessions.content.decode()


def test_csv_export_neutralises_formulas(client, coordinator, session):
    RegistrationFactory(
        session=session, name='=HYPERLINK("http://evil.example")', department="+1-555", email="a@example.edu"
    )
    RegistrationFactory(session=session, name="Plain Name", department="@risk", email="b@example.edu")
    client.force_login(coordinator)
    response = client.get(REGISTRATIONS_URL, {"export": "csv"})
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="training-registrations.csv"'
    rows = read_csv(response)
    header, *data = rows
    assert "Name" in header and "Work email" in header
    cells = [cell for row in data for cell in row]
    assert '\'=HYPERLINK("http://evil.example")' in cells
    assert "'+1-555" in cells and "'@risk" in cells and "Plain Name" in cells
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)


def test_other_staff_get_403_and_no_menu_item(client, editor, session):
    RegistrationFactory(session=session)
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200
    for url in (REGISTRATIONS_URL, REGISTRATIONS_URL + "?export=csv", SESSIONS_URL):
        response = client.get(url)
        assert response.status_code in (302, 403)
        assert response.status_code == 403 or "/admin/login" not in response["Location"]
    assert REGISTRATIONS_URL not in client.get("/admin/").content.decode()


def test_anonymous_visitors_are_sent_to_log_in(client, session):
    RegistrationFactory(session=session)
    response = client.get(REGISTRATIONS_URL + "?export=csv")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_coordinator_cannot_edit_or_delete_registrations(client, coordinator, session):
    registration = RegistrationFactory(session=session)
    client.force_login(coordinator)
    assert client.get(f"{REGISTRATIONS_URL}edit/{registration.pk}/").status_code in (302, 403)
    client.post(f"{REGISTRATIONS_URL}delete/{registration.pk}/")
    assert Registration.objects.filter(pk=registration.pk).exists()


def test_session_admin_filters_by_level_and_date(admin_client, session):
    later = TrainingSessionFactory(level=session.level, start=session.start + datetime.timedelta(days=60))
    later.end = later.start + datetime.timedelta(hours=1)
    later.save()
    day = timezone.localtime(later.start).date().isoformat()
    response = admin_client.get(SESSIONS_URL, {"start_from": day, "start_to": day})
    assert response.status_code == 200
    assert list(response.context["object_list"]) == [later]
    response = admin_client.get(SESSIONS_URL, {"level": session.level.pk})
    assert set(response.context["object_list"]) == {session, later}


class TestPurge:
    def make(self, session, days_ago):
        start = timezone.now() - datetime.timedelta(days=days_ago)
        old = TrainingSessionFactory(level=session.level, start=start, end=start + datetime.timedelta(hours=1))
        RegistrationFactory.create_batch(2, session=old)
        return old

    def test_dry_run_counts_and_deletes_nothing(self, session, capsys):
        self.make(session, 400)
        RegistrationFactory(session=session)
        call_command("purge_registrations", older_than=365, dry_run=True)
        assert "would delete 2 registration(s) from 1 session(s)" in capsys.readouterr().out
        assert Registration.objects.count() == 3

    def test_purge_deletes_only_registrations_of_sessions_ended_long_enough_ago(self, session, capsys):
        old = self.make(session, 400)
        recent = self.make(session, 10)
        RegistrationFactory(session=session)
        call_command("purge_registrations", older_than=365)
        assert "Deleted 2 registration(s) from 1 session(s)" in capsys.readouterr().out
        assert not Registration.objects.filter(session=old).exists()
        assert Registration.objects.filter(session=recent).count() == 2
        assert Registration.objects.filter(session=session).count() == 1
