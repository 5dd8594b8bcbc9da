"""The task queue as /readyz sees it: a task that waits too long means the worker is down."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from odi_site.renditions import make_renditions
from odi_site.task_queue import oldest_waiting_age

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture
def database_queue(settings, db):
    settings.TASKS = DATABASE_TASKS
    settings.TASK_QUEUE_MAX_AGE = 300


def test_an_empty_queue_is_ok(client, database_queue):
    assert oldest_waiting_age() is None
    assert client.get("/readyz").json()["task_queue"] == "ok"


def test_a_fresh_task_is_ok_and_an_old_one_is_degraded_but_still_ready(client, database_queue):
    result = make_renditions.enqueue(0)
    assert client.get("/readyz").json()["task_queue"] == "ok"
    DBTaskResult.objects.filter(pk=result.id).update(enqueued_at=timezone.now() - timedelta(minutes=10))
    assert oldest_waiting_age() >= timedelta(minutes=10)
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "database": "ok", "cache": "ok", "task_queue": "degraded"}


def test_a_task_deferred_into_the_future_is_not_waiting(client, database_queue):
    make_renditions.using(run_after=timezone.now() + timedelta(hours=1)).enqueue(0)
    assert oldest_waiting_age() is None
    assert client.get("/readyz").json()["status"] == "ok"


def test_a_deferred_task_waits_from_when_it_fell_due(database_queue):
    result = make_renditions.using(run_after=timezone.now() + timedelta(hours=1)).enqueue(0)
    DBTaskResult.objects.filter(pk=result.id).update(
        enqueued_at=timezone.now() - timedelta(days=1), run_after=timezone.now() - timedelta(minutes=1)
    )
    assert timedelta(seconds=50) < oldest_waiting_age() < timedelta(minutes=5)
