"""The W3C Nu HTML Checker (vnu-jar) on the HTML the server sent for every crawled page."""

import json
import re
import subprocess

import pytest

pytestmark = pytest.mark.browser

# Narrow filters for known Nu HTML Checker false positives: (exact start of the message, why).
# Empty: every error fails the test. Warnings ("info" messages) never do.
VNU_IGNORED_MESSAGES: list[tuple[str, str]] = []


def ignored(message):
    return any(message.get("message", "").startswith(start) for start, _reason in VNU_IGNORED_MESSAGES)


def test_every_crawled_page_is_valid_html(visits, vnu_command, tmp_path):
    """Zero checker errors; one JVM start for all pages, since vnu takes seconds to start."""
    labels = {}
    for number, visit in enumerate(visits):
        slug = re.sub(r"[^a-z0-9]+", "-", visit.target.label.lower()).strip("-") or "home"
        file = tmp_path / f"{number:03d}-{slug[:60]}.html"
        file.write_text(visit.html, encoding="utf-8")
        labels[file.name] = visit.target.label
    result = subprocess.run(
        [
            *vnu_command,
            "--format",
            "json",
            "--exit-zero-always",
            "--stdout",
            *sorted(str(f) for f in tmp_path.glob("*.html")),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(result.stdout or "{}").get("messages")
    assert messages is not None, f"vnu gave no JSON report:\n{result.stdout}\n{result.stderr}"
    errors = [m for m in messages if m.get("type") != "info" and not ignored(m)]
    lines = [
        f"{labels.get(m.get('url', '').rsplit('/', 1)[-1], m.get('url'))} line {m.get('lastLine', '?')}: {m.get('message')}\n    {m.get('extract', '').strip()}"
        for m in errors
    ]
    assert not lines, f"{len(lines)} HTML errors:\n" + "\n".join(lines)
