"""The "Career services" group (the only non-superusers who see consultation requests) and
editors' permissions on the events and community snippets."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CAREER_SERVICES = "Career services"
CONSULTATION_PERMISSIONS = ("view_consultationrequest", "change_consultationrequest")
EDITOR_GROUPS = ("Editors", "Moderators")
SNIPPET_MODELS = ("eventcategory", "focusarea", "communitypartner")


def ensure_permissions(apps):
    """Permissions are normally made after migrate finishes; this migration needs them now."""
    app_config = apps.get_app_config("pages")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)


def forwards(apps, schema_editor):
    ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    career, _ = Group.objects.get_or_create(name=CAREER_SERVICES)
    career.permissions.add(
        *Permission.objects.filter(content_type__app_label="pages", codename__in=CONSULTATION_PERMISSIONS),
        *Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin"),
    )
    snippet_permissions = Permission.objects.filter(
        content_type__app_label="pages",
        codename__in=[f"{action}_{model}" for model in SNIPPET_MODELS for action in ("add", "change", "delete", "view")],
    )
    for group in Group.objects.filter(name__in=EDITOR_GROUPS):
        group.permissions.add(*snippet_permissions)


def backwards(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=CAREER_SERVICES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0002_career_community_events"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0002_initial_data"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
