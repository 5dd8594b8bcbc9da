"""Signed links for registrants (cancel, confirmation page) and the absolute URLs emails carry.

Emails are written outside any request (the reminder job) as well as inside one, so their
links come from the page's own full URL: the default Site's host name and port, set under
Settings › Sites (port 443 gives https:// links).
"""

from datetime import timedelta

from django.core import signing

from odi_site.subpages import subpage_url

CANCEL_SALT = "training.registration.cancel"
CONFIRMATION_SALT = "training.registration.confirmation"
# The confirmation page is for right after registering; the email has everything for later.
CONFIRMATION_MAX_AGE = 60 * 60 * 24 * 7
# A cancel link keeps answering ("this session has taken place") for a week after the session
# ends; after that it is refused as expired, so an old email cannot reveal anything.
CANCEL_LINK_GRACE = timedelta(days=7)


def cancel_token(registration):
    return signing.dumps({"r": registration.pk}, salt=CANCEL_SALT)


def confirmation_token(registration, shown_status=None):
    """`shown_status` is what the confirmation page says (a new registrant's outcome), when given."""
    payload = {"r": registration.pk}
    if shown_status:
        payload["s"] = shown_status
    return signing.dumps(payload, salt=CONFIRMATION_SALT)


def level_url(level):
    return level.get_full_url()


def cancel_url(registration):
    return subpage_url(registration.session.level, "cancel", full=True, query={"token": cancel_token(registration)})
