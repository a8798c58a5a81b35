"""`make serve`: nginx in front of gunicorn, started together and stopped together.

nginx listens on BIND (default 127.0.0.1:8000) with deploy/nginx.conf, which
says why it is there, and hands complete requests to gunicorn (gunicorn.conf.py)
on a Unix socket in a private folder that lives as long as they run. SIGTERM or
Ctrl-C stops both; when either stops, so does the other. nginx's error lines
(which quote request lines and referrers) are masked like the app's own.

Run from the project folder: `.venv/bin/python -m deploy.serve`.
"""

from __future__ import annotations

import grp
import ipaddress
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import IO

from advisor.environment import env_list, trusted_proxy_count
from advisor.log_masking import mask

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
TEMPLATE = ROOT / "deploy" / "nginx.conf"
# Debian installs nginx in /usr/sbin, which is not on every user's PATH.
SEARCH_PATH = os.pathsep.join([os.environ.get("PATH", ""), "/usr/sbin", "/usr/local/sbin"])
MISSING = "nginx is missing: `make nginx` installs Debian's (or: apt-get install nginx)."
WORKER_GROUP = "nogroup"  # of nginx's workers when started by root
STOP_SECONDS = 30  # above gunicorn's graceful_timeout and nginx's worker_shutdown_timeout


def nginx_binary() -> str | None:
    return shutil.which("nginx", path=SEARCH_PATH)


NO_FRONT_PROXY = (
    "BEHIND_TLS_PROXY or TRUSTED_PROXY_COUNT says a proxy is in front, but not which: set "
    "FRONT_PROXY_ADDRESSES to the addresses or networks it connects from (e.g. 127.0.0.1 "
    "or 10.0.0.0/24). Without it every visitor would count as the proxy's address."
)


def front_proxies() -> list[str]:
    """FRONT_PROXY_ADDRESSES as networks nginx reads ("10.0.0.5" -> "10.0.0.5/32"); a
    ValueError names an entry that is not an address or network, so nothing but those
    ever reaches nginx's config."""
    networks = []
    for entry in env_list("FRONT_PROXY_ADDRESSES", ""):
        try:
            networks.append(str(ipaddress.ip_network(entry, strict=False)))
        except ValueError:
            raise ValueError(f"FRONT_PROXY_ADDRESSES: {entry!r} is not an address") from None
    return networks


def nginx_config(*, listen: str, upstream: str, front: Sequence[str] = ()) -> str:
    """deploy/nginx.conf for this run; `front` are the proxies whose X-Forwarded-For
    nginx believes (none: it believes no one's)."""
    indent = "        "
    if front:
        trusted = [f"{indent}set_real_ip_from {network};" for network in front]
        real_ip = [f"{indent}real_ip_header X-Forwarded-For;", f"{indent}real_ip_recursive on;"]
        front_lines = "\n".join([*trusted, *real_ip])
    else:
        front_lines = f"{indent}# (no FRONT_PROXY_ADDRESSES: X-Forwarded-For is nobody's word)"
    return (
        TEMPLATE.read_text()
        .replace("@LISTEN@", listen)
        .replace("@UPSTREAM@", upstream)
        .replace("@FRONT_PROXIES@", front_lines)
    )


# Django reads exactly one X-Forwarded-For entry, the one this nginx sets: any proxy
# in front is resolved by nginx itself (FRONT_PROXY_ADDRESSES), not counted by Django.
PROXIES_WITH_THIS_NGINX = "1"


def forward_masked(stream: IO[str]) -> None:
    for line in stream:
        sys.stderr.write(mask(line))
        sys.stderr.flush()


def start_gunicorn(socket_path: Path) -> subprocess.Popen:
    env = {**os.environ, "TRUSTED_PROXY_COUNT": PROXIES_WITH_THIS_NGINX}
    command = [str(VENV_BIN / "gunicorn"), "advisor.wsgi", "-c", "gunicorn.conf.py"]
    return subprocess.Popen([*command, "--bind", f"unix:{socket_path}"], cwd=ROOT, env=env)


def start_nginx(
    nginx: str, runtime: Path, listen: str, socket_path: Path, front: list[str]
) -> subprocess.Popen:
    config = runtime / "nginx.conf"
    config.write_text(nginx_config(listen=listen, upstream=f"unix:{socket_path}", front=front))
    command = [nginx, "-p", str(runtime), "-c", str(config), "-e", "stderr"]
    if os.geteuid() == 0:
        # Started by root, nginx's workers switch to nobody (Debian has no group
        # "nobody", nginx's default, hence nogroup).
        command += ["-g", f"user nobody {WORKER_GROUP};"]
    proxy = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, errors="replace")
    threading.Thread(target=forward_masked, args=(proxy.stderr,), daemon=True).start()
    return proxy


def stop(processes: list[tuple[subprocess.Popen, int]]) -> None:
    """Signals each running process, in order, then waits for all of them."""
    for process, signum in processes:
        if process.poll() is None:
            process.send_signal(signum)
    for process, _ in processes:
        try:
            process.wait(timeout=STOP_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def supervise(app: subprocess.Popen, proxy: subprocess.Popen, stopping: threading.Event) -> int:
    while not stopping.is_set() and app.poll() is None and proxy.poll() is None:
        stopping.wait(0.5)
    # nginx first, so no new request reaches gunicorn while it finishes its own.
    stop([(proxy, signal.SIGQUIT), (app, signal.SIGTERM)])
    if stopping.is_set():
        return 0
    print("gunicorn or nginx stopped on its own; the other was stopped too.", file=sys.stderr)
    return 1


def main() -> int:
    try:
        front = front_proxies()
    except ValueError as error:
        print(error, file=sys.stderr)
        return 1
    if trusted_proxy_count() > 0 and not front:
        print(NO_FRONT_PROXY, file=sys.stderr)
        return 1
    nginx = nginx_binary()
    if nginx is None:
        print(MISSING, file=sys.stderr)
        return 1
    listen = os.environ.get("BIND", "127.0.0.1:8000")
    # From the start: a stop asked for while gunicorn loads must not orphan it.
    stopping = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stopping.set())
    with tempfile.TemporaryDirectory(prefix="advisor-serve-") as folder:
        runtime = Path(folder)
        if os.geteuid() == 0:
            # nginx's workers (nobody:nogroup) must reach the socket and their temp
            # folders; nobody else may: a local user talking to gunicorn directly
            # could write the X-Forwarded-For that Django now trusts.
            os.chown(runtime, 0, grp.getgrnam(WORKER_GROUP).gr_gid)
            runtime.chmod(0o710)
        socket_path = runtime / "gunicorn.sock"
        app = start_gunicorn(socket_path)
        while not socket_path.exists():  # gunicorn binds once the app is loaded
            if app.poll() is not None:
                return app.returncode or 1
            if stopping.wait(0.1):
                stop([(app, signal.SIGTERM)])
                return 0
        proxy = start_nginx(nginx, runtime, listen, socket_path, front)
        return supervise(app, proxy, stopping)


if __name__ == "__main__":
    sys.exit(main())
