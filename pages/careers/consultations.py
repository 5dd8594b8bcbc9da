"""The career consultation request form: validation, storage, the office's email and abuse handling."""

import logging

from django import forms

from odi_site.public_forms import HoneypotFormMixin, NoMarkupMixin, PersonNameField, handle_public_form

from ..choices import ConsultationRole, ConsultationTopic
from ..mail import queue_email

logger = logging.getLogger(__name__)

# Five requests an hour per client is plenty for people and little use to a bot.
RATE_LIMIT = 5
RATE_LIMIT_WINDOW = 60 * 60
FORM_NAME = "career-consultation"
SINGLE_LINE_FIELDS = ("name", "department")


class ConsultationForm(NoMarkupMixin, HoneypotFormMixin):
    """What the career development specialist needs to arrange a first consultation."""

    name = PersonNameField(max_length=120, widget=forms.TextInput(attrs={"autocomplete": "name"}))
    email = forms.EmailField(
        max_length=254,
        label="Work email",
        help_text="We reply to this address.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    # A select, not radio buttons: one element carries the error, so the error summary can link to it.
    role = forms.ChoiceField(label="Your role", choices=[("", "Choose one"), *ConsultationRole.choices])
    department = forms.CharField(
        max_length=150,
        help_text="For example “Pediatrics” or “Human Resources”.",
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    topics = forms.MultipleChoiceField(
        label="What would you like to talk about?",
        choices=ConsultationTopic.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Choose any that apply.",
    )
    other_topics = forms.CharField(
        max_length=1000,
        required=False,
        label="Anything else we should know",
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    preferred_times = forms.CharField(
        max_length=500,
        label="When are you usually free?",
        help_text="Days and times that suit you, e.g. “Tuesday or Thursday mornings”.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        cleaned = super().clean()
        for name in SINGLE_LINE_FIELDS:
            value = cleaned.get(name)
            if value and any(char in value for char in "\r\n\t"):
                self.add_error(name, "Please keep this to one line.")
        if not cleaned.get("topics") and not cleaned.get("other_topics") and not self.has_error("other_topics"):
            self.add_error(
                "other_topics", "Choose at least one topic above, or say here what you would like to talk about."
            )
        return cleaned


def notify_office(page, request, consultation):
    """Queue the new request for the office (the requester's address as Reply-To) and a short
    acknowledgement for the requester; call inside the transaction that stores the request."""
    # Only the page's own field, which only Career services and administrators may change: the
    # site settings' office address is editable by approvers, who must not redirect personal data.
    recipient = page.consultation_email
    if not recipient:
        logger.warning("Consultation request %s stored but not emailed: no address configured", consultation.pk)
    else:
        lines = [
            "A new career consultation request has arrived.",
            "",
            f"Name: {consultation.name}",
            f"Work email: {consultation.email}",
            f"Role: {consultation.get_role_display()}",
            f"Department: {consultation.department}",
            f"Topics: {consultation.get_topics_display() or '(none chosen)'}",
            f"Anything else: {consultation.other_topics or '(nothing)'}",
            f"Preferred times: {consultation.preferred_times}",
            "",
            "Update its status in the site admin under Consultation requests.",
        ]
        queue_email(
            consultation,
            kind="Notice to the office",
            to=recipient,
            reply_to=consultation.email,
            subject="New career consultation request",
            body="\n".join(lines),
        )
    # Sent to an address nobody has verified: the checked name and the office's own words only,
    # never what the requester typed elsewhere on the form.
    queue_email(
        consultation,
        kind="Acknowledgement to the requester",
        to=consultation.email,
        reply_to=recipient or "",
        subject="We have received your career consultation request",
        body="\n".join(
            [
                f"Hello {consultation.name},",
                "",
                "Thank you: your request for a career consultation has reached the office.",
                page.thanks_text,
                "",
                "If you did not send this request, you can ignore this email.",
            ]
        ),
    )


def handle_request(page, request, requests):
    """The consultation form's submit cycle (odi_site.public_forms.handle_public_form); `requests`
    is the manager of the consultation request model the page stores into."""

    def store(data):
        consultation = requests.create(
            name=data["name"],
            email=data["email"],
            role=data["role"],
            department=data["department"],
            topics=data["topics"],
            other_topics=data["other_topics"],
            preferred_times=data["preferred_times"],
        )
        notify_office(page, request, consultation)
        return consultation

    return handle_public_form(
        page,
        request,
        ConsultationForm,
        name=FORM_NAME,
        rate_limit=RATE_LIMIT,
        rate_window=RATE_LIMIT_WINDOW,
        store=store,
    )
