"""Shared fixtures: a minimal site (home page as the default site's root) and the demo tree."""

import pytest
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.core.management import call_command
from django.db import transaction
from wagtail.models import Page, Site

from tests.factories import HomePageFactory, SiteSettingsFactory


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
def home(db):
    """A HomePage that replaces Wagtail's welcome page as the default site's root."""
    root = Page.get_first_root_node()
    welcome = root.get_children().first()
    if welcome:
        Page.objects.filter(pk=welcome.pk).update(slug="wagtail-welcome")
    home = HomePageFactory(parent=root, slug="home")
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.hostname = "localhost"
    site.save()
    if welcome:
        welcome.delete()
    SiteSettingsFactory(site=site)
    return home


@pytest.fixture(scope="module")
def _demo_tree(django_db_setup, django_db_blocker):
    """Build the demo tree once per module inside a transaction that is rolled back afterwards.

    Each test still runs in its own savepoint (the `db` fixture), so tests can change the tree
    freely; building it per test would cost several seconds each.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo_content", verbosity=0)
        yield
        transaction.set_rollback(True)


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
