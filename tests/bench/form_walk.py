"""Applicants walking the form over HTTP, each in a session of their own: every step's
GET and POST, the last POST that makes the profile, and the result page it leads to.

All the applicants take a request in lockstep (all the first steps, then all the
first POSTs, ...), `concurrency` at a time, so the CPU the server's workers spent
between two readings of /proc belongs to one kind of request. With `htmx` they are
browsers with JavaScript (htmx posts each step and fetches the next step's fragment);
without, every step is a whole page and POST-redirect-GET.
"""

from __future__ import annotations

import gzip
import http.cookiejar
import random
import re
import statistics
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from tests.bench.http_measures import (
    BROWSER,
    HTMX,
    Measured,
    cpu_seconds,
    postgres_cpu_seconds,
)
from tests.profiles.wizard_steps import ANSWERS, PREFIX

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
SUBMISSION_KEY = re.compile(r'name="submission_key" value="([^"]+)"')
STEPS = list(ANSWERS)  # goals ... logistics, then "check" (check your answers)
STEP_NAMES = {"check": "check your answers"}


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # the redirect is the answer; the next GET is measured on its own


@dataclass
class Visitor:
    base: str
    htmx: bool
    jar: http.cookiejar.CookieJar = field(default_factory=http.cookiejar.CookieJar)
    page: str = ""
    next_url: str = ""
    next_htmx: bool = False

    def __post_init__(self):
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect()
        )

    def send(self, path: str, data: dict | None = None, htmx: bool = False) -> int:
        headers = {**BROWSER, **(HTMX if htmx else {})}
        self.next_url = ""
        if data is not None and htmx:
            headers["X-CSRFToken"] = data["csrfmiddlewaretoken"]  # hx-headers on <body>
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, body, headers)
        try:
            response = self.opener.open(request, timeout=60)
        except urllib.error.HTTPError as answer:
            response = answer
        with response:
            raw = response.read()
            if response.headers.get("Content-Encoding") == "gzip":
                raw = gzip.decompress(raw)
            self.page = raw.decode(errors="replace") or self.page
            # Where the browser goes next: a redirect it follows as it came (htmx's XHR
            # follows with htmx's headers), or HX-Redirect, a whole page load.
            if response.headers.get("HX-Redirect"):
                self.next_url, self.next_htmx = response.headers["HX-Redirect"], False
            elif response.status in (301, 302, 303):
                location = urllib.parse.urlsplit(response.headers["Location"])
                self.next_url, self.next_htmx = location.path, htmx
            return response.status

    def post_step(self, step: str, rng: random.Random) -> int:
        status = self.send(f"/start/{step}/", self.answers(step, rng), self.htmx)
        moved_on = self.next_url.startswith("/p/" if step == STEPS[-1] else "/start/")
        return status if moved_on else -1  # the step was not accepted

    def answers(self, step: str, rng: random.Random) -> dict:
        answers = dict(ANSWERS[step])
        if step == "usce":  # a little variety, so the advice is not the same for all
            answers["usce_hands_on_weeks"] = str(rng.randint(0, 16))
        if step == "research":
            answers["research_abstracts"] = str(rng.randint(0, 4))
        data = {f"{step}-{name}": value for name, value in answers.items()}
        data[f"{PREFIX}-current_step"] = step
        data["csrfmiddlewaretoken"] = CSRF.search(self.page).group(1)
        key = SUBMISSION_KEY.search(self.page)
        if key:
            data["submission_key"] = key.group(1)
        return data


def walk(
    base: str, *, users: int, htmx: bool, workers: list[int], concurrency: int = 8
) -> dict[str, Measured]:
    """Each request of the form, measured over `users` applicants."""
    rng = random.Random(11)
    visitors = [Visitor(base, htmx) for _ in range(users)]
    results: dict[str, Measured] = {}

    def phase(label: str, call, expected: set[int]) -> None:
        timings, bad = [], 0
        app_before, db_before = cpu_seconds(workers), postgres_cpu_seconds()
        started = time.perf_counter()

        def timed(visitor: Visitor) -> tuple[float, int]:
            began = time.perf_counter()
            status = call(visitor)
            return time.perf_counter() - began, status

        with ThreadPoolExecutor(concurrency) as pool:
            for seconds, status in pool.map(timed, visitors):
                timings.append(seconds * 1000)
                bad += status not in expected
        wall = time.perf_counter() - started
        app_cpu, db_cpu = cpu_seconds(workers) - app_before, postgres_cpu_seconds() - db_before
        results[label] = Measured(
            requests=users,
            requests_per_second=users / wall,
            p50_ms=statistics.median(timings),
            p95_ms=statistics.quantiles(timings, n=20)[18],
            bad_responses=bad,
            app_cpu_ms=1000 * app_cpu / users,
            db_cpu_ms=1000 * db_cpu / users,
        )

    # The first step is a page load, whatever the browser: no session yet.
    phase("goals GET (new visitor)", lambda v: v.send("/start/goals/"), {200})
    for step in STEPS:
        name = STEP_NAMES.get(step, step)
        if step != STEPS[0]:
            phase(f"{name} GET", lambda v: v.send(v.next_url, htmx=v.next_htmx), {200})
        last = step == STEPS[-1]
        label = "done POST (makes the profile)" if last else f"{name} POST"
        # A step accepted redirects to the next; the last one, with htmx, says HX-Redirect.
        accepted = {200} if last and htmx else {302}
        phase(label, lambda v, s=step: v.post_step(s, rng), accepted)
    phase("result page, just made", lambda v: v.send(v.next_url), {200})
    return results
