"""Training coordinators, from training/roles.py (odi_site/roles.py applies the spec)."""

from django.db import migrations

from odi_site.roles import apply_roles
from training.roles import ROLES


def apply(apps, schema_editor):
    apply_roles(apps, ROLES)


class Migration(migrations.Migration):
    # After pages' roles migration, which follows Wagtail's grants to its default groups.
    dependencies = [("training", "0006_reminders_attendance"), ("pages", "0005_roles")]

    operations = [migrations.RunPython(apply, migrations.RunPython.noop)]
