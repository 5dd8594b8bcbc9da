"""Newsletter sign-up with double opt-in: the form, the confirmation email, confirm, unsubscribe, purge.

The form is protected like every public form (odi_site.public_forms, odi_site.rate_limits). What
a visitor sees never tells whether an address is subscribed: every valid sign-up gets the same
thanks page; a pending one is sent its confirmation again, a confirmed one nothing. Links from
emails open a page with a button: only the POST changes anything, so link scanners that follow
every URL in a message neither confirm nor unsubscribe anyone.
"""

import logging
from datetime import timedelta

from django import forms
from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control

from odi_site.caching.page_cache import private
from odi_site.public_forms import HoneypotFormMixin, NoMarkupMixin, PersonNameField, log_submission
from odi_site.rate_limits import hit_rate_limit

from ..choices import SubscriberStatus
from ..mail import queue_email
from . import links

logger = logging.getLogger(__name__)

RATE_LIMIT = 5
RATE_LIMIT_WINDOW = 60 * 60
FORM_NAME = "newsletter-signup"
# A pending address is sent its confirmation again at most this often, however many visitors
# (each under their own rate limit) ask: nobody can flood someone's inbox through the form.
RESEND_AFTER = timedelta(minutes=10)
CONFIRM = "confirm"
UNSUBSCRIBE = "unsubscribe"


class SignupForm(NoMarkupMixin, HoneypotFormMixin):
    """An address, an optional name, and the consent the checkbox states in the page's own words."""

    email = forms.EmailField(
        max_length=254, label="Email address", widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    name = PersonNameField(
        max_length=120,
        required=False,
        label="Your name",
        help_text="Only used to greet you in the emails.",
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    consent = forms.BooleanField(
        error_messages={"required": "Tick the box to say you want the newsletter: we only send it to people who ask."}
    )

    def __init__(self, *args, consent_label, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent"].label = consent_label
        # The honeypot last, after the fields people fill in.
        self.order_fields(["email", "name", "consent"])

    def clean_name(self):
        name = self.cleaned_data["name"]
        if any(char in name for char in "\r\n\t"):
            raise forms.ValidationError("Please keep this to one line.")
        return name


def send_confirmation(page, subscriber):
    """Queue the email with the confirm link; call inside the transaction that stores the sign-up."""
    greeting = f"Hello {subscriber.name}," if subscriber.name else "Hello,"
    queue_email(
        subscriber,
        kind="Newsletter confirmation",
        to=subscriber.email,
        subject=f"Please confirm your subscription: {page.title}",
        body="\n".join(
            [
                greeting,
                "",
                f"Someone, probably you, asked for this address to receive {page.title}.",
                "To confirm, open this link and press the button on the page:",
                links.confirm_url(page, subscriber),
                "",
                f"If you did not ask, ignore this email: nothing will be sent to you, and the request is deleted "
                f"after {settings.NEWSLETTER_PENDING_DAYS} days.",
                "",
                "To stop all emails from this newsletter, including this one:",
                links.unsubscribe_url(page, subscriber),
            ]
        ),
        headers=links.unsubscribe_headers(page, subscriber),
    )


def sign_up(page, subscribers, email, name):
    """Store or refresh the sign-up for `email` and queue what it needs; returns what happened."""
    now = timezone.now()
    with transaction.atomic():
        subscriber = subscribers.select_for_update().filter(email__iexact=email).first()
        if subscriber is None:
            try:
                with transaction.atomic():
                    subscriber = subscribers.create(
                        email=email, name=name, consent_text=page.consent_label, created_at=now, requested_at=now
                    )
            except IntegrityError:  # the same address, signed up a moment ago by a parallel request
                return "existing"
            send_confirmation(page, subscriber)
            return "new"
        if subscriber.status == SubscriberStatus.CONFIRMED:
            return "confirmed"
        if subscriber.status == SubscriberStatus.PENDING and subscriber.requested_at > now - RESEND_AFTER:
            return "sent-recently"
        if subscriber.status == SubscriberStatus.UNSUBSCRIBED:
            # A fresh consent: new wording on record, and a new key retires the links of old emails.
            subscriber.status = SubscriberStatus.PENDING
            subscriber.consent_text = page.consent_label
            subscriber.name = name
            subscriber.token_key = links.new_token_key()
            subscriber.unsubscribed_at = None
            subscriber.confirmed_at = None
        subscriber.requested_at = now
        subscriber.save()
        send_confirmation(page, subscriber)
        return "resent"


def handle_signup(page, request, subscribers):
    """GET shows the form; POST validates, stores and emails, then shows the same thanks to everyone."""
    if request.method != "POST":
        return page.render_form(request, SignupForm(consent_label=page.consent_label))
    form = SignupForm(request.POST, consent_label=page.consent_label)
    if form.is_spam:
        log_submission(FORM_NAME, page, "honeypot")
        return page.thanks_redirect()
    if not form.is_valid():
        log_submission(FORM_NAME, page, "invalid", error_fields=sorted(form.errors))
        return page.render_form(request, form)
    if hit_rate_limit(request, "newsletter", RATE_LIMIT, RATE_LIMIT_WINDOW):
        log_submission(FORM_NAME, page, "rate-limited", level=logging.WARNING)
        context = page.get_context(request)
        context.update(
            heading="Please try again later",
            message=(
                "We have received several sign-ups from your connection in the last hour, so we cannot accept "
                "another one right now. Please try again in an hour."
            ),
            help_email=page.help_email(request),
        )
        return private(TemplateResponse(request, "message_page.html", context, status=429))
    data = form.cleaned_data
    outcome = sign_up(page, subscribers, data["email"], data["name"])
    # The outcome is for the log only: the visitor sees the same page whatever it was.
    log_submission(FORM_NAME, page, "stored", signup=outcome)
    return page.thanks_redirect()


LINK_PAGES = {
    CONFIRM: {
        "salt": links.CONFIRM_SALT,
        "ask": ("Confirm your subscription", "Press the button to start receiving the newsletter.", "Confirm"),
        "done": ("You are subscribed", "Thank you for confirming. Every email has a link to unsubscribe."),
        "already": ("You are already subscribed", "This address already receives the newsletter."),
    },
    UNSUBSCRIBE: {
        "salt": links.UNSUBSCRIBE_SALT,
        "ask": (
            "Unsubscribe from the newsletter",
            "Press the button and we will send you no more emails.",
            "Unsubscribe",
        ),
        "done": ("You are unsubscribed", "We will send no more newsletters to this address."),
        "already": ("You are unsubscribed", "This address receives no newsletters from us."),
    },
}
INVALID_LINK = (
    "This link does not work",
    "It may be incomplete, or older than the latest email we sent you. Confirmation links stop working "
    f"after {settings.NEWSLETTER_PENDING_DAYS} days; you can sign up again on the newsletter page.",
)


def apply(action, subscriber):
    """Confirm or unsubscribe; False when there was nothing to change."""
    now = timezone.now()
    if action == CONFIRM:
        if subscriber.status != SubscriberStatus.PENDING:
            return False
        subscriber.status, subscriber.confirmed_at = SubscriberStatus.CONFIRMED, now
    else:
        if subscriber.status == SubscriberStatus.UNSUBSCRIBED:
            return False
        subscriber.status, subscriber.unsubscribed_at = SubscriberStatus.UNSUBSCRIBED, now
    subscriber.save(update_fields=["status", "confirmed_at", "unsubscribed_at"])
    return True


def tokened(response):
    """A page opened from a link with a token: never cached or shared, and no Referer carries it on."""
    response["Referrer-Policy"] = "no-referrer"
    patch_cache_control(response, private=True, no_store=True)
    return response


def handle_link(page, request, subscribers, action):
    """GET: a page with one button (token from the query string); POST (token in the body): do it."""
    spec = LINK_PAGES[action]
    token = request.POST.get("token") if request.method == "POST" else request.GET.get("token")
    subscriber = links.subscriber_from_token(token, spec["salt"], subscribers)
    context = page.get_context(request)
    if action == CONFIRM and subscriber is not None and subscriber.status == SubscriberStatus.UNSUBSCRIBED:
        subscriber = None  # an old confirm link must not undo an unsubscribe
    if subscriber is None:
        heading, message = INVALID_LINK
        context.update(heading=heading, message=message)
        return tokened(TemplateResponse(request, "message_page.html", context, status=400))
    if request.method == "POST":
        with transaction.atomic():
            changed = apply(action, subscribers.select_for_update().get(pk=subscriber.pk))
        heading, message = spec["done" if changed else "already"]
        logger.info("Newsletter subscriber %s: %s%s", subscriber.pk, action, "" if changed else " (no change)")
        context.update(heading=heading, message=message)
        return tokened(TemplateResponse(request, "message_page.html", context))
    heading, message, button = spec["ask"]
    context.update(heading=heading, message=message, token=token, button=button, action=action)
    return tokened(TemplateResponse(request, "pages/newsletter_link.html", context))


def one_click_unsubscribe(subscribers, token):
    """RFC 8058: a mail client POSTs `List-Unsubscribe=One-Click`; True if the token named someone."""
    subscriber = links.subscriber_from_token(token, links.UNSUBSCRIBE_SALT, subscribers)
    if subscriber is None:
        return False
    with transaction.atomic():
        apply(UNSUBSCRIBE, subscribers.select_for_update().get(pk=subscriber.pk))
    logger.info("Newsletter subscriber %s: one-click unsubscribe", subscriber.pk)
    return True


def purge_pending(subscribers):
    """Delete sign-ups left unconfirmed for NEWSLETTER_PENDING_DAYS, with their emails; returns how many."""
    cutoff = timezone.now() - timedelta(days=settings.NEWSLETTER_PENDING_DAYS)
    stale = subscribers.filter(status=SubscriberStatus.PENDING, requested_at__lt=cutoff)
    # Their confirmation emails (which hold the address) go with them, through the generic relation.
    _, deleted = stale.delete()
    return deleted.get(subscribers.model._meta.label, 0)
