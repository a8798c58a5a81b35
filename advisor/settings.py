"""One settings module, driven by the environment.

Defaults suit a developer's machine: SQLite in the project folder, DEBUG off
unless asked for. `DATABASE_URL` switches to PostgreSQL.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from advisor.environment import env_bool, env_list, trusted_proxy_count

BASE_DIR = Path(__file__).resolve().parent.parent


DEBUG = env_bool("DEBUG")
# A key everyone can read signs nothing: only a DEBUG run may fall back to one.
# Production sets SECRET_KEY; a checkout keeps a random key of its own in
# .secret-key, written by `make install` (readable by its owner only).
SECRET_KEY = os.environ.get("SECRET_KEY", "")
SECRET_KEY_FILE = Path(os.environ.get("SECRET_KEY_FILE", BASE_DIR / ".secret-key"))
if not SECRET_KEY and SECRET_KEY_FILE.exists():
    SECRET_KEY = SECRET_KEY_FILE.read_text().strip()
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("Set SECRET_KEY (a long random string), or DEBUG=1 locally.")
    SECRET_KEY = "dev-only-insecure-key"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "template_partials",
    "formtools",
    "django_filters",
    "simple_history",
    "csp",
    "axes",
    "advisor",
    "advisor.accounts",
    "profiles",
]

MIDDLEWARE = [
    # First: a form declared in a charset other than UTF-8 is refused before anything
    # reads its body (advisor/charset.py).
    "advisor.charset.FormCharsetMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages go out gzipped (static files come pre-compressed from WhiteNoise);
    # Django's GZip pads responses against BREACH and CSRF tokens are masked.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "csp.middleware.CSPMiddleware",
    "advisor.middleware.NoIndexMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "advisor.urls"
WSGI_APPLICATION = "advisor.wsgi.application"

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
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        # A server connection can drop between requests; a local file cannot.
        conn_health_checks=not os.environ.get("DATABASE_URL", "sqlite").startswith("sqlite"),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several server processes share one file: WAL lets readers go on while one
    # writes, IMMEDIATE takes the write lock up front (no deadlocked upgrades),
    # and the timeout makes a writer wait its turn instead of failing.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Per process and small; no page is cached whole (rendering is cheap enough, and a
# page cache keyed on what visitors send is memory they control).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": 500},
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# --- security -----------------------------------------------------------------

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Log-in lockouts (advisor/accounts/lockout.py): 5 failures lock a username for
# one client address; 20 from any addresses lock the account itself, except for
# addresses it logged in from lately. Both last 15 minutes; a reset lifts them.
AXES_FAILURE_LIMIT = 5
LOGIN_FAILURES_PER_ACCOUNT = 20
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
# Tries during a lockout do not prolong it, so "paused for 15 minutes" holds.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_HANDLER = "advisor.accounts.lockout.AccountCapHandler"
AXES_USERNAME_CALLABLE = "advisor.accounts.lockout.attempted_username"
AXES_CLIENT_IP_CALLABLE = "advisor.accounts.client_address.client_address"
# How many proxies in front append to X-Forwarded-For (advisor/environment.py).
TRUSTED_PROXY_COUNT = trusted_proxy_count()
# Per hour, counted in the database (shared by all workers): reset e-mails, and
# new profiles from one network (generous: a class on one campus network fits).
PASSWORD_RESETS_PER_EMAIL = 3
PASSWORD_RESETS_PER_ADDRESS = 10
PASSWORD_RESET_THROTTLE_WINDOW = timedelta(hours=1)
PROFILES_PER_ADDRESS = int(os.environ.get("PROFILES_PER_ADDRESS", "60"))
# A group's join code shows its name and members: guessing codes is kept slow
# (profiles/advising/join_codes.py). Wrong codes per network and hour (the group link
# is not checked past them) and per profile and week (the share page refuses that
# profile alone); right ones never count.
JOIN_CODE_LOOKUPS_PER_ADDRESS = int(os.environ.get("JOIN_CODE_LOOKUPS_PER_ADDRESS", "30"))
JOIN_CODE_MISSES_PER_PROFILE = int(os.environ.get("JOIN_CODE_MISSES_PER_PROFILE", "10"))
# New shares into one group from one network a day: a class on one campus network
# fits; made-up profiles poured into a group whose code is known do not.
SHARES_PER_ADDRESS_PER_DAY = int(os.environ.get("SHARES_PER_ADDRESS_PER_DAY", "100"))

# --- advising and retention (profiles/advising/retention.py; `manage.py retention`) ---

# How long a read-only link works, and how many one profile may have at a time.
READ_ONLY_LINK_DAYS = max(1, int(os.environ.get("READ_ONLY_LINK_DAYS", "90")))
READ_ONLY_LINKS_PER_PROFILE = 5
# Made per profile and day (revoked ones count): each link opened adds to the record.
READ_ONLY_LINKS_PER_DAY = 10
# Invitations one advisor may send in 24 hours (withdrawn ones count), and how often a
# day a group's or an advisor's name may change (each change of a name applicants
# consented under writes an entry to every sharing applicant's access record).
INVITATIONS_PER_DAY = int(os.environ.get("INVITATIONS_PER_DAY", "20"))
RENAMES_PER_DAY = int(os.environ.get("RENAMES_PER_DAY", "5"))
# The longest list a CSV export sends while the advisor waits: a request must finish
# within gunicorn's 30 s (tests/bench measures the export). A longer list is written
# in the background (profiles/advising/export_jobs.py) to EXPORT_DIR, downloadable by
# its advisor for EXPORT_KEEP_HOURS, then deleted by the retention command.
EXPORT_MAX_ROWS = int(os.environ.get("EXPORT_MAX_ROWS", "50000"))
EXPORT_DIR = os.environ.get("EXPORT_DIR", str(BASE_DIR / "var" / "exports"))
EXPORT_KEEP_HOURS = int(os.environ.get("EXPORT_KEEP_HOURS", "24"))
# Exports (downloads and background files) one advisor may make in 24 hours: each is
# a minute of a core at worst and one access-record entry; a day's work needs a few.
EXPORTS_PER_DAY = int(os.environ.get("EXPORTS_PER_DAY", "20"))
# Background exports run in a process of their own; tests run them in the request.
EXPORT_JOBS_IN_PROCESS = True
# So do re-checks of saved advice after an admin's save (profiles/advising/rechecks.py);
# the preview before it works out this many of the most recent profiles (~0.3 s).
IMPACT_PREVIEW_SAMPLE = int(os.environ.get("IMPACT_PREVIEW_SAMPLE", "400"))
RECHECKS_IN_PROCESS = True
# Entries of the access record (who viewed, exported or wrote a note) are kept
# this long, then deleted by the retention command.
ACCESS_RECORD_DAYS = int(os.environ.get("ACCESS_RECORD_DAYS", "730"))
# A profile shared with no group and not opened by its owner for this long is
# deleted with its advice, notes and record.
UNSHARED_PROFILE_DAYS = int(os.environ.get("UNSHARED_PROFILE_DAYS", "365"))
# A half-filled form is kept this long after its last change (in the session).
DRAFT_HOURS = int(os.environ.get("DRAFT_HOURS", "3"))

# Private links carry the profile's token: never send it to other sites.
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True  # htmx gets the token from the page, not the cookie
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
# Database sessions that purge expired rows themselves (no cron to forget); an
# applicant's draft and remembered links set shorter ages (profiles/device_memory).
SESSION_ENGINE = "advisor.session_store"

# What one request may make the server hold: no question takes more than a few
# hundred characters, so 64 KB of form fields is plenty; no form takes a file, so
# no upload handler (a posted file part is read past and dropped).
DATA_UPLOAD_MAX_MEMORY_SIZE = 64 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 200
FILE_UPLOAD_HANDLERS: list[str] = []

# HTTPS=1 where the site is served over TLS (production): secure cookies, HSTS
# and a redirect to https. Off for local runs on http://127.0.0.1.
HTTPS = env_bool("HTTPS")
if HTTPS:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
if env_bool("BEHIND_TLS_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# No inline scripts or styles anywhere; Bootstrap's form icons are data: SVGs.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "profiles:advisor_list"
LOGOUT_REDIRECT_URL = "home"
# A password-reset e-mail is a key to an advisor's account: printed to the console
# it would land in the server's log, so only a DEBUG run may use that backend.
# Unset, mail is written to files in EMAIL_FILE_PATH, readable by the server's user
# only (advisor/private_files.py); production sets Django's SMTP backend and its
# EMAIL_* settings.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "advisor.private_files.PrivateFileEmailBackend")
if not DEBUG and EMAIL_BACKEND == "django.core.mail.backends.console.EmailBackend":
    raise ImproperlyConfigured(
        "The console e-mail backend would print password-reset links into the server's "
        "log: use it with DEBUG=1 only (SMTP or the file-based backend otherwise)."
    )
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(BASE_DIR / "var" / "sent-mail"))
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
# A silent mail server must not hold a worker: link e-mails and password resets
# give up after this many seconds and say so.
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "advisor@localhost")

# Errors with their tracebacks go to stderr, with private links masked.
from advisor.logging_config import LOGGING  # noqa: E402, F401

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
