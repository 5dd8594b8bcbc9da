"""The Wagtail admin keeps working next to the public pages' strict Content-Security-Policy."""

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def superuser(admin_account):
    return admin_account("browser-admin", superuser=True)


def test_editor_signs_in_and_opens_the_page_editor_without_script_errors(new_page, live_site, superuser):
    page = superuser.sign_in(new_page())
    response = page.goto(f"{live_site.base_url}/admin/pages/")
    assert response.status == 200
    assert "Content-Security-Policy" not in response.headers  # the admin is exempt by design

    page.goto(f"{live_site.base_url}/admin/pages/{superuser.page_ids['/about/']}/edit/")
    page.wait_for_load_state("networkidle")
    assert page.locator("form#page-edit-form").count() == 1
    # Wagtail's editor is built by JavaScript: its StreamField blocks render only if scripts ran.
    assert page.locator("[data-streamfield-stream-container], .c-sf-container").count() >= 1
