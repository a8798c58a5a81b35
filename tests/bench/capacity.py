"""How many applicants at once the site serves with p95 under 300 ms: locust at a few
crowd sizes (BENCH_CAPACITY, default 100,250,400,500), smallest first, until one
misses; when the smallest misses already, half of it, then half again (down to 25),
so the run still names a number.

Each crowd arrives over BENCH_RAMP seconds (a spawn rate, not all at once: users that
start in step send their requests in waves), then is measured for BENCH_HOLD seconds
with the ramp's figures reset. Over that window the run reads the CPU of the site's
workers and of PostgreSQL, how busy the machine's cores were in all (/proc/stat),
and the load average at its end: locust, gunicorn and PostgreSQL share the cores
with whatever else the machine runs, and the figures say how much that was.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.bench.http_measures import TICKS, cpu_seconds, postgres_cpu_seconds

CROWDS = [int(n) for n in os.environ.get("BENCH_CAPACITY", "100,250,400,500").split(",")]
RAMP = int(os.environ.get("BENCH_RAMP", "20"))
HOLD = int(os.environ.get("BENCH_HOLD", "40"))
TARGET_P95_MS = 300
LOCUST_START_SECONDS = 2  # locust's own start, before the first user spawns
SMALLEST = 25


def busy_seconds() -> float:
    """CPU seconds all the machine's cores spent on anything but idling, so far."""
    fields = [int(f) for f in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return (sum(fields[:8]) - fields[3] - fields[4]) / TICKS  # minus idle and iowait


def crowd(base: str, panels: list, *, users: int, workers: list[int]) -> dict:
    """`users` applicants: p50/p95 of the held window, requests per second, failures,
    the workers' CPU per request, the 1-minute load average, and each page's p95."""
    folder = Path(tempfile.mkdtemp())
    (folder / "panels.json").write_text(json.dumps(panels))
    command = [
        str(Path(sys.executable).parent / "locust"),
        "-f",
        "tests/bench/locustfile.py",
        "--headless",
        "--host",
        base,
        "-u",
        str(users),
        "-r",
        f"{users / RAMP:.2f}",
        "-t",
        f"{RAMP + HOLD}s",
        "--reset-stats",
        "--csv",
        str(folder / "stats"),
        "--only-summary",
        "--loglevel",
        "ERROR",
    ]
    env = {**os.environ, "BENCH_PANELS": str(folder / "panels.json")}
    root = Path(__file__).resolve().parents[2]
    # locust exits 1 when a request failed: the figures say so.
    running = subprocess.Popen(
        command, cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    time.sleep(LOCUST_START_SECONDS + RAMP)
    before = cpu_seconds(workers), postgres_cpu_seconds(), busy_seconds(), time.monotonic()
    running.wait()
    app_cpu, db_cpu = cpu_seconds(workers) - before[0], postgres_cpu_seconds() - before[1]
    busy, wall = busy_seconds() - before[2], time.monotonic() - before[3]
    with open(folder / "stats_stats.csv") as stats:
        rows = {row["Name"]: row for row in csv.DictReader(stats)}
    total = rows.pop("Aggregated")
    done = max(1, int(total["Request Count"]))
    return {
        "users": users,
        "p50_ms": float(total["50%"]),
        "p95_ms": float(total["95%"]),
        "rps": float(total["Requests/s"]),
        "failures": int(total["Failure Count"]),
        "requests": done,
        "app_cpu_ms": 1000 * app_cpu / done,
        "load": os.getloadavg()[0],
        # Cores busy over the window: the site's workers, PostgreSQL, everything else
        # (locust itself, and any other work on the machine).
        "cores": (app_cpu / wall, db_cpu / wall, (busy - app_cpu - db_cpu) / wall),
        "pages": {name: float(row["95%"]) for name, row in rows.items()},
    }


def capacity(base: str, panels: list, *, workers: list[int]) -> list[dict]:
    crowds: list[dict] = []
    sizes = list(CROWDS)
    while sizes:
        users = sizes.pop(0)
        crowds.append(crowd(base, panels, users=users, workers=workers))
        time.sleep(5)  # the queue drains before the next crowd
        if crowds[-1]["p95_ms"] >= TARGET_P95_MS:
            # Larger crowds only wait longer; below the smallest, look for the number.
            smallest = min(c["users"] for c in crowds)
            sizes = [smallest // 2] if users == smallest and smallest // 2 >= SMALLEST else []
    return sorted(crowds, key=lambda c: c["users"])


def capacity_lines(crowds: list[dict]) -> list[str]:
    lines = [
        f"    Capacity: applicants at once (half through the form with htmx, half back at "
        f"their advice and the what-if panel), arriving over {RAMP} s,",
        f"    pausing {os.environ.get('BENCH_THINK', '1.5,4.5').replace(',', '-')} s (random) "
        f"between pages, measured for {HOLD} s once all arrived; locust on the same cores:",
        f"    {'applicants':>10} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'failed':>7} "
        f"{'app CPU':>8} {'load 1m':>8}  {'cores busy: site / DB / rest':28}  "
        f"p95 < {TARGET_P95_MS} ms",
    ]
    for c in crowds:
        ok = c["p95_ms"] < TARGET_P95_MS
        lines.append(
            f"    {c['users']:>10} {c['rps']:7.0f} {c['p50_ms']:7.0f} {c['p95_ms']:7.0f} "
            f"{c['failures']:>7} {c['app_cpu_ms']:6.2f}ms {c['load']:8.2f}  "
            f"{' / '.join(f'{n:.2f}' for n in c['cores']):28}  {'yes' if ok else 'no'}"
        )
    passed = [c for c in crowds if c["p95_ms"] < TARGET_P95_MS]
    best = max(passed, key=lambda c: c["users"]) if passed else None
    tried = "/".join(str(c["users"]) for c in crowds)
    lines.append(
        f"    => capacity: {best['users'] if best else 'fewer than ' + str(crowds[0]['users'])} "
        f"applicants at once with p95 < {TARGET_P95_MS} ms (of {tried} tried; "
        f"{os.cpu_count()} cores, 'rest' is locust and any other work on the machine)"
    )
    if best:
        slowest = sorted(best["pages"].items(), key=lambda item: -item[1])
        lines.append(
            f"    each page's p95 at {best['users']}: "
            + ", ".join(f"{name} {p95:.0f}" for name, p95 in slowest)
            + " ms"
        )
    return lines
