"""Two people racing for the last seat, on PostgreSQL (SQLite serialises writers, so it proves nothing).

Each thread has its own database connection and transaction; the second must wait for the first's
row lock on the session and then see the seat taken.
"""

import threading
import time

import pytest
from django.db import connection, connections

from training.factories import TrainingLevelPageFactory, TrainingProgramPageFactory, TrainingSessionFactory
from training.models import Registration
from training.registration import register

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locking needs PostgreSQL"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_two_people_cannot_take_the_last_seat(home, monkeypatch):
    program = TrainingProgramPageFactory(parent=home)
    level = TrainingLevelPageFactory(parent=program)
    session = TrainingSessionFactory(level=level, capacity=1)

    # Widen the window between counting seats and taking one, so an unlocked version would
    # confirm both people.
    real_create = Registration.objects.create

    def slow_create(**kwargs):
        time.sleep(0.5)
        return real_create(**kwargs)

    monkeypatch.setattr(Registration.objects, "create", slow_create)

    start = threading.Barrier(2)
    errors = []

    def attempt(email):
        try:
            start.wait(timeout=10)
            register(level, session.pk, name="Racer", email=email, department="Pediatrics")
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt, args=(f"racer{n}@example.edu",)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert errors == []
    statuses = sorted(Registration.objects.filter(session=session).values_list("status", flat=True))
    assert statuses == ["confirmed", "waitlisted"]
