"""Staff groups and the review workflow come from migrations alone (odi_site/roles.py and each
app's roles.py): the test database is migrated and holds no demo content, as a fresh production
install does. Editors submit, approvers publish; only Career services changes where consultation
requests are emailed."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Task,
    Workflow,
    WorkflowPage,
)
from wagtail.test.utils.form_data import nested_form_data, streamfield

from odi_site.roles import apply_roles, retire_groups
from pages import roles as pages_roles
from pages.factories import CareerServicesPageFactory, StandardPageFactory
from pages.models import CareerServicesPage, StandardPage
from pages.roles import APPROVERS, CAREER_SERVICES, EDITORS, OFFICE_ENQUIRIES, RETIRED_GROUPS, REVIEW, WORKFLOW_NAME
from survey import roles as survey_roles
from training import roles as training_roles

ALL_ROLES = (*pages_roles.ROLES, *training_roles.ROLES, *survey_roles.ROLES)
GROUP_NAMES = {EDITORS, APPROVERS, CAREER_SERVICES, OFFICE_ENQUIRIES, "Training coordinators", "Survey data managers"}


def member_of(django_user_model, username, *group_names):
    user = django_user_model.objects.create_user(username, f"{username}@example.edu", "a-long-test-password")
    user.groups.add(*Group.objects.filter(name__in=group_names))
    return user


def labels(permissions):
    return {f"{p.content_type.app_label}.{p.codename}" for p in permissions}


def snapshot():
    """Everything the roles decide, with row ids, so a re-created row shows too."""
    return {
        "groups": sorted(Group.objects.values_list("pk", "name")),
        "permissions": sorted(Permission.objects.values_list("pk", "codename")),
        "group_permissions": sorted(Group.permissions.through.objects.values_list("pk", "group_id", "permission_id")),
        "page": sorted(GroupPagePermission.objects.values_list("pk", "group_id", "page_id", "permission_id")),
        "collection": sorted(
            GroupCollectionPermission.objects.values_list("pk", "group_id", "collection_id", "permission_id")
        ),
        "workflows": sorted(Workflow.objects.values_list("pk", "name", "active")),
        "tasks": sorted(Task.objects.values_list("pk", "name", "active")),
        "task_groups": sorted(
            GroupApprovalTask.groups.through.objects.values_list("pk", "groupapprovaltask_id", "group_id")
        ),
        "assigned": sorted(WorkflowPage.objects.values_list("page_id", "workflow_id")),
    }


def apply_all():
    apply_roles(apps, pages_roles.ROLES, REVIEW)
    retire_groups(apps, RETIRED_GROUPS)
    apply_roles(apps, training_roles.ROLES)
    apply_roles(apps, survey_roles.ROLES)


class TestMigrationsAlone:
    def test_migrate_creates_every_group_exactly_as_declared(self, db):
        root_page, root_collection = Page.get_first_root_node(), Collection.get_first_root_node()
        assert set(Group.objects.values_list("name", flat=True)) == GROUP_NAMES
        for role in ALL_ROLES:
            group = Group.objects.get(name=role.name)
            assert labels(group.permissions.all()) == set(role.permissions), role.name
            page_permissions = GroupPagePermission.objects.filter(group=group)
            assert {p.page_id for p in page_permissions} <= {root_page.pk}
            assert {p.permission.codename for p in page_permissions} == set(role.page_permissions), role.name
            collection_permissions = GroupCollectionPermission.objects.filter(group=group)
            assert {p.collection_id for p in collection_permissions} <= {root_collection.pk}
            assert labels(p.permission for p in collection_permissions) == set(role.collection_permissions)

    def test_the_review_workflow_covers_every_page_and_only_approvers_approve(self, db):
        workflow = WorkflowPage.objects.get(page=Page.get_first_root_node()).workflow
        assert workflow.name == WORKFLOW_NAME and workflow.active
        [task] = [workflow_task.task.specific for workflow_task in workflow.workflow_tasks.all()]
        assert [group.name for group in task.groups.all()] == [APPROVERS]

    def test_wagtail_default_groups_are_gone_and_nobody_else_deletes_or_publishes(self, db):
        assert not Group.objects.filter(name__in=["Editors", "Moderators"]).exists()
        assert not Permission.objects.filter(group__isnull=False, codename__startswith="delete_image").exists()
        assert not Permission.objects.filter(group__isnull=False, codename__startswith="delete_document").exists()
        publishers = GroupPagePermission.objects.filter(permission__codename="publish_page")
        assert {p.group.name for p in publishers} == {APPROVERS}

    def test_applying_the_roles_again_changes_nothing(self, db):
        before = snapshot()
        apply_all()
        apply_all()
        assert snapshot() == before

    def test_a_group_changed_by_hand_is_put_back_and_a_deleted_one_made_again(self, db):
        editors = Group.objects.get(name=EDITORS)
        editors.permissions.add(Permission.objects.get(codename="view_registration"))
        GroupPagePermission.objects.create(
            group=editors, page=Page.get_first_root_node(), permission=Permission.objects.get(codename="publish_page")
        )
        Group.objects.filter(name="Survey data managers").delete()
        apply_all()
        assert labels(Group.objects.get(name=EDITORS).permissions.all()) == set(pages_roles.ROLES[0].permissions)
        assert not GroupPagePermission.objects.filter(group__name=EDITORS, permission__codename="publish_page").exists()
        assert Group.objects.get(name="Survey data managers").permissions.filter(codename="view_aggregate").exists()

    def test_members_of_retired_groups_keep_their_work(self, db, django_user_model):
        """An install that used Wagtail's Editors and Moderators: members and pending reviews move over."""
        writer = member_of(django_user_model, "writer")
        reviewer = member_of(django_user_model, "reviewer")
        Group.objects.create(name="Editors").user_set.add(writer)
        moderators = Group.objects.create(name="Moderators")
        moderators.user_set.add(reviewer)
        old_task = GroupApprovalTask.objects.create(name="Moderators approval (old)")
        old_task.groups.add(moderators)
        retire_groups(apps, RETIRED_GROUPS)
        assert not Group.objects.filter(name__in=["Editors", "Moderators"]).exists()
        assert [g.name for g in writer.groups.all()] == [EDITORS]
        assert [g.name for g in reviewer.groups.all()] == [APPROVERS]
        assert [g.name for g in old_task.groups.all()] == [APPROVERS]


