"""100 applicants and 10 advisors at once against `make serve`'s servers (nginx in
front of 3 gunicorn sync workers), for a bounded time, with two accidents on the
way: a third of the way in one worker is killed (SIGKILL), half way in every
database connection is cut (PostgreSQL's pg_terminate_backend; SQLite has no
server connections to cut, so there that accident does not happen).

Passes when every completed form is stored exactly once, when every failed
request was under way at one of the accidents (a person would click again, and
the journeys do: see locustfile.py), and when no profile token reaches the
server's output, access log included. LOAD_SECONDS sets the length (20 s in
`make test`); the figures are printed and kept in test-results/load-report.txt.
"""

import csv
import json
import os
import platform
import re
import secrets
import signal
import subprocess
import time
from collections import Counter
from pathlib import Path

from tests.gunicorn_server import ROOT, VENV_BIN, gunicorn_server

SECONDS = int(os.environ.get("LOAD_SECONDS", "20"))
APPLICANTS, ADVISORS, WORKERS = 100, 10, 3
REPORT = ROOT / "test-results" / "load-report.txt"
# How far a failed request may be from an accident and still be the accident's:
# the accident's own clock reading and the request's end are taken in two processes.
MARGIN_SECONDS = 0.5
# What psycopg says when its connection was cut under a query, or is used after.
CUT_MESSAGES = (
    "terminating connection due to administrator command",
    "server closed the connection unexpectedly",
    "the connection is closed",
    "connection already closed",
)
# Where a record starts: Django's, gunicorn's ("[2026-...") and nginx's ("2026/...").
LOG_RECORD_START = re.compile(r"^(?=\[?\d{4}[-/]\d\d[-/]\d\d[ T]\d\d:\d\d:\d\d)", re.M)
CUT_CONNECTIONS = (
    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
)


def start_locust(url: str, folder: Path, password: str) -> subprocess.Popen:
    env = {
        **os.environ,
        "LOAD_JOURNEYS": str(folder / "journeys.txt"),
        "LOAD_ADVISOR_PASSWORD": password,
        "LOAD_APPLICANTS": str(APPLICANTS),
        "LOAD_ADVISORS": str(ADVISORS),
    }
    users = APPLICANTS + ADVISORS
    command = [
        str(VENV_BIN / "locust"),
        "-f", str(ROOT / "tests" / "load" / "locustfile.py"),
        "--headless", "--users", str(users), "--spawn-rate", str(users),
        "--run-time", f"{SECONDS}s", "--stop-timeout", "15",
        "--host", url, "--csv", str(folder / "load"), "--only-summary",
        "--exit-code-on-error", "0", "--loglevel", "WARNING",
    ]  # fmt: skip
    with open(folder / "locust.log", "w") as log:
        return subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)


def create_advisors(server, password: str) -> None:
    # One process for all of them: a manage.py start costs about a second.
    code = (
        "from django.core.management import call_command\n"
        f"for number in range(1, {ADVISORS + 1}):\n"
        "    call_command('create_advisor', f'advisor{number}', group='Demo advising group')"
    )
    server.manage("shell", "--verbosity", "0", "-c", code, stdin=(password + "\n") * ADVISORS)


def cut_database_connections(database_url: str) -> int | None:
    """How many connections were cut; None on SQLite, which has none to cut."""
    if not database_url.startswith(("postgres://", "postgresql://")):
        return None
    import psycopg

    with psycopg.connect(database_url, autocommit=True) as connection:
        return len(connection.execute(CUT_CONNECTIONS).fetchall())


def stored_load_profiles(server) -> list[list[str]]:
    code = (
        "import json; from profiles.models import Profile; "
        "print(json.dumps(list(Profile.objects.filter(name__startswith='load-')"
        ".values_list('name', 'token'))))"
    )
    return json.loads(server.manage("shell", "--verbosity", "0", "-c", code))


def read_journal(path: Path) -> tuple[set[str], dict[str, str], list[tuple[float, float, str]]]:
    """Names submitted, tokens of names completed, and failures as (start, end, what)."""
    submitted, completed, failed = set(), {}, []
    for line in path.read_text().splitlines():
        kind, _, rest = line.partition(" ")
        if kind == "submitted":
            submitted.add(rest)
        elif kind == "completed":
            name, token = rest.split()
            completed[name] = token
        elif kind == "failed":
            end, milliseconds, what = rest.split(" ", 2)
            failed.append((float(end) - float(milliseconds) / 1000, float(end), what))
    return submitted, completed, failed


