"""Training emails (a proxy of pages.OutgoingEmail): Training coordinators see and resend them."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_NAME = "Training coordinators"
CODENAMES = ("view_trainingemail", "resend_trainingemail")


def grant(apps, schema_editor):
    # Permissions are normally made after all migrations; make training's now so they can be granted.
    app_config = apps.get_app_config("training")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=GROUP_NAME).first()
    if group is None:  # removed by an administrator: leave it so
        return
    group.permissions.add(*Permission.objects.filter(content_type__app_label="training", codename__in=CODENAMES))


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name=GROUP_NAME):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="training", codename__in=CODENAMES))


class Migration(migrations.Migration):

    dependencies = [
        ('pages', '0004_outgoing_email'),
        ('training', '0004_participation_field_labels'),
    ]

    operations = [
        migrations.CreateModel(
            name='TrainingEmail',
            fields=[
            ],
            options={
                'verbose_name': 'training email',
                'permissions': [('resend_trainingemail', 'Can send a training email again')],
                'proxy': True,
                'default_permissions': ('view',),
                'indexes': [],
                'constraints': [],
            },
            bases=('pages.outgoingemail',),
        ),
        migrations.RunPython(grant, revoke),
    ]
