"""The Communications groups, Career services and the review workflow, from pages/roles.py,
now with Communications approvers alone changing the reporting channels (odi_site/roles.py
applies the spec); Wagtail's default Editors and Moderators groups stay retired."""

from django.db import migrations

from odi_site.roles import apply_roles, retire_groups
from pages.roles import RETIRED_GROUPS, REVIEW, ROLES


def apply(apps, schema_editor):
    apply_roles(apps, ROLES, REVIEW)
    retire_groups(apps, RETIRED_GROUPS)


class Migration(migrations.Migration):
    dependencies = [("pages", "0013_concern_reporting_block")]

    operations = [migrations.RunPython(apply, migrations.RunPython.noop)]
