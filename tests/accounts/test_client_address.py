"""Which address a request counts as coming from, with and without trusted proxies."""

import os
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.test import RequestFactory

from advisor.accounts.client_address import client_address


def address(remote: str, forwarded: str | None = None) -> str | None:
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_address(RequestFactory().get("/", **extra))


def test_without_a_proxy_the_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert address("198.51.100.7", "203.0.113.9") == "198.51.100.7"


def test_behind_one_proxy_the_address_it_appended_counts(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert address("10.0.0.2", "203.0.113.9") == "203.0.113.9"
    # Whatever the client wrote itself stays on the left, unread.
    assert address("10.0.0.2", "1.1.1.1, 8.8.8.8,203.0.113.9") == "203.0.113.9"


def test_behind_two_proxies_the_outer_ones_entry_counts(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    assert address("10.0.0.3", "1.1.1.1, 203.0.113.9, 10.0.0.2") == "203.0.113.9"


@pytest.mark.parametrize("forwarded", [None, "", "not-an-address", "203.0.113.9:443"])
def test_a_missing_or_broken_header_falls_back_to_the_connection(settings, forwarded):
    settings.TRUSTED_PROXY_COUNT = 1
    assert address("10.0.0.2", forwarded) == "10.0.0.2"


def test_too_few_entries_means_the_request_skipped_the_proxies(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    assert address("198.51.100.7", "203.0.113.9") == "198.51.100.7"


def test_addresses_are_canonical(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert address("10.0.0.2", "2001:DB8:0:0::1") == "2001:db8::1"


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, 0),
        ({"BEHIND_TLS_PROXY": "1"}, 1),
        ({"BEHIND_TLS_PROXY": "1", "TRUSTED_PROXY_COUNT": "2"}, 2),
    ],
)
def test_trusted_proxies_follow_the_environment(env, expected):
    clean = {
        k: v for k, v in os.environ.items() if k not in ("BEHIND_TLS_PROXY", "TRUSTED_PROXY_COUNT")
    }
    done = subprocess.run(
        [sys.executable, "-c", "import advisor.settings as s; print(s.TRUSTED_PROXY_COUNT)"],
        cwd=django_settings.BASE_DIR,
        env={**clean, "SECRET_KEY": "test-only", "DEBUG": "0", **env},
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip() == str(expected)
