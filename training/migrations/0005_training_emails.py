"""Training emails (a proxy of pages.OutgoingEmail): Training coordinators see and resend them.

The grants to Training coordinators now come from 0007_roles (odi_site/roles.py).
"""

from django.db import migrations


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
    ]
