"""The permission that lets Career services alone change where consultation requests are
emailed. The groups themselves are applied by 0010_roles_people: the spec now names a model
this migration predates."""

from django.db import migrations


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
    ]
