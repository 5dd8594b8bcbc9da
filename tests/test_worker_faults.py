"""Faults around the task worker, with real processes: the database queue, `manage.py db_worker`
(and RQ's worker when Redis is available) and a loopback SMTP server that misbehaves.

- the mail server hangs, then refuses connections, then comes back: every email is delivered,
  none twice, and queueing never waits on it;
- a worker is killed (SIGKILL) in the middle of a send: the email is sent again, once, by the
  next worker after the killed worker's claim has run out;
- a server that never stops talking is cut off by the conversation deadline.

The worker processes need the test's data committed: on SQLite the in-memory test database is
copied to a file they open; on PostgreSQL they use the test database itself and the tests are
transactional.
"""

import os
import signal
import smtplib
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import connection

from odi_site.smtp import DeadlineSMTP
from tests.smtp_server import FakeSMTPServer

REPO = Path(__file__).resolve().parent.parent
REDIS_URL = os.environ.get("REDIS_TEST_URL")
# Only PostgreSQL needs the test's writes committed; on SQLite the workers open a copy.
ON_POSTGRESQL = connection.vendor == "postgresql"
pytestmark = pytest.mark.django_db(transaction=ON_POSTGRESQL, serialized_rollback=ON_POSTGRESQL)

QUEUE_SCRIPT = """
import sys, time
from django.db import transaction
from wagtail.models import Site
from pages.mail import queue_email
count = int(sys.argv[-1]) if sys.argv[-1].isdigit() else 1
started = time.perf_counter()
with transaction.atomic():
    for n in range({count}):
        queue_email(Site.objects.get(is_default_site=True), kind="Fault test", to=f"person{{n}}@example.edu",
                    subject=f"Message {{n}}", body="Hello")
print(f"queued in {{time.perf_counter() - started:.3f}} s")
"""


# cron's job, every half second in one process: requeues the email once the dead worker's claim ran out.
CRON_UNTIL_SENT = """
import time
from django.core.management import call_command
from pages.models import OutgoingEmail
deadline = time.monotonic() + 60
while OutgoingEmail.objects.exclude(status="sent").exists():
    assert time.monotonic() < deadline, "never sent"
    call_command("run_periodic_tasks")
    time.sleep(0.5)
"""


