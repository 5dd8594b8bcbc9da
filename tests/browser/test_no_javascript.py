"""With JavaScript off every page still shows its content and menu, and the forms work."""

import pytest

from .browsing import load
from .targets import MOBILE

pytestmark = pytest.mark.browser

PAGE_STATE = """() => {
    const visible = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden";
    const links = [...document.querySelectorAll("nav[aria-label=Main] a")];
    const forms = [...document.forms].map((form) => ({
        name: form.getAttribute("action") || "(this page)",
        submit: [...form.querySelectorAll("button:not([type=button]):not([type=reset]), input[type=submit]")].some(visible),
        hiddenFields: [...form.querySelectorAll("input:not([type=hidden]), select, textarea")]
            .filter((field) => !visible(field) && !field.closest(".visually-hidden")).map((field) => field.name || field.id),
    }));
    return {
        js: document.documentElement.classList.contains("js"),
        h1: document.querySelectorAll("h1").length,
        navLinks: links.length,
        hiddenNavLinks: links.filter((a) => !visible(a)).map((a) => a.textContent.trim()),
        forms,
        overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    };
}"""


def test_every_page_works_without_javascript(visits, new_page, live_site):
    """At 390 px without JS: right status, one h1, the whole menu shown, forms submittable."""
    page = new_page(viewport=MOBILE, java_script_enabled=False)
    problems = []
    for visit in visits:
        target = visit.target
        response = load(page, live_site.base_url, target)
        if response.status != target.status:
            problems.append(f"{target.label}: status {response.status}, expected {target.status}")
        state = page.evaluate(PAGE_STATE)
        if state["js"]:
            raise AssertionError("page scripts ran although JavaScript is disabled")
        if state["h1"] != 1:
            problems.append(f"{target.label}: {state['h1']} h1 elements")
        if not state["navLinks"] or state["hiddenNavLinks"]:
            problems.append(f"{target.label}: main menu links hidden: {state['hiddenNavLinks'] or 'no links'}")
        for form in state["forms"]:
            if not form["submit"]:
                problems.append(f"{target.label}: form {form['name']} has no visible submit button")
            if form["hiddenFields"]:
                problems.append(f"{target.label}: form {form['name']} hides fields {form['hiddenFields']}")
        if state["overflow"] > 0:
            problems.append(f"{target.label}: scrolls {state['overflow']} px sideways")
    assert not problems, "\n".join(problems)


def test_search_works_without_javascript(new_page, live_site):
    """The header search submits as a plain GET form and lists results."""
    page = new_page(viewport=MOBILE, java_script_enabled=False)
    page.goto(live_site.base_url + "/")
    page.get_by_role("searchbox", name="Search this site").fill("training")
    with page.expect_navigation():
        page.get_by_role("search").get_by_role("button", name="Search").first.click()
    assert page.url == f"{live_site.base_url}/search/?q=training"
    assert page.locator(".search-results li").count() > 0, "no results for 'training'"
