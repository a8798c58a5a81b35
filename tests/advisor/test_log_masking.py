"""advisor/log_masking.py on its own, and wired into Django's and gunicorn's logging."""

import io
import logging
import runpy
import secrets
from datetime import timedelta
from types import SimpleNamespace
from unittest import mock

import pytest
from django.test import Client
from gunicorn.config import Config

from advisor.log_masking import MaskingGunicornLogger, MaskSecrets, mask
from deploy.serve import forward_masked
from tests.gunicorn_server import ROOT

TOKEN = secrets.token_urlsafe(32)


@pytest.mark.parametrize(
    ("line", "masked"),
    [
        (f"GET /p/{TOKEN}/ HTTP/1.1", "GET /p/[token]/ HTTP/1.1"),
        (f"/p/{TOKEN}/what-if/?usce_hands_on_weeks=9&x=1", "/p/[token]/what-if/?[query]"),
        (f"/p/{TOKEN}/plan.ics", "/p/[token]/plan.ics"),
        (f"GET /v/{TOKEN}/ HTTP/1.1", "GET /v/[token]/ HTTP/1.1"),
        ("GET /join/K7QM3XPD/ HTTP/1.1", "GET /join/[code]/ HTTP/1.1"),
        (f"/p/{TOKEN}/share/?code=K7QM3XPD", "/p/[token]/share/?[query]"),
        # What a client encodes or capitalises itself reaches the router all the same.
        (f"GET /%70/{TOKEN}/ HTTP/1.1", "GET /p/[token]/ HTTP/1.1"),
        (f"GET /p%2F{TOKEN}/ HTTP/1.1", "GET /p/[token]/ HTTP/1.1"),
        (f"GET /%2570/{TOKEN}/ HTTP/1.1", "GET /p/[token]/ HTTP/1.1"),
        (f"GET /%76/{TOKEN}/ HTTP/1.1", "GET /v/[token]/ HTTP/1.1"),
        ("GET /%6Aoin/K7QM3XPD/ HTTP/1.1", "GET /join/[code]/ HTTP/1.1"),
        (f"GET /p/{TOKEN}/share/%3Fcode=K7QM3XPD", "GET /p/[token]/share/?[query]"),
        (f"GET /P/{TOKEN}/ HTTP/1.1", "GET /p/[token]/ HTTP/1.1"),
        ("Not Found: /JOIN/K7QM3XPD/", "Not Found: /join/[code]/"),
        (f"Not Found: /p/{TOKEN}", "Not Found: /p/[token]"),
        (f"https://advisor.example/p/{TOKEN}/edit/", "https://advisor.example/p/[token]/edit/"),
        # Django's resolver quotes the path without its leading slash.
        (f"Resolver404: {{'path': 'p/{TOKEN}/'}}", "Resolver404: {'path': 'p/[token]/'}"),
        ("/accounts/reset/MQ/cz3k1x-5f8e2a9b0c/", "/accounts/reset/[uid]/[token]/"),
        ("/accounts/reset/MQ/set-password/", "/accounts/reset/[uid]/set-password/"),
        ("/advisor/?q=Ana+Lima&sort=-readiness", "/advisor/?[query]"),
        # nginx's error lines name the upstream URL too.
        (
            f'upstream: "http://unix:/run/g.sock:/p/{TOKEN}/?a=1"',
            'upstream: "http://unix:/run/g.sock:/p/[token]/?[query]"',
        ),
        # What carries no secret is left alone.
        ("/accounts/reset/done/", "/accounts/reset/done/"),
        ("/accounts/password_reset/done/", "/accounts/password_reset/done/"),
        ("/help/me/", "/help/me/"),
        ("really? yes", "really? yes"),
    ],
    # The same test names in every process (pytest-xdist compares them): TOKEN is random.
    ids=lambda text: text.replace(TOKEN, "TOKEN"),
)
def test_mask(line, masked):
    assert mask(line) == masked


