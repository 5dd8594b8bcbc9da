"""Registration response time while the mail server hangs: email in the request vs. as a task.

Builds a throwaway SQLite database in build/mail-bench/ (production settings), starts a loopback
SMTP server that accepts connections and never answers, and posts training registrations with
Django's test client:

- "in the request": the immediate task backend, i.e. the email is sent inside the request as
  before this change (now at least bounded by EMAIL_TIMEOUT);
- "as a task": the database task backend: the request stores the registration and its email
  and returns; the worker (not running here) sends it later.

Prints median and max response times and their ratio. `BENCH_MAIL_SAMPLES` (default 5) posts
per mode, `BENCH_EMAIL_TIMEOUT` (default 5) seconds per SMTP operation.
"""

import os
import secrets
import shutil
import statistics
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
WORK = REPO / "build" / "mail-bench"
SAMPLES = int(os.environ.get("BENCH_MAIL_SAMPLES", "5"))
EMAIL_TIMEOUT = os.environ.get("BENCH_EMAIL_TIMEOUT", "5")
sys.path.insert(0, str(REPO))

ENV = {
    "DJANGO_SETTINGS_MODULE": "odi_site.settings.production",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
    "ALLOWED_HOSTS": "localhost",
    "DATABASE_URL": f"sqlite:///{WORK / 'bench.sqlite3'}",
    "MEDIA_ROOT": str(WORK / "media"),
    "SECURE_SSL_REDIRECT": "false",
    "LOG_LEVEL": "CRITICAL",
    "EMAIL_TIMEOUT": EMAIL_TIMEOUT,
    "EMAIL_HOST": "127.0.0.1",
}


def main():
    from tests.smtp_server import FakeSMTPServer

    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    smtp = FakeSMTPServer().start("hang")
    os.environ.update(ENV, EMAIL_PORT=str(smtp.port))
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=REPO, env=os.environ, check=True
    )

    import django

    django.setup()
    from django.conf import settings
    from django.test import Client, override_settings
    from django.utils import timezone
    from wagtail.models import Site

    from training.models import TrainingLevelPage, TrainingProgramPage, TrainingSession

    site = Site.objects.get(is_default_site=True)
    program = site.root_page.add_child(instance=TrainingProgramPage(title="Training", slug="training"))
    level = program.add_child(instance=TrainingLevelPage(title="Diversity 1.0", slug="diversity-1-0", audience="All"))
    start = timezone.now() + timedelta(days=7)
    session = TrainingSession.objects.create(
        level=level, start=start, end=start + timedelta(hours=1), location="Room 1", capacity=1000
    )
    client = Client(HTTP_HOST="localhost")
    url = level.url
    # Rendering needs only static URLs: no collectstatic for a throwaway database.
    static = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    plain_static = override_settings(STORAGES={**settings.STORAGES, "staticfiles": static})
    plain_static.enable()
    client.get(url)  # warm-up: routes, templates

    modes = {
        "in the request": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
        "as a task": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]},
    }
    results = {}
    counter = 0
    for name, backend in modes.items():
        timings, statuses = [], []
        with override_settings(TASKS={"default": backend}):
            for _ in range(SAMPLES):
                counter += 1
                data = {
                    "session": session.pk,
                    "name": "Bench Person",
                    "email": f"bench{counter}@example.edu",
                    "department": "Radiology",
                }
                started = time.perf_counter()
                response = client.post(url, data, REMOTE_ADDR=f"198.51.100.{counter}")
                timings.append(time.perf_counter() - started)
                statuses.append(response.status_code)
        results[name] = (statistics.median(timings), max(timings), sorted(set(statuses)))
    smtp.stop()
    plain_static.disable()

    print(
        f"Training registration with a mail server that never answers (EMAIL_TIMEOUT={EMAIL_TIMEOUT} s), {SAMPLES} posts each"
    )
    print(f"{'mode':<16} {'median s':>9} {'max s':>9}  status")
    for name, (median, worst, statuses) in results.items():
        print(f"{name:<16} {median:>9.3f} {worst:>9.3f}  {statuses}")
    ratio = results["in the request"][0] / results["as a task"][0]
    print(f"ratio (in the request / as a task): {ratio:.0f}x")


if __name__ == "__main__":
    main()
