"""One anonymous client posting megabyte answers for a minute, against gunicorn:
each worker's memory stays under the bound in docs/production.md and the session table grows
by a few kilobytes, not megabytes. MEMORY_PROBE_SECONDS sets the length (60)."""

import os
import re
import time

import requests

from tests.bench.http_measures import peak_rss_mb
from tests.gunicorn_server import gunicorn_server

SECONDS = int(os.environ.get("MEMORY_PROBE_SECONDS", "60"))
WORKER_BOUND_MB = 150  # docs/production.md
SESSION_BOUND_BYTES = 8 * 1024
PREFIX = "profile_wizard"
GOALS = {
    "goals-specialty": "neurology",
    "goals-career_goal": "academic",
    "goals-graduation_year": "2023",
    "goals-student": "no",
}


def session_table_bytes(server) -> int:
    code = (
        "from django.contrib.sessions.models import Session; "
        "print(sum(len(s.session_data) for s in Session.objects.all()))"
    )
    return int(server.manage("shell", "--no-imports", "-c", code).strip().splitlines()[-1])


def csrf_token(page: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


def post(client, url: str, step: str, fields: dict) -> requests.Response:
    token = csrf_token(client.get(url).text)
    data = {"csrfmiddlewaretoken": token, f"{PREFIX}-current_step": step, **fields}
    return client.post(url, data=data, headers={"Referer": url}, allow_redirects=False)


def test_megabyte_posts_for_a_minute_leave_memory_and_sessions_bounded():
    with gunicorn_server(workers=3) as server:
        client = requests.Session()
        goals, exams = f"{server.url}/start/goals/", f"{server.url}/start/exams/"
        assert post(client, goals, "goals", GOALS).status_code == 302
        before_rss = peak_rss_mb(server.worker_pids())
        before_sessions = session_table_bytes(server)

        statuses: dict[int | str, int] = {}
        huge, long = "9" * 2_000_000, "9" * 30_000
        deadline = time.monotonic() + SECONDS
        while time.monotonic() < deadline:
            for step_url, step, fields in (
                # the probe's Back button with a 2 MB answer
                (exams, "exams", {"exams-step2_ck": huge, "wizard_goto_step": "goals"}),
                # a valid step carrying a 2.4 MB field of its own
                (goals, "goals", {**GOALS, "goals-extra": "x" * 2_400_000}),
                # under the request cap, over what an answer may be
                (exams, "exams", {"exams-step2_ck": long, "wizard_goto_step": "goals"}),
            ):
                try:
                    status = post(client, step_url, step, fields).status_code
                except requests.ConnectionError:
                    # Refused on its Content-Length: the server answers 400 and
                    # closes without reading the rest, which the sender sees as a reset.
                    status = "closed"
                statuses[status] = statuses.get(status, 0) + 1

        after_rss = peak_rss_mb(server.worker_pids())
        grown = session_table_bytes(server) - before_sessions
        assert server.process.poll() is None

    print(
        f"\nmemory probe, {SECONDS} s: responses {statuses}; worker peak RSS "
        f"{before_rss:.0f} MB before, {after_rss:.0f} MB after; session table +{grown} bytes"
    )
    assert set(statuses) <= {200, 400, "closed"}, statuses  # refused, never a 500
    assert statuses.get(200, 0) >= 1 and statuses.get(400, 0) + statuses.get("closed", 0) >= 2
    assert after_rss < WORKER_BOUND_MB
    assert grown < SESSION_BOUND_BYTES
