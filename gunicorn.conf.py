"""Gunicorn settings for `make serve`; each can be overridden from the environment.

The app keeps no state in memory between requests (sessions live in the
database), so any number of these servers can share one PostgreSQL.
"""

import multiprocessing
import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
# Sync workers suit a CPU-bound Django app whose requests are short; the usual
# 2 x cores + 1 keeps the CPUs busy while a worker waits on the database.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = 30
graceful_timeout = 20
keepalive = 5
# Restart workers now and then so a slow leak can never grow without bound.
max_requests = 5000
max_requests_jitter = 500
# Load the app once in the master: workers share its memory until they write to it.
preload_app = True
accesslog = os.environ.get("ACCESS_LOG", "-") or None  # ACCESS_LOG= (empty) turns it off
errorlog = "-"
