"""Issue 24, finding 1: a form declared in another charset than UTF-8 gets a 400 and at
most one short log line, and whatever floods the logs is held to a budget a minute."""

import logging

import pytest
from django.test import Client

from advisor.charset import REFUSED, declared_charset
from advisor.log_budget import LogBudget

pytestmark = pytest.mark.django_db

FORM = "application/x-www-form-urlencoded"


def post_declared(charset: str, path: str = "/start/goals/"):
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    client.get("/start/", follow=True)
    token = client.cookies["csrftoken"].value
    body = (
        f"csrfmiddlewaretoken={token}&profile_wizard-current_step=goals&goals-specialty=neurology"
    )
    body = body.encode()
    # generic(): post() would encode the body in the declared charset, and fail on "bogus".
    return client.generic("POST", path, data=body, content_type=f"{FORM}; charset={charset}")


@pytest.mark.parametrize(
    "charset", ["latin-1", "ascii", "utf-16", "UTF-7", '"iso-8859-1"', "bogus", "x" * 5000]
)
def test_another_charset_is_refused_with_one_short_line(charset, caplog):
    caplog.set_level(logging.INFO)
    response = post_declared(charset)
    assert response.status_code == 400
    assert response.content.decode() == REFUSED
    lines = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(lines) == 1, [r.getMessage() for r in lines]
    assert lines[0].exc_info is None and len(lines[0].getMessage()) < 120


@pytest.mark.parametrize("charset", ["utf-8", "UTF-8", "utf8", '"utf-8"'])
def test_utf_8_declared_is_read_as_usual(charset):
    response = post_declared(charset)
    assert response.status_code in (200, 302)  # the step answered, not refused


def test_multipart_and_other_bodies():
    assert declared_charset("multipart/form-data; boundary=x; charset=latin-1") == "latin-1"
    assert declared_charset("application/json; charset=latin-1") is None
    assert declared_charset(FORM) is None


def test_the_log_budget_drops_past_its_lines_and_says_so():
    now = [0.0]
    budget = LogBudget(lines=5, window=60, clock=lambda: now[0])

    def record(level=logging.ERROR, name="django.request"):
        return logging.LogRecord(name, level, __file__, 1, "boom", None, None)

    passed = [budget.filter(record()) for _ in range(1000)]
    assert sum(passed) == 5
    assert all(budget.filter(record(logging.INFO)) for _ in range(100))  # not counted
    assert budget.filter(record(name="other"))  # its own budget
    now[0] = 61.0
    after = record()
    assert budget.filter(after)
    assert after.getMessage().startswith("[995 earlier lines like this one were dropped]")
