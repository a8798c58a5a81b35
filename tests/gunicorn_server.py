"""A real gunicorn server on a throwaway database, for the load, serving and bench runs.

SQLite by default (a file in a temporary folder); when DATABASE_URL points at
PostgreSQL, a database of its own is created beside it and dropped afterwards.
With `behind_nginx` it starts as `make serve` starts it (deploy/serve.py: nginx
in front of gunicorn), otherwise gunicorn alone. What it prints is kept in files:
`Server.output()` (stdout and stderr) and `Server.errors()` (stderr) while it
runs, `Server.log` and `Server.error_log` once it has stopped.
Password-reset e-mails are files in `Server.mail_folder`.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
STOP_SECONDS = 40  # deploy/serve.py gives its two servers 30 s
# Generous: on a machine busy with other work, gunicorn's workers and nginx can take
# many seconds to answer first, which is no fault of the code under test.
UP_SECONDS = 120


@dataclass
class Server:
    url: str
    env: dict[str, str]
    process: subprocess.Popen
    log: str = ""  # stdout and stderr, read once it has stopped
    error_log: str = ""  # stderr alone
    log_folder: Path | None = None
    mail_folder: Path | None = None

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

    def output(self) -> str:
        """What the server printed so far, stdout then stderr."""
        if self.log_folder is None:
            return self.log
        return self._read("stdout") + self._read("stderr")

    def errors(self) -> str:
        """What the server printed to stderr so far."""
        return self.error_log if self.log_folder is None else self._read("stderr")

    def _read(self, stream: str) -> str:
        return (self.log_folder / f"{stream}.log").read_text(errors="replace")

    def gunicorn_pid(self) -> int:
        """gunicorn's master: the process itself, or deploy/serve.py's gunicorn child."""
        for pid in [self.process.pid, *_children(self.process.pid)]:
            with contextlib.suppress(OSError):
                if b"gunicorn" in Path(f"/proc/{pid}/cmdline").read_bytes():
                    return pid
        raise RuntimeError("no gunicorn process found")

    def worker_pids(self) -> list[int]:
        return _children(self.gunicorn_pid())


def _children(pid: int) -> list[int]:
    children = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in children.read_text().split()] if children.exists() else []


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def throwaway_database(kept: str | None = None) -> Iterator[str]:
    """A database for one server's life; `kept`, when given, is used as it is and kept
    (the benchmark seeds a million profiles once and reuses them)."""
    if kept:
        yield kept
        return
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
def gunicorn_server(
    *,
    workers: int = 3,
    seed_profiles: int = 0,
    behind_nginx: bool = False,
    access_log: bool = False,
    env: dict[str, str] | None = None,
    database_url: str | None = None,
) -> Iterator[Server]:
    """Migrate, seed, collect static files, then serve until the block ends; on a
    throwaway database, or on `database_url` (kept)."""
    if behind_nginx:
        _require_nginx()
    command = (
        [sys.executable, "-m", "deploy.serve"]
        if behind_nginx
        else [str(VENV_BIN / "gunicorn"), "advisor.wsgi", "-c", "gunicorn.conf.py"]
    )
    settings = {"WEB_CONCURRENCY": str(workers), "ACCESS_LOG": "-" if access_log else ""}
    with _served(
        lambda bind: command, {**settings, **(env or {})}, seed_profiles, database_url
    ) as server:
        yield server


@contextlib.contextmanager
def django_runserver(*, env: dict[str, str] | None = None) -> Iterator[Server]:
    """Django's development server (`manage.py runserver`, no reloader), set up alike."""
    command = [sys.executable, "manage.py", "runserver", "--noreload"]
    with _served(lambda bind: [*command, bind], env or {}, 0) as server:
        yield server


@contextlib.contextmanager
def _served(
    command_for: Callable[[str], list[str]],
    env: dict[str, str],
    seed_profiles: int,
    kept_database: str | None = None,
) -> Iterator[Server]:
    with (
        throwaway_database(kept_database) as database_url,
        tempfile.TemporaryDirectory() as folder,
    ):
        bind = f"127.0.0.1:{free_port()}"
        server_env = {
            **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
            "DJANGO_SETTINGS_MODULE": "advisor.settings",
            "DATABASE_URL": database_url,
            "SECRET_KEY": secrets.token_urlsafe(50),
            "DEBUG": "0",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "STATIC_ROOT": f"{folder}/static",
            "EMAIL_BACKEND": "advisor.private_files.PrivateFileEmailBackend",
            "EMAIL_FILE_PATH": f"{folder}/mail",
            "BIND": bind,
            # Every simulated applicant comes from 127.0.0.1.
            "PROFILES_PER_ADDRESS": "1000000",
            **env,
        }
        setup = Server(url=f"http://{bind}", env=server_env, process=None)  # type: ignore[arg-type]
        setup.manage("migrate", "--noinput", "-v0")
        setup.manage("collectstatic", "--noinput", "-v0")
        if seed_profiles:
            setup.manage("seed_demo_profiles", str(seed_profiles))
        with open(f"{folder}/stdout.log", "wb") as out, open(f"{folder}/stderr.log", "wb") as err:
            process = subprocess.Popen(
                command_for(bind),
                cwd=ROOT,
                env=server_env,
                stdout=out,
                stderr=err,
                start_new_session=True,  # its own group, so nothing it starts outlives it
            )
        server = Server(
            url=setup.url,
            env=server_env,
            process=process,
            log_folder=Path(folder),
            mail_folder=Path(folder, "mail"),
        )
        try:
            _wait_until_up(server)
            yield server
        finally:
            _stop(process)
            server.log, server.error_log = server.output(), server.errors()
            server.log_folder = None


def _require_nginx() -> None:
    """Like the browser tests with Chromium: a local run without nginx skips and
    says why; under CI (`make test` installs nginx) it fails."""
    from deploy.serve import MISSING, nginx_binary

    if nginx_binary() is None:
        import pytest

        if os.environ.get("CI"):
            pytest.fail(MISSING)
        pytest.skip(MISSING)


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=STOP_SECONDS)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)  # whatever of its group is left


def _wait_until_up(server: Server, timeout: float = UP_SECONDS) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"the server exited: {server.output()[-2000:]}")
        with (
            contextlib.suppress(OSError),
            urllib.request.urlopen(f"{server.url}/healthz/", timeout=2) as response,
        ):
            if response.status == 200:
                return
        time.sleep(0.2)
    raise RuntimeError(f"the server did not answer in time: {server.output()[-2000:]}")
