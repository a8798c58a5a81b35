"""Sockets that send a request as slowly as they like (slowloris): the headers a
byte at a time, or complete headers and then a form body a byte at a time."""

from __future__ import annotations

import contextlib
import socket
import threading
import urllib.request
from collections.abc import Iterator
from urllib.parse import urlsplit

BYTE_EVERY = 0.2  # seconds
# Generous: how long every socket may take to connect and send its first byte on a
# machine busy with other work.
START_SECONDS = 60
HEADERS = b"GET /healthz/ HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + b"a" * 5000
# A CSRF cookie makes Django read the body (for the form's token) before it can
# refuse the post, so the body is waited for, not skipped; under 64 KB, so it is
# not refused on its length either.
BODY_HEADERS = (
    b"POST /start/goals/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
    b"Content-Type: application/x-www-form-urlencoded\r\n"
    b"Cookie: csrftoken=abcdefghijklmnopqrstuvwxyzABCDEF\r\n"
    b"Content-Length: 20000\r\n\r\n"
)


class SlowClients:
    def __init__(self, url: str, count: int) -> None:
        parts = urlsplit(url)
        self.address = (parts.hostname, parts.port)
        self.count = count
        self.stop = threading.Event()
        self.dropped = 0  # sockets the server closed while they were still sending
        self.sending = threading.Semaphore(0)  # released by each socket once it sends
        self._lock = threading.Lock()
        self._threads = [
            threading.Thread(target=self._trickle, args=(number % 2 == 0,), daemon=True)
            for number in range(count)
        ]

    def _trickle(self, headers_only: bool) -> None:
        with socket.create_connection(self.address) as sock:
            if not headers_only:
                sock.sendall(BODY_HEADERS)
            for sent, byte in enumerate(HEADERS if headers_only else b"a" * 20000):
                if self.stop.wait(BYTE_EVERY):
                    return
                try:
                    sock.send(bytes([byte]))
                except OSError:
                    with self._lock:
                        self.dropped += 1
                    return
                if sent == 0:
                    self.sending.release()


@contextlib.contextmanager
def slow_clients(url: str, count: int) -> Iterator[SlowClients]:
    """`count` slow sockets, half trickling headers and half a body, until the block ends."""
    clients = SlowClients(url, count)
    for thread in clients._threads:
        thread.start()
    try:
        # Every socket connected and part way through its request, however long a
        # busy machine takes: a request sent after them queues behind them.
        for _ in range(count):
            if not clients.sending.acquire(timeout=START_SECONDS):
                raise RuntimeError(f"the {count} slow sockets did not all start sending")
        yield clients
    finally:
        clients.stop.set()
        for thread in clients._threads:
            thread.join(timeout=5)


def healthz_answers(url: str, *, timeout: float) -> bool:
    """Whether /healthz/ answers (200) within `timeout` seconds."""
    try:
        with urllib.request.urlopen(f"{url}/healthz/", timeout=timeout) as response:
            assert response.status == 200
    except TimeoutError:
        return False
    return True
