"""Local development: debug on, a throwaway key, emails printed to the console."""

import contextlib

from .base import *

DEBUG = True
SECRET_KEY = env.get("DJANGO_SECRET_KEY", "dev-only-insecure-key-never-used-in-production")
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"] + ALLOWED_HOSTS
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}

# Serve static files straight from the source folders (no collectstatic) and media from MEDIA_ROOT.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
SERVE_MEDIA_LOCALLY = True

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Take the write lock when a transaction starts, and wait for it: two admin requests saving
    # at once (autosave beside the preview) then queue instead of failing "database is locked".
    # Not in tests: their in-memory database is shared by connections that must not queue.
    DATABASES["default"].setdefault("OPTIONS", {}).update(transaction_mode="IMMEDIATE", timeout=20)

with contextlib.suppress(ImportError):
    from .local import *
