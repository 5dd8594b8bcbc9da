"""Changes made in one process show on the very next request to every other one.

Two app servers (gunicorn, one worker each) serve the demo site from one SQLite file, as two
machines behind a load balancer would; changes come from a third process (standing in for
`manage.py shell`), from management commands and from the admin over HTTP. The shared cache is
the one of the stack the run tests: the database cache (the default stack) or, when
REDIS_TEST_URL is set (the PostgreSQL + Redis pass), Redis. The site itself is SQLite either
way, so a database-cache run in the Redis pass would only repeat the other pass.
"""

import csv
import io
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from tests.browser.server import MANAGE, LiveSite, free_port

REDIS_URL = os.environ.get("REDIS_TEST_URL")
STARTUP_TIMEOUT = 30
# One worker runs the module (make test's --dist loadgroup), so its two servers and shell start
# once: shared test by test, each worker that got a test started its own (3 x 5 s here).
pytestmark = pytest.mark.xdist_group("cache-processes")
PASSWORD = "s3cret-words"

# Runs code sent as JSON lines and answers one line each: a process of its own, like `manage.py shell`.
DRIVER = """
import json, sys, traceback
import django
django.setup()
for line in sys.stdin:
    try:
        namespace = {}
        exec(json.loads(line), namespace)
        print(ANSWER, json.dumps({"ok": namespace.get("result")}), flush=True)
    except Exception:
        print(ANSWER, json.dumps({"error": traceback.format_exc()}), flush=True)
"""
ANSWER = "@@answer"


class Shell:
    """A long-lived Django process to make changes in (one start-up for every change)."""

    def __init__(self, env):
        self.process = subprocess.Popen(
            [sys.executable, "-c", f"ANSWER = {ANSWER!r}\n{DRIVER}"],
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def run(self, code):
        self.process.stdin.write(json.dumps(code) + "\n")
        self.process.stdin.flush()
        line = ""
        while not line.startswith(ANSWER):  # the site logs to stdout too
            line = self.process.stdout.readline()
            assert line, "the shell process ended"
        answer = json.loads(line.removeprefix(ANSWER))
        assert "error" not in answer, answer["error"]
        return answer["ok"]

    def stop(self):
        self.process.stdin.close()
        self.process.wait(timeout=10)


class Servers:
    """Two single-worker gunicorn servers over the same database and cache."""

    def __init__(self, env, log_dir):
        self.env, self.log_dir, self.processes, self.bases = env, log_dir, [], []

    def start(self):
        gunicorn = Path(sys.executable).parent / "gunicorn"
        for n in range(2):
            port = free_port()
            with (self.log_dir / f"server-{n}.log").open("w") as log:
                self.processes.append(
                    subprocess.Popen(
                        [str(gunicorn), "odi_site.wsgi:application", "--workers", "1", "--bind", f"127.0.0.1:{port}"],
                        cwd=MANAGE.parent,
                        env=self.env,
                        stdout=log,
                        stderr=subprocess.STDOUT,
                    )
                )
            self.bases.append(f"http://127.0.0.1:{port}")
        for base in self.bases:
            deadline = time.monotonic() + STARTUP_TIMEOUT
            while True:
                try:
                    requests.get(base + "/healthz", timeout=5)
                    break
                except requests.RequestException:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.2)

    def get_all(self, path, **kwargs):
        """GET `path` three times from each server (the later ones from its cache, if stored)."""
        return [requests.get(base + path, timeout=10, allow_redirects=False, **kwargs) for base in self.bases * 3]

    def stop(self):
        for process in self.processes:  # all told first, so they shut down together
            process.terminate()
        for process in self.processes:
            process.wait(timeout=10)


@pytest.fixture(scope="module", params=["redis"] if REDIS_URL else ["database cache"])
def site(request, tmp_path_factory, demo_site_files):
    workdir = tmp_path_factory.mktemp("processes")
    live = LiveSite(workdir)
    live.build(demo_site_files)
    env = {**live.env, "PAGE_CACHE_SECONDS": "600"}
    if request.param == "redis":
        env["REDIS_URL"] = REDIS_URL
        subprocess.run(["redis-cli", "-u", REDIS_URL, "flushdb"], check=True, capture_output=True)
    servers, shell = Servers(env, workdir), Shell(env)
    servers.start()
    shell.run(
        "from django.contrib.auth.models import User\n"
        "User.objects.create_superuser('editor', 'editor@example.edu', 'editor-password-1')"
    )
    yield servers, shell, env
    shell.stop()
    servers.stop()


def page_id(shell, url_path):
    return shell.run(f"from wagtail.models import Page\nresult = Page.objects.get(url_path={url_path!r}).pk")


def test_a_restriction_from_the_shell_covers_every_address_at_once(site):
    servers, shell, _ = site
    assert all(b"About the office" in r.content for r in servers.get_all("/about/"))
    servers.get_all("/about/?utm_source=newsletter")
    about = page_id(shell, "/home/about/")
    shell.run(
        "from wagtail.models import Page, PageViewRestriction\n"
        f"PageViewRestriction.objects.create(page=Page.objects.get(pk={about}), restriction_type='password', password={PASSWORD!r})"
    )
    for path in ("/about/", "/about/?utm_source=newsletter", "/about/?fresh=1"):
        assert all(b'name="password"' in r.content for r in servers.get_all(path)), path
    assert not any(b"/about/" in r.content for r in servers.get_all("/sitemap.xml"))
    assert not any(b'href="/about/"' in r.content for r in servers.get_all("/search/?q=office"))
    shell.run("from wagtail.models import PageViewRestriction\nPageViewRestriction.objects.all().delete()")
    assert all(b'name="password"' not in r.content for r in servers.get_all("/about/"))


