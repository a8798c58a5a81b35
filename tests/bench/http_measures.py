"""What the benchmark measures over HTTP: throughput and latency with wrk, bytes, memory."""

from __future__ import annotations

import gzip
import http.cookiejar
import json
import re
import shutil
import subprocess
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

REPORTER = Path(__file__).with_name("report.lua")
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
ASSETS = re.compile(r'<(?:link|script)\b[^>]*\b(?:href|src)="(/static/[^"]+)"')


@dataclass
class Throughput:
    requests_per_second: float
    p50_ms: float
    p95_ms: float
    bad_responses: int


def wrk_available() -> bool:
    return shutil.which("wrk") is not None


def throughput(url: str, *, seconds: int, cookie: str = "", connections: int = 8) -> Throughput:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "-s", str(REPORTER), url]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    result = json.loads(output.strip().splitlines()[-1])
    return Throughput(
        requests_per_second=result["requests"] / (result["duration_us"] / 1e6),
        p50_ms=result["p50_us"] / 1000,
        p95_ms=result["p95_us"] / 1000,
        bad_responses=result["bad_status"] + result["socket_errors"],
    )


def session_opener() -> tuple[urllib.request.OpenerDirector, http.cookiejar.CookieJar]:
    jar = http.cookiejar.CookieJar()
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar)), jar


def cookie_header(jar: http.cookiejar.CookieJar) -> str:
    return "; ".join(f"{c.name}={c.value}" for c in jar)


def logged_in_cookie(base: str, username: str, password: str) -> str:
    opener, jar = session_opener()
    page = opener.open(f"{base}/accounts/login/").read().decode()
    data = {"username": username, "password": password}
    data["csrfmiddlewaretoken"] = CSRF.search(page).group(1)
    opener.open(f"{base}/accounts/login/", urllib.parse.urlencode(data).encode())
    return cookie_header(jar)


def wizard_cookie(base: str) -> str:
    opener, jar = session_opener()
    opener.open(f"{base}/start/?reset=1").read()
    return cookie_header(jar)


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
