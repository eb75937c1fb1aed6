"""Settings for the Steckbrief catalogue.

One settings module that reads the environment. Defaults are safe for a
laptop (SQLite, DEBUG on); with DEBUG off a missing SECRET_KEY stops start-up.
Every variable is documented in README.md and docs/operations.md.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from catalogue.cacheurl import cache_from_url

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "insecure-development-key-only-for-debug-mode"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# Absolute base URL for links that leave the request (feeds, previews, QR
# codes, sitemap). Required in production: built from the request, the Host
# header (and its port) would decide what feeds and previews point to. Empty
# on a laptop means "build from the request".
SITE_URL = os.environ.get("SITE_URL", "").strip().rstrip("/")
if not DEBUG:
    from urllib.parse import urlsplit

    _site = urlsplit(SITE_URL)
    if _site.scheme not in {"https", "http"} or not _site.hostname or _site.path or _site.query:
        raise ImproperlyConfigured(
            "SITE_URL must be set when DEBUG is off, as scheme and host only, "
            "e.g. https://katalog.example.org"
        )

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "django_filters",
    "taggit",
    "reversion",
    "reversion_compare",
    "import_export",
    "csp",
    "axes",
    "profiles",
    "finder",
    "glossary",
    "submissions",
    "calculator",
    "laender",
    "search",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Control characters (%00 …) removed from every query parameter.
    "catalogue.controlchars.ControlCharacterMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Anonymous public GET pages from the cache (catalogue/caching.py); after
    # the middleware above, so their headers are added to cached pages too.
    "catalogue.caching.PublicPageCacheMiddleware",
    # Last, as django-axes requires: locks out repeated failed logins.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "catalogue.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "catalogue.context_processors.site",
            ],
        },
    },
]

WSGI_APPLICATION = "catalogue.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "de"
LANGUAGES = [("de", "Deutsch")]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

# A CDN in front of the static files: STATIC_URL=https://cdn.example.org/static/
STATIC_URL = os.environ.get("STATIC_URL", "/static/")
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

TAGGIT_CASE_INSENSITIVE = True

LOGIN_URL = "admin:login"

# Logs go to stdout: one JSON object per line in production (LOG_FORMAT=json,
# the default with DEBUG off), plain text on a laptop. gunicorn writes the
# one-line-per-request access log with the same formatter (gunicorn.conf.py).
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text" if DEBUG else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "catalogue.jsonlog.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "json" if LOG_FORMAT == "json" else "text",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # Django's own console handler would print errors twice: let them reach root.
    "loggers": {
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        "axes.apps": {"level": "WARNING"},  # not a start-up banner in every process
        # WeasyPrint (Steckbrief PDF) logs every layout step at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# Editorial workflow and open data (docs/redaktion-und-daten.md)
# A profile is due for review this many months after it was last reviewed.
REVIEW_INTERVAL_MONTHS = int(os.environ.get("REVIEW_INTERVAL_MONTHS", "12"))
# Licence of the published texts: the institute's choice, shown on /daten/.
OPEN_DATA_LICENCE_NAME = os.environ.get("OPEN_DATA_LICENCE_NAME", "CC BY 4.0")
OPEN_DATA_LICENCE_URL = os.environ.get(
    "OPEN_DATA_LICENCE_URL", "https://creativecommons.org/licenses/by/4.0/deed.de"
)
OPEN_DATA_ATTRIBUTION = os.environ.get(
    "OPEN_DATA_ATTRIBUTION", "Steckbrief-Katalog interkommunaler Zusammenarbeit"
)
# Imports run in one transaction: one invalid row and nothing is written.
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = False
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "change"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"
# Uploads wait for confirmation in the database, not in a container's /tmp.
IMPORT_EXPORT_TMP_STORAGE_CLASS = "profiles.editorial.imports.DatabaseStorage"
# Import limits (profiles/editorial/imports.py, docs/redaktion-und-daten.md).
IMPORT_MAX_BYTES = int(os.environ.get("IMPORT_MAX_BYTES", str(2_000_000)))
# Rows per table in the admin: a preview or a confirmation of a full file must
# finish well within the worker timeout (GUNICORN_TIMEOUT, 30 s).
IMPORT_MAX_ROWS = int(os.environ.get("IMPORT_MAX_ROWS", "200"))
# The shell command (no worker timeout) allows more.
IMPORT_SHELL_MAX_ROWS = int(os.environ.get("IMPORT_SHELL_MAX_ROWS", "20000"))
IMPORT_MAX_UNPACKED_BYTES = int(os.environ.get("IMPORT_MAX_UNPACKED_BYTES", str(30_000_000)))
IMPORT_UPLOAD_MAX_AGE_HOURS = int(os.environ.get("IMPORT_UPLOAD_MAX_AGE_HOURS", "6"))
# Contact for accessibility feedback, shown in the Erklärung zur Barrierefreiheit.
CONTACT_EMAIL = os.environ.get("CONTACT_EMAIL", "barrierefreiheit@example.org")

# Mail (submissions: editors are notified, senders get a confirmation). Without
# EMAIL_HOST the console backend prints mails; with it, SMTP is used.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", not EMAIL_USE_SSL)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "katalog@example.org")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Submissions (submissions/): who is notified (comma-separated; empty: the active
# members of the group Redaktion), rate limit per client address, retention of
# rejected submissions (manage.py delete_rejected_submissions).
SUBMISSION_NOTIFY_EMAILS = env_list("SUBMISSION_NOTIFY_EMAILS")
SUBMISSION_RATE_LIMIT = int(os.environ.get("SUBMISSION_RATE_LIMIT", "5"))
SUBMISSION_RATE_WINDOW = int(os.environ.get("SUBMISSION_RATE_WINDOW", "3600"))
SUBMISSION_RETENTION_DAYS = int(os.environ.get("SUBMISSION_RETENTION_DAYS", "90"))

# Production hardening: on whenever DEBUG is off. TLS ends at the proxy, which
# sets X-Forwarded-Proto; each value can be overridden from the environment.
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(8 * 60 * 60)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = env_bool("SESSION_EXPIRE_AT_BROWSER_CLOSE", True)
# Health probes of load balancers and Docker speak plain HTTP to the container.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# Content-Security-Policy (django-csp 4): only our own files, no inline script
# or style and no eval, for the public pages and the admin alike (Django 5.2's
# admin has neither inline scripts nor style attributes). No nonces, so cached
# pages stay valid for everybody (docs/operations.md).
_STATIC_ORIGIN = (
    [STATIC_URL.split("/", 3)[0] + "//" + STATIC_URL.split("/", 3)[2]]
    if STATIC_URL.startswith(("https://", "http://"))
    else []
)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", *_STATIC_ORIGIN],
        "style-src": ["'self'", *_STATIC_ORIGIN],
        "img-src": ["'self'", "data:", *_STATIC_ORIGIN],
        "font-src": ["'self'", *_STATIC_ORIGIN],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Permissions-Policy: the catalogue needs none of these browser features.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
}

# Admin login lockout (django-axes): after AXES_FAILURE_LIMIT failed logins for
# one user name from one address, logins are refused with a German page (429)
# until AXES_COOLOFF_MINUTES have passed or `manage.py axes_reset` is run.
AUTHENTICATION_BACKENDS = [
    "catalogue.lockout.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=float(os.environ.get("AXES_COOLOFF_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "catalogue.lockout.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429
AXES_CLIENT_IP_CALLABLE = "catalogue.lockout.client_ip"
# Number of trusted reverse proxies that append to X-Forwarded-For (0: none).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

# Caches: CACHE_URL selects the backend (catalogue/caching.py): locmem:// by
# default, redis://host:6379/0, pymemcache://host:11211 or dummy://.
CACHE_URL = os.environ.get("CACHE_URL", "locmem://")
CACHES = {"default": cache_from_url(CACHE_URL)}
# Anonymous public pages: kept on the server for at most PUBLIC_CACHE_TIMEOUT
# seconds (a content change replaces them at once), and by browsers and
# proxies for PUBLIC_CACHE_MAX_AGE seconds. Off with DEBUG, so template edits
# show at once on a laptop.
PUBLIC_CACHE = env_bool("PUBLIC_CACHE", not DEBUG)
PUBLIC_CACHE_TIMEOUT = int(os.environ.get("PUBLIC_CACHE_TIMEOUT", "600"))
PUBLIC_CACHE_MAX_AGE = int(os.environ.get("PUBLIC_CACHE_MAX_AGE", "60"))
PUBLIC_CACHE_EXCLUDE = ["/admin/", "/healthz"]
# Where the content version lives (catalogue/caching.py): None = automatic
# (in a shared Redis/Memcached cache, else in the database).
PUBLIC_CACHE_VERSION_IN_CACHE = (
    env_bool("PUBLIC_CACHE_VERSION_IN_CACHE", False)
    if os.environ.get("PUBLIC_CACHE_VERSION_IN_CACHE")
    else None
)
# Facet counts of the browse pages, kept per content version and filter state
# (profiles/public/browse.py); 0 turns this off.
FACET_CACHE_TIMEOUT = int(os.environ.get("FACET_CACHE_TIMEOUT", "600"))