def record_as_logged(logger_name: str, emit) -> str:
    """What a handler with the masking filter writes for the records `emit` makes."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(MaskSecrets())
    logger = logging.getLogger(logger_name)
    logger.addHandler(handler)
    try:
        emit(logger)
    finally:
        logger.removeHandler(handler)
    return stream.getvalue()


def test_the_filter_masks_arguments_and_tracebacks():
    def emit(logger):
        logger.warning("Profile /p/%s/ was asked for %d times", TOKEN, 3)
        try:
            raise LookupError(f"no profile at /p/{TOKEN}/")
        except LookupError:
            logger.exception("Internal Server Error: /p/%s/what-if/", TOKEN)

    written = record_as_logged("tests.serving.masking", emit)
    assert "Profile /p/[token]/ was asked for 3 times" in written
    assert "Internal Server Error: /p/[token]/what-if/\nTraceback" in written
    assert "LookupError: no profile at /p/[token]/" in written
    assert TOKEN not in written


def masks(handler: logging.Handler) -> bool:
    return any(isinstance(f, MaskSecrets) for f in handler.filters)


@pytest.fixture
def django_stderr():
    """The stream of the handler advisor/logging_config.py gives Django's loggers."""
    (handler,) = [h for h in logging.getLogger("django").handlers if masks(h)]
    assert handler in logging.getLogger("django.server").handlers
    assert not logging.getLogger("django").propagate
    stream = io.StringIO()
    previous = handler.setStream(stream)
    yield stream
    handler.setStream(previous)


@pytest.mark.django_db
def test_django_logs_a_404_with_the_token_masked(django_stderr):
    assert Client().get(f"/p/{TOKEN}/").status_code == 404
    assert "WARNING django.request: Not Found: /p/[token]/" in django_stderr.getvalue()
    assert TOKEN not in django_stderr.getvalue()


@pytest.mark.django_db
def test_django_logs_a_500_with_its_traceback_masked(django_stderr):
    failure = RuntimeError(f"lost the profile behind /p/{TOKEN}/")
    with mock.patch("profiles.views.profile_for_result_page", side_effect=failure):
        response = Client(raise_request_exception=False).get(f"/p/{TOKEN}/")
    assert response.status_code == 500
    written = django_stderr.getvalue()
    assert "ERROR django.request: Internal Server Error: /p/[token]/\nTraceback" in written
    assert "RuntimeError: lost the profile behind /p/[token]/" in written
    assert TOKEN not in written


def gunicorn_logger(tmp_path) -> MaskingGunicornLogger:
    cfg = Config()
    cfg.set("accesslog", str(tmp_path / "access.log"))
    cfg.set("errorlog", str(tmp_path / "error.log"))
    cfg.set(
        "access_log_format",
        '"%(r)s" %(U)s q=%(q)s "%(f)s" %({raw_uri}e)s %({query_string}e)s %({cookie}i)s',
    )
    return MaskingGunicornLogger(cfg)


def test_gunicorn_access_lines_keep_no_token_query_or_cookie(tmp_path):
    uri = f"/p/{TOKEN}/what-if/?usce_hands_on_weeks=9"
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": uri,
        "PATH_INFO": f"/p/{TOKEN}/what-if/",
        "QUERY_STRING": "usce_hands_on_weeks=9",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_REFERER": f"http://127.0.0.1:8000/p/{TOKEN}/",
    }
    request = SimpleNamespace(headers=[("COOKIE", "sessionid=s3cr3t"), ("REFERER", TOKEN)])
    response = SimpleNamespace(status="200 OK", sent=512, headers=[])
    gunicorn_logger(tmp_path).access(response, request, environ, timedelta(milliseconds=3))

    line = (tmp_path / "access.log").read_text()
    assert line == (
        '"GET /p/[token]/what-if/?[query] HTTP/1.1" /p/[token]/what-if/ q=[query] '
        '"http://127.0.0.1:8000/p/[token]/" /p/[token]/what-if/?[query] [query] [hidden]\n'
    )


def test_gunicorn_error_lines_are_masked(tmp_path):
    gunicorn_logger(tmp_path).error("Error handling request %s", f"/p/{TOKEN}/?name=Ana")
    assert "Error handling request /p/[token]/?[query]" in (tmp_path / "error.log").read_text()


def test_nginx_error_lines_are_masked_on_their_way_to_stderr(capsys):
    line = f'[error] 7#7: *1 upstream prematurely closed, request: "GET /p/{TOKEN}/?a=1 HTTP/1.1"'
    forward_masked(io.StringIO(line + "\n"))
    assert capsys.readouterr().err == (
        '[error] 7#7: *1 upstream prematurely closed, request: "GET /p/[token]/?[query] HTTP/1.1"\n'
    )


def test_gunicorn_conf_uses_the_masking_logger():
    settings = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    assert settings["logger_class"] == "advisor.log_masking.MaskingGunicornLogger"


def test_every_django_log_handler_masks():
    from advisor.logging_config import LOGGING

    assert LOGGING["handlers"]
    for handler in LOGGING["handlers"].values():
        assert "mask_secrets" in handler["filters"]
