"""The Communications groups, Career services and the review workflow, from pages/roles.py,
now also managing the resources library and the affinity groups directory (odi_site/roles.py
applies the spec)."""

from django.db import migrations

class Migration(migrations.Migration):
    dependencies = [("pages", "0020_resources_library")]

    operations = [migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop)]  # re-applied by 0024_roles_news
