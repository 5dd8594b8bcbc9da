"""The training pages' sub-views: registration, confirmation, cancellation and calendar downloads.

Routed by the page models (RoutablePageMixin), so every URL lives under its level page.
"""

import logging
from datetime import timedelta

from django.core import signing
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control

from odi_site.calendars import calendar_response
from odi_site.public_forms import log_submission
from odi_site.rate_limits import hit_rate_limit
from odi_site.subpages import subpage_url
from pages.models import SiteSettings

from . import calendars
from .choices import RegistrationStatus
from .forms import RegistrationForm
from .links import CANCEL_LINK_GRACE, CANCEL_SALT, CONFIRMATION_MAX_AGE, CONFIRMATION_SALT, confirmation_token
from .registration import RegistrationRefused, cancel, read_token, register, registration_from_token

# Registrations per client (hashed address) per window; generous for a shared office connection.
RATE_LIMIT = 10
RATE_WINDOW_SECONDS = 10 * 60
# The feed keeps recent sessions for a while, so calendars don't drop them the moment they end.
FEED_KEEPS_PAST_DAYS = 30
FORM_NAME = "training-registration"
CANCEL_FORM_NAME = "training-cancellation"


# The confirmation page's heading for the status the form answered (None: no registration shown).
THANKS_HEADINGS = {
    RegistrationStatus.WAITLISTED: "You are on the waitlist",
    RegistrationStatus.CANCELLED: "This registration is cancelled",
    None: "Thank you for registering",
}
CANCEL_HEADINGS = {
    "confirm": "Cancel your registration",
    "done": "Your registration is cancelled",
    "already": "This registration was already cancelled",
    "past": "This session has already taken place",
}


def private(response):
    """Pages with personal details or a CSRF token must never be stored by a shared cache."""
    patch_cache_control(response, private=True, no_store=True)
    return response


def tokened(response):
    """A page opened from a link with a token: private, and the token never leaves in a Referer."""
    response["Referrer-Policy"] = "no-referrer"
    return private(response)


def level_page(request, page):
    """The level page; on POST, a registration (rate-limited, honeypot-checked, capacity-safe)."""
    request.is_preview = getattr(request, "is_preview", False)
    sessions = list(page.upcoming_sessions())
    if request.method == "POST":
        form = RegistrationForm(request.POST, sessions=sessions)
        valid = form.is_valid()
        if form.is_spam:
            # Look like success to the bot; nothing is stored or sent.
            log_submission(FORM_NAME, page, "honeypot")
            return redirect(subpage_url(page, "thanks", request=request))
        if not valid:
            log_submission(FORM_NAME, page, "invalid", error_fields=sorted(form.errors))
        # Only submissions that would store a registration and send an email count towards the
        # limit; someone correcting a mistake in the form is never locked out.
        if valid and hit_rate_limit(request, "training-registration", RATE_LIMIT, RATE_WINDOW_SECONDS):
            log_submission(FORM_NAME, page, "rate-limited", level=logging.WARNING)
            context = {"page": page, "heading": "Please wait a few minutes"}
            response = TemplateResponse(request, "training/rate_limited.html", context, status=429)
            response["Retry-After"] = str(RATE_WINDOW_SECONDS)
            return private(response)
        if valid:
            data = form.cleaned_data
            try:
                outcome = register(
                    page,
                    data["session"],
                    name=data["name"],
                    email=data["email"],
                    department=data["department"],
                    accommodation=data["accommodation"],
                )
            except RegistrationRefused as refusal:
                log_submission(FORM_NAME, page, "refused", error_fields=[refusal.field])
                # A closed session is a form-level message: a radio group has no single field to link to.
                form.add_error(refusal.field if refusal.field != "session" else None, refusal.message)
                sessions = list(page.upcoming_sessions())
                form.fields["session"].choices = RegistrationForm(sessions=sessions).fields["session"].choices
            else:
                registration = outcome.registration
                if outcome.already_registered:
                    log_submission(FORM_NAME, page, "already-registered", record_id=registration.pk)
                else:
                    log_submission(FORM_NAME, page, "stored", record_id=registration.pk, status=registration.status)
                # For an address registered before, the page shows what a new registrant would see.
                shown = outcome.shown_status if outcome.already_registered else None
                token = confirmation_token(registration, shown)
                return redirect(subpage_url(page, "thanks", request=request, query={"token": token}))
    else:
        form = RegistrationForm(sessions=sessions)
    return private(page.render(request, context_overrides={"form": form, "sessions": sessions}))


def link_problem(request, page, heading, message, status=400):
    context = {
        "page": page,
        "heading": heading,
        "message": message,
        "help_email": SiteSettings.for_request(request).email,
    }
    return tokened(TemplateResponse(request, "message_page.html", context, status=status))


def registration_thanks(request, page):
    """After registering: confirmed or waitlisted, from a signed token (no token: a general thank-you)."""
    registration = None
    shown_status = None
    token = request.GET.get("token")
    if token:
        try:
            registration, payload = read_token(
                token, CONFIRMATION_SALT, page.registrations(), max_age=CONFIRMATION_MAX_AGE
            )
        except signing.BadSignature:
            return link_problem(
                request,
                page,
                "This confirmation link is not valid",
                "The link is incomplete or has expired. Your confirmation email has all the details of your registration.",
            )
        if registration is not None and registration.session.level_id != page.pk:
            registration = None
        # What the form answered, not the registration's state now (which may be someone else's).
        shown_status = payload.get("s") if registration else None
    status = shown_status or (registration.status if registration else None)
    context = {
        "page": page,
        "registration": registration,
        "status": status,
        "heading": THANKS_HEADINGS.get(status, THANKS_HEADINGS[None]),
    }
    return tokened(TemplateResponse(request, "training/registration_thanks.html", context))


def cancel_registration(request, page):
    """GET shows what will be cancelled and a button; only POST cancels (and promotes the waitlist).

    The link stops working CANCEL_LINK_GRACE after the session ends.
    """
    token = request.POST.get("token") if request.method == "POST" else request.GET.get("token")
    try:
        registration = registration_from_token(token or "", CANCEL_SALT, page.registrations())
    except signing.BadSignature:
        return link_problem(
            request,
            page,
            "This cancellation link is not valid",
            "The link may have been cut off or changed. Open the link from your confirmation email again, "
            "or contact the office and we will cancel it for you.",
        )
    if registration is not None and timezone.now() > registration.session.end + CANCEL_LINK_GRACE:
        return link_problem(
            request,
            page,
            "This cancellation link has expired",
            "The session it was for took place some time ago, so there is nothing left to cancel.",
            status=410,
        )
    if registration is None or registration.session.level_id != page.pk:
        return link_problem(
            request,
            page,
            "We could not find this registration",
            "It may have been removed after the session took place. Nothing else needs to be done.",
            status=404,
        )
    context = {"page": page, "registration": registration, "session": registration.session, "token": token}
    if registration.status == RegistrationStatus.CANCELLED:
        context["state"] = "done" if request.GET.get("done") else "already"
    elif not registration.session.is_upcoming:
        context["state"] = "past"
    elif request.method == "POST":
        result = cancel(registration)
        if not result.already_cancelled:
            log_submission(CANCEL_FORM_NAME, page, "cancelled", record_id=registration.pk)
            return redirect(subpage_url(page, "cancel", request=request, query={"token": token, "done": 1}))
        context["state"] = "already"
    else:
        context["state"] = "confirm"
    context["heading"] = CANCEL_HEADINGS[context["state"]]
    return tokened(TemplateResponse(request, "training/cancel_registration.html", context))


def session_calendar(request, sessions, session_id):
    """One session's .ics, among `sessions` (those of the program's live levels)."""
    session = (
        sessions.filter(pk=session_id).first()
        if session_id.isascii() and session_id.isdigit()  # isdigit() alone accepts "²", which int() refuses
        else None
    )
    if session is None:
        raise Http404("No such session")
    level = session.level
    item = calendars.session_item(session, level, request.build_absolute_uri(level.get_url(request)))
    return calendar_response(level.title, [item], f"{level.slug}-{timezone.localtime(session.start):%Y-%m-%d}")


def program_calendar(request, program, sessions):
    """The program's feed: `sessions` (those of its live levels) that ended at most
    FEED_KEEPS_PAST_DAYS ago, soonest first."""
    sessions = sessions.filter(end__gte=timezone.now() - timedelta(days=FEED_KEEPS_PAST_DAYS)).order_by("start", "pk")
    items = calendars.program_items(sessions, lambda level: request.build_absolute_uri(level.get_url(request)))
    return calendar_response(program.title, items, "training")
