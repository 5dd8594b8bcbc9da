"""The Communications groups, Career services and the review workflow, from pages/roles.py
(odi_site/roles.py applies the spec); Wagtail's default Editors and Moderators groups retire,
their members moving to the Communications groups. Career services alone changes where
consultation requests are emailed."""

from django.db import migrations

from odi_site.roles import apply_roles, retire_groups
from pages.roles import RETIRED_GROUPS, REVIEW, ROLES


def apply(apps, schema_editor):
    apply_roles(apps, ROLES, REVIEW)
    retire_groups(apps, RETIRED_GROUPS)


class Migration(migrations.Migration):
    # After every migration of Wagtail's that grants its default groups something.
    dependencies = [
        ("pages", "0004_outgoing_email"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="careerservicespage",
            options={
                "permissions": [("change_consultation_email", "Can change where consultation requests are emailed")],
                "verbose_name": "career services page",
            },
        ),
        migrations.RunPython(apply, migrations.RunPython.noop),
    ]
