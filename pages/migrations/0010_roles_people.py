"""Was: the groups and review workflow from pages/roles.py, with people. Now applied by
0026_roles_sections: the spec names models (the new sections') this migration predates."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("pages", "0009_person")]

    operations = [migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop)]
