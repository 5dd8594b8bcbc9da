"""Shared protection for public forms: a honeypot field, plain names and text, a log line, and
the one submit cycle every stored public form goes through (`handle_public_form`).

Every public form (consultation requests, contact enquiries, training registrations, ...) uses
these so abuse handling and what the logs may hold are the same everywhere and tested once.
"""

import logging
import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.forms.renderers import Jinja2
from django.template.response import TemplateResponse

from .caching.page_cache import private
from .rate_limits import hit_rate_limit

logger = logging.getLogger(__name__)

HONEYPOT_FIELD = "website"
SPAM_MESSAGE = "Your submission could not be accepted. Please check the form and try again."
# Public forms draw their widgets with Django's Jinja2 form renderer: the markup of Django's own
# widget templates (its Jinja2 copies; only whitespace differs) at about half the cost, and on a
# form page those widgets were half the template time (bench/run.py). One instance, so its
# engine is built once; the admin's forms keep the default renderer.
PUBLIC_FORM_RENDERER = Jinja2()


class HoneypotFormMixin(forms.Form):
    """Adds a field people never see (hidden with CSS) but bots fill in; a filled one rejects the form."""

    default_renderer = PUBLIC_FORM_RENDERER
    website = forms.CharField(
        required=False,
        max_length=200,
        label="Leave this field empty",
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean_website(self):
        if self.cleaned_data.get(HONEYPOT_FIELD):
            raise ValidationError(SPAM_MESSAGE, code="honeypot")
        return ""

    @property
    def is_spam(self):
        return HONEYPOT_FIELD in self.errors


# A name is echoed in emails to addresses nobody has verified, so it may hold nothing a message
# could use: letters, spaces, hyphens, apostrophes, and a full stop after an initial ("J. Doe").
NAME_PUNCTUATION = set(" -'’")
NAME_MAX_WORDS = 6
NAME_MESSAGE = (
    "Please give your name as you would sign it: letters, spaces, hyphens and apostrophes only "
    f"(no numbers, addresses or links), up to {NAME_MAX_WORDS} words."
)


def validate_person_name(value):
    words = value.split()
    if not words or len(words) > NAME_MAX_WORDS or not any(char.isalpha() for char in value):
        raise ValidationError(NAME_MESSAGE, code="name")
    for index, char in enumerate(value):
        if char == ".":
            # Only closing an initial or an abbreviation: "J.", "Jr." but never "example.com".
            after = value[index + 1 : index + 2]
            if not (index and value[index - 1].isalpha() and after in ("", " ")):
                raise ValidationError(NAME_MESSAGE, code="name")
        elif not (char in NAME_PUNCTUATION or unicodedata.category(char)[0] in "LM"):
            raise ValidationError(NAME_MESSAGE, code="name")


class PersonNameField(forms.CharField):
    """A person's name, spaces normalised and checked by `validate_person_name`."""

    default_validators = [validate_person_name]

    def to_python(self, value):
        return " ".join(super().to_python(value).split())


class NoMarkupMixin:
    """Refuses angle brackets in free-text fields: the site accepts plain text only."""

    def clean(self):
        cleaned = super().clean()
        for name, value in list(cleaned.items()):
            if isinstance(value, str) and ("<" in value or ">" in value):
                self.add_error(name, "Please use plain text only, without < or > characters.")
        return cleaned


def log_submission(form_name, page, outcome, level=logging.INFO, **context):
    """One log line per public-form submission: which form, page and outcome, plus `context`
    such as invalid field names or the stored record's id; never what the visitor typed or
    their address, which are personal data."""
    logger.log(
        level,
        "%s form on page %s: %s%s",
        form_name,
        page.pk,
        outcome,
        f" {context}" if context else "",
        extra={"form": form_name, "page_id": page.pk, "outcome": outcome, **context},
    )


def render_form_page(page, request, form, status=200):
    """`page` with `form` in its context: private, as the form carries the visitor's own CSRF token."""
    context = page.get_context(request)
    context["form"] = form
    return private(TemplateResponse(request, page.get_template(request), context, status=status))


def handle_public_form(page, request, form_class, *, name, rate_limit, rate_window, store):
    """GET shows the blank form; POST validates, checks the honeypot and the visitor's rate limit,
    stores and redirects to the page's confirmation.

    `store(cleaned_data)` creates the record and queues its emails (pages.mail.queue_email); it
    runs in one transaction, so the emails exist if and only if the record does, and are sent
    once it commits. Refusals store nothing: invalid input shows the form with its errors; a
    filled honeypot looks like success to the bot but is dropped; over `rate_limit` stored
    submissions in `rate_window` seconds, a 429 page. `name` names the form in the logs and the
    rate limit. `page` provides `render_form(request, form)`, `thanks_redirect()`,
    `get_context(request)` and `help_email(request)` (shown to visitors who are refused).
    """
    if request.method != "POST":
        return page.render_form(request, form_class())
    form = form_class(request.POST)
    if form.is_spam:
        log_submission(name, page, "honeypot")
        return page.thanks_redirect()
    if not form.is_valid():
        log_submission(name, page, "invalid", error_fields=sorted(form.errors))
        return page.render_form(request, form)
    # Only submissions that would be stored count: corrected typos never lock anyone out.
    if hit_rate_limit(request, name, rate_limit, rate_window):
        log_submission(name, page, "rate-limited", level=logging.WARNING)
        return rate_limited(page, request, rate_window)
    with transaction.atomic():
        record = store(form.cleaned_data)
    log_submission(name, page, "stored", record_id=record.pk)
    return page.thanks_redirect()


def rate_limited(page, request, window_seconds):
    """The polite 429 page: what happened, when to try again, and an address to write to instead."""
    hours = max(window_seconds // 3600, 1)
    period, wait = ("hour", "an hour") if hours == 1 else (f"{hours} hours", f"{hours} hours")
    context = page.get_context(request)
    context.update(
        heading="Please try again later",
        message=(
            f"We have received several submissions from your connection in the last {period}, so we cannot "
            f"accept another one right now. Please try again in {wait}, or email the office instead."
        ),
        help_email=page.help_email(request),
    )
    response = private(TemplateResponse(request, "message_page.html", context, status=429))
    response["Retry-After"] = str(window_seconds)
    return response
