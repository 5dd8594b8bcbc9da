"""The crawl itself: every page answers as expected and the server logs no errors."""

import pytest

pytestmark = pytest.mark.browser


def test_crawl_reaches_every_page_with_the_expected_status(visits, live_site):
    """Every live page is visited, no link is broken and the 404 view really is a 404."""
    problems = [
        f"{v.target.label}: status {v.status}, expected {v.target.status}{f' (linked from {v.found_on})' if v.found_on else ''}"
        for v in visits
        if v.status != v.target.status
    ]
    visited = {v.target.path for v in visits}
    problems += [f"{page.path} ({page.name}) was never visited" for page in live_site.pages if page.path not in visited]
    problems += [f"server error logged: {line}" for line in live_site.server_errors()]
    assert not problems, "\n".join(problems)
