"""Test runs: fast hashing, plain static storage, no HTTPS redirects; database from DATABASE_URL."""

from .base import *

SECRET_KEY = "test-only-key-not-secret-used-by-the-test-suite-only"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# The database cache, as a newcomer's site runs, whatever REDIS_URL says: its rows live in each
# test's transaction, so every test starts with an empty cache. Redis tests ask for Redis.
CACHES = DATABASE_CACHES
# Tasks run at once, in the test's process; tests of the worker switch to the database backend.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
MEDIA_ROOT = Path(env.get("MEDIA_ROOT", BASE_DIR / "build" / "test-media"))
WAGTAILADMIN_BASE_URL = "http://testserver"

# Serve static files straight from the source folders (no collectstatic) and media from MEDIA_ROOT.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
SERVE_MEDIA_LOCALLY = True

# Django's test client logs in without a request, which django-axes refuses; the lockout test
# switches it back on.
AXES_ENABLED = False
