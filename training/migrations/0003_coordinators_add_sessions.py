"""Formerly: Training coordinators schedule new sessions too.

Groups and their permissions now come from the app's roles migration (odi_site/roles.py); this one
is kept, empty, for the migration history.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("training", "0002_training_coordinators_group")]

    operations = []
