"""Slow clients cannot stall the site as `make serve` runs it (nginx in front of
gunicorn's sync workers): /healthz/ answers within a second while 3, then 50
sockets trickle their requests. The same 3 sockets do stall gunicorn alone,
which shows the slow sockets really hold workers: without nginx this fails."""

from tests.gunicorn_server import gunicorn_server
from tests.serving.slow_clients import healthz_seconds, slow_clients

WITHIN_SECONDS = 1.0


def test_slow_clients_do_not_stall_make_serve():
    with gunicorn_server(behind_nginx=True, workers=3) as server:
        for count in (3, 50):
            with slow_clients(server.url, count) as clients:
                waits = [healthz_seconds(server.url) for _ in range(5)]
                assert clients.dropped == 0, "the slow sockets were cut off before /healthz/"
            assert max(waits) < WITHIN_SECONDS, f"{count} slow sockets: /healthz/ took {waits}"


def test_three_slow_clients_stall_gunicorn_alone():
    with gunicorn_server(workers=3) as server, slow_clients(server.url, 3):
        assert healthz_seconds(server.url, timeout=3) >= 3
