"""Groups, their permissions and the review workflow: declared by each app, applied by migrations.

Each app lists its groups in `<app>/roles.py` as `Role`s (pages adds the review workflow, a
`Review`); the app's latest roles migration passes them to `apply_roles`, so `migrate` on an
empty database yields every group. A group is exactly its spec: a permission given to one of
these groups by hand is taken away the next time its app's roles migration runs, so change the
spec instead.

Every function takes the app registry (`apps` in a migration, `django.apps.apps` elsewhere) and
reads models from it, so it runs on the historical models of a migration. Applying a spec twice
changes nothing.

Changing a spec: add a migration to the app that applies it again and make the migration that
applied it before a no-op (`migrations.RunPython.noop`): on a fresh database, at that earlier
point, a permission the spec now names may not exist yet. tests/test_roles.py checks that a
migrated database already matches every spec.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Role:
    """A group: model permissions ("app_label.codename"), page permissions on the whole tree
    (codenames of wagtailcore's, e.g. "publish_page") and permissions on the root collection
    ("app_label.codename", e.g. "wagtailimages.add_image")."""

    name: str
    permissions: tuple[str, ...] = ()
    page_permissions: tuple[str, ...] = ()
    collection_permissions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Review:
    """A one-step workflow for the whole page tree: the named group approves."""

    name: str
    task_name: str
    approvers: str


def permission(apps, label):
    """The Permission "app_label.codename", created now when missing: Django makes permissions only
    after migrate has finished, and the migration granting it runs before that."""
    app_label, codename = label.split(".")
    Permission = apps.get_model("auth", "Permission")
    found = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
    if found is not None:
        return found
    for model in apps.get_app_config(app_label).get_models():
        opts = model._meta
        # The names Django's own create_permissions gives them.
        names = {
            f"{action}_{opts.model_name}": f"Can {action} {opts.verbose_name_raw}"
            for action in opts.default_permissions
        }
        names.update(opts.permissions)
        if codename in names:
            content_type, _ = apps.get_model("contenttypes", "ContentType").objects.get_or_create(
                app_label=app_label, model=opts.model_name
            )
            return Permission.objects.create(content_type=content_type, codename=codename, name=names[codename])
    raise LookupError(f"No model of {app_label} has the permission {codename}")


def _root(apps, model_label):
    return apps.get_model("wagtailcore", model_label).objects.filter(depth=1).order_by("path").first()


def apply_roles(apps, roles, review=None):
    """Create or correct each group, so it holds exactly its spec's permissions, then the review."""
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root_page, root_collection = _root(apps, "Page"), _root(apps, "Collection")
    for role in roles:
        group, _ = Group.objects.get_or_create(name=role.name)
        group.permissions.set([permission(apps, label) for label in role.permissions])
        granted = [permission(apps, f"wagtailcore.{codename}") for codename in role.page_permissions]
        GroupPagePermission.objects.filter(group=group).exclude(page=root_page, permission__in=granted).delete()
        for page_permission in granted:
            GroupPagePermission.objects.get_or_create(group=group, page=root_page, permission=page_permission)
        granted = [permission(apps, label) for label in role.collection_permissions]
        GroupCollectionPermission.objects.filter(group=group).exclude(
            collection=root_collection, permission__in=granted
        ).delete()
        for collection_permission in granted:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=collection_permission
            )
    if review is not None:
        apply_review(apps, review, root_page)


def apply_review(apps, review, root_page):
    """The workflow with its one approval task, assigned to the tree root (every page inherits it)."""
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    task = GroupApprovalTask.objects.filter(name=review.task_name).first()
    if task is None:
        content_type, _ = apps.get_model("contenttypes", "ContentType").objects.get_or_create(
            app_label="wagtailcore", model="groupapprovaltask"
        )
        task = GroupApprovalTask.objects.create(name=review.task_name, content_type=content_type, active=True)
    task.groups.set([apps.get_model("auth", "Group").objects.get(name=review.approvers)])
    workflow, _ = apps.get_model("wagtailcore", "Workflow").objects.get_or_create(name=review.name)
    apps.get_model("wagtailcore", "WorkflowTask").objects.get_or_create(
        workflow=workflow, task_id=task.pk, defaults={"sort_order": 0}
    )
    apps.get_model("wagtailcore", "WorkflowPage").objects.update_or_create(
        page=root_page, defaults={"workflow": workflow}
    )


def retire_groups(apps, successors):
    """Delete the groups named as keys of `successors`; their members join the successor group
    (a value) and approval tasks that named them name it instead, so nobody's access or pending
    review is lost."""
    Group = apps.get_model("auth", "Group")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    for name, successor_name in successors.items():
        group = Group.objects.filter(name=name).first()
        if group is None:
            continue
        successor = Group.objects.get(name=successor_name)
        successor.user_set.add(*group.user_set.all())
        for task in GroupApprovalTask.objects.filter(groups=group):
            task.groups.add(successor)
        group.delete()
