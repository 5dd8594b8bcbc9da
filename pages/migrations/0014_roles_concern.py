"""The Communications groups, Career services and the review workflow, from pages/roles.py,
now with Communications approvers alone changing the reporting channels (odi_site/roles.py
applies the spec); Wagtail's default Editors and Moderators groups stay retired."""

from django.db import migrations

class Migration(migrations.Migration):
    dependencies = [("pages", "0013_concern_reporting_block")]

    operations = [migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop)]  # re-applied by 0018_roles_newsletter
