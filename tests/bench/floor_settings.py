"""The benchmark's floor: the least a Django page can cost on this machine.

One function view (tests/bench/floor_urls.py) behind two middlewares, no database,
no templates, no sessions, served by gunicorn with the site's own gunicorn.conf.py
(same workers, same logger). Every page's row in `make bench` is read against it,
so a ratio says what the site adds to Django itself, not to the site's /healthz/
(which already pays for the site's fourteen middlewares).
"""

import os

SECRET_KEY = os.environ.get("SECRET_KEY", "floor-only-answers-one-fixed-text")
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "tests.bench.floor_urls"
INSTALLED_APPS: list[str] = []
# The two that nearly every Django site keeps, however small.
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.common.CommonMiddleware",
]
DATABASES: dict = {}
USE_TZ = True
