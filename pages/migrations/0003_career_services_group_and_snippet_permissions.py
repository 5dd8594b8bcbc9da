"""Formerly: the "Career services" group and editors' permissions on the events and community snippets.

Groups and their permissions now come from the app's roles migration (odi_site/roles.py); this one
is kept, empty, for the migration history.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0002_career_community_events"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0002_initial_data"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = []
