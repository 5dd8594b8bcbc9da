"""Shared public-form protection: honeypot, plain text only, per-client rate limit, error summary."""

import copy
import re

from bs4 import BeautifulSoup
from django import forms
from django.forms.renderers import get_default_renderer
from django.forms.widgets import ChoiceWidget
from django.template.loader import render_to_string

from odi_site.public_forms import PUBLIC_FORM_RENDERER, HoneypotFormMixin, NoMarkupMixin
from pages.careers.consultations import ConsultationForm
from pages.contact.enquiries import EnquiryForm
from pages.newsletter.subscriptions import SignupForm
from training.forms import RegistrationForm


class ContactForm(NoMarkupMixin, HoneypotFormMixin):
    name = forms.CharField(max_length=100)
    email = forms.EmailField(help_text="Your work address.")


def test_filled_honeypot_rejects_the_form():
    form = ContactForm(data={"name": "A", "email": "a@example.edu", "website": "http://spam.example"})
    assert not form.is_valid()
    assert form.is_spam


def test_empty_honeypot_is_accepted():
    assert ContactForm(data={"name": "A", "email": "a@example.edu", "website": ""}).is_valid()


def test_markup_is_refused_in_text_fields():
    form = ContactForm(data={"name": "<script>x</script>", "email": "a@example.edu"})
    assert not form.is_valid()
    assert "plain text" in form.errors["name"][0]


def test_errors_are_summarised_and_tied_to_their_fields():
    form = ContactForm(data={"name": "", "email": "not-an-email"})
    form.is_valid()
    soup = BeautifulSoup(render_to_string("components/form.html", {"form": form}), "html.parser")
    summary = soup.select_one(".error-summary[role=alert]")
    assert {a["href"] for a in summary.select("a")} == {"#id_name", "#id_email"}
    email = soup.select_one("#id_email")
    assert email["aria-invalid"] == "true"
    for described_by in email["aria-describedby"].split():
        assert soup.find(id=described_by), f"missing element #{described_by}"
    trap = soup.select_one(".form-field--trap")
    assert trap["aria-hidden"] == "true" and trap.select_one("#id_website")["tabindex"] == "-1"


# A value both engines must escape alike.
TRICKY_TEXT = 'Say "hi" & <script>alert(1)</script>'
# For choices a form sets per request (a level's open sessions).
EXAMPLE_CHOICES = [(1, "Tuesday, 2:30 PM. Room 101. 3 seats left."), (2, TRICKY_TEXT)]


def public_form_classes():
    """Every form class that takes the shared protection: all the site's public forms."""
    found, pending = set(), [HoneypotFormMixin]
    while pending:
        for subclass in pending.pop().__subclasses__():
            found.add(subclass)
            pending.append(subclass)
    return found


def markup(html):
    """The HTML as parsed (so `&quot;` and `&#34;` are alike), with whitespace runs and whitespace
    between tags made alike."""
    return re.sub(r"\s+", " ", str(BeautifulSoup(html, "html.parser"))).replace("> <", "><").strip()


def test_public_forms_draw_their_widgets_as_django_templates_do():
    """Public forms draw widgets with Django's Jinja2 form renderer (odi_site/public_forms.py). Each
    widget must come out as Django's own templates draw it, so a widget template added or changed
    for one engine only cannot alter a public form unnoticed."""
    classes = public_form_classes()
    assert {ConsultationForm, EnquiryForm, SignupForm, RegistrationForm} <= classes
    default = get_default_renderer()
    for form_class in classes:
        assert form_class.default_renderer is PUBLIC_FORM_RENDERER
        for name, field in form_class.base_fields.items():
            widget = copy.deepcopy(field.widget)
            choices = []
            if isinstance(widget, ChoiceWidget):
                widget.choices = widget.choices or EXAMPLE_CHOICES
                choices = [value for value, _ in widget.choices if value]
            value = choices[:1] if isinstance(field, forms.MultipleChoiceField) else (choices or [TRICKY_TEXT])[0]
            drawn = {
                renderer: widget.render(name, value, attrs={"id": f"id_{name}"}, renderer=renderer)
                for renderer in (PUBLIC_FORM_RENDERER, default)
            }
            assert markup(drawn[PUBLIC_FORM_RENDERER]) == markup(drawn[default]), f"{form_class.__name__}.{name}"
