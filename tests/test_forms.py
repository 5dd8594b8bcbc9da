"""Shared public-form protection: honeypot, plain text only, per-client rate limit, error summary."""

from bs4 import BeautifulSoup
from django import forms
from django.template.loader import render_to_string

from odi_site.public_forms import HoneypotFormMixin, NoMarkupMixin


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
