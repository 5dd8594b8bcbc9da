# A separate migration from the field change: PostgreSQL refuses to alter a table that has
# pending trigger events from rows updated in the same transaction.

from django.db import migrations


def clear_other_pages(apps, schema_editor):
    """A home page that pointed at a page other than an events index had no events to show."""
    HomePage = apps.get_model("pages", "HomePage")
    EventIndexPage = apps.get_model("pages", "EventIndexPage")
    HomePage.objects.exclude(events_page=None).exclude(
        events_page_id__in=EventIndexPage.objects.values("pk")
    ).update(events_page=None)


class Migration(migrations.Migration):

    dependencies = [
        ('pages', '0006_consultation_email_help'),
    ]

    operations = [
        migrations.RunPython(clear_other_pages, migrations.RunPython.noop),
    ]
