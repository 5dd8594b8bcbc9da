"""Let the "Survey data managers" group read the import log (its only permission is "view")."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_NAME = "Survey data managers"
CODENAME = "view_surveyimport"


def grant(apps, schema_editor):
    # Permissions are normally made after all migrations; make survey's now so it can be granted.
    app_config = apps.get_app_config("survey")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP_NAME)
    group.permissions.add(Permission.objects.get(content_type__app_label="survey", codename=CODENAME))


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name=GROUP_NAME):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="survey", codename=CODENAME))


class Migration(migrations.Migration):
    dependencies = [("survey", "0003_survey_import_log")]

    operations = [migrations.RunPython(grant, revoke)]
