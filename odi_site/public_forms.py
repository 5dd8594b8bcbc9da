"""Shared protection for public forms: a honeypot field, plain names and text, and a log line.

Every public form (consultation requests, training registrations, ...) uses these so abuse
handling and what the logs may hold are the same everywhere and tested once.
"""

import logging
import unicodedata

from django import forms
from django.core.exceptions import ValidationError

logger = logging.getLogger(__name__)

HONEYPOT_FIELD = "website"
SPAM_MESSAGE = "Your submission could not be accepted. Please check the form and try again."


class HoneypotFormMixin(forms.Form):
    """Adds a field people never see (hidden with CSS) but bots fill in; a filled one rejects the form."""

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
