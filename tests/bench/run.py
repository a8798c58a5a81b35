"""`make bench`: the site under traffic that looks like real traffic, on PostgreSQL
with 10,000 made-up profiles (BENCH_SIZES=10000,1000000 adds a million).

Every request carries a browser's Accept-Encoding, so pages are gzipped as they are
for people. For each size: thousands of different private links, the what-if panel
as htmx asks for it (every answer, one changed) and the same preview posted without
JavaScript, advisors sorting, searching and paging deep into a large group's list,
opening profiles, the summary and the CSV, each with wrk; every step of the form,
GET and POST, over HTTP with a session per applicant, with htmx and without; each
beside the floor, a bare Django view (tests/bench/floor_settings.py) served by a
second gunicorn with the site's gunicorn.conf.py in the same run. For each: p50 and
p95 latency, requests per second, the CPU the app's workers and PostgreSQL spent
per request (from /proc), and that CPU as a multiple of the floor's. Then the
capacity (capacity.py): applicants at once with p95 < 300 ms, the load average
noted. In one process, each page's CPU and queries; EXPLAIN of the list, search
and summary queries; the CSV export timed whole.

Databases `bench_<size>` are seeded once (a minute for 10,000, about 20 for a
million) and kept for the next run. BENCH_SECONDS sets each wrk measurement's
length (default 10), BENCH_FORM_USERS the applicants walking the form (300).
The table lands in test-results/bench.txt.
"""

from __future__ import annotations

import json
import os
import platform
import secrets
import subprocess
import sys
from datetime import date
from pathlib import Path
from urllib.parse import urlencode

from tests.bench.capacity import capacity, capacity_lines
from tests.bench.explain import explain_report
from tests.bench.exports import EXPORT_QUERY, timed_background_export, timed_export
from tests.bench.floor import floor_server
from tests.bench.form_walk import walk
from tests.bench.http_measures import (
    CSRF,
    HTMX,
    Measured,
    cookie_header,
    first_visit_bytes,
    load,
    logged_in,
    peak_rss_mb,
    session_opener,
    wrk_available,
)
from tests.bench.seeding import seeded_database
from tests.bench.traffic import advisor_pages, private_links
from tests.gunicorn_server import ROOT, gunicorn_server

SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
SIZES = [int(s) for s in os.environ.get("BENCH_SIZES", "10000").split(",")]
FORM_USERS = int(os.environ.get("BENCH_FORM_USERS", "300"))
PANELS = 2000  # different profiles whose what-if panel is asked for
TARGET_CPU_MS, TARGET_ADVISOR_P95_MS = 2.0, 200
FLOOR = "floor: bare Django view, 2 middlewares"


def cpu_name() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown CPU"


