"""The site under test: a throwaway SQLite database with the demo content, served by runserver.

The server runs in a subprocess so the browser suite never touches the test database of the
rest of the suite (nothing to flush, nothing leaked) and works the same when DATABASE_URL
points at PostgreSQL: these tests check HTML, not the database.
"""

import datetime
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

from tests import schemas

from .targets import Target

BASE_DIR = Path(settings.BASE_DIR)
MANAGE = BASE_DIR / "manage.py"
SETTINGS_MODULE = "odi_site.settings.test"
STARTUP_TIMEOUT = 30
# Loading the demo content costs more than migrating, and every live site of a run (the browser
# suite on each test worker, the cross-process tests on each cache, both CI passes) needs the
# same tree: it is built once and kept here with its media and page list, keyed on all the code
# that can shape it and on today's date (demo events sit around today).
DEMO_CACHE = BASE_DIR / "build" / "demo-site"
DEMO_INPUTS = ("odi_site/**/*.py", "pages/**/*.py", "training/**/*.py", "survey/**/*.py", "requirements.lock")

# Loads the demo content, then prints the media root and every live, public page under a
# site (path and page type, in tree order) as JSON on the last line: one process, one Django start.
LOAD_AND_LIST_PAGES = """
import json
from urllib.parse import urlsplit
from django.conf import settings
from django.core.management import call_command
from wagtail.models import Page
call_command("load_demo_content")
rows = []
for page in Page.objects.live().public().filter(depth__gt=1).order_by("path"):
    url = page.get_url()
    if url:
        rows.append({"path": urlsplit(url).path, "type": page.specific_class.__name__})
print(json.dumps({"media_root": str(settings.MEDIA_ROOT), "pages": rows}))
"""


class SiteError(RuntimeError):
    """The demo site could not be built or started; the message carries the command output."""


def page_type_name(class_name):
    """StandardPage -> standard-page: the name used for screenshots and messages."""
    return "".join(f"-{c.lower()}" if c.isupper() else c for c in class_name).lstrip("-")


def demo_key():
    return schemas.inputs_key(DEMO_INPUTS, datetime.date.today().isoformat())


def demo_cache():
    """The folder of the cached demo site (database, media, page list), built first if there is
    none: one process builds while the others wait, and each then copies it."""
    cached = DEMO_CACHE / demo_key()
    DEMO_CACHE.mkdir(parents=True, exist_ok=True)
    with schemas.locked("demo-site"):
        if not (cached / "pages.json").exists():
            for stale in DEMO_CACHE.iterdir():
                if stale.is_dir():
                    shutil.rmtree(stale, ignore_errors=True)
            build_demo_cache(cached)
    return cached


def build_demo_cache(cached):
    """Load the demo content into a new folder beside `cached`, renamed to it once complete."""
    partial = DEMO_CACHE / f".{os.getpid()}.tmp"
    site = LiveSite(partial)
    partial.mkdir()
    schemas.copy_sqlite_schema(site.database)
    output = site.manage("shell", "--no-imports", "-c", LOAD_AND_LIST_PAGES)
    listing = json.loads(output.strip().splitlines()[-1])
    if Path(listing["media_root"]).resolve() != (partial / "media").resolve():
        raise SiteError(f"the test settings ignored MEDIA_ROOT: media went to {listing['media_root']}")
    (partial / "media").mkdir(exist_ok=True)
    (partial / "pages.json").write_text(json.dumps(listing["pages"]))
    os.replace(partial, cached)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class LiveSite:
    """A running demo site; ``pages`` are the page tree's targets, one per live page."""

    workdir: Path
    base_url: str = ""
    media_root: Path | None = None
    pages: list[Target] = field(default_factory=list)
    process: subprocess.Popen | None = None
    settings_module: str = SETTINGS_MODULE
    extra_env: dict = field(default_factory=dict)

    @property
    def database(self):
        return self.workdir / "site.sqlite3"

    @property
    def env(self):
        env = os.environ.copy()
        env.update(
            DJANGO_SETTINGS_MODULE=self.settings_module,
            DATABASE_URL=f"sqlite:///{self.database}",
            # The test settings read it (build_demo_cache checks), so the files go with the workdir.
            MEDIA_ROOT=str(self.workdir / "media"),
            PYTHONUNBUFFERED="1",
        )
        env.pop("REDIS_URL", None)
        env.update(self.extra_env)
        return env

    @property
    def log_path(self):
        return self.workdir / "server.log"

    def manage(self, *args):
        result = subprocess.run(
            [sys.executable, str(MANAGE), *args],
            env=self.env,
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode:
            raise SiteError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
        return result.stdout

    def build(self, cached):
        """Copy the cached demo site in folder `cached` (see `demo_cache`) into this site's workdir."""
        shutil.copyfile(cached / "site.sqlite3", self.database)
        shutil.copytree(cached / "media", self.workdir / "media", dirs_exist_ok=True)
        self.media_root = (self.workdir / "media").resolve()
        rows = json.loads((cached / "pages.json").read_text())
        self.pages = [Target(page_type_name(row["type"]), row["path"]) for row in rows]

    def copy(self, workdir, settings_module, **extra_env):
        """A second site over a copy of this one's database and media, under other settings."""
        workdir.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(self.database, workdir / "site.sqlite3")
        if self.media_root and self.media_root.is_dir():
            shutil.copytree(self.media_root, workdir / "media", dirs_exist_ok=True)
        site = LiveSite(workdir, media_root=workdir / "media", pages=self.pages, settings_module=settings_module)
        site.extra_env = extra_env
        return site

    def start(self):
        port = free_port()
        self.base_url = f"http://127.0.0.1:{port}"
        with self.log_path.open("w") as log:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    str(MANAGE),
                    "runserver",
                    # Static files from the source folders; with collected files, whitenoise serves them.
                    *([] if "STATIC_ROOT" in self.extra_env else ["--insecure"]),
                    "--noreload",
                    "--skip-checks",
                    f"127.0.0.1:{port}",
                ],
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SiteError(f"runserver exited with {self.process.returncode}:\n{self.log()}")
            try:
                with urllib.request.urlopen(self.base_url + "/", timeout=5):
                    return
            except urllib.error.HTTPError:
                return  # the server answers; the crawl reports the status
            except OSError:
                time.sleep(0.2)
        raise SiteError(f"runserver did not answer within {STARTUP_TIMEOUT} s:\n{self.log()}")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def log(self):
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def server_errors(self):
        """Errors and tracebacks the server logged, including ones no status code shows."""
        return [
            line for line in self.log().splitlines() if "Internal Server Error" in line or line.startswith("Traceback")
        ]
