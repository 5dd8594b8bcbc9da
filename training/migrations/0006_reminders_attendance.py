"""Reminders (per session), attendance, the participation setting; coordinators may cancel and record.

The grants to Training coordinators now come from 0007_roles (odi_site/roles.py).
"""

import django.core.validators
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('training', '0005_training_emails'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='registration',
            options={'ordering': ['created', 'pk'], 'permissions': [('cancel_registration', "Can cancel a registration on someone's behalf"), ('record_attendance', 'Can record attendance')]},
        ),
        migrations.AddField(
            model_name='registration',
            name='attendance',
            field=models.CharField(blank=True, choices=[('', 'Not recorded'), ('attended', 'Attended'), ('no_show', 'No-show')], db_index=True, default='', help_text='Recorded by coordinators after the session.', max_length=10),
        ),
        migrations.AddField(
            model_name='registration',
            name='reminder_sent_at',
            field=models.DateTimeField(blank=True, help_text='When the reminder was queued.', null=True),
        ),
        migrations.AddField(
            model_name='trainingprogrampage',
            name='count_recorded_attendance',
            field=models.BooleanField(default=False, help_text='Add the people coordinators mark as attended in sessions of the first level (in the pathway) held after the date above; the figure then counts up by itself, as of the latest such session.', verbose_name='Add recorded attendance'),
        ),
        migrations.AddField(
            model_name='trainingsession',
            name='attended_count',
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.AddField(
            model_name='trainingsession',
            name='reminder_days',
            field=models.PositiveSmallIntegerField(default=2, help_text='Confirmed registrants get a reminder this many days before the session; 0 sends none.', validators=[django.core.validators.MaxValueValidator(14)], verbose_name='reminder (days before)'),
        ),
    ]
