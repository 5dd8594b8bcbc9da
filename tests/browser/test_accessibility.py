"""axe-core on every crawled page: WCAG 2.2 AA, zero violations (rules in axe.py)."""

import pytest

from .axe import axe_violations, load_axe_in_every_page
from .browsing import load, representatives
from .targets import MOBILE

pytestmark = pytest.mark.browser


def test_every_crawled_page_has_no_axe_violations(visits):
    """Every page and view at desktop width meets WCAG 2.2 AA as far as axe can tell.

    axe ran on each page as the crawl loaded it (browsing.crawl), so no page is loaded twice.
    """
    problems = [line for visit in visits for line in visit.axe_violations]
    assert not problems, f"{len(problems)} axe violations:\n" + "\n".join(problems)


def test_page_types_have_no_axe_violations_on_mobile(visits, new_page, live_site):
    """The small-screen layout (menu closed, then open) is checked too: it has its own CSS."""
    page = new_page(viewport=MOBILE)
    load_axe_in_every_page(page.context)
    problems = []
    for visit in representatives(visits):
        load(page, live_site.base_url, visit.target)
        problems += axe_violations(page, f"{visit.target.label} at 390 px")
    page.goto(live_site.base_url + "/")
    page.locator("[data-main-nav-toggle]").click()
    problems += axe_violations(page, "/ at 390 px, menu open")
    assert not problems, f"{len(problems)} axe violations:\n" + "\n".join(problems)
