"""Fixtures for the browser suite: requirement checks, the live demo site, Chromium, the crawl.

Everything expensive is built once per worker: one demo site (a subprocess with its own SQLite
file), one Chromium and one crawl for the whole package. Package scope, not session scope, so the
Playwright event loop is gone before any other test touches the database.
"""

import json
import os
import secrets
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings

from .axe import load_axe_in_every_page
from .browsing import Watch, crawl
from .server import LiveSite, SiteError
from .targets import DESKTOP, LAUNCH_ARGS

CHROMIUM = Path("/usr/bin/chromium")
VNU_JAR = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# Creates (or resets) an admin account on the live site from the JSON in OPTIONS, then prints
# the id of every page by its path, so tests can open an editor without clicking through the tree.
CREATE_ACCOUNT = """
import json
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Page
options = json.loads(OPTIONS)
user, _ = get_user_model().objects.get_or_create(
    username=options["username"], defaults={"email": options["username"] + "@example.edu"}
)
user.is_staff = user.is_superuser = options["superuser"]
user.set_password(options["password"])
user.save()
groups = list(Group.objects.filter(name__in=options["groups"]))
missing = set(options["groups"]) - {group.name for group in groups}
assert not missing, f"no such group: {missing}"
user.groups.set(groups)
print(json.dumps({"/" + page.url_path.split("/", 2)[2]: page.pk for page in Page.objects.filter(depth__gt=1)}))
"""


def required():
    """CI sets ODI_REQUIRE_BROWSER=1: there a missing browser is an error, not a skip."""
    return os.environ.get("ODI_REQUIRE_BROWSER") == "1"


def skip_or_fail(reason):
    if required():
        pytest.fail(
            f"{reason} (ODI_REQUIRE_BROWSER=1, so this fails instead of skipping)",
            pytrace=False,
        )
    pytest.skip(reason)


def in_browser_suite(nodeid_or_path):
    return str(nodeid_or_path).replace("\\", "/").startswith("tests/browser/")


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """The browser suite is two units of work for pytest-xdist (`make test` passes `--dist loadgroup`):
    the tests of the crawl (the `visits` fixture), on one worker that crawls once, and the rest
    (admin, editor guide, focus and menus, search without JavaScript, survey charts, privacy and
    preview), on another. Each worker builds its own live site
    and Chromium; the other workers share the rest of the suite test by test. Split so, the crawl
    alone is the longest unit of the run, not the whole browser suite. `tryfirst`, because xdist
    reads the marks in its own `pytest_collection_modifyitems`: added after it, they are ignored."""
    for item in items:
        if in_browser_suite(item.nodeid):
            group = "browser-crawl" if "visits" in item.fixturenames else "browser-live"
            item.add_marker(pytest.mark.xdist_group(group))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """With ODI_REQUIRE_BROWSER=1 any skipped browser test counts as failed: CI must run them all."""
    report = yield
    if required() and report.skipped and not hasattr(report, "wasxfail") and in_browser_suite(report.nodeid):
        report.outcome = "failed"
        report.longrepr = f"skipped, but ODI_REQUIRE_BROWSER=1: {report.longrepr}"
    return report


@pytest.hookimpl(trylast=True)
def pytest_terminal_summary(terminalreporter):
    """A local `make test` without Chromium says so plainly, above the final count."""
    skipped = [r for r in terminalreporter.stats.get("skipped", []) if in_browser_suite(r.nodeid)]
    if skipped:
        reason = skipped[0].longrepr[-1] if isinstance(skipped[0].longrepr, tuple) else skipped[0].longrepr
        terminalreporter.write_line(
            f"BROWSER TESTS SKIPPED ({len(skipped)}): {str(reason).removeprefix('Skipped: ')}",
            yellow=True,
            bold=True,
        )


@pytest.fixture(scope="package")
def chromium_path():
    if not CHROMIUM.exists():
        skip_or_fail(f"Chromium not found at {CHROMIUM}: browser tests skipped; apt-get install chromium")
    return CHROMIUM


@pytest.fixture(scope="package")
def vnu_command():
    """The Nu HTML Checker command line (vnu-jar from npm, run on the system Java)."""
    java = shutil.which("java")
    if java is None:
        skip_or_fail("Java not found: HTML validation skipped; apt-get install default-jre-headless")
    if not VNU_JAR.exists():
        skip_or_fail(f"{VNU_JAR} missing: HTML validation skipped; run npm ci --ignore-scripts")
    return [java, "-jar", str(VNU_JAR)]


@pytest.fixture(scope="package")
def live_site(chromium_path, tmp_path_factory, demo_site_files):
    """The demo site on a free port, built into a throwaway SQLite database."""
    site = LiveSite(tmp_path_factory.mktemp("browser-site"))
    try:
        site.build(demo_site_files)
        site.start()
    except SiteError as error:
        site.stop()
        pytest.fail(str(error), pytrace=False)
    yield site
    site.stop()


@dataclass(frozen=True)
class AdminAccount:
    """An account on the live site, and the id of each page by its path ("/about/") for its editor URL."""

    username: str
    password: str
    base_url: str
    page_ids: dict

    def sign_in(self, page):
        """Sign ``page`` in through the admin login form, as a person would; returns the page."""
        page.goto(f"{self.base_url}/admin/login/")
        page.fill("#id_username", self.username)
        page.fill("#id_password", self.password)
        page.click("button[type=submit]")
        page.wait_for_url(f"{self.base_url}/admin/")
        return page


def create_account(site, username, *, groups=(), superuser=False):
    """An admin account on ``site`` with a fresh random password, as an ``AdminAccount``.

    ``groups`` are group names as the admin shows them.
    """
    password = secrets.token_urlsafe(16)
    options = {"username": username, "password": password, "superuser": superuser, "groups": list(groups)}
    script = CREATE_ACCOUNT.replace("OPTIONS", repr(json.dumps(options)))
    output = site.manage("shell", "--no-imports", "-c", script)
    return AdminAccount(username, password, site.base_url, json.loads(output.strip().splitlines()[-1]))


@pytest.fixture(scope="package")
def admin_account(live_site):
    """Make an admin account on the live site: ``admin_account("name", groups=[...], superuser=...)``."""

    def make(username, **options):
        return create_account(live_site, username, **options)

    return make


@pytest.fixture(scope="package")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=str(chromium_path), headless=True, args=LAUNCH_ARGS)
        yield browser
        browser.close()
    finally:
        playwright.stop()


def check_watch(watch):
    problems = watch.problems()
    assert not problems, "The browser saw problems:\n" + "\n".join(problems)


@pytest.fixture(scope="package")
def visits(browser, live_site):
    """Every page of the crawl: status, served HTML, what axe and the reflow check found (browsing.crawl)."""
    context = browser.new_context(viewport=DESKTOP)
    load_axe_in_every_page(context)
    watch = Watch(context, live_site.base_url, live_site.media_root)
    try:
        result = crawl(context.new_page(), live_site)
    finally:
        context.close()
    check_watch(watch)
    return result


@pytest.fixture
def new_page(browser, live_site):
    """Open a page in a fresh, watched context: ``new_page(viewport=..., java_script_enabled=...)``.

    One context per test keeps tests independent; the test fails if any page in it made a
    third-party request, threw a JavaScript error or loaded a broken asset.
    """
    opened = []

    def open_page(**options):
        options.setdefault("viewport", DESKTOP)
        context = browser.new_context(**options)
        opened.append((context, Watch(context, live_site.base_url, live_site.media_root)))
        return context.new_page()

    yield open_page
    for context, _watch in opened:
        context.close()
    for _context, watch in opened:
        check_watch(watch)
