"""Taking and cancelling seats: the capacity rule under concurrency, waitlist promotion, signed links.

Both operations lock the session row first (`select_for_update`), so two people can never take
the last seat and a freed seat goes to exactly one waitlisted person.
"""

from dataclasses import dataclass

from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone

from .choices import RegistrationStatus
from .emails import send_confirmation, send_promotion
from .models import Registration, TrainingSession

CANCEL_SALT = "training.registration.cancel"
CONFIRMATION_SALT = "training.registration.confirmation"
# The confirmation page is for right after registering; the email has everything for later.
CONFIRMATION_MAX_AGE = 60 * 60 * 24 * 7

DUPLICATE_MESSAGE = (
    "This email address is already registered for that session. Check your inbox for the confirmation, "
    "or choose another session."
)
CLOSED_MESSAGE = "Registration for that session has closed. Please choose another session."


class RegistrationRefused(Exception):
    """The form was valid but the seat cannot be taken; the message is shown to the visitor."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.message = message
        self.field = field


def cancel_token(registration):
    return signing.dumps({"r": registration.pk}, salt=CANCEL_SALT)


def confirmation_token(registration):
    return signing.dumps({"r": registration.pk}, salt=CONFIRMATION_SALT)


def registration_from_token(token, salt, max_age=None):
    """The registration a signed token names; raises signing.BadSignature if tampered or expired."""
    data = signing.loads(token, salt=salt, max_age=max_age)
    if not isinstance(data, dict) or not isinstance(data.get("r"), int):
        raise signing.BadSignature("Unexpected token payload")
    return Registration.objects.select_related("session__level").filter(pk=data["r"]).first()


def register(level, session_id, *, name, email, department, accommodation="", links=None):
    """Take a seat in `session_id` (or a waitlist place when it is full) and email the person.

    `links(registration)` returns (page_url, cancel_url) for the email.
    """
    with transaction.atomic():
        session = TrainingSession.objects.select_for_update().filter(pk=session_id, level=level).first()
        if session is None or not session.accepts_registrations:
            raise RegistrationRefused(CLOSED_MESSAGE, field="session")
        active = session.registrations.exclude(status=RegistrationStatus.CANCELLED)
        if active.filter(email__iexact=email).exists():
            raise RegistrationRefused(DUPLICATE_MESSAGE, field="email")
        confirmed = active.filter(status=RegistrationStatus.CONFIRMED).count()
        status = RegistrationStatus.CONFIRMED if confirmed < session.capacity else RegistrationStatus.WAITLISTED
        try:
            with transaction.atomic():
                registration = Registration.objects.create(
                    session=session,
                    name=name,
                    email=email,
                    department=department,
                    accommodation=accommodation,
                    status=status,
                )
        except IntegrityError:  # a concurrent duplicate slipped past the check above
            raise RegistrationRefused(DUPLICATE_MESSAGE, field="email") from None
        registration.session = session
        session.level = level
        if links is not None:
            transaction.on_commit(lambda: send_confirmation(registration, *links(registration)))
    return registration


@dataclass
class CancelResult:
    registration: Registration
    already_cancelled: bool
    promoted: Registration | None = None


def cancel(registration_id, links=None):
    """Cancel a registration; a freed confirmed seat goes to the first person on the waitlist."""
    with transaction.atomic():
        session_id = Registration.objects.filter(pk=registration_id).values_list("session_id", flat=True).first()
        session = TrainingSession.objects.select_for_update().select_related("level").get(pk=session_id)
        registration = Registration.objects.select_for_update().get(pk=registration_id)
        registration.session = session
        if registration.status == RegistrationStatus.CANCELLED:
            return CancelResult(registration, already_cancelled=True)
        freed_seat = registration.status == RegistrationStatus.CONFIRMED
        registration.status = RegistrationStatus.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.save(update_fields=["status", "cancelled_at"])
        promoted = None
        if freed_seat:
            promoted = promote_from_waitlist(session)
            if promoted is not None and links is not None:
                transaction.on_commit(lambda: send_promotion(promoted, *links(promoted)))
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
