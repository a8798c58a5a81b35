"""Gunicorn settings for `make serve`; each can be overridden from the environment.

The app keeps no state in memory between requests (sessions live in the
database), so any number of these servers can share one PostgreSQL.

Sync workers read requests themselves, so they belong behind a buffering proxy:
`make serve` (deploy/serve.py) puts nginx in front and binds gunicorn to a
private Unix socket instead of BIND.
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
# Restart workers now and then so a slow leak can never grow without bound (the
# benchmark turns it off with 0: it reads each worker's CPU by its pid).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "5000"))
max_requests_jitter = 500
# Load the app once in the master: workers share its memory until they write to it.
preload_app = True
accesslog = os.environ.get("ACCESS_LOG", "-") or None  # ACCESS_LOG= (empty) turns it off
errorlog = "-"
# Private links, reset links and query strings are masked in both logs.
logger_class = "advisor.log_masking.MaskingGunicornLogger"
# The client as nginx saw it (X-Forwarded-For): the peer of gunicorn is nginx's socket.
access_log_format = '%({x-forwarded-for}i)s %(t)s "%(r)s" %(s)s %(b)s %(M)sms "%(f)s" "%(a)s"'
# Django alone decides whether a request came over https (SECURE_PROXY_SSL_HEADER,
# set by BEHIND_TLS_PROXY): gunicorn trusts X-Forwarded-Proto from any peer on a
# Unix socket, which nginx would let every client send.
secure_scheme_headers = {}
# The control socket (gunicorn 25+, for `gunicornc`) defaults to one path per user
# ($XDG_RUNTIME_DIR/gunicorn.ctl or ~/.gunicorn/gunicorn.ctl), so a second server
# of the same user takes it over and `gunicornc` then stops or rescales the wrong
# one. Off unless GUNICORN_CONTROL_SOCKET names a path for this server alone;
# signals to the master (HUP, TTIN, TTOU, TERM) do the same work.
control_socket = os.environ.get("GUNICORN_CONTROL_SOCKET", "")
control_socket_disable = not control_socket
