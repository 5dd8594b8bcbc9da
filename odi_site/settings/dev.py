"""Local development: debug on, a throwaway key, emails printed to the console."""

import contextlib

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = env.get("DJANGO_SECRET_KEY", "dev-only-insecure-key-never-used-in-production")  # noqa: F405
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"] + ALLOWED_HOSTS  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405

# Serve static files straight from the source folders (no collectstatic) and media from MEDIA_ROOT.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
SERVE_MEDIA_LOCALLY = True

with contextlib.suppress(ImportError):
    from .local import *  # noqa: F403
