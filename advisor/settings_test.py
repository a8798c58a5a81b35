"""Test settings: fast hashing, no manifest (tests must not need collectstatic)."""

import os

# Tests run with DEBUG off, as production does; these two are set for them below.
os.environ.setdefault("SECRET_KEY", "test-only-key-not-secret")
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")

from advisor.settings import *  # noqa: F403
from advisor.settings import STORAGES

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Serve static files straight from the source folders, as runserver does.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not Django's shared in-memory database: tests that race several
    # connections need SQLite's real locking (WAL, busy timeout), as served.
    import tempfile

    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": os.path.join(tempfile.gettempdir(), f"img-advisor-test-{os.getpid()}.sqlite3")
    }

# Background exports run in the request, so a test sees the file as soon as it asks.
EXPORT_JOBS_IN_PROCESS = False
# So do re-checks of saved advice after an admin's save.
RECHECKS_IN_PROCESS = False
EXPORT_DIR = os.path.join(__import__("tempfile").gettempdir(), f"img-advisor-exports-{os.getpid()}")

# The log budget (advisor/log_budget.py) is per process and per minute; a test process
# logs hundreds of 404s a minute on purpose, and some tests read the line they caused.
# Its own tests build it with a small budget.
LOGGING["filters"]["budget"]["lines"] = 1_000_000  # noqa: F405
