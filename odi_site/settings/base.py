"""Settings shared by every environment: safe by default, deployment facts from the environment."""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent
env = os.environ.copy()


def env_list(name, default=""):
    """Comma-separated environment variable as a list, blanks dropped."""
    return [item.strip() for item in env.get(name, default).split(",") if item.strip()]


DEBUG = False
SECRET_KEY = env.get("DJANGO_SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# The project's own apps; odi_site first, so its Wagtail hooks wrap every page that is served.
PROJECT_APPS = ["odi_site", "pages", "training", "survey"]
INSTALLED_APPS = [
    *PROJECT_APPS,
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.redirects",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.table_block",
    "wagtail.contrib.typed_table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "csp",
    "axes",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    # Serves its own pre-compressed static files, before anything else looks at the request.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Above the rest, so a cached page skips the whole stack and an entry is the response as it
    # left (headers and compression included); stores only shareable responses.
    "odi_site.caching.page_cache.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Compresses HTML (and feeds, JSON, CSV) for clients that accept gzip; the page cache above
    # keeps one entry per encoding. Adds `Vary: Accept-Encoding`; masks BREACH with random gzip
    # padding on the pages that carry a token (docs/deployment.md).
    "django.middleware.gzip.GZipMiddleware",
    "odi_site.middleware.DatabaseUnavailableMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes requires: it turns repeated failed admin logins into a lockout.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "odi_site.urls"
WSGI_APPLICATION = "odi_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "odi_site.caching.version.context_processor",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(env.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Write-ahead logging: readers and the one writer no longer block each other. Every worker
    # reads the page cache from this file while others store pages and editors publish; with
    # SQLite's default rollback journal each commit stalled every reader (bench/cache_bench.py:
    # p99 under publishing). The mode is kept in the file; setting it again is a no-op.
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = "PRAGMA journal_mode=WAL;"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# One cache that every process shares (pages, fragments, navigation, the content version):
# the database by default, Redis when REDIS_URL is set. Rate-limit counters always live in a
# database table of their own, where no flood of page entries can evict them. `migrate` creates
# the cache tables (odi_site/apps.py). See docs/architecture.md.
CACHE_TABLE_ROWS = int(env.get("CACHE_TABLE_ROWS", "20000"))
RATE_LIMIT_CACHE = {
    "BACKEND": "odi_site.caching.backends.DatabaseCache",
    "LOCATION": "odi_ratelimit_cache",
    "OPTIONS": {"MAX_ENTRIES": 100_000},
}
# How long a process stops trying an unreachable Redis before it tries again, and how long one
# Redis call may take: an outage costs at most one timeout per process per retry period.
CACHE_RETRY_SECONDS = float(env.get("CACHE_RETRY_SECONDS", "5"))
REDIS_TIMEOUT_SECONDS = float(env.get("REDIS_TIMEOUT_SECONDS", "0.5"))
DATABASE_CACHES = {
    "default": {
        "BACKEND": "odi_site.caching.backends.DatabaseCache",
        "LOCATION": "odi_cache",
        "OPTIONS": {"MAX_ENTRIES": CACHE_TABLE_ROWS},
    },
    # Wagtail would write each rendition back to this cache whenever it shows one: in a database
    # table that is a write per image per render, dearer than the one query it saves.
    "renditions": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
    "ratelimit": RATE_LIMIT_CACHE,
}
if env.get("REDIS_URL"):
    CACHES = {
        alias: {
            "BACKEND": "odi_site.caching.backends.FailOpenRedisCache",
            "LOCATION": env["REDIS_URL"],
            "KEY_PREFIX": f"odi:{alias}",
            "OPTIONS": {
                "SOCKET_CONNECT_TIMEOUT": REDIS_TIMEOUT_SECONDS,
                "SOCKET_TIMEOUT": REDIS_TIMEOUT_SECONDS,
            },
        }
        # Wagtail remembers image renditions in "renditions", so rendering an image needs no query.
        for alias in ("default", "renditions")
    }
    CACHES["ratelimit"] = RATE_LIMIT_CACHE
else:
    CACHES = DATABASE_CACHES

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "America/Chicago"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env.get("STATIC_ROOT", BASE_DIR / "build" / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.get("MEDIA_ROOT", BASE_DIR / "media"))
SERVE_MEDIA_LOCALLY = False
STORAGES = {
    # Writes go to a temporary file renamed into place: a full disk leaves no partial file.
    "default": {"BACKEND": "odi_site.storage.AtomicFileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Media on object storage (S3, or an S3-compatible server given by its endpoint URL) when a bucket
# is named; credentials come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (read by boto3).
if env.get("AWS_STORAGE_BUCKET_NAME"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env["AWS_STORAGE_BUCKET_NAME"],
            "endpoint_url": env.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": env.get("AWS_S3_REGION_NAME") or None,
            # A CDN or public host name for the bucket; without it, media URLs are signed and expire.
            "custom_domain": env.get("AWS_S3_CUSTOM_DOMAIN") or None,
            "querystring_auth": not env.get("AWS_S3_CUSTOM_DOMAIN"),
            "file_overwrite": False,
        },
    }

# Django's SMTP backend, with a limit on the whole conversation as well as on each operation.
EMAIL_BACKEND = env.get("EMAIL_BACKEND", "odi_site.smtp.EmailBackend")
EMAIL_HOST = env.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env.get("EMAIL_USE_TLS", "false").lower() == "true"
DEFAULT_FROM_EMAIL = env.get("DEFAULT_FROM_EMAIL", "webmaster@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Seconds one SMTP operation may take before the send fails and is retried later (by the worker);
# fractions allowed, as for socket timeouts.
EMAIL_TIMEOUT = float(env.get("EMAIL_TIMEOUT", "10"))
# A failed email is tried again after EMAIL_RETRY_DELAY seconds, doubling each time, up to
# EMAIL_MAX_ATTEMPTS tries; then it is marked failed for its owners to resend from the admin.
EMAIL_RETRY_DELAY = float(env.get("EMAIL_RETRY_DELAY", "60"))
EMAIL_MAX_ATTEMPTS = int(env.get("EMAIL_MAX_ATTEMPTS", "8"))

# Background work (email, renditions, reminders) runs as tasks on Django's task API. By default
# the queue is a database table worked by `manage.py db_worker`; with TASKS_REDIS_URL set the
# same tasks go to Redis through RQ (`manage.py rqworker --with-scheduler`).
if env.get("TASKS_REDIS_URL"):
    INSTALLED_APPS.append("django_rq")
    RQ_QUEUES = {"default": {"URL": env["TASKS_REDIS_URL"], "DEFAULT_TIMEOUT": 600}}
    RQ = {"JOB_CLASS": "django_tasks_rq.Job"}  # so `rqworker` runs the jobs as Django tasks
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# /readyz reports the queue as degraded when a task has waited longer than this (seconds).
TASK_QUEUE_MAX_AGE = int(env.get("TASK_QUEUE_MAX_AGE", "300"))

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "odi_site.logging.JsonFormatter"},
    },
    # LOG_FORMAT=json (production's default) writes one JSON object per line to stdout.
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": env.get("LOG_FORMAT", "plain"),
        }
    },
    "root": {"handlers": ["console"], "level": env.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.db.backends": {"level": "WARNING"},
        # Wagtail runs search-index and reference-index updates as tasks; one line each is noise.
        "django_tasks": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}

