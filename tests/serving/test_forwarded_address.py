"""Nobody chooses their own address by writing X-Forwarded-For (issue 24).

nginx used to append the address it saw to whatever X-Forwarded-For the client sent,
and with BEHIND_TLS_PROXY=1 Django read the entry left of it: the client's own text
when the client reached nginx directly. Now nginx sets the header to the client's
address, and takes a front proxy's word only from FRONT_PROXY_ADDRESSES. gunicorn's
access log starts with the address Django is given, which is what is checked here.
"""

import socket
import time
from urllib.parse import urlsplit

from tests.gunicorn_server import gunicorn_server

FRONT = "127.0.0.2"  # the trusted proxy in front; 127.0.0.1 is a client reaching nginx
CHOSEN = "203.0.113.66"  # what a client would like to be
SEEN_BY_FRONT = "198.51.100.7"  # the client's address as the front proxy saw it


def get_from(url: str, source: str, forwarded: str, path: str) -> bytes:
    host, port = urlsplit(url).hostname, urlsplit(url).port
    with socket.create_connection((host, port), timeout=30, source_address=(source, 0)) as sock:
        sock.sendall(
            f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nX-Forwarded-For: {forwarded}\r\n"
            "Connection: close\r\n\r\n".encode()
        )
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    return answer


def access_log_line(server, path: str) -> str:
    """The access-log line of the one GET of `path`; gunicorn writes it just after
    the answer, so it is waited for (generously: a busy machine is no failure)."""
    deadline = time.monotonic() + 30
    while True:
        lines = [line for line in server.output().splitlines() if f'"GET {path} HTTP' in line]
        if lines or time.monotonic() > deadline:
            [line] = lines
            return line
        time.sleep(0.1)


def test_only_the_front_proxy_says_who_the_client_is():
    env = {"BEHIND_TLS_PROXY": "1", "FRONT_PROXY_ADDRESSES": FRONT}
    with gunicorn_server(behind_nginx=True, access_log=True, env=env) as server:
        direct = get_from(server.url, "127.0.0.1", f"{CHOSEN}, {CHOSEN}", "/method/")
        through = get_from(server.url, FRONT, f"{CHOSEN}, {SEEN_BY_FRONT}", "/")
        assert direct.startswith(b"HTTP/1.1 200") and through.startswith(b"HTTP/1.1 200")
        direct_line = access_log_line(server, "/method/")
        through_line = access_log_line(server, "/")
        output = server.output()

    assert direct_line.startswith("127.0.0.1 "), direct_line
    assert through_line.startswith(f"{SEEN_BY_FRONT} "), through_line
    assert CHOSEN not in output


def test_without_a_front_proxy_the_header_is_nobodys_word():
    with gunicorn_server(behind_nginx=True, access_log=True) as server:
        answer = get_from(server.url, FRONT, CHOSEN, "/method/")
        assert answer.startswith(b"HTTP/1.1 200")
        line = access_log_line(server, "/method/")
        output = server.output()
    assert line.startswith(f"{FRONT} "), line
    assert CHOSEN not in output
