"""The Communications groups, Career services and the review workflow, from pages/roles.py,
now also managing news topics (odi_site/roles.py applies the spec); Wagtail's default Editors and
Moderators groups retire, their members moving to the Communications groups."""

from django.db import migrations

class Migration(migrations.Migration):
    dependencies = [("pages", "0023_news_pages")]

    operations = [migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop)]  # re-applied by 0029_roles_contact
