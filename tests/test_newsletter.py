"""Newsletter: double opt-in sign-up, confirm and unsubscribe links, one-click, admin and purge."""

import csv
import datetime
import io
import json
import logging
import re
from urllib.parse import unquote

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core import mail, signing
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from odi_site.logging import JsonFormatter
from pages.choices import SubscriberStatus
from pages.factories import HomePageFactory, NewsletterPageFactory, SubscriberFactory
from pages.models import HomePage, NewsletterPage, OutgoingEmail, StandardPage, Subscriber
from pages.newsletter import links, subscriptions
from pages.roles import APPROVERS, EDITORS
from tests.conftest import posts_commit

VALID = {"email": "ada.lovelace@example.edu", "name": "Ada Lovelace", "consent": "on", "website": ""}
LIST_URL = "/admin/snippets/pages/subscriber/"
ONE_CLICK = {"List-Unsubscribe": "One-Click"}


@pytest.fixture
def client(client, django_capture_on_commit_callbacks):
    """Posts run their on-commit callbacks (the emails are sent then), as after a real commit."""
    return posts_commit(client, django_capture_on_commit_callbacks)


@pytest.fixture
def newsletter(home):
    return NewsletterPageFactory(parent=home)


def sign_up(client, page, **changes):
    return client.post(page.url, {**VALID, **changes})


def link_in(message, route):
    """The path and token of the `route` link ("confirm" or "unsubscribe") in an email's body."""
    url = re.search(rf"https?://[^/\s]+(/\S*/{route}/\?token=(\S+))", message.body)
    assert url, f"no {route} link in {message.body!r}"
    return url.group(1), unquote(url.group(2))


def token_for(subscriber, route):
    salt = links.CONFIRM_SALT if route == "confirm" else links.UNSUBSCRIBE_SALT
    return links.make_token(subscriber, salt)


def one_click_url(token):
    return f"{reverse(links.ONE_CLICK_URL_NAME)}?token={token}"


