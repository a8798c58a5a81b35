"""The floor (floor_settings.py) served as the site is served: gunicorn with the
site's gunicorn.conf.py and the site server's environment, on a port of its own."""

from __future__ import annotations

import contextlib
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Iterator

from tests.gunicorn_server import ROOT, UP_SECONDS, VENV_BIN, Server, _stop, free_port

# gunicorn calls the factory once (in the master: preload_app), as advisor/wsgi.py does.
APPLICATION = "django.core.wsgi:get_wsgi_application()"


@contextlib.contextmanager
def floor_server(site_env: dict[str, str]) -> Iterator[Server]:
    """The bare view under gunicorn until the block ends; `site_env` is the site
    server's environment (workers, logs, no worker recycling) with only the
    settings module and the address changed."""
    bind = f"127.0.0.1:{free_port()}"
    env = {**site_env, "DJANGO_SETTINGS_MODULE": "tests.bench.floor_settings", "BIND": bind}
    command = [str(VENV_BIN / "gunicorn"), APPLICATION, "-c", "gunicorn.conf.py"]
    with tempfile.TemporaryFile() as output:
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=output, stderr=output, start_new_session=True
        )
        server = Server(url=f"http://{bind}", env=env, process=process)
        try:
            _wait_until_up(server, output)
            yield server
        finally:
            _stop(process)


def _wait_until_up(server: Server, output) -> None:
    deadline = time.monotonic() + UP_SECONDS
    while time.monotonic() < deadline:
        if server.process.poll() is None:
            with (
                contextlib.suppress(OSError),
                urllib.request.urlopen(server.url + "/", timeout=2) as response,
            ):
                if response.status == 200:
                    return
            time.sleep(0.2)
            continue
        break
    output.seek(0)
    raise RuntimeError(f"the floor did not start: {output.read()[-2000:].decode(errors='replace')}")
