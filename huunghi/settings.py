"""Django settings for Hữu Nghị.

One settings module; environments differ only by environment variables:

- ``HUUNGHI_DEBUG``: ``1`` for development (never in production).
- ``HUUNGHI_SECRET_KEY``: required unless debugging; the server refuses to start without it.
- ``DATABASE_URL``: defaults to the embedded SQLite file ``var/huunghi.sqlite3``;
  ``postgres://…`` selects PostgreSQL (production and CI).
- ``HUUNGHI_ALLOWED_HOSTS``: comma-separated host names.
- ``HUUNGHI_HTTPS``: ``1`` behind TLS (secure cookies, HSTS, SSL redirect).
- ``HUUNGHI_MAP_TILE_URL``: optional tile URL template for the dashboard map.
- ``HUUNGHI_VAR_DIR``: where the database file, uploads and generated reports live.
- ``HUUNGHI_LANGUAGE_CODE``: the default interface language (``vi``).
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP  # type: ignore[import-untyped,unused-ignore]
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("HUUNGHI_VAR_DIR", BASE_DIR / "var"))


def env_flag(name: str, default: bool = False) -> bool:
    """Read a boolean environment variable ("1", "true", "yes" are true)."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_flag("HUUNGHI_DEBUG")
SECRET_KEY = os.environ.get("HUUNGHI_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "HUUNGHI_SECRET_KEY is not set. Production refuses to start without a secret key."
        )
    SECRET_KEY = "insecure-development-key-only-for-HUUNGHI_DEBUG"  # noqa: S105 - DEBUG only

ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("HUUNGHI_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
    if h.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "ninja",
    "axes",
    "django_tasks_db",
    "import_export",
    "huunghi.core",
    "huunghi.audit",
    "huunghi.geography",
    "huunghi.organisations",
    "huunghi.accounts",
    "huunghi.records",
    "huunghi.figures",
    "huunghi.beneficiaries",
    "huunghi.remains",
    "huunghi.reports",
    "huunghi.dataio",
    "huunghi.newsimport",
    "huunghi.offline",
    "huunghi.cycle",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "huunghi.core.db_router.PrimaryPinMiddleware",
    "huunghi.core.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
    "huunghi.api.single_values.SingleValuedQueryMiddleware",
    # Last, so its process_exception runs first: a busy database is a 503 "try again".
    "huunghi.core.busy.DatabaseBusyMiddleware",
]

ROOT_URLCONF = "huunghi.urls"
WSGI_APPLICATION = "huunghi.wsgi.application"
ASGI_APPLICATION = "huunghi.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "huunghi" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "huunghi.core.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'huunghi.sqlite3'}"),
        conn_max_age=int(os.environ.get("HUUNGHI_DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            # Busy timeout: imports commit in short chunks, so a longer wait means
            # something is stuck; the user then gets "busy, try again" (core/busy.py).
            "timeout": int(os.environ.get("HUUNGHI_SQLITE_TIMEOUT", "5")),
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                "PRAGMA foreign_keys=ON; PRAGMA cache_size=-64000; PRAGMA mmap_size=268435456;"
            ),
        }
    )

# A PostgreSQL hot standby for reads that may lag (dashboard, exports): core/db_router.py.
if os.environ.get("HUUNGHI_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["HUUNGHI_REPLICA_URL"],
        conn_max_age=int(os.environ.get("HUUNGHI_DB_CONN_MAX_AGE", "60")),
    )
    DATABASES["replica"].setdefault("OPTIONS", {})["connect_timeout"] = 2
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["huunghi.core.db_router.PrimaryReplicaRouter"]
HUUNGHI_REPLICA_MAX_LAG_SECONDS = float(os.environ.get("HUUNGHI_REPLICA_MAX_LAG_SECONDS", "5"))
HUUNGHI_REPLICA_PIN_SECONDS = float(os.environ.get("HUUNGHI_REPLICA_PIN_SECONDS", "15"))
HUUNGHI_REPLICA_CHECK_SECONDS = 2.0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
if env_flag("HUUNGHI_FAST_HASHER"):
    # Tests and demo loading only: hashing 20 demo accounts must not take seconds.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Login throttling (django-axes): five failures lock the user+address pair for 15 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
# A browser that signed in before is throttled per device instead (accounts/throttle.py).
AXES_WHITELIST_CALLABLE = "huunghi.accounts.throttle.axes_skips"
AXES_ENABLED = not env_flag("HUUNGHI_DISABLE_AXES")

# Vietnamese is the default for users; the test suite sets "en" so that assertions read
# the English source strings (tests of the Vietnamese UI override it back).
LANGUAGE_CODE = os.environ.get("HUUNGHI_LANGUAGE_CODE", "vi")
LANGUAGES = [("vi", _("Vietnamese")), ("km", _("Khmer")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "huunghi" / "locale"]
LANGUAGE_COOKIE_NAME = "huunghi_language"
FORMAT_MODULE_PATH = ["huunghi.formats"]  # Vietnamese short dates 05/02/2026
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "huunghi" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or env_flag("HUUNGHI_TESTING")
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG or env_flag("HUUNGHI_TESTING")
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"

# Uploads: attachments and import files are checked in forms; these caps stop
# oversized bodies before they reach the form code.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
HUUNGHI_MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
HUUNGHI_MAX_IMPORT_BYTES = 20 * 1024 * 1024
HUUNGHI_MAX_IMPORT_ROWS = 100_000
HUUNGHI_MAX_ARTICLE_BYTES = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000

HUUNGHI_MAP_TILE_URL = os.environ.get("HUUNGHI_MAP_TILE_URL", "")

TASKS = {
    "default": {
        "BACKEND": (
            "django.tasks.backends.immediate.ImmediateBackend"
            if env_flag("HUUNGHI_TASKS_IMMEDIATE")
            else "django_tasks_db.DatabaseBackend"
        ),
        "QUEUES": ["default"],
    }
}

# Security headers and cookies.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 60 * 60
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if env_flag("HUUNGHI_HTTPS"):
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 31_536_000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:", "blob:"]
    + ([HUUNGHI_MAP_TILE_URL.split("/{")[0]] if HUUNGHI_MAP_TILE_URL else []),
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("HUUNGHI_LOG_LEVEL", "WARNING")},
}

NINJA_PAGINATION_PER_PAGE = 50

# Reminder e-mails of the reporting cycle are optional: in-app notifications always work.
# E-mail is sent only when a backend is configured (HUUNGHI_EMAIL_BACKEND, e.g.
# django.core.mail.backends.smtp.EmailBackend, with HUUNGHI_EMAIL_HOST); while debugging it
# is printed to the console. Without either, no mailer is defined and nothing is sent.
_EMAIL_BACKEND = os.environ.get("HUUNGHI_EMAIL_BACKEND", "")
HUUNGHI_EMAIL_ENABLED = bool(_EMAIL_BACKEND) or DEBUG
if HUUNGHI_EMAIL_ENABLED:
    MAILERS = {
        "default": {
            "BACKEND": _EMAIL_BACKEND or "django.core.mail.backends.console.EmailBackend",
            "OPTIONS": (
                {"host": os.environ["HUUNGHI_EMAIL_HOST"]}
                if os.environ.get("HUUNGHI_EMAIL_HOST")
                else {}
            ),
        }
    }
elif env_flag("HUUNGHI_TESTING"):  # the test runner swaps each mailer for its outbox
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
else:
    MAILERS = {}  # explicitly none (Django 7's default; the implicit SMTP mailer is deprecated)
DEFAULT_FROM_EMAIL = os.environ.get("HUUNGHI_EMAIL_FROM", "huunghi@localhost")
