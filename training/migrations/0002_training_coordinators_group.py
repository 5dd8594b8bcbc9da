"""The "Training coordinators" group: manages sessions and is the only group that sees registrations."""

from django.db import migrations

GROUP_NAME = "Training coordinators"
# model: (verbose name, actions), as Django itself would name the permissions.
GRANTS = {
    "trainingsession": ("training session", ("view", "change")),
    "registration": ("registration", ("view",)),
}


def create_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")

    group, _created = Group.objects.get_or_create(name=GROUP_NAME)
    # Model permissions are normally created after all migrations run; make them now so the
    # group can be granted them in the same migrate.
    for model, (verbose_name, actions) in GRANTS.items():
        content_type, _ = ContentType.objects.get_or_create(app_label="training", model=model)
        for action in actions:
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_{model}",
                defaults={"name": f"Can {action} {verbose_name}"},
            )
            group.permissions.add(permission)
    admin_type, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    access_admin, _ = Permission.objects.get_or_create(
        content_type=admin_type, codename="access_admin", defaults={"name": "Can access Wagtail admin"}
    )
    group.permissions.add(access_admin)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("training", "0001_program_levels_sessions_registrations"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