# Whole-page cache for anonymous visitors (odi_site/caching/page_cache.py): how long the server
# keeps a page (any content change makes it stale at once), how long browsers may reuse it, and
# for a CDN in front, how long it may keep it and serve it stale while it fetches a fresh copy.
PAGE_CACHE_SECONDS = int(env.get("PAGE_CACHE_SECONDS", "600"))
PAGE_CACHE_MAX_AGE = int(env.get("PAGE_CACHE_MAX_AGE", "60"))
CACHE_CONTROL_S_MAXAGE = int(env.get("CACHE_CONTROL_S_MAXAGE", "600"))
CACHE_CONTROL_STALE_WHILE_REVALIDATE = int(env.get("CACHE_CONTROL_STALE_WHILE_REVALIDATE", "60"))

# A CDN or caching proxy in front: Wagtail purges a page's URLs from it when the page is
# published, unpublished or moved (wagtail.contrib.frontend_cache). Other pages that show it
# (menus, teasers) follow within PAGE_CACHE_MAX_AGE. Nothing is purged unless configured.
WAGTAILFRONTENDCACHE = {}
if env.get("FRONTEND_CACHE_PURGE_URL"):  # Varnish, nginx or Fastly-style PURGE requests
    WAGTAILFRONTENDCACHE["http"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": env["FRONTEND_CACHE_PURGE_URL"],
    }
