"""axe-core (bundled with axe-playwright-python): the WCAG 2.2 AA rules the suite runs on a page.

A context is prepared once (`load_axe_in_every_page`): each document it opens then loads axe-core
as it is created. Sending the 500 KB script and evaluating it again before each check, as
`Axe.run` does, cost about 15% of the crawl's page loads and checks together.
"""

from axe_playwright_python.sync_playwright import Axe

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


RUN = "options => axe.run(document, options).then(results => results.violations)"


def load_axe_in_every_page(context):
    context.add_init_script(script=AXE.axe_script)


def axe_violations(page, where):
    """Readable lines, one per failing element: where, rule, impact, selector, help URL.

    `page` belongs to a context given to `load_axe_in_every_page`.
    """
    lines = []
    for violation in page.evaluate(RUN, AXE_OPTIONS):
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            lines.append(
                f"{where}: {violation['id']} ({violation['impact']}) at {target}\n"
                f"    {violation['help']}: {violation['helpUrl']}\n"
                f"    {node['html'][:200]}"
            )
    return lines
