"""The Communications groups, Career services and the review workflow, from pages/roles.py,
now also managing the resources library and the affinity groups directory (odi_site/roles.py
applies the spec)."""

from django.db import migrations

from odi_site.roles import apply_roles, retire_groups
from pages.roles import RETIRED_GROUPS, REVIEW, ROLES


def apply(apps, schema_editor):
    apply_roles(apps, ROLES, REVIEW)
    retire_groups(apps, RETIRED_GROUPS)


class Migration(migrations.Migration):
    dependencies = [("pages", "0020_resources_library")]

    operations = [migrations.RunPython(apply, migrations.RunPython.noop)]
