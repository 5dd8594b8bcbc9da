"""Editors' own tools work as Wagtail documents them: the Privacy dialog and the preview panel."""

import re
import secrets

import pytest

from .conftest import create_account
from .server import SiteError

pytestmark = pytest.mark.browser

PASSWORD = "a-long-shared-secret"
# The events section: its sub-routes, file addresses, feeds and the places that list it.
COVERED = ["/events/", "/events/past/", "/events/calendar.ics", "/events/feed/"]


@pytest.fixture(scope="module")
def superuser(admin_account):
    return admin_account("privacy-admin", superuser=True)


def open_side_panel(page, name):
    """Open one of the editor's side panels (Wagtail remembers an open one across visits)."""
    toggle = page.locator(f"[data-side-panel-toggle='{name}']")
    if toggle.get_attribute("aria-expanded") != "true":
        toggle.click()


def set_privacy(page, base_url, page_id, choice):
    """Open the page's editor, its status panel and Wagtail's Privacy dialog, and save `choice`."""
    page.goto(f"{base_url}/admin/pages/{page_id}/edit/")
    open_side_panel(page, "status")
    page.locator("[data-a11y-dialog-show='set-privacy']:visible").first.click()
    dialog = page.locator("#set-privacy")
    dialog.locator(f"input[name='restriction_type'][value='{choice}']").check()
    if choice == "password":
        dialog.locator("input[name='password']").fill(PASSWORD)
    with page.expect_response(lambda response: "/privacy/" in response.url and response.request.method == "POST"):
        dialog.locator("button[type='submit'], input[type='submit']").first.click()


def test_a_password_set_in_the_privacy_dialog_applies_at_once_and_comes_off_again(
    new_page, browser, live_site, superuser
):
    base = live_site.base_url
    events_id = superuser.page_ids["/events/"]
    visitor = browser.new_context()
    anonymous = visitor.request
    try:
        for path in COVERED:  # anonymous visits first, so every address is in the page cache
            assert anonymous.get(base + path).status == 200

        editor = superuser.sign_in(new_page())
        set_privacy(editor, base, events_id, "password")
        for path in COVERED:
            body = anonymous.get(base + path).text()
            assert 'name="password"' in body, path
            assert "Panel: Disability inclusion" not in body, path
        assert "/events/" not in anonymous.get(base + "/sitemap.xml").text()
        assert 'href="/events/"' not in anonymous.get(base + "/").text()  # the main menu
        assert "/events/disability-inclusion-panel/" not in anonymous.get(base + "/search/?q=panel").text()
        assert "disability-inclusion-panel" not in anonymous.get(base + "/community-engagement/").text()

        set_privacy(editor, base, events_id, "none")
        for path in COVERED:
            assert 'name="password"' not in anonymous.get(base + path).text(), path
        assert "/events/" in anonymous.get(base + "/sitemap.xml").text()
    finally:
        visitor.close()


@pytest.fixture(scope="module", params=["odi_site.settings.dev", "odi_site.settings.production"])
def site_under(request, live_site, tmp_path_factory):
    """The demo site again, over a copy of its database, under the development or production
    settings, with an admin account of its own (each settings module hashes passwords its way)."""
    production = {
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "STATIC_ROOT": str(tmp_path_factory.mktemp("static")),
    }
    site = live_site.copy(tmp_path_factory.mktemp("settings-site"), request.param, **production)
    try:
        if request.param.endswith("production"):
            site.manage("collectstatic", "--noinput", "-v", "0")
        site.start()
        account = create_account(site, "preview-admin", superuser=True)
    except SiteError as error:
        site.stop()
        pytest.fail(str(error), pytrace=False)
    yield site, account
    site.stop()


def test_the_preview_panel_shows_the_page(browser, site_under):
    site, account = site_under
    context = browser.new_context(base_url=site.base_url)
    try:
        page = context.new_page()
        page.goto("/admin/login/")
        page.fill("#id_username", account.username)
        page.fill("#id_password", account.password)
        page.click("button[type=submit]")
        page.wait_for_url(re.compile(r"/admin/$"))
        page.goto(f"/admin/pages/{account.page_ids['/about/']}/edit/")
        open_side_panel(page, "preview")
        frame = page.frame_locator("iframe[id*='preview'], .preview-panel iframe").first
        frame.locator("h1").wait_for(timeout=15_000)
        assert "About the office" in frame.locator("h1").inner_text()
    finally:
        context.close()
