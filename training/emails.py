"""Emails to registrants: confirmation (or waitlist place), promotion, cancellation and reminder.

Each is stored with its registration (pages.mail.queue_email, inside the caller's transaction)
and sent by the worker. The person's address is one nobody has verified, so the messages carry
no free text from the form: only the name, which the form checks is a plain name.
"""

from django.template.loader import render_to_string
from django.utils import timezone

from pages.mail import queue_email

from .calendars import session_calendar
from .choices import RegistrationStatus
from .links import cancel_url, level_url


def _queue(registration, kind, template, subject, with_calendar=True):
    session = registration.session
    level = session.level
    page_url = level_url(level)
    context = {
        "registration": registration,
        "session": session,
        "level": level,
        "start": timezone.localtime(session.start),
        "end": timezone.localtime(session.end),
        "page_url": page_url,
        "cancel_url": cancel_url(registration),
    }
    attachment = (
        ("training-session.ics", session_calendar(session, level, page_url).decode(), "text/calendar")
        if with_calendar
        else None
    )
    return queue_email(
        registration,
        kind=kind,
        to=registration.email,
        subject=subject,
        body=render_to_string(template, context),
        attachment=attachment,
    )


def queue_confirmation(registration):
    title = registration.session.level.title
    if registration.status == RegistrationStatus.WAITLISTED:
        return _queue(
            registration, "Waitlist place", "training/emails/registration.txt", f"You are on the waitlist for {title}"
        )
    return _queue(
        registration,
        "Registration confirmation",
        "training/emails/registration.txt",
        f"Your place in {title} is confirmed",
    )


def queue_promotion(registration):
    subject = f"A place opened up: you are confirmed for {registration.session.level.title}"
    return _queue(registration, "Promotion from the waitlist", "training/emails/promotion.txt", subject)


def queue_cancellation(registration):
    subject = f"Your registration for {registration.session.level.title} is cancelled"
    return _queue(registration, "Cancellation", "training/emails/cancellation.txt", subject, with_calendar=False)


def queue_reminder(registration):
    subject = (
        f"Reminder: {registration.session.level.title} on {timezone.localtime(registration.session.start):%A %-d %B}"
    )
    return _queue(registration, "Reminder", "training/emails/reminder.txt", subject)
