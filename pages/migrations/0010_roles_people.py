"""The Communications groups, Career services and the review workflow were applied here when
people joined the spec; they are now applied by 0013_roles_news: the spec now names a model
this migration predates."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("pages", "0009_person")]

    operations = [migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop)]
