"""Production settings refuse unsafe configuration and pass Django's deployment checks."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from odi_site.checks import admin_base_url

REPO = Path(__file__).resolve().parent.parent


def run_manage(*args, **env_overrides):
    unset = {"DJANGO_SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_DEBUG", "WAGTAILADMIN_BASE_URL"}
    env = {k: v for k, v in os.environ.items() if k not in unset}
    env.update({"DJANGO_SETTINGS_MODULE": "odi_site.settings.production", **env_overrides})
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def production_setting(expression, **env_overrides):
    """`expression` evaluated on the production settings module (as `s`) in a fresh process with
    this environment: importing the settings alone, without starting Django, is what reads it."""
    code = (
        "import importlib, json, sys; s = importlib.import_module('odi_site.settings.production'); "
        f"print(json.dumps({expression}))"
    )
    unset = {"DJANGO_SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_DEBUG", "WAGTAILADMIN_BASE_URL"}
    env = {k: v for k, v in os.environ.items() if k not in unset}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, env={**env, **env_overrides}, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


PRODUCTION_ENV = {
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
    "ALLOWED_HOSTS": "odi.example.edu",
    "WAGTAILADMIN_BASE_URL": "https://odi.example.edu",
}


def test_check_deploy_passes_with_the_documented_environment():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_deploy_warns_when_admin_links_would_not_reach_the_site():
    """Password-reset links are built from WAGTAILADMIN_BASE_URL; unset, it is the local default."""
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "WAGTAILADMIN_BASE_URL"}
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **env)
    assert result.returncode != 0 and "odi_site.W001" in result.stderr + result.stdout


@pytest.mark.parametrize(
    "base_url, warns",
    [
        ("", True),
        ("http://127.0.0.1:8000", True),
        ("http://odi.example.edu", True),
        ("https://localhost", True),
        ("https://odi.example.edu", False),
    ],
)
def test_the_admin_address_check_wants_the_public_https_address(settings, base_url, warns):
    """The check itself, in this process: the test above shows check --deploy runs it."""
    settings.WAGTAILADMIN_BASE_URL = base_url
    assert [warning.id for warning in admin_base_url(None)] == (["odi_site.W001"] if warns else [])


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"DJANGO_SECRET_KEY": ""}, "DJANGO_SECRET_KEY"),
        ({"DJANGO_SECRET_KEY": "short"}, "DJANGO_SECRET_KEY"),
        (
            {"DJANGO_SECRET_KEY": "dev-only-insecure-key-never-used-in-production" + "x" * 20},
            "DJANGO_SECRET_KEY",
        ),
        ({"ALLOWED_HOSTS": ""}, "ALLOWED_HOSTS"),
        ({"DJANGO_DEBUG": "true"}, "DEBUG"),
    ],
)
def test_production_refuses_to_start_when_unsafe(overrides, message):
    result = run_manage("check", **{**PRODUCTION_ENV, **overrides})
    assert result.returncode != 0
    assert message in result.stderr


@pytest.mark.django_db
def test_a_sqlite_database_lets_readers_and_the_writer_work_at_once():
    """Write-ahead logging (odi_site/settings/base.py): workers reading the page cache are not
    held up while another process commits a publish or a cache entry."""
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL readers never wait for writers")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
