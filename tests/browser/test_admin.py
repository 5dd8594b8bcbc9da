"""The Wagtail admin keeps working next to the public pages' strict Content-Security-Policy."""

import secrets

import pytest

pytestmark = pytest.mark.browser

CREATE_EDITOR = """
from django.contrib.auth import get_user_model
User = get_user_model()
user, _ = User.objects.get_or_create(username="browser-admin", defaults={"email": "browser-admin@example.edu"})
user.is_staff = user.is_superuser = True
user.set_password(PASSWORD)
user.save()
from wagtail.models import Page
print(Page.objects.get(slug="about").pk)
"""


@pytest.fixture(scope="module")
def admin_login(live_site):
    """A superuser's password, and the id of the About page to edit."""
    password = secrets.token_urlsafe(16)
    output = live_site.manage("shell", "--no-imports", "-c", CREATE_EDITOR.replace("PASSWORD", repr(password)))
    return password, int(output.split()[-1])


def test_editor_signs_in_and_opens_the_page_editor_without_script_errors(new_page, live_site, admin_login):
    admin_password, about_id = admin_login
    page = new_page()
    page.goto(f"{live_site.base_url}/admin/login/")
    page.fill("#id_username", "browser-admin")
    page.fill("#id_password", admin_password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_site.base_url}/admin/")
    response = page.goto(f"{live_site.base_url}/admin/pages/")
    assert response.status == 200
    assert "Content-Security-Policy" not in response.headers  # the admin is exempt by design

    page.goto(f"{live_site.base_url}/admin/pages/{about_id}/edit/")
    page.wait_for_load_state("networkidle")
    assert page.locator("form#page-edit-form").count() == 1
    # Wagtail's editor is built by JavaScript: its StreamField blocks render only if scripts ran.
    assert page.locator("[data-streamfield-stream-container], .c-sf-container").count() >= 1
