"""Shared fixtures: a minimal site (home page as the default site's root) and the demo tree."""

import contextlib
import io
import os
import tempfile
import threading
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.core.management import call_command
from django.db import transaction
from django.test import TransactionTestCase
from wagtail.models import Page, Site

from pages.factories import HomePageFactory, SiteSettingsFactory
from tests import schemas
from tests.browser import server

SCHEMA_MAKER = pytest.StashKey[threading.Thread]()
DEMO_SITE_MAKER = pytest.StashKey[threading.Thread]()


def pytest_configure(config):
    """With parallel workers (pytest-xdist), each worker gets a Redis database of its own below the
    one REDIS_TEST_URL names (15, 14, ...), as it gets its own test database from pytest-django.

    The main process starts making the migrated schema (about 12 s when it is not cached) at once,
    so it is made while the workers start and collect, instead of after, with every worker waiting.
    """
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    url = os.environ.get("REDIS_TEST_URL")
    if url and worker.startswith("gw"):
        parts = urlsplit(url)
        database = int(parts.path.strip("/") or 0) - int(worker.removeprefix("gw"))
        os.environ["REDIS_TEST_URL"] = urlunsplit((parts.scheme, parts.netloc, f"/{database}", parts.query, ""))
    if not worker:
        config.stash[SCHEMA_MAKER] = threading.Thread(target=schemas.prepare, args=[settings.DATABASES["default"]])
        config.stash[SCHEMA_MAKER].start()


def pytest_unconfigure(config):
    for maker in (SCHEMA_MAKER, DEMO_SITE_MAKER):
        if maker in config.stash:
            config.stash[maker].join()


@pytest.fixture(scope="session")
def django_db_keepdb(request, django_db_modify_db_settings):
    """Each test database starts as a copy of the migrated schema (tests/schemas.py), so Django
    keeps it as it is: its migrate finds nothing left to do. SQLite's copy is a file in memory
    (/dev/shm where there is one), removed when the session ends."""
    database = settings.DATABASES["default"]
    test = database.setdefault("TEST", {})
    if database["ENGINE"] == "django.db.backends.sqlite3":
        folder = Path("/dev/shm") if os.access("/dev/shm", os.W_OK) else Path(tempfile.gettempdir())
        path = folder / f"odi-test-{os.getpid()}.sqlite3"
        test["NAME"] = str(path)
        schemas.copy_sqlite_schema(path)
        request.addfinalizer(lambda: path.unlink(missing_ok=True))
    elif database["ENGINE"] == "django.db.backends.postgresql":
        test["NAME"] = test.get("NAME") or f"test_{database['NAME']}"
        schemas.copy_postgres_schema(database, test["NAME"])
    else:
        return request.config.getvalue("reuse_db")
    return True


def clear_caches():
    """Empty the caches a test asked for that keep entries in memory or in Redis. The database
    cache needs no clearing: its rows live in the test's transaction and roll back with it."""
    for backend in caches.all():
        if not isinstance(backend, DatabaseCache):
            backend.clear()


@pytest.fixture(autouse=True)
def _clear_caches():
    """Each test starts cold, so nothing cached leaks between tests whose rows are rolled back."""
    clear_caches()
    yield
    clear_caches()


@pytest.fixture
def no_page_cache(settings):
    """Measure and render the views themselves, not the anonymous page cache in front of them."""
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture
def home(db):
    """A HomePage as the default site's root, in place of Wagtail's welcome page.

    The welcome page stays, renamed, outside every site, as on a site whose editors never
    deleted it: a live page that nothing of the site lists. Deleting it cost more than the rest
    of the fixture, as Django's delete collector queries each table that refers to pages (19 s
    of CPU over the suite).
    """
    root = Page.get_first_root_node()
    welcome = root.get_children().first()
    if welcome:
        Page.objects.filter(pk=welcome.pk).update(slug="wagtail-welcome")
    home = HomePageFactory(parent=root, slug="home")
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.hostname = "localhost"
    site.save()
    SiteSettingsFactory(site=site)
    return home


