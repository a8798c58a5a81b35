"""Slow clients cannot stall the site as `make serve` runs it (nginx in front of
gunicorn's sync workers): /healthz/ answers while 3, then 50 sockets trickle their
requests. The same 3 sockets do stall gunicorn alone, which shows the slow sockets
really hold workers: without nginx this fails."""

from tests.gunicorn_server import gunicorn_server
from tests.serving.slow_clients import healthz_answers, slow_clients

# Whether /healthz/ answers, not how fast: a busy machine gets this long, which is
# still well under the 30 s (gunicorn's worker timeout) that a stalled worker is
# held before gunicorn kills it, the only way out of a stall without nginx.
ANSWER_SECONDS = 5
# Gunicorn alone, its 3 workers held by the 3 sockets, gives no answer at all for
# those 30 s; a slower machine only makes that more certain.
STALLED_SECONDS = 3


def test_slow_clients_do_not_stall_make_serve():
    with gunicorn_server(behind_nginx=True, workers=3) as server:
        for count in (3, 50):
            with slow_clients(server.url, count) as clients:
                answered = [healthz_answers(server.url, timeout=ANSWER_SECONDS) for _ in range(5)]
                assert clients.dropped == 0, "the slow sockets were cut off before /healthz/"
            assert all(answered), f"{count} slow sockets: /healthz/ answered {answered}"


def test_three_slow_clients_stall_gunicorn_alone():
    with gunicorn_server(workers=3) as server, slow_clients(server.url, 3):
        assert not healthz_answers(server.url, timeout=STALLED_SECONDS)