def test_a_restriction_set_in_the_admin_dialog_shows_everywhere_and_goes_again(site):
    servers, shell, _ = site
    editor = requests.Session()
    base = servers.bases[0]
    login = editor.get(base + "/admin/login/")
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', login.content).group(1).decode()
    editor.post(
        base + "/admin/login/",
        data={"username": "editor", "password": "editor-password-1", "csrfmiddlewaretoken": token},
        headers={"Referer": base + "/admin/login/"},
    )
    events = page_id(shell, "/home/events/")
    privacy = f"{base}/admin/pages/{events}/privacy/"
    assert editor.get(privacy).json()["step"] == "set_privacy"
    headers = {"X-CSRFToken": editor.cookies["csrftoken"], "Referer": privacy}
    servers.get_all("/events/")
    done = editor.post(privacy, data={"restriction_type": "password", "password": PASSWORD}, headers=headers)
    assert done.json() == {"step": "set_privacy_done", "is_public": False}
    for path in ("/events/", "/events/past/", "/events/calendar.ics", "/events/feed/"):
        assert all(b'name="password"' in r.content for r in servers.get_all(path)), path
    done = editor.post(privacy, data={"restriction_type": "none"}, headers=headers)
    assert done.json()["is_public"] is True
    assert all(r.status_code == 200 and b'name="password"' not in r.content for r in servers.get_all("/events/"))


def test_an_unpublished_page_is_gone_from_every_server(site):
    servers, shell, _ = site
    assert all(r.status_code == 200 for r in servers.get_all("/community-engagement/"))
    shell.run("from wagtail.models import Page\nPage.objects.get(url_path='/home/community-engagement/').unpublish()")
    assert all(r.status_code == 404 for r in servers.get_all("/community-engagement/"))
    assert not any(b'href="/community-engagement/"' in r.content for r in servers.get_all("/"))


def test_a_page_expired_by_publish_scheduled_is_gone_from_every_server(site):
    servers, shell, env = site
    path = "/events/heritage-month-art-exhibit/"
    assert all(r.status_code == 200 for r in servers.get_all(path))
    shell.run(
        "import datetime\nfrom django.utils import timezone\nfrom wagtail.models import Page\n"
        f"Page.objects.filter(url_path='/home{path}').update(expire_at=timezone.now() - datetime.timedelta(minutes=1))"
    )
    subprocess.run([sys.executable, str(MANAGE), "publish_scheduled"], env=env, check=True, capture_output=True)
    assert all(r.status_code == 404 for r in servers.get_all(path))


def test_a_moved_page_answers_at_its_new_address_only(site):
    servers, shell, _ = site
    old = "/events/seminar-communicating-across-generations/"
    assert all(r.status_code == 200 for r in servers.get_all(old))
    shell.run(
        "from wagtail.models import Page\n"
        f"page = Page.objects.get(url_path='/home{old}')\n"
        "page.move(Page.objects.get(url_path='/home/about/'), pos='last-child')"
    )
    assert all(r.status_code == 301 for r in servers.get_all(old))
    assert all(r.status_code == 200 for r in servers.get_all("/about/seminar-communicating-across-generations/"))


def test_a_survey_import_shows_its_figures_at_once(site):
    servers, shell, env = site
    path = "/survey/2014-15/measure/trust/"
    assert not any(b"55.5%" in r.content for r in servers.get_all(path))
    n = shell.run(
        "from survey.models import Aggregate\n"
        "result = Aggregate.objects.get(administration__slug='2014-15', measure__code='TRUST', group=None).n"
    )
    rows = io.StringIO()
    writer = csv.writer(rows)
    writer.writerow(["record", "survey", "administration", "measure_code", "n", "pct_favorable"])
    writer.writerow(["score", "des", "2014-15", "TRUST", n, "55.5"])
    upload = Path(env["MEDIA_ROOT"]).parent / "trust.csv"
    upload.write_text(rows.getvalue())
    subprocess.run(
        [sys.executable, str(MANAGE), "import_survey", str(upload)], env=env, check=True, capture_output=True
    )
    assert all(b"55.5%" in r.content for r in servers.get_all(path))


def test_a_new_minimum_cell_size_withholds_figures_at_once(site):
    servers, shell, _ = site
    path = "/survey/2014-15/dimension/role/"
    before = servers.get_all(path)[0].content
    shell.run(
        "from survey.models import Survey\nsurvey = Survey.objects.get(slug='des')\nsurvey.min_cell_size = survey.min_breakdown_size = 9000\nsurvey.save()"
    )
    after = servers.get_all(path)
    assert all(r.content != before and (b"9000" in r.content or b"9,000" in r.content) for r in after)


def test_site_settings_show_on_every_server_at_once(site):
    servers, shell, _ = site
    servers.get_all("/")
    shell.run(
        "from pages.models import SiteSettings\n"
        "for settings in SiteSettings.objects.all():\n"
        "    settings.phone = '314-555-0142'\n"
        "    settings.save()"
    )
    assert all(b"314-555-0142" in r.content for r in servers.get_all("/"))
