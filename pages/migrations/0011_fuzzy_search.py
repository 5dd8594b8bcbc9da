"""Site search tolerates typos on PostgreSQL: Wagtail's fuzzy search needs the pg_trgm and
unaccent extensions and trigram indexes on its search index, which its own commands create
(pg_trgm and unaccent are trusted extensions: the database's owner may create them). SQLite
has no fuzzy search, so there is nothing to do."""

from django.core.management import call_command
from django.db import migrations


def enable_fuzzy_search(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    call_command("enable_unaccent", verbosity=0)
    call_command("enable_trigram", verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("pages", "0010_roles_people"), ("wagtailsearch", "0010_add_text_fields")]

    operations = [migrations.RunPython(enable_fuzzy_search, migrations.RunPython.noop)]
