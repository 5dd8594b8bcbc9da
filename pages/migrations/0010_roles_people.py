"""The Communications groups, Career services and the review workflow, from pages/roles.py,
now also managing people (odi_site/roles.py applies the spec); Wagtail's default Editors and
Moderators groups retire, their members moving to the Communications groups."""

from django.db import migrations

from odi_site.roles import apply_roles, retire_groups
from pages.roles import RETIRED_GROUPS, REVIEW, ROLES


def apply(apps, schema_editor):
    apply_roles(apps, ROLES, REVIEW)
    retire_groups(apps, RETIRED_GROUPS)


class Migration(migrations.Migration):
    dependencies = [("pages", "0009_person")]

    operations = [migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop)]  # re-applied by 0013_roles_contact