def bench_size(size: int, lines: list[str]) -> bool:
    """Measure one size into `lines`; False when a request failed or an export was cut
    short (speed targets missed are marked in the table, never a failure)."""
    url = seeded_database(size)
    workers = (os.cpu_count() or 1) * 2 + 1
    load_before = os.getloadavg()
    # No worker recycling (max_requests): the CPU a page costs is read by worker pid.
    stay = {"GUNICORN_MAX_REQUESTS": "0"}
    with (
        gunicorn_server(workers=workers, database_url=url, env=stay) as server,
        floor_server(server.env) as floor,
    ):
        password = secrets.token_urlsafe(16)
        server.manage(
            "create_advisor", "bench", "--group", "Demo advising group", stdin=password + "\n"
        )
        server.manage("shell", "-v0", "-c", SET_PASSWORD.format(password=password))
        opener, cookie = logged_in(server.url, "bench", password)
        tokens = private_links(url)
        panels = panel_answers(server.env, PANELS)
        visitor_cookie, no_js_posts = what_if_posts(server.url, panels)
        applicant = {
            "site's /healthz/ (all its middlewares)": (["/healthz/"], {}),
            "home": (["/"], {}),
            f"result page ({len(tokens):,} private links)": ([f"/p/{t}/" for t in tokens], {}),
            f"what-if panel, htmx ({PANELS:,} profiles)": (what_if_gets(panels), HTMX),
            "what-if page, no JavaScript (POST)": (no_js_posts, {"Cookie": visitor_cookie}),
        }
        pages = advisor_pages(server.url, opener, url)
        load(floor.url, ["/"], seconds=1, workers=[])  # warm up
        for paths, headers in applicant.values():
            load(server.url, paths[:50], seconds=1, workers=[], headers=headers)
        for paths in pages.values():
            load(server.url, paths[:50], seconds=1, workers=[], cookie=cookie)
        pids = server.worker_pids()
        results = {FLOOR: load(floor.url, ["/"], seconds=SECONDS, workers=floor.worker_pids())}
        for label, (paths, headers) in applicant.items():
            results[label] = load(server.url, paths, seconds=SECONDS, workers=pids, headers=headers)
        for label, paths in pages.items():
            results[label] = load(server.url, paths, seconds=SECONDS, workers=pids, cookie=cookie)
        form_htmx = walk(server.url, users=FORM_USERS, htmx=True, workers=pids)
        form_plain = walk(server.url, users=FORM_USERS, htmx=False, workers=pids)
        export = timed_export(server.url, cookie)
        background = timed_background_export(server.url, opener)
        crowds = capacity(server.url, panels, workers=pids)
        rss = peak_rss_mb(server.worker_pids())
        home_kb = first_visit_bytes(server.url + "/") / 1024
        result_kb = first_visit_bytes(server.url + f"/p/{tokens[0]}/") / 1024
        in_process = cpu_per_page(server.env)
        plans = explain_report(url)

    floor_m = results[FLOOR]
    ok = all(m.bad_responses == 0 for m in [*form_htmx.values(), *form_plain.values()])
    lines += [
        f"== {size:,} profiles ({int(size * 0.8):,} shared with one group), PostgreSQL, "
        f"gunicorn.conf.py with {workers} sync workers for the site and for the floor; "
        f"wrk 2 threads x 8 connections, {SECONDS} s a page, Accept-Encoding: gzip",
        f"   load average when the run began: {_load(load_before)} "
        f"({os.cpu_count()} cores; other work on the machine included)",
        "   app CPU: the gunicorn workers' user+system time a request (/proc), DB CPU: "
        "PostgreSQL's; x floor: app CPU over the floor's",
        "",
        f"    {'page':44} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'app CPU':>8} "
        f"{'x floor':>7} {'DB CPU':>7} {'req/s of floor':>14}",
    ]
    for label, m in results.items():
        miss = label.startswith("advisor") and m.p95_ms >= TARGET_ADVISOR_P95_MS
        ok &= m.bad_responses == 0  # a missed target is a figure to read, not a failure
        lines.append(
            f"    {label:44} {m.requests_per_second:7.0f} {m.p50_ms:7.1f} {m.p95_ms:7.1f} "
            f"{m.app_cpu_ms:6.2f}ms {_times(m, floor_m):>7} {m.db_cpu_ms:5.2f}ms "
            f"{m.requests_per_second / floor_m.requests_per_second:13.3f}x"
            f"{'  p95 target 200 ms MISSED' if miss else ''}"
            f"{f'  {m.bad_responses} bad responses' if m.bad_responses else ''}"
        )
    lines += [
        "",
        f"    The form over HTTP: {FORM_USERS} applicants, each in a session of their own, "
        "8 requests at a time, every step GET and POST with valid answers:",
        f"    {'request':34} {'with JavaScript (htmx)':^38}   {'without JavaScript':^28}",
        f"    {'':34} {'p50 ms':>7} {'p95 ms':>7} {'app CPU':>8} {'x floor':>7} {'DB CPU':>7}"
        f"   {'p95 ms':>7} {'app CPU':>8} {'x floor':>7}",
    ]
    for label, m in form_htmx.items():
        plain = form_plain[label]
        lines.append(
            f"    {label:34} {m.p50_ms:7.1f} {m.p95_ms:7.1f} {m.app_cpu_ms:6.2f}ms "
            f"{_times(m, floor_m):>7} {m.db_cpu_ms:5.2f}ms   {plain.p95_ms:7.1f} "
            f"{plain.app_cpu_ms:6.2f}ms {_times(plain, floor_m):>7}"
            + "".join(
                f"  {n.bad_responses} bad responses {how}"
                for n, how in ((m, "with htmx"), (plain, "without"))
                if n.bad_responses
            )
        )
    lines += ["", *capacity_lines(crowds)]
    lines += [
        "",
        "    In one process (CPU of the app alone, the median of "
        f"{os.environ.get('BENCH_CPU_ROUNDS', '120')} different requests):",
        f"    {'page':40} {'CPU ms':>7} {'queries':>7}  target <= {TARGET_CPU_MS} ms",
    ]
    for label, page in in_process.items():
        applicant_page = not label.startswith(("advisor", "summary"))
        verdict = ("ok" if page["cpu_ms"] <= TARGET_CPU_MS else "MISSED") if applicant_page else ""
        lines.append(f"    {label:40} {page['cpu_ms']:7.2f} {page['queries']:7}  {verdict}")
    lines += [
        "",
        f"    CSV export ({EXPORT_QUERY}): {export['rows']:,} rows in {export['seconds']:.1f} s, "
        f"{export['megabytes']:.0f} MB, {'complete' if export['complete'] else 'INCOMPLETE'}",
        "    CSV export of the whole list, in the background: "
        + (
            f"{background['rows']:,} rows ready in {background['seconds']:.1f} s, "
            f"{background['megabytes']:.0f} MB, "
            f"{'complete' if background['complete'] else 'INCOMPLETE'}"
            if background["offered"]
            else "not offered (a list this short is sent at once)"
        ),
        f"    first visit, compressed: home {home_kb:.1f} KB, result page {result_kb:.1f} KB; "
        f"peak worker memory {rss:.0f} MB",
        f"    load average when the run ended: {_load(os.getloadavg())}",
        "",
        plans,
        "",
    ]
    return ok and export["complete"] and background["complete"]


