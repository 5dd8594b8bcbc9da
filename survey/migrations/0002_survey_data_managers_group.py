"""The "Survey data managers" group: the only non-superusers who may see or change survey data."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_NAME = "Survey data managers"
MODELS = ("survey", "administration", "measure", "dimension", "group", "aggregate")


def create_group(apps, schema_editor):
    # Permissions are normally made after all migrations; make survey's now so they can be granted.
    app_config = apps.get_app_config("survey")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP_NAME)
    perms = Permission.objects.filter(content_type__app_label="survey", content_type__model__in=MODELS)
    access = Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin")
    group.permissions.add(*perms, *access)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("survey", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