class DemoTree:
    """The demo tree, built once for each run of consecutive tests that use it, then rolled back,
    with the image renditions the worker would have made.

    It lives in a transaction that stays open while those tests run, each in its own savepoint
    (the `db` fixture), so they can change the tree freely; building it per test would cost
    several seconds each. The transaction must end before any other test: those build their own
    small tree (`home`), transactional tests flush the tables, and Django's TestCase classes close
    the connection when they finish.
    """

    def __init__(self):
        self.open = None

    def build(self, django_db_blocker):
        if self.open is None:
            stack = contextlib.ExitStack()
            stack.enter_context(django_db_blocker.unblock())
            stack.enter_context(transaction.atomic())
            self.open = stack
            call_command("load_demo_content", verbosity=0)
            # The worker makes an upload's renditions once it commits; this transaction never
            # commits, so they are made here, once, not again in every test that shows an image.
            call_command("warm_renditions", stdout=io.StringIO())

    def discard(self):
        if self.open is not None:
            transaction.set_rollback(True)
            self.open.close()
            self.open = None


DEMO_TREE = DemoTree()


def uses_demo_tree(item):
    return item is not None and "demo_site" in getattr(item, "fixturenames", ())


# Fixtures that need the test database, or a live demo site, directly or through others.
NEEDS_SETUP = {"db", "transactional_db", "django_db_setup", "live_server", "demo_site_files"}


def needs_setup(item):
    """Django's own test case classes (WagtailPageTestCase, ...) carry neither the marker nor the fixtures."""
    if isinstance(getattr(item, "cls", None), type) and issubclass(item.cls, TransactionTestCase):
        return True
    return bool(item.get_closest_marker("django_db") or NEEDS_SETUP & set(getattr(item, "fixturenames", ())))


@pytest.hookimpl(wrapper=True)
def pytest_collection_modifyitems(config, items):
    """The run's order, around pytest-django's own stable sort (database tests, then transactional
    ones, then the rest):

    - before it, tests on the demo tree go last, so within each of its groups they run one after
      another and the tree is built once;
    - after it, tests that need neither the database nor a live site go first: they run while
      the migrated schema is still being made, instead of every worker waiting for it.

    If any test needs a live demo site, one worker starts building it in the background now, so
    it is ready before those tests (the last: no database) ask for it.
    """
    items.sort(key=uses_demo_tree)
    result = yield
    items.sort(key=needs_setup)
    first_worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0") == "gw0"
    if first_worker and any("demo_site_files" in getattr(item, "fixturenames", ()) for item in items):
        config.stash[DEMO_SITE_MAKER] = threading.Thread(target=prepare_demo_cache, daemon=True)
        config.stash[DEMO_SITE_MAKER].start()
    return result


def prepare_demo_cache():
    """Build the demo site's cache ahead of time; a failure is reported by the fixture that needs it."""
    with contextlib.suppress(Exception):
        server.demo_cache()


@pytest.fixture(scope="session")
def demo_site_files():
    """The cached demo site a live site is copied from (tests/browser/server.py)."""
    try:
        return server.demo_cache()
    except server.SiteError as error:
        pytest.fail(str(error), pytrace=False)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """Roll the demo tree back once the test's own fixtures are gone and the next test is not on it."""
    result = yield
    if not uses_demo_tree(nextitem):
        DEMO_TREE.discard()
    return result


@pytest.fixture
def _demo_tree(django_db_setup, django_db_blocker):
    DEMO_TREE.build(django_db_blocker)


@pytest.fixture
def demo_site(_demo_tree, db):
    """The full demo tree, built by the same command `make run` uses."""
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def client(client):
    """Requests go to the default site's host."""
    client.defaults["HTTP_HOST"] = "localhost"
    return client


def posts_commit(client, capture_on_commit_callbacks):
    """Make `client.post` run on-commit callbacks (the emails), as they would after a real commit."""
    post = client.post

    def post_and_commit(*args, **kwargs):
        with capture_on_commit_callbacks(execute=True):
            return post(*args, **kwargs)

    client.post = post_and_commit
    return client
