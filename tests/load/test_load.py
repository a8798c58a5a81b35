"""50 applicants and 5 advisors at once against gunicorn, for a bounded time.

Passes when no request failed (no 5xx, no 4xx, no wrong page) and every
completed form is stored exactly once. LOAD_SECONDS sets the length (20 s in
`make test`); the figures are printed and kept in test-results/load-report.txt.
"""

import csv
import json
import os
import secrets
import subprocess
from collections import Counter
from pathlib import Path

from tests.gunicorn_server import ROOT, VENV_BIN, gunicorn_server

SECONDS = int(os.environ.get("LOAD_SECONDS", "20"))
REPORT = ROOT / "test-results" / "load-report.txt"


def run_locust(url: str, folder: Path, password: str) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "LOAD_JOURNEYS": str(folder / "journeys.txt"),
        "LOAD_ADVISOR_PASSWORD": password,
    }
    command = [
        str(VENV_BIN / "locust"),
        "-f", str(ROOT / "tests" / "load" / "locustfile.py"),
        "--headless", "--users", "55", "--spawn-rate", "55",
        "--run-time", f"{SECONDS}s", "--stop-timeout", "15",
        "--host", url, "--csv", str(folder / "load"), "--only-summary",
        "--exit-code-on-error", "0", "--loglevel", "WARNING",
    ]  # fmt: skip
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=SECONDS + 120)


def stored_load_profiles(server) -> list[list[str]]:
    code = (
        "import json; from profiles.models import Profile; "
        "print(json.dumps(list(Profile.objects.filter(name__startswith='load-')"
        ".values_list('name', 'token'))))"
    )
    return json.loads(server.manage("shell", "--verbosity", "0", "-c", code))


def test_fifty_applicants_and_five_advisors(tmp_path, capsys):
    password = secrets.token_urlsafe(16)
    with gunicorn_server(workers=3, seed_profiles=300) as server:
        for number in range(1, 6):
            server.manage("create_advisor", f"advisor{number}", stdin=password + "\n")
        run = run_locust(server.url, tmp_path, password)
        stored = stored_load_profiles(server)

    assert (tmp_path / "load_stats.csv").exists(), run.stdout + run.stderr
    with open(tmp_path / "load_stats.csv") as stats_file:
        stats = list(csv.DictReader(stats_file))
    with open(tmp_path / "load_failures.csv") as failures_file:
        failures = list(csv.DictReader(failures_file))
    total = next(row for row in stats if row["Name"] == "Aggregated")

    journal = (tmp_path / "journeys.txt").read_text().split("\n")
    submitted = {line.split()[1] for line in journal if line.startswith("submitted ")}
    completed = {
        line.split()[1]: line.split()[2] for line in journal if line.startswith("completed ")
    }
    counts = Counter(name for name, _ in stored)
    tokens = dict(stored)

    report = [
        f"Load test: 50 applicants + 5 advisors, {SECONDS} s, gunicorn 3 workers, "
        f"{os.environ.get('DATABASE_URL', 'sqlite').split(':')[0]}",
        f"{'endpoint':32} {'requests':>8} {'failures':>8} {'p50 ms':>7} {'p95 ms':>7}",
        *(
            f"{row['Name'][:32]:32} {row['Request Count']:>8} {row['Failure Count']:>8} "
            f"{row['50%']:>7} {row['95%']:>7}"
            for row in stats
        ),
        f"throughput: {float(total['Requests/s']):.1f} requests/s",
        f"forms completed: {len(completed)}, submitted: {len(submitted)}, "
        f"profiles stored: {len(stored)}",
    ]
    REPORT.parent.mkdir(exist_ok=True)
    REPORT.write_text("\n".join(report) + "\n")
    with capsys.disabled():
        print("\n" + "\n".join(report))

    assert int(total["Request Count"]) > 200
    assert failures == [], failures
    assert int(total["Failure Count"]) == 0
    assert len(completed) >= 50, "too few journeys finished to say anything"
    assert all(counts[name] == 1 for name in completed), "a completed form was not stored once"
    assert all(tokens[name] == token for name, token in completed.items())
    assert set(counts) <= submitted, "a profile was stored that nobody submitted"
    assert max(counts.values()) == 1, "a profile was stored twice"
    assert "Traceback" not in server.log, server.log[-3000:]
