"""Database outages: public pages answer the static 503, and the site recovers by itself.

Requests are served from a second connection to the test database, swapped in as `default`
and broken on purpose; the test's own connection and its transaction are never closed or
changed, so nothing leaks into later tests. The second connection sees only what migrations
committed: Wagtail's welcome page as the default site's root.
"""

import socket
import sqlite3
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import close_old_connections, connections

WELCOME = b"Welcome to your new Wagtail site"


@pytest.fixture
def second_connection(db, settings, tmp_path):
    """Another connection to the test database; every request reaches it (no page cache)."""
    settings.PAGE_CACHE_SECONDS = 0
    own = connections["default"]
    settings_dict = dict(own.settings_dict)
    if own.vendor == "sqlite":
        # The SQLite test database lives in memory, which cannot be taken away: use a file copy.
        path = tmp_path / "database" / "site.sqlite3"
        path.parent.mkdir()
        own.ensure_connection()
        copy = sqlite3.connect(path)
        try:
            own.connection.backup(copy)
        finally:
            copy.close()
        settings_dict["NAME"] = str(path)
    return type(own)(settings_dict, "default")


@contextmanager
def serving_from(wrapper):
    """Requests use `wrapper` as the default database; yields the test's own connection, put back after."""
    own = connections["default"]
    connections["default"] = wrapper
    try:
        yield own
    finally:
        wrapper.close()
        connections["default"] = own


def closed_port():
    """A local port nothing listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def outage(wrapper):
    """The database is unreachable inside the block and back after it; yields its settings."""
    # A connection already open would outlive the outage (SQLite keeps its file open).
    wrapper.close()
    if wrapper.vendor == "postgresql":
        reachable = wrapper.settings_dict
        wrapper.settings_dict = {**reachable, "HOST": "127.0.0.1", "PORT": str(closed_port())}
        try:
            yield wrapper.settings_dict
        finally:
            wrapper.settings_dict = reachable
    elif wrapper.vendor == "sqlite":
        folder = Path(wrapper.settings_dict["NAME"]).parent
        moved = folder.rename(folder.with_name("moved-away"))
        try:
            yield wrapper.settings_dict
        finally:
            moved.rename(folder)
    else:
        pytest.skip(f"no way to take {wrapper.vendor} away in a test")


def assert_static_503(response, database):
    """The friendly page, and nothing about the failure: no traceback, no settings."""
    assert response.status_code == 503
    assert response["Retry-After"] and "no-store" in response["Cache-Control"]
    body = response.content.decode()
    assert "back shortly" in body
    settings_shown = [str(database[key]) for key in ("NAME", "HOST", "PORT", "USER") if database.get(key)]
    for leak in ("Traceback", "OperationalError", django_settings.SECRET_KEY, *settings_shown):
        assert leak not in body


def test_public_page_answers_503_while_the_database_is_down_and_recovers(client, second_connection):
    with serving_from(second_connection):
        assert WELCOME in client.get("/").content
        with outage(second_connection) as database:
            for _ in range(2):  # each request tries the database again, and each is refused cleanly
                assert_static_503(client.get("/"), database)
            assert client.get("/readyz").json()["database"] == "down"
        # The database is back: no restart, no reconnect call; the next request just works.
        response = client.get("/")
        assert response.status_code == 200 and WELCOME in response.content
        assert client.get("/readyz").json()["database"] == "ok"


def test_persistent_connection_cut_by_a_database_restart_fails_one_request_then_recovers(client, second_connection):
    """The production case: CONN_MAX_AGE keeps a connection open, and a database restart kills it."""
    if second_connection.vendor != "postgresql":
        pytest.skip("SQLite has no server that could drop a connection")
    with serving_from(second_connection) as own:
        assert client.get("/").status_code == 200
        with own.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [second_connection.connection.info.backend_pid])
        # Cut while a request is using it: that request gets the static page.
        assert_static_503(client.get("/"), second_connection.settings_dict)
        # What the WSGI handler does around each request (Django's test client skips it): drop a
        # connection that had errors or fails its health check, so the next request opens a new one.
        close_old_connections()
        response = client.get("/")
        assert response.status_code == 200 and WELCOME in response.content
