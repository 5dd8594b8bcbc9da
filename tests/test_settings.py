"""Production settings refuse unsafe configuration and pass Django's deployment checks."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def run_manage(*args, **env_overrides):
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_DEBUG"}}
    env.update({"DJANGO_SETTINGS_MODULE": "odi_site.settings.production", **env_overrides})
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


PRODUCTION_ENV = {
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
    "ALLOWED_HOSTS": "odi.example.edu",
}


def test_check_deploy_passes_with_the_documented_environment():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr


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