def test_hundred_applicants_and_ten_advisors_through_a_killed_worker(tmp_path, capsys):
    password = secrets.token_urlsafe(16)
    with gunicorn_server(
        workers=WORKERS, seed_profiles=300, behind_nginx=True, access_log=True
    ) as server:
        create_advisors(server, password)
        locust = start_locust(server.url, tmp_path, password)
        try:
            started = time.monotonic()
            time.sleep(SECONDS / 3)
            killed = server.worker_pids()[0]
            os.kill(killed, signal.SIGKILL)
            accidents = [time.monotonic()]
            time.sleep(SECONDS / 6)
            cut = cut_database_connections(server.env["DATABASE_URL"])
            if cut is not None:
                accidents.append(time.monotonic())
            locust.wait(timeout=SECONDS + 120)
        finally:
            if locust.poll() is None:
                locust.kill()
        stored = stored_load_profiles(server)
        workers_after = server.worker_pids()

    locust_log = (tmp_path / "locust.log").read_text()
    assert (tmp_path / "load_stats.csv").exists(), locust_log[-3000:]
    with open(tmp_path / "load_stats.csv") as stats_file:
        stats = list(csv.DictReader(stats_file))
    total = next(row for row in stats if row["Name"] == "Aggregated")
    submitted, completed, failed = read_journal(tmp_path / "journeys.txt")
    counts = Counter(name for name, _ in stored)
    tokens = dict(stored)
    in_flight = [
        failure
        for failure in failed
        if any(failure[0] - MARGIN_SECONDS <= at <= failure[1] + MARGIN_SECONDS for at in accidents)
    ]

    database = os.environ.get("DATABASE_URL", "sqlite").split(":")[0]
    report = [
        f"Load test: {APPLICANTS} applicants + {ADVISORS} advisors, {SECONDS} s, nginx + "
        f"gunicorn {WORKERS} sync workers, {database}, {os.cpu_count()} CPUs "
        f"({platform.machine()}, Python {platform.python_version()})",
        f"accidents: worker {killed} killed at {accidents[0] - started:.2f} s; database "
        + (
            f"connections cut at {accidents[1] - started:.2f} s: {cut}"
            if cut is not None
            else "connections not cut (SQLite has none)"
        ),
        f"{'endpoint':32} {'requests':>8} {'failures':>8} {'p50 ms':>7} {'p95 ms':>7}",
        *(
            f"{(row['Type'] + ' ' + row['Name']).strip()[:32]:32} "
            f"{row['Request Count']:>8} {row['Failure Count']:>8} "
            f"{row['50%']:>7} {row['95%']:>7}"
            for row in stats
        ),
        f"throughput: {float(total['Requests/s']):.1f} requests/s",
        f"failed requests: {len(failed)}, all under way at an accident: "
        f"{len(in_flight) == len(failed)}",
        *(
            f"    {start - started:.2f}-{end - started:.2f} s: {what}"
            for start, end, what in failed
        ),
        f"forms completed: {len(completed)}, submitted: {len(submitted)}, "
        f"profiles stored: {len(stored)}",
    ]
    REPORT.parent.mkdir(exist_ok=True)
    REPORT.write_text("\n".join(report) + "\n")
    with capsys.disabled():
        print("\n" + "\n".join(report))

    assert int(total["Request Count"]) > 400
    assert in_flight == failed, "a request failed away from the accidents"
    # A killed worker had one request under way; a cut, at most one per worker.
    assert len(failed) <= 1 + (WORKERS if cut is not None else 0)
    assert killed not in workers_after and len(workers_after) == WORKERS, "no worker replaced it"
    assert len(completed) >= APPLICANTS, "too few journeys finished to say anything"
    assert all(counts[name] == 1 for name in completed), "a completed form was not stored once"
    assert all(tokens[name] == token for name, token in completed.items())
    assert set(counts) <= submitted, "a profile was stored that nobody submitted"
    assert max(counts.values()) == 1, "a profile was stored twice"
    printed = server.log
    assert re.search(r'"GET /p/\[token\]/ HTTP/1\.\d" 200', printed), "no access log to check"
    leaked = [token for token in tokens.values() if token in printed]
    assert leaked == [], f"{len(leaked)} profile tokens are in the server's output"
    unexpected = unexpected_tracebacks(server.error_log, database_cut=cut is not None)
    assert unexpected == [], unexpected[0][-3000:]


def unexpected_tracebacks(stderr: str, *, database_cut: bool) -> list[str]:
    """Log records on stderr with a traceback, except those of requests whose database
    connection was cut under them (a request under way at the cut fails with a 500)."""
    records = LOG_RECORD_START.split(stderr)
    return [
        record
        for record in records
        if "Traceback (most recent call last)" in record
        and not (database_cut and any(mark in record for mark in CUT_MESSAGES))
    ]