class Site:
    """The committed database and the environment worker processes run with."""

    def __init__(self, database_url, sqlite_path, smtp_port):
        self.sqlite_path = sqlite_path
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "TASKS_"))},
            "DJANGO_SETTINGS_MODULE": "odi_site.settings.base",
            "DJANGO_SECRET_KEY": "worker-fault-test-key-" + "x" * 40,
            "DATABASE_URL": database_url,
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(smtp_port),
            "EMAIL_TIMEOUT": "0.5",
            "EMAIL_RETRY_DELAY": "0.5",
            "EMAIL_MAX_ATTEMPTS": "20",
            "DEFAULT_FROM_EMAIL": "odei-web@example.edu",
            "LOG_LEVEL": "ERROR",
        }
        self.processes = []

    def manage(self, *args, extra_env=None, timeout=120):
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=REPO,
            env={**self.env, **(extra_env or {})},
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout

    def queue(self, count, extra_env=None):
        return self.manage("shell", "-c", QUEUE_SCRIPT.format(count=count), extra_env=extra_env)

    def spawn(self, *args, extra_env=None):
        process = subprocess.Popen(
            [sys.executable, "manage.py", *args],
            cwd=REPO,
            env={**self.env, **(extra_env or {})},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.processes.append(process)
        return process

    def worker(self):
        return self.spawn("db_worker", "--no-reload", "--no-startup-delay", "--interval", "0.2", "-v", "0")

    def emails(self):
        sql = "SELECT message_id, status, attempts, last_error FROM pages_outgoingemail ORDER BY id"
        if self.sqlite_path:
            with sqlite3.connect(self.sqlite_path, timeout=10) as db:
                return db.execute(sql).fetchall()
        with connection.cursor() as cursor:
            cursor.execute(sql)
            return cursor.fetchall()

    def wait_for(self, condition, timeout, what):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if condition(self.emails()):
                return
            time.sleep(0.2)
        pytest.fail(f"timed out waiting for {what}: {self.emails()}")

    def stop(self):
        for process in self.processes:
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()


@pytest.fixture
def smtp():
    server = FakeSMTPServer()
    yield server
    server.stop()


@pytest.fixture
def site(smtp, tmp_path):
    own = connection.settings_dict
    if connection.vendor == "sqlite":
        path = tmp_path / "site.sqlite3"
        connection.ensure_connection()
        copy = sqlite3.connect(path)
        try:
            connection.connection.backup(copy)
        finally:
            copy.close()
        database_url, sqlite_path = f"sqlite:///{path}", path
    else:
        credentials = own["USER"] + (f":{own['PASSWORD']}" if own["PASSWORD"] else "")
        database_url = f"postgres://{credentials}@{own['HOST'] or 'localhost'}:{own['PORT'] or 5432}/{own['NAME']}"
        sqlite_path = None
    running = Site(database_url, sqlite_path, smtp.port)
    yield running
    running.stop()


def all_sent(emails):
    return emails and all(status == "sent" for _id, status, _attempts, _error in emails)


def test_mail_server_hanging_refusing_then_back_every_email_goes_once(site, smtp):
    smtp.start("hang")
    output = site.queue(4)
    assert float(output.split()[-2]) < 1.0  # queueing (what a request does) never waits on SMTP
    site.worker()
    site.wait_for(lambda rows: all(error for *_rest, error in rows), 30, "a first failed try of each")
    # smtplib reports the read that timed out as a lost connection
    assert {error for *_rest, error in site.emails()} == {"SMTPServerDisconnected"}
    assert smtp.messages == []

    smtp.start("refuse")
    site.wait_for(lambda rows: any(e == "ConnectionRefusedError" for *_rest, e in rows), 30, "a refused try")

    smtp.start("accept")
    site.wait_for(all_sent, 60, "every email to be sent")
    ids = [message_id for message_id, *_rest in site.emails()]
    assert sorted(smtp.message_ids()) == sorted(ids)  # each one delivered, none twice
    assert all(attempts >= 2 for _i, _s, attempts, _e in site.emails())


def test_a_worker_killed_mid_send_is_replaced_and_the_email_goes_once(site, smtp):
    smtp.start("trickle")  # keeps the worker busy in the middle of the conversation
    site.queue(1)
    first = site.worker()
    assert smtp.connected.wait(20), "the worker never connected"
    time.sleep(0.5)
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=10)
    [(_id, status, attempts, _error)] = site.emails()
    assert (status, attempts) == ("pending", 1)  # claimed by the dead worker

    smtp.start("accept")
    site.worker()
    site.manage("shell", "-c", CRON_UNTIL_SENT, timeout=90)
    [(message_id, _status, attempts, _error)] = site.emails()
    assert smtp.message_ids() == [message_id]
    assert attempts == 2


@pytest.mark.skipif(not REDIS_URL, reason="REDIS_TEST_URL is not set: no Redis server to test against")
def test_the_same_tasks_run_on_redis_by_configuration_only(site, smtp):
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    for key in client.scan_iter("rq:*"):
        client.delete(key)
    smtp.start("accept")
    on_redis = {"TASKS_REDIS_URL": REDIS_URL}
    site.queue(3, extra_env=on_redis)
    assert client.llen("rq:queue:default") == 3
    assert [status for _i, status, *_rest in site.emails()] == ["pending"] * 3
    site.manage("rqworker", "default", "--burst", extra_env=on_redis, timeout=120)
    assert all_sent(site.emails())
    assert sorted(smtp.message_ids()) == sorted(message_id for message_id, *_rest in site.emails())
    for key in client.scan_iter("rq:*"):
        client.delete(key)


@pytest.mark.django_db(transaction=False)
def test_a_server_that_never_stops_talking_is_cut_off(smtp, settings):
    settings.EMAIL_TIMEOUT = 0.5
    smtp.start("trickle")
    started = time.monotonic()
    with pytest.raises(smtplib.SMTPServerDisconnected):
        DeadlineSMTP("127.0.0.1", smtp.port, timeout=django_settings.EMAIL_TIMEOUT)
    assert 2.5 < time.monotonic() - started < 6