if env.get("CLOUDFLARE_API_TOKEN"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": env["CLOUDFLARE_API_TOKEN"],
        "ZONEID": env.get("CLOUDFLARE_ZONE_ID", ""),
    }

# Security headers on every response. Public pages get a strict policy with no inline script;
# Wagtail's admin needs inline scripts and styles, so /admin/ is left to its own protections.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        # Video embeds from the providers editors use (see the embed block).
        "frame-src": ["https://www.youtube-nocookie.com", "https://www.youtube.com", "https://player.vimeo.com"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "camera": [],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "payment": [],
    "usb": [],
}
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# How many proxies stand in front of the app servers (nginx alone: 1). The visitor's address,
# for rate limits and lockouts, comes from the X-Forwarded-For hops they add (odi_site.client_ip).
TRUSTED_PROXY_COUNT = int(env.get("TRUSTED_PROXY_COUNT", "0"))

# Wrong page passwords per visitor in 10 minutes, and password-reset requests per visitor in an
# hour, before the next one is refused (429) until the window has passed.
PAGE_PASSWORD_ATTEMPTS = int(env.get("PAGE_PASSWORD_ATTEMPTS", "10"))
PASSWORD_RESET_ATTEMPTS = int(env.get("PASSWORD_RESET_ATTEMPTS", "5"))

# Newsletter sign-ups nobody confirmed are deleted after this many days (run_periodic_tasks), and
# their confirmation links stop working then.
NEWSLETTER_PENDING_DAYS = 30
# How long personal data from the public forms is kept (odi_site.retention, run every minute by
# run_periodic_tasks): enquiries and consultation requests this many days after they are closed
# (or received, if nobody closed them); training registrations this many days after their session
# ended. Not read from the environment: the privacy notice states these periods, so a change is
# a code change reviewed together with the notice.
ENQUIRY_RETENTION_DAYS = 365
CONSULTATION_RETENTION_DAYS = 365
REGISTRATION_RETENTION_DAYS = 365

# Admin login throttling: lock an address out of an account for an hour after 5 failures.
AXES_CLIENT_IP_CALLABLE = "odi_site.client_ip.client_ip"
AXES_FAILURE_LIMIT = int(env.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "axes_lockout.html"

# Wagtail
WAGTAIL_SITE_NAME = "Office of Diversity, Equity & Inclusion"
WAGTAILADMIN_BASE_URL = env.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")  # check --deploy wants https
# Where the front-end sign-in (for login-restricted pages) goes when no page is named.
LOGIN_REDIRECT_URL = "/"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Wagtail refuses bigger images from their header, before decoding: a small file can hold a huge
# image (a 0.5 MB PNG of 121 megapixels took a worker to 3 GB). Pillow uses the same limit.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = int(env.get("IMAGE_MAX_PIXELS", "40000000"))
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"png": "webp", "jpeg": "webp", "gif": "webp"}
# Upload forms that also check files by content: whole-image decoding, document signatures.
WAGTAILIMAGES_IMAGE_FORM_BASE = "odi_site.uploads.ImageForm"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "odi_site.uploads.DocumentForm"
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No third-party requests from the admin either: Gravatar would learn editors' email hashes.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILEMBEDS_RESPONSIVE_HTML = True