def test_editors_can_draft_but_not_publish(client, home, django_user_model):
    client.force_login(member_of(django_user_model, "editor", EDITORS))
    data = nested_form_data(
        {"title": "New seminar series", "slug": "seminars", "body": streamfield([]), "action-publish": "publish"}
    )
    response = client.post(f"/admin/pages/add/pages/standardpage/{home.pk}/", data)
    assert response.status_code in (200, 302)
    page = StandardPage.objects.get(slug="seminars")
    assert not page.live


def test_submit_then_approve_publishes_the_page(client, home, django_user_model):
    editor = member_of(django_user_model, "editor", EDITORS)
    approver = member_of(django_user_model, "approver", APPROVERS)
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


def test_editors_cannot_approve(home, django_user_model):
    editor = member_of(django_user_model, "editor", EDITORS)
    page = StandardPageFactory(parent=home, live=False)
    page.save_revision(user=editor)
    workflow_state = page.get_workflow().start(page, editor)
    task = workflow_state.current_task_state.task.specific
    assert editor not in [u for g in task.groups.all() for u in g.user_set.all()]
    assert not task.get_actions(page, editor)


def test_both_groups_manage_redirects_and_only_approvers_change_site_settings(client, home, django_user_model):
    settings_url = "/admin/settings/pages/sitesettings/"
    client.force_login(member_of(django_user_model, "editor", EDITORS))
    assert client.get("/admin/redirects/add/").status_code == 200
    refused = client.get(settings_url, follow=True)
    assert refused.redirect_chain[-1][0] == "/admin/"  # Wagtail's "permission denied" redirect
    client.force_login(member_of(django_user_model, "approver", APPROVERS))
    assert client.get("/admin/redirects/add/").status_code == 200
    allowed = client.get(settings_url, follow=True)
    assert allowed.redirect_chain[-1][0].startswith(settings_url) and b"institution_name" in allowed.content


class TestConsultationAddress:
    """Where consultation requests (personal data) are emailed: Career services and superusers only."""

    ADDRESS = "careers@example.edu"

    @pytest.fixture
    def page(self, home):
        return CareerServicesPageFactory(parent=home, slug="career-development", consultation_email=self.ADDRESS)

    def form(self, page, **changes):
        fields = ("title", "slug", "form_heading", "form_intro", "consent_notice", "thanks_heading", "thanks_text")
        data = {name: getattr(page, name) for name in fields}
        return nested_form_data({**data, "intro": "", "body": streamfield([]), **changes})

    def edit_url(self, page):
        return reverse("wagtailadmin_pages:edit", args=[page.pk])

    def test_an_approver_neither_sees_nor_changes_it(self, client, page, django_user_model):
        client.force_login(member_of(django_user_model, "approver", APPROVERS))
        form = client.get(self.edit_url(page)).context["form"]
        assert "form_heading" in form.fields and "consultation_email" not in form.fields
        data = self.form(page, title="Career development (new)", consultation_email="attacker@example.com")
        response = client.post(self.edit_url(page), {**data, "action-publish": "action-publish"})
        assert response.status_code == 302
        page.refresh_from_db()
        assert page.title == "Career development (new)" and page.live  # the rest of the form was saved
        assert page.consultation_email == self.ADDRESS
        assert page.get_latest_revision_as_object().consultation_email == self.ADDRESS

    def test_career_services_who_edit_pages_change_it_for_review(self, client, page, django_user_model):
        client.force_login(member_of(django_user_model, "careers", EDITORS, CAREER_SERVICES))
        assert "consultation_email" in client.get(self.edit_url(page)).context["form"].fields
        response = client.post(self.edit_url(page), self.form(page, consultation_email="new-careers@example.edu"))
        assert response.status_code == 302
        assert CareerServicesPage.objects.get(pk=page.pk).get_latest_revision_as_object().consultation_email == (
            "new-careers@example.edu"
        )

    def test_superusers_see_it(self, admin_client, page):
        assert "consultation_email" in admin_client.get(self.edit_url(page)).context["form"].fields
