"""The groups of pages/roles.py again, with the new sections (odi_site/roles.py applies the spec):
Communications editors and approvers manage news topics, resources and affinity groups;
approvers alone change the reporting channels and see newsletter subscribers; the new Office
enquiries group alone reads the contact page's enquiries and changes where they are emailed.
Wagtail's default Editors and Moderators groups stay retired."""

from django.db import migrations

from odi_site.roles import apply_roles, retire_groups
from pages.roles import RETIRED_GROUPS, REVIEW, ROLES


def apply(apps, schema_editor):
    apply_roles(apps, ROLES, REVIEW)
    retire_groups(apps, RETIRED_GROUPS)


class Migration(migrations.Migration):
    dependencies = [("pages", "0025_contact_page_body")]

    operations = [migrations.RunPython(apply, migrations.RunPython.noop)]
