"""`make bench`: the site under traffic that looks like real traffic, on PostgreSQL
with 10,000 and 1,000,000 made-up profiles (BENCH_SIZES).

For each size: new visitors opening the form, thousands of different private
links and what-if previews, advisors sorting, searching and paging deep into a
large group's list, opening profiles, the summary and the CSV; each page beside a
bare Django view (/healthz/) on the same gunicorn in the same run. For each: p50
and p95 latency, requests per second, the CPU the app workers and PostgreSQL
spent per request; in one process, each page's CPU and queries (the form's POSTs
too); EXPLAIN of the list, search and summary queries; the CSV export timed whole.

Databases `bench_<size>` are seeded once (about 20 minutes for a million) and
kept for the next run. BENCH_SECONDS sets each measurement's length (default 10).
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

from tests.bench.explain import explain_report
from tests.bench.exports import EXPORT_QUERY, timed_background_export, timed_export
from tests.bench.http_measures import (
    capacity,
    first_visit_bytes,
    load,
    logged_in,
    peak_rss_mb,
    wrk_available,
)
from tests.bench.seeding import seeded_database
from tests.bench.traffic import advisor_pages, private_links
from tests.gunicorn_server import ROOT, gunicorn_server

SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
SIZES = [int(s) for s in os.environ.get("BENCH_SIZES", "10000,1000000").split(",")]
TARGET_CPU_MS, TARGET_ADVISOR_P95_MS = 2.0, 200
CAPACITY_USERS = int(os.environ.get("BENCH_USERS", "500"))


def cpu_name() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown CPU"


def bench_size(size: int, lines: list[str]) -> bool:
    url = seeded_database(size)
    workers = (os.cpu_count() or 1) * 2 + 1
    ok = True
    # No worker recycling (max_requests): the CPU a page costs is read by worker pid.
    stay = {"GUNICORN_MAX_REQUESTS": "0"}
    with gunicorn_server(workers=workers, database_url=url, env=stay) as server:
        password = secrets.token_urlsafe(16)
        server.manage(
            "create_advisor", "bench", "--group", "Demo advising group", stdin=password + "\n"
        )
        server.manage("shell", "-v0", "-c", SET_PASSWORD.format(password=password))
        opener, cookie = logged_in(server.url, "bench", password)
        tokens = private_links(url)
        pages = advisor_pages(server.url, opener, url)
        applicant = {
            "bare Django view (/healthz/)": ["/healthz/"],
            "home": ["/"],
            "form, first step (new visitor)": ["/start/goals/"],
            "result page (10,000 private links)": [f"/p/{t}/" for t in tokens],
            "what-if preview": [
                f"/p/{t}/what-if/?usce_hands_on_weeks={n % 20}" for n, t in enumerate(tokens)
            ],
        }
        pids = server.worker_pids()
        for paths in [*applicant.values(), *pages.values()]:
            load(server.url, paths[:50], seconds=1, workers=pids, cookie=cookie)  # warm up
        results = {}
        for label, paths in applicant.items():
            results[label] = load(server.url, paths, seconds=SECONDS, workers=pids)
        for label, paths in pages.items():
            results[label] = load(server.url, paths, seconds=SECONDS, workers=pids, cookie=cookie)
        export = timed_export(server.url, cookie)
        background = timed_background_export(server.url, opener)
        crowd = capacity(
            server.url, tokens, users=CAPACITY_USERS, seconds=SECONDS * 6, workers=pids
        )
        rss = peak_rss_mb(server.worker_pids())
        home_kb = first_visit_bytes(server.url + "/") / 1024
        result_kb = first_visit_bytes(server.url + f"/p/{tokens[0]}/") / 1024
        in_process = cpu_per_page(server.env)
        plans = explain_report(url)

    bare = results["bare Django view (/healthz/)"]
    lines += [
        f"== {size:,} profiles ({int(size * 0.8):,} shared with one group), PostgreSQL, "
        f"gunicorn {workers} sync workers, wrk 2 threads x 8 connections, {SECONDS} s a page",
        "",
        f"    {'page':40} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'x bare':>6} "
        f"{'app CPU':>8} {'DB CPU':>7}",
    ]
    for label, m in results.items():
        advisor = label.startswith("advisor")
        miss = advisor and m.p95_ms >= TARGET_ADVISOR_P95_MS
        ok &= not miss and m.bad_responses == 0
        lines.append(
            f"    {label:40} {m.requests_per_second:7.0f} {m.p50_ms:7.1f} {m.p95_ms:7.1f} "
            f"{m.requests_per_second / bare.requests_per_second:6.2f} {m.app_cpu_ms:6.2f}ms "
            f"{m.db_cpu_ms:5.2f}ms{'  p95 target 200 ms MISSED' if miss else ''}"
            f"{f'  {m.bad_responses} bad responses' if m.bad_responses else ''}"
        )
    lines += [
        "",
        f"    {CAPACITY_USERS} applicants at once (half through the form, half back at their "
        f"advice), pausing {os.environ.get('BENCH_THINK', '1.5,4.5').replace(',', '-')} s "
        f"between pages, {SECONDS * 6} s, locust on the same cores:",
        f"    p50 {crowd['p50_ms']:.0f} ms, p95 {crowd['p95_ms']:.0f} ms "
        f"(target < 300 ms {'ok' if crowd['p95_ms'] < 300 else 'MISSED'}), "
        f"{crowd['rps']:.0f} requests/s, {crowd['failures']} failed of {crowd['requests']:,}, "
        f"app CPU {crowd['app_cpu_ms']:.1f} ms a request",
    ]
    lines += [
        f"      {name:38} p50 {p50:5.0f} ms  p95 {p95:5.0f} ms"
        for name, (p50, p95) in crowd["pages"].items()
    ]
    lines += [
        "",
        "    In one process (CPU of the app alone, the median of 115 different requests):",
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
        f"    CSV export of the whole list, in the background: {background['rows']:,} rows "
        f"ready in {background['seconds']:.1f} s, {background['megabytes']:.0f} MB, "
        f"{'complete' if background['complete'] else 'INCOMPLETE'}",
        f"    first visit, compressed: home {home_kb:.1f} KB, result page {result_kb:.1f} KB; "
        f"peak worker memory {rss:.0f} MB",
        "",
        plans,
        "",
    ]
    return ok and export["complete"] and background["complete"]


SET_PASSWORD = (
    "from django.contrib.auth import get_user_model; "
    "u = get_user_model().objects.get(username='bench'); "
    "u.set_password('{password}'); u.first_name = 'Bench'; u.save()"
)


def cpu_per_page(env: dict) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "tests.bench.cpu_per_page"],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "advisor.settings_test"},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    if not wrk_available():
        print("wrk is not installed (Debian package wrk); `make bench` installs it.")
        return 1
    lines = [
        f"IMG Pathway Advisor benchmark, {date.today()}, {cpu_name()}, {os.cpu_count()} cores, "
        f"{os.sysconf('SC_PHYS_PAGES') * os.sysconf('SC_PAGE_SIZE') / 2**30:.0f} GiB; "
        "wrk, gunicorn and PostgreSQL share the cores",
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
