"""The Communications groups and their review workflow, created idempotently by `setup_roles`.

Communications editors write and submit pages and manage images, documents, events
categories and community partners; Communications approvers also publish. Neither group
gets survey data or personal data (registrations, consultation requests): those belong to
the groups the survey, training and career apps create in their own migrations.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

EDITORS = "Communications editors"
APPROVERS = "Communications approvers"
WORKFLOW_NAME = "Communications review"
TASK_NAME = "Approval by Communications approvers"

# Snippets communications staff maintain; models that do not exist (yet) are skipped.
CONTENT_SNIPPET_MODELS = ["eventcategory", "communitypartner", "focusarea"]
MEDIA_PERMISSIONS = {
    "wagtailimages": ["add_image", "change_image", "choose_image"],
    "wagtaildocs": ["add_document", "change_document", "choose_document"],
}
PAGE_PERMISSIONS = {
    EDITORS: ["add", "change", "lock", "unlock"],
    APPROVERS: ["add", "change", "publish", "lock", "unlock"],
}
# Beyond pages: both groups keep old addresses working when pages are renamed (redirects);
# site settings go live the moment they are saved, with no review, so only approvers get them.
OTHER_PERMISSIONS = {
    EDITORS: [("wagtailredirects", "add_redirect"), ("wagtailredirects", "change_redirect")],
    APPROVERS: [
        ("wagtailredirects", "add_redirect"),
        ("wagtailredirects", "change_redirect"),
        ("wagtailredirects", "delete_redirect"),
        ("pages", "change_sitesettings"),
    ],
}


def _snippet_permissions():
    codenames = [f"{action}_{model}" for model in CONTENT_SNIPPET_MODELS for action in ("add", "change", "view")]
    return Permission.objects.filter(content_type__app_label="pages", codename__in=codenames)


def _grant_group(group, page_permission_types, root_page, root_collection):
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        *_snippet_permissions(),
        *(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
            for app_label, codename in OTHER_PERMISSIONS[group.name]
        ),
    )
    for permission_type in page_permission_types:
        permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=f"{permission_type}_page")
        GroupPagePermission.objects.get_or_create(group=group, page=root_page, permission=permission)
    for app_label, codenames in MEDIA_PERMISSIONS.items():
        for permission in Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames):
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=permission
            )


@transaction.atomic
def setup_roles():
    """Create or complete the groups and the review workflow; running it again changes nothing."""
    root_page = Page.get_first_root_node()
    root_collection = Collection.get_first_root_node()
    groups = {}
    for name, page_permission_types in PAGE_PERMISSIONS.items():
        groups[name], _ = Group.objects.get_or_create(name=name)
        _grant_group(groups[name], page_permission_types, root_page, root_collection)

    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
    task.groups.set([groups[APPROVERS]])
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task.task_ptr, defaults={"sort_order": 0})
    # Every page inherits the workflow assigned to the tree root.
    WorkflowPage.objects.update_or_create(page=root_page, defaults={"workflow": workflow})
    return groups, workflow
