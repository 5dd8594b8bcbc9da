"""Outgoing emails, stored before the worker sends them; Career services see the consultation ones."""

import django.db.models.deletion
import django.utils.timezone
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

CAREER_SERVICES = "Career services"
CODENAMES = ("view_consultationemail", "resend_consultationemail")


def grant(apps, schema_editor):
    """Career services (who own consultation requests) see and resend the emails about them."""
    app_config = apps.get_app_config("pages")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=CAREER_SERVICES).first()
    if group is not None:
        group.permissions.add(*Permission.objects.filter(content_type__app_label="pages", codename__in=CODENAMES))


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name=CAREER_SERVICES):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="pages", codename__in=CODENAMES))


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('pages', '0003_career_services_group_and_snippet_permissions'),
    ]

    operations = [
        migrations.CreateModel(
            name='OutgoingEmail',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('object_id', models.PositiveBigIntegerField()),
                ('kind', models.CharField(help_text='What the message is, e.g. “Registration confirmation”.', max_length=60)),
                ('to', models.EmailField(max_length=254, verbose_name='recipient')),
                ('reply_to', models.EmailField(blank=True, max_length=254)),
                ('subject', models.CharField(max_length=255)),
                ('body', models.TextField()),
                ('attachment_name', models.CharField(blank=True, max_length=100)),
                ('attachment_type', models.CharField(blank=True, max_length=100)),
                ('attachment', models.TextField(blank=True, help_text='A text attachment such as a calendar file.')),
                ('message_id', models.CharField(help_text='The Message-ID header, the same on every try of this message.', max_length=255, unique=True)),
                ('status', models.CharField(choices=[('pending', 'Pending'), ('sent', 'Sent'), ('failed', 'Failed')], db_index=True, default='pending', max_length=10)),
                ('attempts', models.PositiveSmallIntegerField(default=0, help_text='How many times sending was tried.')),
                ('created_at', models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name='queued')),
                ('next_attempt_at', models.DateTimeField(default=django.utils.timezone.now, help_text='When it is due to be tried (again).')),
                ('queued_at', models.DateTimeField(blank=True, help_text='When a task was last enqueued to send it.', null=True)),
                ('locked_until', models.DateTimeField(blank=True, help_text='A worker is sending it until then.', null=True)),
                ('sent_at', models.DateTimeField(blank=True, null=True, verbose_name='sent')),
                ('last_error', models.CharField(blank=True, help_text="The kind of the last failure (never the server's text: it names addresses).", max_length=200)),
                ('content_type', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='contenttypes.contenttype')),
            ],
            options={
                'verbose_name': 'email',
                'ordering': ['-created_at', '-pk'],
            },
        ),
        migrations.CreateModel(
            name='ConsultationEmail',
            fields=[
            ],
            options={
                'verbose_name': 'consultation email',
                'permissions': [('resend_consultationemail', 'Can send a consultation email again')],
                'proxy': True,
                'default_permissions': ('view',),
                'indexes': [],
                'constraints': [],
            },
            bases=('pages.outgoingemail',),
        ),
        migrations.AddIndex(
            model_name='outgoingemail',
            index=models.Index(fields=['content_type', 'object_id'], name='pages_outgo_content_94e883_idx'),
        ),
        migrations.AddIndex(
            model_name='outgoingemail',
            index=models.Index(fields=['status', 'next_attempt_at'], name='pages_outgo_status_06267e_idx'),
        ),
        migrations.RunPython(grant, revoke),
    ]