class TestNewsletterPageRules(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        root = Page.get_first_root_node()
        cls.home = HomePageFactory(parent=root, slug="newsletter-rules-home")

    def test_only_under_the_home_page_and_only_once(self):
        self.assertCanCreateAt(HomePage, NewsletterPage)
        self.assertCanNotCreateAt(StandardPage, NewsletterPage)
        self.assertCanNotCreateAt(NewsletterPage, StandardPage)
        NewsletterPageFactory(parent=self.home)
        assert not NewsletterPage.can_create_at(self.home)


class TestSignup:
    def test_form_has_labelled_fields_consent_wording_and_a_private_cache_header(self, client, newsletter):
        response = client.get(newsletter.url)
        assert response.status_code == 200
        assert "private" in response["Cache-Control"]
        soup = BeautifulSoup(response.content, "html.parser")
        form = soup.select_one("form.newsletter-form")
        for name in ("email", "name", "consent"):
            field = form.select_one(f"[name={name}]")
            assert soup.select_one(f"label[for={field['id']}]"), f"{name} has no label"
        assert newsletter.consent_label in form.get_text(" ")
        assert newsletter.privacy_notice in form.get_text(" ")

    def test_sign_up_stores_a_pending_subscriber_and_sends_one_confirmation(self, client, newsletter):
        response = sign_up(client, newsletter)
        assert response.status_code == 302
        assert response["Location"] == newsletter.url + "thanks/"
        subscriber = Subscriber.objects.get()
        assert (subscriber.email, subscriber.name, subscriber.status) == (
            "ada.lovelace@example.edu",
            "Ada Lovelace",
            SubscriberStatus.PENDING,
        )
        assert subscriber.consent_text == newsletter.consent_label
        assert subscriber.confirmed_at is None
        assert len(mail.outbox) == 1
        message = mail.outbox[0]
        assert message.to == ["ada.lovelace@example.edu"]
        assert OutgoingEmail.objects.get().record == subscriber

    def test_the_confirm_link_works_by_post_only(self, client, newsletter):
        sign_up(client, newsletter)
        path, token = link_in(mail.outbox[0], "confirm")
        page = client.get(path)
        assert page.status_code == 200
        assert page["Referrer-Policy"] == "no-referrer"
        assert "no-store" in page["Cache-Control"]
        assert Subscriber.objects.get().status == SubscriberStatus.PENDING  # a link scanner changes nothing
        form = BeautifulSoup(page.content, "html.parser").select_one("form.newsletter-link-form")
        assert form["method"] == "post" and "token" not in form["action"]
        done = client.post(form["action"], {"token": form.select_one("[name=token]")["value"]})
        assert done.status_code == 200
        assert "You are subscribed" in done.content.decode()
        subscriber = Subscriber.objects.get()
        assert subscriber.status == SubscriberStatus.CONFIRMED and subscriber.confirmed_at is not None

    def test_every_message_carries_an_unsubscribe_link_and_one_click_headers(self, client, newsletter):
        sign_up(client, newsletter)
        message = mail.outbox[0]
        path, _ = link_in(message, "unsubscribe")
        assert client.get(path).status_code == 200
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        header = message.extra_headers["List-Unsubscribe"]
        assert re.fullmatch(r"<https?://\S+/newsletter/one-click-unsubscribe/\?token=\S+>", header)
        assert message.message()["List-Unsubscribe"] == header  # as the mail server receives it

    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            ({"email": "not-an-address"}, "email"),
            ({"email": ""}, "email"),
            ({"consent": ""}, "consent"),
            ({"name": "Visit www.example.com"}, "name"),
            ({"name": "<b>Ada</b>"}, "name"),
        ],
    )
    def test_bad_input_shows_the_error_and_stores_nothing(self, client, newsletter, changes, field):
        response = sign_up(client, newsletter, **changes)
        assert response.status_code == 200
        assert "private" in response["Cache-Control"]
        soup = BeautifulSoup(response.content, "html.parser")
        assert soup.select_one(".error-summary")
        invalid = soup.select_one(f"[name={field}]")
        assert invalid.find_parent(class_="form-field--error")
        assert invalid["aria-invalid"] == "true"
        for described_by in invalid["aria-describedby"].split():
            assert soup.find(id=described_by), f"{field}: nothing has the id {described_by}"
        assert soup.select_one(f".error-summary a[href='#{invalid['id']}']")
        assert Subscriber.objects.count() == 0
        assert mail.outbox == []

    def test_honeypot_looks_like_success_but_stores_and_sends_nothing(self, client, newsletter):
        response = sign_up(client, newsletter, website="http://spam.example")
        assert response.status_code == 302
        assert response["Location"] == newsletter.url + "thanks/"
        assert Subscriber.objects.count() == 0
        assert mail.outbox == []

    def test_rate_limit_refuses_politely_and_stores_nothing(self, client, newsletter, monkeypatch):
        monkeypatch.setattr(subscriptions, "RATE_LIMIT", 2)
        codes = [sign_up(client, newsletter, email=f"person{n}@example.edu").status_code for n in range(2)]
        assert codes == [302, 302]
        response = sign_up(client, newsletter, email="third@example.edu")
        assert response.status_code == 429
        assert "Please try again later" in response.content.decode()
        assert not Subscriber.objects.filter(email="third@example.edu").exists()
        assert len(mail.outbox) == 2

    def test_an_existing_address_reveals_nothing(self, client, newsletter):
        start = timezone.now()
        with time_machine.travel(start):
            first = sign_up(client, newsletter)
        with time_machine.travel(start + subscriptions.RESEND_AFTER / 2):
            soon = sign_up(client, newsletter)
        assert len(mail.outbox) == 1  # not twice within minutes, whoever asks
        with time_machine.travel(start + subscriptions.RESEND_AFTER * 2):
            again = sign_up(client, newsletter, email="ADA.Lovelace@Example.edu", name="Somebody Else")
        assert again.status_code == soon.status_code == first.status_code == 302
        assert again["Location"] == soon["Location"] == first["Location"]
        assert Subscriber.objects.count() == 1
        assert Subscriber.objects.get().name == "Ada Lovelace"
        assert len(mail.outbox) == 2  # a pending sign-up gets its confirmation again
        Subscriber.objects.update(status=SubscriberStatus.CONFIRMED)
        confirmed = sign_up(client, newsletter)
        assert confirmed["Location"] == first["Location"]
        assert len(mail.outbox) == 2  # a confirmed subscriber is sent nothing
        thanks = client.get(first["Location"])
        assert newsletter.thanks_text in thanks.content.decode()

    def test_emails_are_unique_whatever_their_capitals(self, newsletter):
        SubscriberFactory(email="grace@example.edu")
        with pytest.raises(Exception):  # noqa: B017  (IntegrityError, wrapped differently per database)
            SubscriberFactory(email="Grace@Example.edu")

    def test_signing_up_again_after_unsubscribing_retires_the_old_links(self, client, newsletter):
        sign_up(client, newsletter)
        old_confirm, _ = link_in(mail.outbox[0], "confirm")
        _, old_unsubscribe = link_in(mail.outbox[0], "unsubscribe")
        client.post(newsletter.url + "unsubscribe/", {"token": old_unsubscribe})
        assert Subscriber.objects.get().status == SubscriberStatus.UNSUBSCRIBED
        sign_up(client, newsletter)
        assert Subscriber.objects.get().status == SubscriberStatus.PENDING
        assert len(mail.outbox) == 2
        assert client.get(old_confirm).status_code == 400
        _, fresh = link_in(mail.outbox[1], "confirm")
        client.post(newsletter.url + "confirm/", {"token": fresh})
        assert Subscriber.objects.get().status == SubscriberStatus.CONFIRMED


