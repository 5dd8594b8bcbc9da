"""Taking and cancelling seats: the capacity rule under concurrency, waitlist promotion, signed links.

Both operations lock the session row first (`select_for_update`), so two people can never take
the last seat and a freed seat goes to exactly one waitlisted person. The emails they cause are
stored in the same transaction (training.emails) and sent by the worker.
"""

from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone

from .choices import RegistrationStatus
from .emails import queue_cancellation, queue_confirmation, queue_promotion

if TYPE_CHECKING:  # the models use this module's views, so it takes their rows and managers as arguments
    from .models import Registration

CLOSED_MESSAGE = "Registration for that session has closed. Please choose another session."
# Someone registering again gets the confirmation again, but at most this often: the form must
# not become a way to flood a registered person's inbox.
RESEND_INTERVAL = timedelta(minutes=15)


class RegistrationRefused(Exception):
    """The form was valid but the seat cannot be taken; the message is shown to the visitor."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.message = message
        self.field = field


def read_token(token, salt, registrations, max_age=None):
    """(registration among `registrations` or None, payload) for a signed token; raises
    signing.BadSignature if tampered or expired."""
    data = signing.loads(token, salt=salt, max_age=max_age)
    if not isinstance(data, dict) or not isinstance(data.get("r"), int):
        raise signing.BadSignature("Unexpected token payload")
    return registrations.select_related("session__level").filter(pk=data["r"]).first(), data


def registration_from_token(token, salt, registrations, max_age=None):
    """The registration among `registrations` a signed token names; raises signing.BadSignature if
    tampered or expired."""
    return read_token(token, salt, registrations, max_age)[0]


@dataclass
class Registered:
    """What the visitor is told (`shown_status`) is what anyone entering that address would be told."""

    registration: "Registration"
    shown_status: str
    already_registered: bool = False


def register(level, session_id, *, name, email, department, accommodation=""):
    """Take a seat in `session_id` (or a waitlist place when it is full) and queue the email.

    An address that already holds a place gets the same answer as a new one and its
    confirmation again, so the form never says whether someone is registered.
    """
    with transaction.atomic():
        session = level.sessions.select_for_update(of=("self",)).select_related("level").filter(pk=session_id).first()
        if session is None or not session.accepts_registrations:
            raise RegistrationRefused(CLOSED_MESSAGE, field="session")
        active = session.registrations.exclude(status=RegistrationStatus.CANCELLED)
        confirmed = active.filter(status=RegistrationStatus.CONFIRMED).count()
        status = RegistrationStatus.CONFIRMED if confirmed < session.capacity else RegistrationStatus.WAITLISTED
        existing = active.filter(email__iexact=email).first()
        if existing is None:
            try:
                with transaction.atomic():
                    registration = session.registrations.create(
                        name=name,
                        email=email,
                        department=department,
                        accommodation=accommodation,
                        status=status,
                    )
            except IntegrityError:  # a concurrent registration of the same address won the race
                existing = active.filter(email__iexact=email).first()
                if existing is None:
                    raise
        if existing is not None:
            existing.session = session
            resend_confirmation(existing)
            return Registered(existing, status, already_registered=True)
        registration.session = session
        queue_confirmation(registration)
    return Registered(registration, registration.status)


def resend_confirmation(registration):
    """Queue the confirmation again unless one went out (or is waiting) within RESEND_INTERVAL."""
    recent = registration.emails.filter(created_at__gte=timezone.now() - RESEND_INTERVAL)
    if not recent.exists():
        queue_confirmation(registration)


@dataclass
class CancelResult:
    registration: "Registration"
    already_cancelled: bool
    promoted: "Registration | None" = None


def cancel(registration):
    """Cancel a registration and tell the person; a freed confirmed seat goes to the first on the waitlist.

    The same for a self-cancel (the emailed link) and for a coordinator cancelling on someone's behalf.
    """
    with transaction.atomic():
        sessions = registration.session.level.sessions
        session = sessions.select_for_update(of=("self",)).select_related("level").get(pk=registration.session_id)
        registration = session.registrations.select_for_update().get(pk=registration.pk)
        registration.session = session
        if registration.status == RegistrationStatus.CANCELLED:
            return CancelResult(registration, already_cancelled=True)
        freed_seat = registration.status == RegistrationStatus.CONFIRMED
        registration.status = RegistrationStatus.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.save(update_fields=["status", "cancelled_at"])
        queue_cancellation(registration)
        promoted = None
        if freed_seat:
            promoted = promote_from_waitlist(session)
            if promoted is not None:
                queue_promotion(promoted)
    return CancelResult(registration, already_cancelled=False, promoted=promoted)


def promote_from_waitlist(session):
    """Confirm the longest-waiting person if a seat is free (the session row must be locked)."""
    confirmed = session.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
    if confirmed >= session.capacity:
        return None
    first = (
        session.registrations.select_for_update()
        .filter(status=RegistrationStatus.WAITLISTED)
        .order_by("created", "pk")
        .first()
    )
    if first is None:
        return None
    first.status = RegistrationStatus.CONFIRMED
    first.save(update_fields=["status"])
    first.session = session
    return first
