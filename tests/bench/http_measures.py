"""What the benchmark measures over HTTP: latency and throughput with wrk over many
different URLs, the CPU the server's workers spent on them, bytes and memory."""

from __future__ import annotations

import gzip
import http.cookiejar
import json
import os
import re
import shutil
import subprocess
import tempfile
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

PATHS_SCRIPT = Path(__file__).with_name("paths.lua")
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
ASSETS = re.compile(r'<(?:link|script)\b[^>]*\b(?:href|src)="(/static/[^"]+)"')
TICKS = os.sysconf("SC_CLK_TCK")
# What a browser sends on every request: pages go out gzipped (GZipMiddleware), and a
# benchmark that leaves this out never pays for the compression.
BROWSER = {"Accept-Encoding": "gzip, deflate, br, zstd"}
# What htmx adds to the requests it makes (django-htmx reads HX-Request).
HTMX = {"HX-Request": "true"}


@dataclass
class Measured:
    requests: int
    requests_per_second: float
    p50_ms: float
    p95_ms: float
    bad_responses: int
    app_cpu_ms: float  # the gunicorn workers' CPU per request
    db_cpu_ms: float  # PostgreSQL's, per request


def wrk_available() -> bool:
    return shutil.which("wrk") is not None


def cpu_seconds(pids: list[int]) -> float:
    """User and system CPU the processes spent so far (children they waited for too)."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # gone: a worker replaced, a backend closed
        total += sum(int(f) for f in fields[11:15])
    return total / TICKS


def postgres_cpu_seconds() -> float:
    """PostgreSQL's CPU so far: every server process now, plus (in the postmaster's
    children's time) every backend that has ended. Read at both ends of a window, so
    a backend that starts or ends within it (CONN_MAX_AGE renews them) counts too."""
    return cpu_seconds(postgres_pids())


def postgres_pids() -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if (entry / "comm").read_text().strip() == "postgres":
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def load(
    base: str,
    paths: list[str],
    *,
    seconds: int,
    workers: list[int],
    cookie: str = "",
    headers: dict[str, str] | None = None,
    connections: int = 8,
) -> Measured:
    """wrk asks for `paths` in turn (each thread from its own place) for `seconds`,
    with a browser's headers; a path may carry a form body after a tab (a POST)."""
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as listed:
        listed.write("\n".join(paths) + "\n")
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "-s", str(PATHS_SCRIPT)]
    sent = {**BROWSER, **(headers or {}), **({"Cookie": cookie} if cookie else {})}
    for name, value in sent.items():
        command += ["-H", f"{name}: {value}"]
    app_before, db_before = cpu_seconds(workers), postgres_cpu_seconds()
    try:
        output = subprocess.run(
            [*command, base, "--", listed.name], capture_output=True, text=True, check=True
        ).stdout
    finally:
        os.unlink(listed.name)
    app_cpu, db_cpu = cpu_seconds(workers) - app_before, postgres_cpu_seconds() - db_before
    result = json.loads(output.strip().splitlines()[-1])
    done = max(1, result["requests"])
    return Measured(
        requests=result["requests"],
        requests_per_second=result["requests"] / (result["duration_us"] / 1e6),
        p50_ms=result["p50_us"] / 1000,
        p95_ms=result["p95_us"] / 1000,
        bad_responses=result["bad_status"] + result["socket_errors"],
        app_cpu_ms=1000 * app_cpu / done,
        db_cpu_ms=1000 * db_cpu / done,
    )


def session_opener() -> tuple[urllib.request.OpenerDirector, http.cookiejar.CookieJar]:
    jar = http.cookiejar.CookieJar()
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar)), jar


def cookie_header(jar: http.cookiejar.CookieJar) -> str:
    return "; ".join(f"{c.name}={c.value}" for c in jar)


def logged_in(base: str, username: str, password: str):
    """An opener logged in as the advisor, and its cookie header."""
    opener, jar = session_opener()
    page = opener.open(f"{base}/accounts/login/").read().decode()
    data = {"username": username, "password": password}
    data["csrfmiddlewaretoken"] = CSRF.search(page).group(1)
    opener.open(f"{base}/accounts/login/", urllib.parse.urlencode(data).encode())
    return opener, cookie_header(jar)


def first_visit_bytes(url: str) -> int:
    """Compressed bytes (bodies and headers) a new browser fetches for a page."""

    def fetch(address: str) -> tuple[int, bytes]:
        request = urllib.request.Request(address, headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request) as response:
            body = response.read()
            size = len(body) + len(str(response.headers))
            if response.headers.get("Content-Encoding") == "gzip":
                body = gzip.decompress(body)
            return size, body

    total, html = fetch(url)
    base = url.split("/", 3)[:3]
    for asset in sorted(set(ASSETS.findall(html.decode()))):
        total += fetch("/".join(base) + asset)[0]
    return total


def peak_rss_mb(pids: list[int]) -> float:
    """The largest high-water resident memory among the given processes."""
    peaks = []
    for pid in pids:
        status = Path(f"/proc/{pid}/status").read_text()
        peaks.append(int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) / 1024)
    return max(peaks)
