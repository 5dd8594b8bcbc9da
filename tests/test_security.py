"""Security headers, health probes, database faults and admin login throttling."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import OperationalError
from django.test import override_settings

from pages.models import StandardPage

REPO = Path(__file__).resolve().parent.parent


class TestHeaders:
    def test_public_pages_send_a_strict_content_security_policy(self, client, home):
        policy = client.get("/")["Content-Security-Policy"]
        directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
        assert directives["script-src"] == "'self'"
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
        assert directives["frame-ancestors"] == "'none'"
        assert directives["object-src"] == "'none'"

    def test_only_the_editors_preview_may_be_framed_and_only_by_the_site(self, client, home, admin_user):
        client.force_login(admin_user)
        preview = client.get(f"/admin/pages/{home.pk}/view_draft/")
        assert "frame-ancestors 'self'" in preview["Content-Security-Policy"]
        assert preview["X-Frame-Options"] == "SAMEORIGIN"
        public = client.get("/")
        assert "frame-ancestors 'none'" in public["Content-Security-Policy"]
        assert public["X-Frame-Options"] == "DENY"

    def test_admin_is_exempt_from_the_public_policy(self, client, home):
        assert "Content-Security-Policy" not in client.get("/admin/login/")

    def test_other_protective_headers(self, client, home):
        response = client.get("/")
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Cross-Origin-Opener-Policy"] == "same-origin"
        assert "camera=()" in response["Permissions-Policy"]
        assert "geolocation=()" in response["Permissions-Policy"]


class TestHealthProbes:
    def test_liveness(self, client, db):
        response = client.get("/healthz")
        assert response.status_code == 200 and response.json() == {"status": "ok"}

    def test_readiness_checks_database_and_cache(self, client, db):
        response = client.get("/readyz")
        assert response.status_code == 200
        assert response.json() == {"status": "ok", "database": "ok", "cache": "ok", "task_queue": "ok"}

    def test_readiness_fails_when_the_database_is_down(self, client, db, monkeypatch):
        monkeypatch.setattr("odi_site.health._database_ok", lambda: False)
        response = client.get("/readyz")
        assert response.status_code == 503 and response.json()["database"] == "down"


class TestDatabaseFaults:
    def test_a_database_error_during_a_page_gives_a_friendly_503(self, client, home, monkeypatch):
        def broken(*args, **kwargs):
            raise OperationalError("connection refused")

        monkeypatch.setattr(StandardPage, "get_context", broken)
        monkeypatch.setattr("pages.models.HomePage.get_context", broken)
        response = client.get("/")
        assert response.status_code == 503
        assert response["Retry-After"]
        assert b"back shortly" in response.content
        assert b"Traceback" not in response.content and b"connection refused" not in response.content

    def test_unreachable_database_server_answers_503_not_500(self):
        """A real connection failure: PostgreSQL on a closed port, through the whole stack."""
        script = (
            "import django; django.setup();"
            "from django.test import Client;"
            "r = Client(HTTP_HOST='localhost').get('/about/');"
            "print(r.status_code, b'back shortly' in r.content)"
        )
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "odi_site.settings.test",
            "DATABASE_URL": "postgres://postgres@127.0.0.1:9/odi_unreachable",
        }
        result = subprocess.run(
            [sys.executable, "-c", script], cwd=REPO, env=env, capture_output=True, text=True, timeout=120
        )
        assert result.stdout.split()[-2:] == ["503", "True"], result.stdout + result.stderr
        assert "Traceback" not in result.stdout


@pytest.mark.django_db
class TestLoginThrottling:
    @override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3)
    def test_repeated_failed_admin_logins_lock_the_account_out(self, client, django_user_model):
        django_user_model.objects.create_superuser("editor", "editor@example.edu", "correct-horse-battery")
        for _ in range(3):
            response = client.post("/admin/login/", {"username": "editor", "password": "wrong"})
        assert response.status_code == 429
        response = client.post("/admin/login/", {"username": "editor", "password": "correct-horse-battery"})
        assert response.status_code == 429
        assert b"temporarily locked" in response.content.lower()

    @override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3)
    def test_a_correct_password_before_the_limit_signs_in(self, client, django_user_model):
        django_user_model.objects.create_superuser("editor", "editor@example.edu", "correct-horse-battery")
        client.post("/admin/login/", {"username": "editor", "password": "wrong"})
        response = client.post("/admin/login/", {"username": "editor", "password": "correct-horse-battery"})
        assert response.status_code == 302


def test_json_log_lines_carry_context_but_are_one_object_per_line():
    import json
    import logging

    from odi_site.logging import JsonFormatter

    record = logging.LogRecord(
        "survey.importing", logging.WARNING, __file__, 1, "Import rejected: %s errors", (3,), None
    )
    record.row_count = 120
    line = JsonFormatter().format(record)
    entry = json.loads(line)
    assert entry["message"] == "Import rejected: 3 errors" and entry["row_count"] == 120
    assert entry["level"] == "WARNING" and "\n" not in line
