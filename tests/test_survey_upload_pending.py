"""The checked survey CSV waits in the database: confirmable from any app server, by its uploader
only, until it expires; abandoned ones are removed by the periodic job."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.db import DatabaseError
from django.test import Client
from django.utils import timezone

from survey.admin_views import NOT_KEPT_MESSAGE
from survey.models import Aggregate, PendingSurveyUpload

EXAMPLE = Path(__file__).resolve().parent.parent / "docs" / "survey-example.csv"
URL = "/admin/survey/import/"

pytestmark = pytest.mark.django_db


def manager(django_user_model, username):
    user = django_user_model.objects.create_user(username, f"{username}@example.edu", "a-long-test-password")
    user.groups.add(Group.objects.get(name="Survey data managers"))
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


def signed_in(user):
    """A browser of its own (its own session), as a request reaching another app server would be."""
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    return client


def check(client):
    with EXAMPLE.open("rb") as file:
        response = client.post(URL, {"file": file})
    assert b"is valid" in response.content
    return response.context["token"]


def test_confirm_works_from_another_session_and_removes_the_pending_file(django_user_model):
    uploader = manager(django_user_model, "surveys")
    token = check(signed_in(uploader))
    pending = PendingSurveyUpload.objects.get()
    assert (pending.user, pending.file_name) == (uploader, "survey-example.csv")
    assert timezone.now() + timedelta(hours=1) < pending.expires_at <= timezone.now() + timedelta(hours=2)
    assert signed_in(uploader).post(URL, {"confirm": "1", "token": token}).status_code == 302
    assert Aggregate.objects.count() == 19 and not PendingSurveyUpload.objects.exists()


def test_only_the_uploader_can_confirm(django_user_model):
    token = check(signed_in(manager(django_user_model, "surveys")))
    response = signed_in(manager(django_user_model, "other")).post(URL, {"confirm": "1", "token": token})
    assert b"no longer waiting for confirmation" in response.content
    assert not Aggregate.objects.exists() and PendingSurveyUpload.objects.count() == 1


def test_an_expired_upload_cannot_be_confirmed_and_the_periodic_job_removes_it(django_user_model):
    client = signed_in(manager(django_user_model, "surveys"))
    token = check(client)
    fresh = check(signed_in(manager(django_user_model, "other")))
    PendingSurveyUpload.objects.exclude(token=fresh).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert b"no longer waiting" in client.post(URL, {"confirm": "1", "token": token}).content
    call_command("run_periodic_tasks", verbosity=0)
    assert list(PendingSurveyUpload.objects.values_list("token", flat=True)) == [fresh]
    assert not Aggregate.objects.exists()


def test_checking_another_file_replaces_the_earlier_one(django_user_model):
    client = signed_in(manager(django_user_model, "surveys"))
    first = check(client)
    second = check(client)
    assert list(PendingSurveyUpload.objects.values_list("token", flat=True)) == [second]
    assert b"no longer waiting" in client.post(URL, {"confirm": "1", "token": first}).content


def test_a_database_that_cannot_keep_the_file_gives_a_form_error(django_user_model, monkeypatch):
    def full(*args, **kwargs):
        raise DatabaseError("could not extend file: No space left on device")

    monkeypatch.setattr(PendingSurveyUpload.objects, "create", full)
    with EXAMPLE.open("rb") as file:
        response = signed_in(manager(django_user_model, "surveys")).post(URL, {"file": file})
    assert response.status_code == 200
    assert NOT_KEPT_MESSAGE in " ".join(response.context["form"].errors["file"])
    assert not PendingSurveyUpload.objects.exists() and not Aggregate.objects.exists()
