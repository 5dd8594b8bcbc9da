"""The Communications groups, Career services and the review workflow, from pages/roles.py,
now also managing people (odi_site/roles.py applies the spec); Wagtail's default Editors and
Moderators groups retire, their members moving to the Communications groups.

Now a no-op: the spec names models this migration predates; 0013_roles_resources applies it."""

from django.db import migrations

from odi_site.roles import apply_roles, retire_groups
from pages.roles import RETIRED_GROUPS, REVIEW, ROLES


def apply(apps, schema_editor):
    apply_roles(apps, ROLES, REVIEW)
    retire_groups(apps, RETIRED_GROUPS)


class Migration(migrations.Migration):
    dependencies = [("pages", "0009_person")]

    operations = [migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop)]
