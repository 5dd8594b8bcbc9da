"""Production: every secret and host from the environment; refuse to start when one is unsafe."""

from django.core.exceptions import ImproperlyConfigured

from .base import *

DEBUG = False

_INSECURE_KEY_MARKERS = ("insecure", "dev-only", "test-only", "change-me", "changeme")
if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5 or any(m in SECRET_KEY.lower() for m in _INSECURE_KEY_MARKERS):
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY must be set to a random value of at least 50 characters "
        '(python -c "import secrets; print(secrets.token_urlsafe(64))").'
    )
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must list the site's host names, comma-separated.")
if env.get("DJANGO_DEBUG", "").lower() in ("1", "true", "yes"):
    raise ImproperlyConfigured("DEBUG cannot be switched on with the production settings.")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.get("SECURE_SSL_REDIRECT", "true").lower() == "true"
SECURE_HSTS_SECONDS = int(env.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.get("SECURE_HSTS_INCLUDE_SUBDOMAINS", "true").lower() == "true"
SECURE_HSTS_PRELOAD = env.get("SECURE_HSTS_PRELOAD", "false").lower() == "true"
# Joining the browser preload list is a deliberate, hard-to-undo choice, so it stays off by default;
# while it is off Django's reminder (security.W021) is expected and must not fail the deploy check.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# Log collectors read one JSON object per line; LOG_FORMAT=plain switches back.
LOGGING["handlers"]["console"]["formatter"] = env.get("LOG_FORMAT", "json")
