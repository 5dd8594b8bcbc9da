"""The groups of pages/roles.py again, now with Office enquiries, who alone read the contact page's
enquiries and change where they are emailed (odi_site/roles.py applies the spec)."""

from django.db import migrations

from odi_site.roles import apply_roles, retire_groups
from pages.roles import RETIRED_GROUPS, REVIEW, ROLES


def apply(apps, schema_editor):
    apply_roles(apps, ROLES, REVIEW)
    retire_groups(apps, RETIRED_GROUPS)


class Migration(migrations.Migration):
    dependencies = [("pages", "0028_contact_enquiries")]

    operations = [migrations.RunPython(apply, migrations.RunPython.noop)]
