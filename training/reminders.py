"""Reminders before a session: each confirmed registrant gets one, `reminder_days` ahead.

Run every minute by `run_periodic_tasks`; the emails themselves are sent by the worker.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from .choices import RegistrationStatus
from .emails import queue_reminder
from .models import MAX_REMINDER_DAYS, Registration


def queue_due_reminders(now=None):
    """Queue the reminders that are due; returns how many. Safe to run concurrently or twice."""
    now = now or timezone.now()
    candidates = Registration.objects.filter(
        status=RegistrationStatus.CONFIRMED,
        reminder_sent_at__isnull=True,
        session__start__gt=now,
        session__start__lte=now + timedelta(days=MAX_REMINDER_DAYS),
        session__reminder_days__gt=0,
    ).select_related("session__level")
    queued = 0
    for registration in candidates.iterator():
        window_opens = registration.session.start - timedelta(days=registration.session.reminder_days)
        # Not due yet; or registered inside the window, when the confirmation is reminder enough.
        if now < window_opens or registration.created >= window_opens:
            continue
        with transaction.atomic():
            # The flag is taken in one UPDATE, so a second run (or a concurrent one) skips this person.
            if Registration.objects.filter(
                pk=registration.pk, reminder_sent_at__isnull=True, status=RegistrationStatus.CONFIRMED
            ).update(reminder_sent_at=now):
                queue_reminder(registration)
                queued += 1
    return queued
