"""The benchmark's CSV exports: a filtered list sent at once, and a whole group's list
written in the background (profiles/advising/export_jobs.py), each timed to the
last byte and checked whole by its last line."""

from __future__ import annotations

import html
import re
import time
import urllib.parse
import urllib.request

from tests.bench.http_measures import CSRF

EXPORT_QUERY = "specialty=neurology&career_goal=academic"
QUERY_FIELD = re.compile(r'name="query" value="([^"]*)"')
READY = re.compile(r"The file is ready: (\d+) profiles")


def timed_export(base: str, cookie: str) -> dict:
    """One group's neurology applicants aiming at academic programs, sent at once."""
    request = urllib.request.Request(
        f"{base}/advisor/export.csv?{EXPORT_QUERY}", headers={"Cookie": cookie}
    )
    started = time.monotonic()
    with urllib.request.urlopen(request, timeout=600) as response:
        body = response.read()
    return {"seconds": time.monotonic() - started, **_checked(body)}


def timed_background_export(base: str, opener, *, limit_seconds: int = 900) -> dict:
    """The group's whole list, by priority: offered, started, polled every second
    until ready, then downloaded."""
    offer = opener.open(f"{base}/advisor/export.csv?sort=priority").read().decode()
    query = QUERY_FIELD.search(offer)
    if not query:  # a list short enough to send at once
        return {"offered": False, "seconds": 0.0, "rows": 0, "megabytes": 0.0, "complete": True}
    data = {"csrfmiddlewaretoken": CSRF.search(offer).group(1), "query": html.unescape(query[1])}
    started = time.monotonic()
    with opener.open(f"{base}/advisor/exports/", urllib.parse.urlencode(data).encode()) as sent:
        status_url, page = sent.geturl(), sent.read().decode()
    while not READY.search(page) and "stopped after" not in page:
        if time.monotonic() - started > limit_seconds:
            break
        time.sleep(1)
        page = opener.open(status_url).read().decode()
    ready = time.monotonic() - started
    body = opener.open(f"{status_url}file/").read() if READY.search(page) else b""
    return {"offered": True, "seconds": ready, **_checked(body)}


def _checked(body: bytes) -> dict:
    text = body.decode("utf-8-sig")
    last = text.rstrip("\r\n").rsplit("\n", 1)[-1]
    rows = max(0, text.count("\n") - 2)
    return {
        "rows": rows,
        "megabytes": len(body) / 1e6,
        "complete": last.strip() == f"End of export: {rows} profiles",
    }
