"""Deleting personal data once it has been kept as long as the privacy notice says.

A record with `created_at` and a nullable `closed_at` (an enquiry, a consultation request) is
deleted `days` after it was closed; one never closed, `days` after it arrived, so a request
nobody marked as done is not kept for ever. Its emails go with it (a GenericRelation deletes
them). Run every minute by `run_periodic_tasks`, so nothing outlives its period by more than
that; the query is one indexed DELETE that usually matches nothing.
"""

import logging
from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

logger = logging.getLogger(__name__)


def expired(queryset, days, now=None):
    """The records of `queryset` closed, or if never closed received, more than `days` ago."""
    cutoff = (now or timezone.now()) - timedelta(days=days)
    return queryset.filter(Q(closed_at__lt=cutoff) | Q(closed_at__isnull=True, created_at__lt=cutoff))


def purge_expired(model, days):
    """Delete `model`'s expired records (and what cascades from them); returns how many of `model`."""
    with transaction.atomic():
        _total, by_model = expired(model._default_manager.all(), days).delete()
    deleted = by_model.get(model._meta.label, 0)
    if deleted:
        logger.info(
            "Deleted %s %s past their %s-day retention",
            deleted,
            model._meta.verbose_name_plural,
            days,
            extra={"model": model._meta.label, "deleted": deleted},
        )
    return deleted
