"""The public registration form on a level page."""

from django import forms
from django.utils import timezone

from odi_site.public_forms import HoneypotFormMixin, NoMarkupMixin, PersonNameField
from pages.templatetags.dates import clock, day


def session_label(session):
    """Plain-text radio label: when, where and how many seats are left (or that it has a waitlist)."""
    start = timezone.localtime(session.start)
    end = timezone.localtime(session.end)
    when = f"{day(start, 'weekday')}, {clock(start)} to {clock(end)} Central time"
    where = session.place
    seats = session.seats_remaining
    availability = f"{seats} seat{'s' if seats != 1 else ''} left" if seats > 0 else "Full: you will join the waitlist"
    return f"{when}. {where}. {availability}."


class RegistrationForm(NoMarkupMixin, HoneypotFormMixin):
    """Name, work email, department, optional accommodation, and the session (open upcoming ones only)."""

    session = forms.TypedChoiceField(
        coerce=int,
        widget=forms.RadioSelect,
        label="Session",
        error_messages={"invalid_choice": "Choose one of the sessions listed; that one is no longer open."},
    )
    name = PersonNameField(max_length=150, label="Full name", widget=forms.TextInput(attrs={"autocomplete": "name"}))
    email = forms.EmailField(
        max_length=254,
        label="Work email",
        help_text="Your confirmation and cancellation link are sent here.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    department = forms.CharField(
        max_length=150, label="Department", widget=forms.TextInput(attrs={"autocomplete": "organization"})
    )
    accommodation = forms.CharField(
        required=False,
        max_length=1000,
        label="Accommodation request",
        help_text="Anything that would help you take part, e.g. captioning, a sign language interpreter or seating.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    field_order = ["session", "name", "email", "department", "accommodation", "website"]

    def __init__(self, *args, sessions=(), **kwargs):
        super().__init__(*args, **kwargs)
        open_sessions = [session for session in sessions if session.accepts_registrations]
        self.fields["session"].choices = [(session.pk, session_label(session)) for session in open_sessions]
        if open_sessions and not self.is_bound:
            # The soonest session is chosen already, so an incomplete form never errors on it.
            self.initial.setdefault("session", open_sessions[0].pk)

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean_department(self):
        return " ".join(self.cleaned_data["department"].split())

    def full_clean(self):
        super().full_clean()
        # A radio group is described by its fieldset; name its error on each input as well so
        # screen readers announce it when the input gets focus.
        if self.is_bound and "session" in self.errors:
            self.fields["session"].widget.attrs["aria-describedby"] = "id_session_error"
