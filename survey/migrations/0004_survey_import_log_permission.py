"""Formerly: Survey data managers read the import log.

Groups and their permissions now come from the app's roles migration (odi_site/roles.py); this one
is kept, empty, for the migration history.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("survey", "0003_survey_import_log")]

    operations = []
