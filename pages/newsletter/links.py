"""Signed links for subscribers: confirm, unsubscribe and the RFC 8058 one-click address.

A token is `django.core.signing` output over the subscriber's id and its random `token_key`,
with a salt per purpose, so it cannot be guessed or turned into another subscriber's or another
purpose's token, and a new key (a fresh sign-up after unsubscribing) retires every older link.
Tokens travel in the query string, which neither the gunicorn nor the nginx access log records
(docs/deployment.md); the pages they open post them back in the form body, never in a path.
"""

import secrets
from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from django.urls import reverse

from odi_site.subpages import subpage_url

CONFIRM_SALT = "pages.newsletter.confirm"
UNSUBSCRIBE_SALT = "pages.newsletter.unsubscribe"
ONE_CLICK_URL_NAME = "newsletter_one_click_unsubscribe"


def new_token_key():
    return secrets.token_urlsafe(16)


def make_token(subscriber, salt):
    return signing.dumps([subscriber.pk, subscriber.token_key], salt=salt)


def subscriber_from_token(token, salt, subscribers):
    """The subscriber among `subscribers` that `token` names, or None (tampered, expired, retired)."""
    # Confirm links last as long as a pending sign-up is kept; unsubscribe links do not expire.
    max_age = settings.NEWSLETTER_PENDING_DAYS * 24 * 60 * 60 if salt == CONFIRM_SALT else None
    try:
        pk, key = signing.loads(token or "", salt=salt, max_age=max_age)
    except (signing.BadSignature, TypeError, ValueError):
        return None
    return subscribers.filter(pk=pk, token_key=key).first()


def confirm_url(page, subscriber):
    return subpage_url(page, "confirm", full=True, query={"token": make_token(subscriber, CONFIRM_SALT)})


def unsubscribe_url(page, subscriber):
    return subpage_url(page, "unsubscribe", full=True, query={"token": make_token(subscriber, UNSUBSCRIBE_SALT)})


def one_click_url(page, subscriber):
    """Where a mail client POSTs `List-Unsubscribe=One-Click` (RFC 8058): the page's site, our view."""
    query = urlencode({"token": make_token(subscriber, UNSUBSCRIBE_SALT)})
    return f"{page.get_site().root_url}{reverse(ONE_CLICK_URL_NAME)}?{query}"


def unsubscribe_headers(page, subscriber):
    """The headers every message to a subscriber carries, so mail clients offer an unsubscribe button."""
    return {
        "List-Unsubscribe": f"<{one_click_url(page, subscriber)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
