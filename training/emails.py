"""Emails to registrants: confirmation (or waitlist place) and promotion, each with the session's .ics."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import timezone

from .calendars import session_calendar

logger = logging.getLogger(__name__)


def _send(registration, page_url, cancel_url, template, subject):
    session = registration.session
    level = session.level
    context = {
        "registration": registration,
        "session": session,
        "level": level,
        "start": timezone.localtime(session.start),
        "end": timezone.localtime(session.end),
        "page_url": page_url,
        "cancel_url": cancel_url,
    }
    message = EmailMessage(
        subject=subject,
        body=render_to_string(template, context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[registration.email],
    )
    message.attach("training-session.ics", session_calendar(session, level, page_url), "text/calendar")
    try:
        message.send()
    except OSError as error:  # SMTP errors included
        # The seat is taken (or freed) either way and the page showed it; a failure here must not
        # turn that into an error page. Only the error's type is logged: mail servers name the
        # refused addresses in their messages.
        logger.error(
            "Training email %r for registration %s not sent: %s",
            template,
            registration.pk,
            type(error).__name__,
            extra={"registration_id": registration.pk},
        )


def send_confirmation(registration, page_url, cancel_url):
    waitlisted = registration.status == "waitlisted"
    title = registration.session.level.title
    subject = f"You are on the waitlist for {title}" if waitlisted else f"Your place in {title} is confirmed"
    _send(registration, page_url, cancel_url, "training/emails/registration.txt", subject)


def send_promotion(registration, page_url, cancel_url):
    subject = f"A place opened up: you are confirmed for {registration.session.level.title}"
    _send(registration, page_url, cancel_url, "training/emails/promotion.txt", subject)