def _times(m: Measured, floor: Measured) -> str:
    return f"{m.app_cpu_ms / floor.app_cpu_ms:.1f}x" if floor.app_cpu_ms else "-"


def _load(averages: tuple[float, float, float]) -> str:
    return " / ".join(f"{a:.2f}" for a in averages) + " (1 / 5 / 15 min)"


def panel_answers(env: dict, count: int) -> list:
    """[token, answers] for `count` profiles (panel_answers.py)."""
    return json.loads(_python_module("tests.bench.panel_answers", str(count), env=env))


def what_if_gets(panels: list) -> list[str]:
    """The panel's previews as htmx asks: every answer, the hands-on weeks changed."""
    return [
        f"/p/{token}/what-if/?{urlencode({**answers, 'usce_hands_on_weeks': str(n % 20)})}"
        for n, (token, answers) in enumerate(panels)
    ]


def what_if_posts(base: str, panels: list) -> tuple[str, list[str]]:
    """The same previews as a browser without JavaScript sends them ("Show the advice"
    posts the panel's form with its CSRF token): one visitor's cookie, and the lines."""
    opener, jar = session_opener()
    page = opener.open(f"{base}/start/goals/").read().decode()
    token = CSRF.search(page).group(1)
    posts = []
    for n, (profile, answers) in enumerate(panels):
        form = {"csrfmiddlewaretoken": token, **answers, "usce_hands_on_weeks": str(n % 20)}
        posts.append(f"/p/{profile}/what-if/\t{urlencode({**form, 'preview': '1'})}")
    return cookie_header(jar), posts


SET_PASSWORD = (
    "from django.contrib.auth import get_user_model; "
    "u = get_user_model().objects.get(username='bench'); "
    "u.set_password('{password}'); u.first_name = 'Bench'; u.save()"
)


def cpu_per_page(env: dict) -> dict:
    env = {**env, "DJANGO_SETTINGS_MODULE": "advisor.settings_test"}
    return json.loads(_python_module("tests.bench.cpu_per_page", env=env).strip().splitlines()[-1])


def _python_module(module: str, *args: str, env: dict) -> str:
    """What `python -m module args` printed; what it said on stderr if it failed."""
    done = subprocess.run(
        [sys.executable, "-m", module, *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if done.returncode:
        raise RuntimeError(f"{module} failed:\n{done.stderr[-3000:]}")
    return done.stdout


def main() -> int:
    if not wrk_available():
        print("wrk is not installed (Debian package wrk); `make bench` installs it.")
        return 1
    lines = [
        f"IMG Pathway Advisor benchmark, {date.today()}, {cpu_name()}, {os.cpu_count()} cores, "
        f"{os.sysconf('SC_PHYS_PAGES') * os.sysconf('SC_PAGE_SIZE') / 2**30:.0f} GiB; "
        "wrk, locust, gunicorn and PostgreSQL share the cores",
        "",
    ]
    ok = True
    for size in SIZES:
        ok &= bench_size(size, lines)
    report = "\n".join(lines)
    print(report)
    out = ROOT / "test-results" / "bench.txt"
    out.parent.mkdir(exist_ok=True)
    out.write_text(report + "\n")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