class TestLinks:
    def test_unsubscribe_by_post_only(self, client, newsletter):
        subscriber = SubscriberFactory(status=SubscriberStatus.CONFIRMED)
        token = token_for(subscriber, "unsubscribe")
        page = client.get(f"{newsletter.url}unsubscribe/?token={token}")
        assert page.status_code == 200 and "Unsubscribe" in page.content.decode()
        subscriber.refresh_from_db()
        assert subscriber.status == SubscriberStatus.CONFIRMED
        done = client.post(f"{newsletter.url}unsubscribe/", {"token": token})
        assert done.status_code == 200
        subscriber.refresh_from_db()
        assert subscriber.status == SubscriberStatus.UNSUBSCRIBED and subscriber.unsubscribed_at is not None

    def test_one_click_unsubscribes_without_a_csrf_token(self, newsletter):
        subscriber = SubscriberFactory(status=SubscriberStatus.CONFIRMED)
        client = Client(enforce_csrf_checks=True)
        response = client.post(one_click_url(token_for(subscriber, "unsubscribe")), ONE_CLICK)
        assert response.status_code == 200
        subscriber.refresh_from_db()
        assert subscriber.status == SubscriberStatus.UNSUBSCRIBED

    def test_one_click_needs_its_token_its_body_and_a_post(self, newsletter):
        subscriber = SubscriberFactory(status=SubscriberStatus.CONFIRMED)
        client = Client(enforce_csrf_checks=True)
        token = token_for(subscriber, "unsubscribe")
        assert client.post(one_click_url("forged"), ONE_CLICK).status_code == 400
        assert client.post(reverse(links.ONE_CLICK_URL_NAME), ONE_CLICK).status_code == 400
        assert client.post(one_click_url(token), {}).status_code == 400
        assert client.get(one_click_url(token)).status_code == 405
        subscriber.refresh_from_db()
        assert subscriber.status == SubscriberStatus.CONFIRMED

    def test_only_the_one_click_endpoint_skips_csrf(self, newsletter):
        subscriber = SubscriberFactory()
        client = Client(enforce_csrf_checks=True)
        for route in ("confirm", "unsubscribe"):
            response = client.post(f"{newsletter.url}{route}/", {"token": token_for(subscriber, route)})
            assert response.status_code == 403
        assert client.post(newsletter.url, VALID).status_code == 403
        subscriber.refresh_from_db()
        assert subscriber.status == SubscriberStatus.PENDING

    def test_one_subscribers_tokens_do_not_work_for_another(self, client, newsletter):
        alice, bob = SubscriberFactory(), SubscriberFactory()
        alice_confirm, alice_unsubscribe = token_for(alice, "confirm"), token_for(alice, "unsubscribe")
        # Bob's id with Alice's signature, and a confirm token used to unsubscribe: both refused.
        bobs_payload = signing.b64_encode(json.dumps([bob.pk, alice.token_key], separators=(",", ":")).encode())
        forged = bobs_payload.decode() + alice_confirm[alice_confirm.index(":") :]
        assert forged != alice_confirm
        assert client.post(f"{newsletter.url}confirm/", {"token": forged}).status_code == 400
        assert client.post(f"{newsletter.url}unsubscribe/", {"token": alice_confirm}).status_code == 400
        assert client.post(f"{newsletter.url}confirm/", {"token": alice_unsubscribe}).status_code == 400
        bob.token_key = alice.token_key
        bob.save()
        assert client.post(f"{newsletter.url}confirm/", {"token": forged}).status_code == 400
        for person in (alice, bob):
            person.refresh_from_db()
            assert person.status == SubscriberStatus.PENDING
        client.post(f"{newsletter.url}confirm/", {"token": alice_confirm})
        alice.refresh_from_db()
        bob.refresh_from_db()
        assert (alice.status, bob.status) == (SubscriberStatus.CONFIRMED, SubscriberStatus.PENDING)

    def test_a_bad_or_missing_token_is_a_friendly_400(self, client, newsletter):
        for url in (f"{newsletter.url}confirm/", f"{newsletter.url}confirm/?token=nonsense"):
            response = client.get(url)
            assert response.status_code == 400
            assert "This link does not work" in response.content.decode()
            assert "no-store" in response["Cache-Control"]

    def test_an_old_confirm_link_does_not_undo_an_unsubscribe(self, client, newsletter):
        subscriber = SubscriberFactory(status=SubscriberStatus.UNSUBSCRIBED)
        response = client.post(f"{newsletter.url}confirm/", {"token": token_for(subscriber, "confirm")})
        assert response.status_code == 400
        subscriber.refresh_from_db()
        assert subscriber.status == SubscriberStatus.UNSUBSCRIBED


