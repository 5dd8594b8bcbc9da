"""The content checker's configuration: the site's rules reach the userbar and the editor's Checks panel."""

import json
import re

import pytest
from bs4 import BeautifulSoup
from wagtail.admin.userbar import ContentCheckerItem

from pages.content_checks import ALT_CHECK, EDITOR_MESSAGES, SITE_RULES
from pages.factories import StandardPageFactory

RULES = {rule.id: rule for rule in SITE_RULES}
WAGTAIL_FILE_NAME_PATTERN = next(
    c["options"]["pattern"] for c in ContentCheckerItem.axe_custom_checks if c["id"] == ALT_CHECK
)


@pytest.fixture
def editor(home, django_user_model):
    return django_user_model.objects.create_superuser("editor", "editor@example.edu", "a-long-test-password")


def axe_configuration(response):
    assert response.status_code == 200
    script = BeautifulSoup(response.content, "html.parser").find("script", id="checker-axe-configuration")
    assert script is not None and script["type"] == "application/json"
    return json.loads(script.string)


@pytest.fixture
def public_page_config(client, editor, home):
    client.force_login(editor)
    return axe_configuration(client.get(home.url))


def test_site_rules_run_beside_wagtails_and_axes_empty_heading(public_page_config):
    run_only = public_page_config["options"]["runOnly"]
    assert "empty-heading" in run_only
    assert set(ContentCheckerItem.axe_run_only) <= set(run_only)
    assert set(RULES) <= set(run_only)
    custom = {rule["id"]: rule for rule in public_page_config["spec"]["rules"]}
    assert set(RULES) | {"alt-text-quality"} <= set(custom)
    assert {rule_id: custom[rule_id]["selector"] for rule_id in RULES} == {
        "alt-text-generic": "img[alt]",
        "alt-text-image-of-text": "img[alt]",
        "link-image-alt-text": "a[href] img[alt]",
    }


def test_each_rule_reuses_wagtails_alt_check_with_its_own_pattern(public_page_config):
    """The check's evaluate function ships in Wagtail's JavaScript; only its options differ per rule."""
    assert ALT_CHECK in {check["id"] for check in public_page_config["spec"]["checks"]}
    for rule in public_page_config["spec"]["rules"]:
        if rule["id"] in RULES:
            assert rule["any"] == [ALT_CHECK] and rule["enabled"] is True
    per_rule = public_page_config["options"]["rules"]
    assert {rule_id: options["checks"][ALT_CHECK]["options"]["pattern"] for rule_id, options in per_rule.items()} == {
        rule.id: rule.pattern for rule in SITE_RULES
    }


def test_messages_are_written_for_editors(public_page_config):
    messages = public_page_config["messages"]
    for rule_id in [*RULES, *EDITOR_MESSAGES]:
        assert messages[rule_id]["error_name"] and messages[rule_id]["help_text"].endswith(".")
    assert "“click here”" in messages["link-image-alt-text"]["help_text"]
    assert messages["empty-heading"]["error_name"] == "Empty heading"
    assert messages["alt-text-quality"]["error_name"] == "Image alt text looks like a file name"


def test_nothing_needs_script_that_the_public_csp_would_block(client, editor, home):
    """The configuration is data only (axe would eval a "function…" string), and no inline script is added."""
    client.force_login(editor)
    response = client.get(home.url)
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe" not in policy
    assert "function" not in json.dumps(axe_configuration(response))
    for script in BeautifulSoup(response.content, "html.parser").find_all("script"):
        assert script.get("src") or script.get("type") in ("application/json", "application/ld+json"), script


def test_editor_checks_panel_uses_the_same_rules(client, editor, home):
    page = StandardPageFactory(parent=home)
    client.force_login(editor)
    config = axe_configuration(client.get(f"/admin/pages/{page.pk}/edit/"))
    assert set(RULES) <= set(config["options"]["runOnly"])
    assert set(RULES) <= set(config["options"]["rules"])


@pytest.mark.parametrize(
    ("alt", "rule_id"),
    [
        ("IMG_2041.jpg", "alt-text-quality"),
        ("diversity-week-banner.png", "alt-text-quality"),
        ("Image of the dean at the lectern", "alt-text-generic"),
        ("A photo showing the training room", "alt-text-generic"),
        ("Picture", "alt-text-generic"),
        ("DSC 0042", "alt-text-generic"),
        ("Flyer for Diversity Week with dates and rooms", "alt-text-image-of-text"),
        ("Join us " * 20, "alt-text-image-of-text"),
        ("Click here", "link-image-alt-text"),
        ("Read more.", "link-image-alt-text"),
    ],
)
def test_patterns_flag_typical_mistakes(alt, rule_id):
    """The JavaScript check tests `new RegExp(pattern, "i")`; these patterns mean the same in Python."""
    pattern = WAGTAIL_FILE_NAME_PATTERN if rule_id == "alt-text-quality" else RULES[rule_id].pattern
    assert re.search(pattern, alt, re.I)


@pytest.mark.parametrize(
    "alt",
    [
        "Participants talking in a Diversity 2.0 session",
        "Dr. Amara Okafor, Associate Dean for Inclusion",
        "Photographer's portfolio cover",
        "Residents presenting at the spring poster session",
        "Screenshot of the registration form with the email field highlighted",
        "",
    ],
)
def test_patterns_leave_good_alt_text_alone(alt):
    for pattern in [WAGTAIL_FILE_NAME_PATTERN, *(rule.pattern for rule in SITE_RULES)]:
        assert not re.search(pattern, alt, re.I), pattern


def test_styled_paragraphs_of_the_templates_are_not_checked(public_page_config):
    """Key figures and call-to-action titles are the design's, not the editor's: no warnings for them."""
    excluded = public_page_config["context"]["exclude"]
    assert ".key-figure__number" in excluded and ".block-cta__heading" in excluded
