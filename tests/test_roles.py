"""Communications roles and the review workflow: editors submit, approvers publish."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import GroupPagePermission, WorkflowPage
from wagtail.test.utils.form_data import nested_form_data, streamfield

from pages.factories import StandardPageFactory
from pages.models import StandardPage
from pages.roles import APPROVERS, EDITORS, WORKFLOW_NAME, setup_roles


@pytest.fixture
def roles(home):
    setup_roles()


def member_of(django_user_model, group_name, username):
    user = django_user_model.objects.create_user(username, f"{username}@example.edu", "a-long-test-password")
    user.groups.add(Group.objects.get(name=group_name))
    return user


def test_setup_roles_is_idempotent(roles):
    counts = (Group.objects.count(), GroupPagePermission.objects.count(), WorkflowPage.objects.count())
    call_command("setup_roles", verbosity=0)
    assert (Group.objects.count(), GroupPagePermission.objects.count(), WorkflowPage.objects.count()) == counts
    assert WorkflowPage.objects.get(page__depth=1).workflow.name == WORKFLOW_NAME


def test_editors_can_draft_but_not_publish(client, home, roles, django_user_model):
    client.force_login(member_of(django_user_model, EDITORS, "editor"))
    data = nested_form_data(
        {"title": "New seminar series", "slug": "seminars", "body": streamfield([]), "action-publish": "publish"}
    )
    response = client.post(f"/admin/pages/add/pages/standardpage/{home.pk}/", data)
    assert response.status_code in (200, 302)
    page = StandardPage.objects.get(slug="seminars")
    assert not page.live


def test_submit_then_approve_publishes_the_page(client, home, roles, django_user_model):
    editor = member_of(django_user_model, EDITORS, "editor")
    approver = member_of(django_user_model, APPROVERS, "approver")
    page = StandardPageFactory(parent=home, title="Draft", slug="draft", live=False)
    page.save_revision(user=editor)

    client.force_login(editor)
    data = nested_form_data(
        {"title": "Ready for review", "slug": "draft", "body": streamfield([]), "action-submit": "1"}
    )
    response = client.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 302
    page.refresh_from_db()
    workflow_state = page.current_workflow_state
    assert workflow_state is not None and workflow_state.status == "in_progress"
    assert not page.live

    task_state = workflow_state.current_task_state
    assert task_state.task.specific.user_can_access_editor(page, approver)
    task_state.task.specific.on_action(task_state, approver, "approve")
    page.refresh_from_db()
    assert page.live and page.title == "Ready for review"


def test_editors_cannot_approve(home, roles, django_user_model):
    editor = member_of(django_user_model, EDITORS, "editor")
    page = StandardPageFactory(parent=home, live=False)
    page.save_revision(user=editor)
    workflow_state = page.get_workflow().start(page, editor)
    task = workflow_state.current_task_state.task.specific
    assert editor not in [u for g in task.groups.all() for u in g.user_set.all()]
    assert not task.get_actions(page, editor)


def test_both_groups_manage_redirects_and_only_approvers_change_site_settings(client, roles, django_user_model):
    settings_url = "/admin/settings/pages/sitesettings/"
    client.force_login(member_of(django_user_model, EDITORS, "editor"))
    assert client.get("/admin/redirects/add/").status_code == 200
    refused = client.get(settings_url, follow=True)
    assert refused.redirect_chain[-1][0] == "/admin/"  # Wagtail's "permission denied" redirect
    client.force_login(member_of(django_user_model, APPROVERS, "approver"))
    assert client.get("/admin/redirects/add/").status_code == 200
    allowed = client.get(settings_url, follow=True)
    assert allowed.redirect_chain[-1][0].startswith(settings_url) and b"institution_name" in allowed.content
