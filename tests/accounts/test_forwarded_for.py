"""Issue 24, finding 9: with BEHIND_TLS_PROXY=1, anyone who reached nginx directly chose
their own address. nginx appended to the X-Forwarded-For the client sent and Django,
told of two proxies, read the client's own entry. Now nginx sets the header (one
entry, the client as nginx knows it), takes a front proxy's word only from the
addresses in FRONT_PROXY_ADDRESSES, and Django reads exactly one entry from the right.
The same through real servers: tests/serving/test_forwarded_address.py."""

import os
import re
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.test import RequestFactory

from advisor.accounts.client_address import client_address
from deploy.serve import NO_FRONT_PROXY, PROXIES_WITH_THIS_NGINX, front_proxies, nginx_config

NGINX_SAW = "198.51.100.7"


def seen(forwarded: str, proxies: int = 1) -> str | None:
    request = RequestFactory().get("/", REMOTE_ADDR="", HTTP_X_FORWARDED_FOR=forwarded)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(django_settings, "TRUSTED_PROXY_COUNT", proxies, raising=False)
        return client_address(request)


@pytest.mark.parametrize(
    "forged",
    [
        "203.0.113.66",
        "203.0.113.66, 10.0.0.1",
        "203.0.113.66,203.0.113.67, 203.0.113.68",
        "  203.0.113.66  ,",
        "2001:db8::66",
    ],
)
def test_what_a_client_writes_left_of_nginx_is_never_read(forged):
    assert seen(f"{forged}, {NGINX_SAW}") == NGINX_SAW


@pytest.mark.parametrize(
    "broken", ["", ",", "unknown", f"{NGINX_SAW}:443", f"[{NGINX_SAW}]", "999.1.1.1"]
)
def test_a_rightmost_entry_that_is_no_address_is_not_believed(broken):
    # REMOTE_ADDR is empty here (gunicorn on a Unix socket): no address at all,
    # rather than whatever the client wrote further left.
    assert seen(f"203.0.113.66, {broken}") is None


def test_exactly_the_configured_hops_are_counted_from_the_right():
    chain = "203.0.113.66, 198.51.100.7, 10.0.0.2"
    assert [seen(chain, proxies) for proxies in (1, 2, 3)] == [
        "10.0.0.2",
        "198.51.100.7",
        "203.0.113.66",
    ]


def header_lines(config: str, name: str) -> list[str]:
    return [line.strip() for line in config.splitlines() if re.match(rf"\s*{name}\b", line)]


def test_nginx_sets_the_address_and_never_passes_a_clients_header_on():
    config = nginx_config(listen="127.0.0.1:8000", upstream="unix:/run/g.sock")
    forwarded = [h for h in header_lines(config, "proxy_set_header") if "Forwarded-For" in h]
    assert forwarded == ["proxy_set_header X-Forwarded-For $remote_addr;"]
    assert "$proxy_add_x_forwarded_for" not in config and "$http_x_forwarded_for" not in config
    assert not header_lines(config, "set_real_ip_from")
    assert not header_lines(config, "real_ip_header")
    # Django reads that one entry, with or without a proxy in front of nginx.
    assert PROXIES_WITH_THIS_NGINX == "1"


def test_a_front_proxys_header_counts_only_from_its_addresses():
    front = ["10.0.0.5/32", "2001:db8::/64"]
    config = nginx_config(listen="127.0.0.1:8000", upstream="unix:/run/g.sock", front=front)
    assert header_lines(config, "set_real_ip_from") == [
        "set_real_ip_from 10.0.0.5/32;",
        "set_real_ip_from 2001:db8::/64;",
    ]
    assert header_lines(config, "real_ip_header") == ["real_ip_header X-Forwarded-For;"]
    assert header_lines(config, "real_ip_recursive") == ["real_ip_recursive on;"]


def test_front_proxy_addresses_are_addresses_and_nothing_else(monkeypatch):
    monkeypatch.setenv("FRONT_PROXY_ADDRESSES", "10.0.0.5, 10.1.0.0/16 ,::1")
    assert front_proxies() == ["10.0.0.5/32", "10.1.0.0/16", "::1/128"]
    monkeypatch.setenv("FRONT_PROXY_ADDRESSES", "10.0.0.5; real_ip_header X-Evil")
    with pytest.raises(ValueError, match="is not an address"):
        front_proxies()


@pytest.mark.parametrize("said", [{"BEHIND_TLS_PROXY": "1"}, {"TRUSTED_PROXY_COUNT": "2"}])
def test_make_serve_will_not_start_behind_a_proxy_it_cannot_tell_apart(said):
    kept = ("BEHIND_TLS_PROXY", "TRUSTED_PROXY_COUNT", "FRONT_PROXY_ADDRESSES")
    env = {k: v for k, v in os.environ.items() if k not in kept}
    done = subprocess.run(
        [sys.executable, "-m", "deploy.serve"],
        cwd=django_settings.BASE_DIR,
        # Were it to start after all, nginx could not listen there and it would stop.
        env={**env, **said, "BIND": "256.0.0.1:1"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1 and NO_FRONT_PROXY in done.stderr
