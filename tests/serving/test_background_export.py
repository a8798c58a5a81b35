"""Under `make serve` (nginx, gunicorn's workers), a list too long to send at once is
written by a process the request starts, and downloaded whole."""

import re
import secrets
import time

import requests

from tests.gunicorn_server import gunicorn_server
from tests.serving.http_journey import form_with, log_in

GROUP = "Demo advising group"  # the one seed_demo_profiles shares with


def test_a_long_list_is_written_in_the_background_and_downloaded_whole(tmp_path):
    password = secrets.token_urlsafe(16)
    env = {"EXPORT_MAX_ROWS": "5", "EXPORT_DIR": str(tmp_path / "exports")}
    with gunicorn_server(behind_nginx=True, seed_profiles=30, env=env) as server:
        server.manage("create_advisor", "ana", "--group", GROUP, stdin=password + "\n")
        advisor = requests.Session()
        log_in(advisor, server.url, "ana", password)
        offer = advisor.get(f"{server.url}/advisor/export.csv", params={"sort": "name"})
        assert "Start the export" in offer.text
        action, fields = form_with(offer, "query")
        started = advisor.post(action, data=fields)
        assert started.ok and "/advisor/exports/" in started.url
        deadline, page = time.monotonic() + 60, started
        while "The file is ready" not in page.text and time.monotonic() < deadline:
            assert "stopped after" not in page.text
            time.sleep(0.5)
            page = advisor.get(started.url)
        shared = int(re.search(r"The file is ready: (\d+) profiles", page.text).group(1))
        download = advisor.get(f"{started.url}file/")
        assert download.ok and "attachment" in download.headers["Content-Disposition"]
        lines = download.content.decode("utf-8-sig").splitlines()
        assert lines[-1] == f"End of export: {shared} profiles" and len(lines) == shared + 2
        assert shared > 5
        assert requests.get(f"{started.url}file/").url.startswith(f"{server.url}/accounts/login/")
    assert not list((tmp_path / "exports").glob("*.part"))
