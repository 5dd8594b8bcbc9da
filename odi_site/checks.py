"""Deployment checks of our own, run by `manage.py check --deploy` beside Django's."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Tags, Warning, register

LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "testserver"}


@register(Tags.security, deploy=True)
def admin_base_url(app_configs, **kwargs):
    """Password-reset and notification emails link to WAGTAILADMIN_BASE_URL: a local or plain
    http address there sends editors to their own machine, or over an unencrypted connection."""
    url = settings.WAGTAILADMIN_BASE_URL or ""
    parts = urlsplit(url)
    if parts.scheme == "https" and parts.hostname and parts.hostname not in LOCAL_HOSTS:
        return []
    return [
        Warning(
            f"WAGTAILADMIN_BASE_URL is {url or 'unset'!r}: links in password-reset and notification emails would not reach the site.",
            hint="Set WAGTAILADMIN_BASE_URL to the site's public https address, e.g. https://odi.example.edu.",
            id="odi_site.W001",
        )
    ]
