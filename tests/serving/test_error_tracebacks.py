"""A view that fails leaves its traceback on stderr, the private link in it masked,
under `make serve` (gunicorn behind nginx) and under `make run` (runserver).

The failure is a real one rather than a view made for tests: the profiles table is
renamed under the running server, as a botched migration or restore would leave it.
"""

import re

import pytest
import requests

from tests.gunicorn_server import django_runserver, gunicorn_server
from tests.serving.http_journey import fill_wizard

BREAK_THE_TABLE = (
    "from django.db import connection; "
    "connection.cursor().execute('ALTER TABLE profiles_profile RENAME TO profiles_gone')"
)
SERVERS = {
    "gunicorn behind nginx": lambda: gunicorn_server(behind_nginx=True),
    "runserver": django_runserver,
}


@pytest.mark.parametrize("serve", SERVERS.values(), ids=SERVERS.keys())
def test_a_failing_view_leaves_its_masked_traceback_on_stderr(serve):
    with serve() as server:
        token = fill_wizard(requests.Session(), server.url, name="Broken table")
        server.manage("shell", "-c", BREAK_THE_TABLE)
        failed = requests.get(f"{server.url}/p/{token}/what-if/?usce_hands_on_weeks=3")
        assert failed.status_code == 500

    stderr = server.error_log
    assert (
        "ERROR django.request: Internal Server Error: /p/[token]/what-if/\n"
        "Traceback (most recent call last):\n"
    ) in stderr, stderr[-5000:]
    # Django's own wrapper of the database's error, the same on SQLite and PostgreSQL.
    assert re.search(r"^django\.db\.utils\.\w+Error: .*profiles_profile", stderr, re.M), stderr
    assert token not in server.log
    assert "usce_hands_on_weeks=3" not in server.log
