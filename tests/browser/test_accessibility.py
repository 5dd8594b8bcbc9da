"""axe-core (bundled with axe-playwright-python) on every crawled page: WCAG 2.2 AA, zero violations."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from .browsing import load, representatives
from .targets import MOBILE

pytestmark = pytest.mark.browser

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# Rule id -> why it is off. Only for a proven false positive on this site, never to make a
# real problem go away. Empty: every rule in the tags above runs.
AXE_DISABLED_RULES: dict[str, str] = {}

AXE = Axe()
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": AXE_TAGS},
    "rules": {rule: {"enabled": False} for rule in AXE_DISABLED_RULES},
    "resultTypes": ["violations"],
}


def axe_violations(page, where):
    """Readable lines, one per failing element: where, rule, impact, selector, help URL."""
    lines = []
    for violation in AXE.run(page, options=AXE_OPTIONS).response["violations"]:
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            lines.append(
                f"{where}: {violation['id']} ({violation['impact']}) at {target}\n"
                f"    {violation['help']}: {violation['helpUrl']}\n"
                f"    {node['html'][:200]}"
            )
    return lines


def test_every_crawled_page_has_no_axe_violations(visits, new_page, live_site):
    """Every page and view at desktop width meets WCAG 2.2 AA as far as axe can tell."""
    page = new_page()
    problems = []
    for visit in visits:
        load(page, live_site.base_url, visit.target)
        problems += axe_violations(page, visit.target.label)
    assert not problems, f"{len(problems)} axe violations:\n" + "\n".join(problems)


def test_page_types_have_no_axe_violations_on_mobile(visits, new_page, live_site):
    """The small-screen layout (menu closed, then open) is checked too: it has its own CSS."""
    page = new_page(viewport=MOBILE)
    problems = []
    for visit in representatives(visits):
        load(page, live_site.base_url, visit.target)
        problems += axe_violations(page, f"{visit.target.label} at 390 px")
    page.goto(live_site.base_url + "/")
    page.locator("[data-main-nav-toggle]").click()
    problems += axe_violations(page, "/ at 390 px, menu open")
    assert not problems, f"{len(problems)} axe violations:\n" + "\n".join(problems)
