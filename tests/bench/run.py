"""`make bench`: one table of engine speed, page throughput, queries, bytes and memory.

Pages are served by gunicorn (the production server) on a throwaway database
holding 10,000 profiles; wrk loads each page and, in the same run, a minimal
Django view (/healthz/) on the same server, so the ratio says what the page
itself costs. BENCH_SECONDS sets the length of each measurement (default 8).
"""

from __future__ import annotations

import os
import platform
import secrets
import sys
from datetime import date
from pathlib import Path

from tests.bench.http_measures import (
    first_visit_bytes,
    logged_in_cookie,
    peak_rss_mb,
    throughput,
    wizard_cookie,
    wrk_available,
)
from tests.bench.in_process import engine_assessments_per_second, queries_per_page
from tests.gunicorn_server import ROOT, gunicorn_server

SECONDS = int(os.environ.get("BENCH_SECONDS", "8"))
TARGET_RATIO, TARGET_QUERIES, TARGET_KB, TARGET_MB = 0.5, 6, 150, 150
PROFILES = 10_000


def cpu_name() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown CPU"


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def main() -> int:
    if not wrk_available():
        print("wrk is not installed (Debian package wrk); `make bench` installs it.")
        return 1
    engine_rate = engine_assessments_per_second()
    workers = (os.cpu_count() or 1) * 2 + 1
    with gunicorn_server(workers=workers, seed_profiles=PROFILES) as server:
        password = secrets.token_urlsafe(16)
        server.manage(
            "create_advisor", "bench", "--group", "Demo advising group", stdin=password + "\n"
        )
        sample = server.manage(
            "shell", "--verbosity", "0", "-c",
            "from profiles.models import Profile; "
            "p = Profile.objects.filter(shares__isnull=False).order_by('pk').first(); "
            "print(p.token, p.pk)",
        ).split()  # fmt: skip
        token, pk = sample[0], sample[1]
        advisor = logged_in_cookie(server.url, "bench", password)
        pages = {
            "result page": (f"/p/{token}/", ""),
            "wizard step": ("/start/goals/", wizard_cookie(server.url)),
            f"advisor list ({PROFILES:,} profiles)": ("/advisor/", advisor),
        }
        for path, cookie in [("/healthz/", ""), *pages.values()]:
            throughput(server.url + path, seconds=1, cookie=cookie)  # warm up
        minimal = [throughput(server.url + "/healthz/", seconds=SECONDS)]
        measured = {
            label: throughput(server.url + path, seconds=SECONDS, cookie=cookie)
            for label, (path, cookie) in pages.items()
        }
        minimal.append(throughput(server.url + "/healthz/", seconds=SECONDS))
        home_kb = first_visit_bytes(server.url + "/") / 1024
        result_kb = first_visit_bytes(server.url + f"/p/{token}/") / 1024
        rss = peak_rss_mb(server.worker_pids())
        counts = count_queries(server, token, pk)

    minimal_rps = sum(m.requests_per_second for m in minimal) / len(minimal)
    database = "PostgreSQL" if "postgres" in os.environ.get("DATABASE_URL", "") else "SQLite"
    lines = [
        f"IMG Pathway Advisor benchmark, {date.today()}, {cpu_name()}, {os.cpu_count()} cores, "
        f"{database}, gunicorn {workers} sync workers, wrk 2 threads x 8 connections, "
        f"{SECONDS} s a page",
        "",
        f"(a) engine: {engine_rate:,.0f} assessments/s in one process",
        "",
        f"(b) {'page':34} {'req/s':>8} {'p50 ms':>7} {'p95 ms':>7} {'x minimal':>9}  target",
        f"    {'minimal Django view (/healthz/)':34} {minimal_rps:8.0f} "
        f"{minimal[0].p50_ms:7.1f} {minimal[0].p95_ms:7.1f} {1:9.2f}",
    ]
    ratios_ok = True
    for label, result in measured.items():
        ratio = result.requests_per_second / minimal_rps
        targeted = not label.startswith("advisor")
        ok = ratio >= TARGET_RATIO or not targeted
        ratios_ok &= ok
        target = f">= {TARGET_RATIO} {verdict(ok)}" if targeted else "(none)"
        lines.append(
            f"    {label:34} {result.requests_per_second:8.0f} {result.p50_ms:7.1f} "
            f"{result.p95_ms:7.1f} {ratio:9.2f}  {target}"
        )
    bad = sum(r.bad_responses for r in [*measured.values(), *minimal])
    lines += [f"    non-2xx/3xx responses or socket errors: {bad}", ""]
    lines.append(f"(c) queries per request (target <= {TARGET_QUERIES} on every page):")
    lines += [
        f"    {label:34} {n:3}  {verdict(n <= TARGET_QUERIES)}" for label, n in counts.items()
    ]
    lines += [
        "",
        f"(d) first visit, compressed (target < {TARGET_KB} KB): home {home_kb:.1f} KB "
        f"{verdict(home_kb < TARGET_KB)}, result page {result_kb:.1f} KB "
        f"{verdict(result_kb < TARGET_KB)}",
        f"(e) peak RSS of one worker after the load: {rss:.0f} MB (target < {TARGET_MB} MB) "
        f"{verdict(rss < TARGET_MB)}",
    ]
    report = "\n".join(lines)
    print(report)
    out = ROOT / "test-results" / "bench.txt"
    out.parent.mkdir(exist_ok=True)
    out.write_text(report + "\n")
    return 0 if bad == 0 else 1


def count_queries(server, token: str, pk: str) -> dict[str, int]:
    os.environ["DATABASE_URL"] = server.env["DATABASE_URL"]
    os.environ["STATIC_ROOT"] = server.env["STATIC_ROOT"]
    os.environ["DJANGO_SETTINGS_MODULE"] = "advisor.settings"
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import Client

    anonymous, advisor = Client(), Client()
    advisor.force_login(get_user_model().objects.get(username="bench"))
    wizard = Client()
    wizard.get("/start/?reset=1", HTTP_HOST="127.0.0.1")
    return queries_per_page(
        {
            "home": ("/", anonymous),
            "wizard step": ("/start/goals/", wizard),
            "result page": (f"/p/{token}/", anonymous),
            "what-if (htmx fragment)": (f"/p/{token}/what-if/?usce_hands_on_weeks=9", anonymous),
            f"advisor list ({PROFILES:,})": ("/advisor/", advisor),
            "advisor list, filtered and sorted": (
                "/advisor/?specialty=neurology&flag=budget_tight&sort=-readiness&page=3",
                advisor,
            ),
            "advisor profile": (f"/advisor/profiles/{pk}/", advisor),
            "cohort summary": ("/advisor/summary/", advisor),
        }
    )


if __name__ == "__main__":
    sys.exit(main())
