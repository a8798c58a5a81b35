"""A real gunicorn server on a throwaway database, for the load test and the benchmark.

SQLite by default (a file in a temporary folder); when DATABASE_URL points at
PostgreSQL, a database of its own is created beside it and dropped afterwards.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent


@dataclass
class Server:
    url: str
    env: dict[str, str]
    process: subprocess.Popen
    log: str = ""  # gunicorn's own output, read once it has stopped

    def manage(self, *args: str, stdin: str | None = None) -> str:
        done = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            input=stdin,
            capture_output=True,
            text=True,
            check=True,
        )
        return done.stdout

    def worker_pids(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()] if children.exists() else []


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def throwaway_database() -> Iterator[str]:
    base = os.environ.get("DATABASE_URL", "")
    if base.startswith(("postgres://", "postgresql://")):
        import psycopg

        name = f"load_{secrets.token_hex(4)}"
        with psycopg.connect(base, autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield base.rsplit("/", 1)[0] + "/" + name
        finally:
            with psycopg.connect(base, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    else:
        with tempfile.TemporaryDirectory() as folder:
            yield f"sqlite:///{folder}/db.sqlite3"


@contextlib.contextmanager
def gunicorn_server(*, workers: int = 3, seed_profiles: int = 0) -> Iterator[Server]:
    """Migrate, seed, collect static files, then serve until the block ends."""
    with throwaway_database() as database_url, tempfile.TemporaryDirectory() as static_root:
        port = free_port()
        env = {
            **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
            "DJANGO_SETTINGS_MODULE": "advisor.settings",
            "DATABASE_URL": database_url,
            "SECRET_KEY": secrets.token_urlsafe(50),
            "DEBUG": "0",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "STATIC_ROOT": static_root,
            "WEB_CONCURRENCY": str(workers),
            "BIND": f"127.0.0.1:{port}",
            "ACCESS_LOG": "",
            # Every simulated applicant comes from 127.0.0.1.
            "PROFILES_PER_ADDRESS": "1000000",
        }
        setup = Server(url=f"http://127.0.0.1:{port}", env=env, process=None)  # type: ignore[arg-type]
        setup.manage("migrate", "--noinput", "-v0")
        setup.manage("collectstatic", "--noinput", "-v0")
        if seed_profiles:
            setup.manage("seed_demo_profiles", str(seed_profiles))
        process = subprocess.Popen(
            [str(VENV_BIN / "gunicorn"), "advisor.wsgi", "-c", "gunicorn.conf.py"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        server = Server(url=setup.url, env=env, process=process)
        try:
            _wait_until_up(server)
            yield server
        finally:
            process.terminate()
            try:
                _, stderr = process.communicate(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                _, stderr = process.communicate()
            server.log = stderr.decode(errors="replace")


def _wait_until_up(server: Server, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"gunicorn exited: {server.process.stderr.read().decode()[-2000:]}")
        with (
            contextlib.suppress(OSError),
            urllib.request.urlopen(f"{server.url}/healthz/", timeout=2) as response,
        ):
            if response.status == 200:
                return
        time.sleep(0.2)
    raise RuntimeError("gunicorn did not answer in time")
