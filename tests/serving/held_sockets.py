"""Many slow sockets from one address, driven by one thread, and health checks from
another address: the flood of issue 24 (about 1,020 sockets, a byte every 4 s, filled
nginx's 1,024 connections) on one machine. Linux routes all of 127/8 to the loopback
interface, so a client socket bound to 127.0.0.2 is another address to nginx.

Each socket sends whole headers of a form post and then trickles its body: nginx
cuts off headers 10 s after they start (client_header_timeout) whatever the rate,
but waits for a body 10 s between bytes only, so these are the sockets one address
can hold for ever unless a per-address limit stops it (tests/serving/slow_clients.py
trickles headers too)."""

from __future__ import annotations

import contextlib
import http.client
import resource
import selectors
import socket
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from tests.serving.slow_clients import BODY_HEADERS

BODY = b"a" * 20_000  # as long as BODY_HEADERS says

BYTE_EVERY = 4.0  # seconds between two bytes of one socket, as in the finding
OTHER_ADDRESS = "127.0.0.2"
# Generous, so a busy machine never fails a connect that would succeed: a socket
# still unconnected after this is counted as not connected, not as an error.
CONNECT_SECONDS = 30


@dataclass
class HeldSockets:
    """Sockets that each trickle a form's body a byte every BYTE_EVERY seconds.
    `outcomes` says what became of each: still "open", "closed" by the server
    without an answer, "answered NNN", or "not connected"."""

    address: tuple[str, int]
    count: int
    outcomes: Counter = field(default_factory=Counter)
    _open: dict[socket.socket, bytes] = field(default_factory=dict)
    _selector: selectors.BaseSelector = field(default_factory=selectors.DefaultSelector)
    _stop: threading.Event = field(default_factory=threading.Event)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def connect_all(self) -> None:
        for _ in range(self.count):
            sock = socket.socket()
            try:
                sock.settimeout(CONNECT_SECONDS)
                sock.connect(self.address)
                sock.sendall(BODY_HEADERS + BODY[:1])
            except OSError:
                sock.close()
                self.outcomes["not connected"] += 1
                continue
            sock.setblocking(False)
            rest = BODY[1:]
            with self._lock:
                self._open[sock] = rest
                self._selector.register(sock, selectors.EVENT_READ)

    def still_open(self) -> int:
        with self._lock:
            return len(self._open)

    def counts(self) -> dict[str, int]:
        with self._lock:
            return {**self.outcomes, "open": len(self._open)}

    def run(self) -> None:
        """Until stopped: note every answer or close, and send each open socket its
        next byte every BYTE_EVERY seconds."""
        next_bytes = time.monotonic() + BYTE_EVERY
        while not self._stop.is_set():
            with self._lock:
                ready = self._selector.select(timeout=0) if self._open else []
                for key, _ in ready:
                    self._settle(key.fileobj)
                if time.monotonic() >= next_bytes:
                    next_bytes += BYTE_EVERY
                    for sock in list(self._open):
                        self._send_byte(sock)
            self._stop.wait(0.2)

    def _settle(self, sock: socket.socket) -> None:
        try:
            answer = sock.recv(64)
        except BlockingIOError:
            return
        except OSError:
            answer = b""
        status = answer.split(b" ", 2)[1].decode() if answer.startswith(b"HTTP/") else ""
        self.outcomes[f"answered {status}" if status else "closed"] += 1
        self._forget(sock)

    def _send_byte(self, sock: socket.socket) -> None:
        rest = self._open[sock]
        try:
            sock.send(rest[:1])
        except BlockingIOError:
            return
        except OSError:
            self.outcomes["closed"] += 1
            self._forget(sock)
            return
        self._open[sock] = rest[1:]

    def _forget(self, sock: socket.socket) -> None:
        self._selector.unregister(sock)
        del self._open[sock]
        sock.close()

    def close(self) -> None:
        self._stop.set()
        with self._lock:
            for sock in list(self._open):
                self._selector.unregister(sock)
                sock.close()
            self._open.clear()
            self._selector.close()


@contextlib.contextmanager
def held_sockets(url: str, count: int) -> Iterator[HeldSockets]:
    """`count` slow sockets from 127.0.0.1 (the server's address), all connected and
    part way through a request when the block starts, all closed when it ends."""
    parts = urlsplit(url)
    sockets = HeldSockets(address=(parts.hostname, parts.port), count=count)
    driver = threading.Thread(target=sockets.run, daemon=True)
    try:
        sockets.connect_all()
        driver.start()
        yield sockets
    finally:
        sockets.close()
        if driver.is_alive():
            driver.join(timeout=10)


def healthz_from_other_address(url: str, *, timeout: float) -> tuple[int | None, float]:
    """GET /healthz/ from OTHER_ADDRESS: its status (None when no answer came within
    `timeout` seconds) and the seconds it took."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(
        parts.hostname, parts.port, timeout=timeout, source_address=(OTHER_ADDRESS, 0)
    )
    started = time.monotonic()
    try:
        connection.request("GET", "/healthz/")
        status = connection.getresponse().status
    except OSError:
        status = None
    finally:
        connection.close()
    return status, time.monotonic() - started


@contextlib.contextmanager
def descriptors_raised() -> Iterator[int]:
    """The soft limit on open files raised to the hard limit (inherited by the servers
    started meanwhile), and put back after; yields the limit."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    try:
        yield hard
    finally:
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