class TestPurge:
    def test_pending_sign_ups_are_deleted_after_the_set_days_with_their_emails(self, client, newsletter, settings):
        start = timezone.now()
        with time_machine.travel(start):
            sign_up(client, newsletter)
            sign_up(client, newsletter, email="kept@example.edu")
        Subscriber.objects.filter(email="kept@example.edu").update(status=SubscriberStatus.CONFIRMED)
        _, token = link_in(mail.outbox[0], "confirm")
        days = settings.NEWSLETTER_PENDING_DAYS
        with time_machine.travel(start + datetime.timedelta(days=days - 1)):
            call_command("run_periodic_tasks", verbosity=0)
            assert Subscriber.objects.count() == 2
        with time_machine.travel(start + datetime.timedelta(days=days, minutes=1)):
            assert client.post(f"{newsletter.url}confirm/", {"token": token}).status_code == 400
            call_command("run_periodic_tasks", verbosity=0)
        assert list(Subscriber.objects.values_list("email", flat=True)) == ["kept@example.edu"]
        assert not OutgoingEmail.objects.filter(to="ada.lovelace@example.edu").exists()


class TestAdmin:
    @pytest.fixture
    def staff(self, django_user_model):
        def make(group):
            user = django_user_model.objects.create_user(group.replace(" ", "-"), "s@example.edu", "x" * 16)
            user.groups.add(Group.objects.get(name=group))
            return user

        return make

    def test_approvers_see_and_export_subscribers(self, client, staff, newsletter):
        SubscriberFactory(email="=cmd@example.edu", status=SubscriberStatus.CONFIRMED)
        client.force_login(staff(APPROVERS))
        assert "cmd@example.edu" in client.get(LIST_URL).content.decode()
        response = client.get(LIST_URL + "?export=csv")
        assert response.status_code == 200
        rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
        assert rows[0][:3] == ["Email", "Name", "Status"]
        assert rows[1][0] == "'=cmd@example.edu"  # no formula reaches a spreadsheet
        assert rows[0][-1] == "Unsubscribe link"
        unsubscribe = rows[1][-1].removeprefix("http://localhost")
        page = client.get(unsubscribe)
        assert page.status_code == 200 and b"newsletter-link-form" in page.content
        assert client.get(LIST_URL + "add/").status_code in (302, 403)  # nobody signs anyone up by hand

    def test_editors_see_no_subscriber_and_cannot_export(self, client, staff, newsletter):
        SubscriberFactory(email="hidden@example.edu")
        client.force_login(staff(EDITORS))
        for url in (LIST_URL, LIST_URL + "?export=csv"):
            response = client.get(url)
            assert response.status_code in (302, 403)
            body = b"".join(response.streaming_content) if response.streaming else response.content
            assert b"hidden@example.edu" not in body


class TestLogs:
    def test_sign_up_confirm_and_unsubscribe_log_no_address_name_or_token(self, client, newsletter, caplog):
        caplog.set_level(logging.DEBUG)
        sign_up(client, newsletter)
        _, confirm = link_in(mail.outbox[0], "confirm")
        _, unsubscribe = link_in(mail.outbox[0], "unsubscribe")
        client.post(f"{newsletter.url}confirm/", {"token": confirm})
        client.post(f"{newsletter.url}unsubscribe/", {"token": unsubscribe})
        Client().post(one_click_url(unsubscribe), ONE_CLICK)
        text = "\n".join(JsonFormatter().format(record) for record in caplog.records).lower()
        assert "newsletter-signup" in text
        for secret in ("ada.lovelace", "lovelace", confirm.lower(), unsubscribe.lower()):
            assert secret not in text, secret
