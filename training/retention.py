"""How long registrations (personal data) are kept: until REGISTRATION_RETENTION_DAYS after their
session ended. Run every minute by `run_periodic_tasks`; `purge_registrations` does the same by hand."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import Registration


def ended_before(days):
    """Registrations of sessions that ended more than `days` ago."""
    return Registration.objects.filter(session__end__lt=timezone.now() - timedelta(days=days))


def purge_expired_registrations():
    """Delete the registrations past the retention period (their emails go with them); how many."""
    with transaction.atomic():
        _total, by_model = ended_before(settings.REGISTRATION_RETENTION_DAYS).delete()
    return by_model.get(Registration._meta.label, 0)
