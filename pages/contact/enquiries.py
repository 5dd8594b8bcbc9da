"""The contact page's general enquiry form: validation, storage and the office's copy.

The submit cycle (honeypot, rate limit, one transaction, redirect) is the one every public form
shares (odi_site.public_forms.handle_public_form). No email goes to the visitor: the
confirmation page says the message arrived, and a copy to an address nobody has verified would
let anyone make the office mail strangers.
"""

import logging

from django import forms

from odi_site.public_forms import HoneypotFormMixin, NoMarkupMixin, PersonNameField, handle_public_form

from ..choices import EnquirySubject
from ..mail import queue_email

logger = logging.getLogger(__name__)

# As for consultation requests: five an hour per visitor is plenty for people, little use to a bot.
RATE_LIMIT = 5
RATE_LIMIT_WINDOW = 60 * 60
FORM_NAME = "contact-enquiry"
SINGLE_LINE_FIELDS = ("name", "phone")
PHONE_CHARACTERS = set("0123456789 +-().")


class EnquiryForm(NoMarkupMixin, HoneypotFormMixin):
    """What the office needs to answer a general question."""

    name = PersonNameField(max_length=120, widget=forms.TextInput(attrs={"autocomplete": "name"}))
    email = forms.EmailField(
        max_length=254,
        help_text="We reply to this address.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        max_length=40,
        required=False,
        label="Phone (optional)",
        help_text="Only if you would like a call back.",
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    subject = forms.ChoiceField(
        label="What is your enquiry about?", choices=[("", "Choose one"), *EnquirySubject.choices]
    )
    message = forms.CharField(
        max_length=3000,
        label="Your message",
        help_text="Up to 3,000 characters. Please do not include health or other sensitive details.",
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def clean_phone(self):
        phone = " ".join(self.cleaned_data["phone"].split())
        if phone and (not set(phone) <= PHONE_CHARACTERS or sum(char.isdigit() for char in phone) < 7):
            raise forms.ValidationError(
                "Please give a phone number of digits, spaces and + - ( ) only, or leave it empty."
            )
        return phone

    def clean_message(self):
        message = self.cleaned_data["message"].strip()
        if len(message) < 10:
            raise forms.ValidationError("Please tell us a little more, so we can answer your enquiry.")
        return message

    def clean(self):
        cleaned = super().clean()
        for name in SINGLE_LINE_FIELDS:
            value = cleaned.get(name)
            if value and any(char in value for char in "\r\n\t"):
                self.add_error(name, "Please keep this to one line.")
        return cleaned


def notify_office(recipient, enquiry):
    """Queue the enquiry for the office inbox (the visitor's address as Reply-To); call inside the
    transaction that stores it. Only the Office enquiries group can change `recipient`."""
    if not recipient:
        logger.warning("Enquiry %s stored but not emailed: no address configured", enquiry.pk)
        return None
    lines = [
        "A new enquiry has arrived through the contact page.",
        "",
        f"Name: {enquiry.name}",
        f"Email: {enquiry.email}",
        f"Phone: {enquiry.phone or '(not given)'}",
        f"About: {enquiry.get_subject_display()}",
        "",
        enquiry.message,
        "",
        "Reply to this email to answer, then mark the enquiry as handled in the site admin under Enquiries.",
    ]
    return queue_email(
        enquiry,
        kind="Enquiry to the office",
        to=recipient,
        reply_to=enquiry.email,
        subject=f"Enquiry: {enquiry.get_subject_display()}",
        body="\n".join(lines),
    )


def handle_enquiry(page, request, enquiries):
    """The enquiry form's submit cycle; `enquiries` is the manager of the model it stores into and
    `page.enquiry_recipient(request)` the office inbox (from the enquiry settings)."""

    def store(data):
        enquiry = enquiries.create(
            name=data["name"],
            email=data["email"],
            phone=data["phone"],
            subject=data["subject"],
            message=data["message"],
        )
        notify_office(page.enquiry_recipient(request), enquiry)
        return enquiry

    return handle_public_form(
        page, request, EnquiryForm, name=FORM_NAME, rate_limit=RATE_LIMIT, rate_window=RATE_LIMIT_WINDOW, store=store
    )
