"""Where the site's log lines go: stderr, errors with their tracebacks, secrets masked.

Django's own loggers are named here so that none keeps its default handlers:
with DEBUG=1 the default "django" handler would print 404 paths ("Not Found:
/p/<token>/") unmasked, and runserver's "django.server" prints request lines.
Every handler has the masking filter (advisor/log_masking.py) and a budget of lines
a minute (advisor/log_budget.py).
"""

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "mask_secrets": {"()": "advisor.log_masking.MaskSecrets"},
        # So much a minute per logger and level, whatever a client sends.
        "budget": {"()": "advisor.log_budget.LogBudget"},
    },
    "formatters": {
        "plain": {"format": "{asctime} {levelname} {name}: {message}", "style": "{"},
    },
    "handlers": {
        # StreamHandler writes to sys.stderr; a traceback follows its error line.
        "stderr": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["budget", "mask_secrets"],
        },
    },
    "loggers": {
        # Errors of requests (django.request: 5xx with traceback, 4xx as warnings),
        # security warnings, and runserver's request lines (django.server, INFO).
        "django": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
        # Django's defaults give it a handler of its own, so it is named too.
        "django.server": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
    },
    "root": {"handlers": ["stderr"], "level": "WARNING"},
}
