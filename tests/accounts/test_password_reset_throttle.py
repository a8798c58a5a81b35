"""Password-reset requests: a few per e-mail, more per client address, counted in the database."""

import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.core.cache import caches
from django.db import connection
from django.utils import timezone

from advisor.accounts.models import ThrottleCount
from advisor.accounts.throttle import throttle_count
from advisor.accounts.views import RESET_THROTTLED
from tests.accounts.conftest import ask_reset_from

pytestmark = pytest.mark.django_db


def test_a_few_links_per_email_then_a_clear_refusal(client, advisor, settings):
    per_email = settings.PASSWORD_RESETS_PER_EMAIL
    for n in range(per_email):
        assert ask_reset_from(client, f"198.51.100.{n}", "ana@example.com").status_code == 302
    refused = ask_reset_from(client, "198.51.100.99", "ANA@example.com")
    assert refused.status_code == 429
    assert RESET_THROTTLED in refused.content.decode()
    assert len(mail.outbox) == per_email


def test_the_refusal_does_not_tell_whether_an_account_exists(client, advisor, settings):
    def statuses(email: str) -> list[int]:
        return [
            ask_reset_from(client, f"198.51.100.{n}", email).status_code
            for n in range(settings.PASSWORD_RESETS_PER_EMAIL + 2)
        ]

    known, unknown = statuses("ana@example.com"), statuses("nobody@example.com")
    assert known == unknown
    assert 429 in known


def test_one_address_is_limited_whatever_the_email(client, settings):
    for n in range(settings.PASSWORD_RESETS_PER_ADDRESS):
        assert ask_reset_from(client, "203.0.113.5", f"person{n}@example.com").status_code == 302
    assert ask_reset_from(client, "203.0.113.5", "fresh@example.com").status_code == 429
    assert ask_reset_from(client, "203.0.113.6", "fresh@example.com").status_code == 302


def test_behind_the_proxy_clients_are_counted_apart(client, settings, behind_proxy):
    for n in range(settings.PASSWORD_RESETS_PER_ADDRESS + 1):
        ask_reset_from(client, "203.0.113.5", f"person{n}@example.com", proxied=True)
    assert (
        ask_reset_from(client, "203.0.113.5", "fresh@example.com", proxied=True).status_code == 429
    )
    assert (
        ask_reset_from(client, "198.51.100.7", "fresh@example.com", proxied=True).status_code == 302
    )


def test_an_ipv6_client_is_counted_by_its_64(client, settings):
    for n in range(settings.PASSWORD_RESETS_PER_ADDRESS):
        ask_reset_from(client, f"2001:db8:1:2::{n + 1:x}", f"person{n}@example.com")
    assert ask_reset_from(client, "2001:db8:1:2::ffff", "fresh@example.com").status_code == 429
    assert ask_reset_from(client, "2001:db8:1:3::1", "fresh@example.com").status_code == 302


def test_the_count_is_in_the_database_not_a_per_process_cache(client, advisor, settings):
    for _ in range(settings.PASSWORD_RESETS_PER_EMAIL):
        ask_reset_from(client, "198.51.100.1", "ana@example.com")
    for cache in caches.all():
        cache.clear()
    assert ask_reset_from(client, "198.51.100.1", "ana@example.com").status_code == 429
    assert ThrottleCount.objects.exists()


def test_one_visitor_cannot_grow_the_table(client, settings):
    for n in range(200):
        ask_reset_from(client, "203.0.113.5", f"random-{n}@example.com")
    assert ThrottleCount.objects.count() == 1 + settings.PASSWORD_RESETS_PER_ADDRESS
    # No e-mail address is stored in clear.
    assert not ThrottleCount.objects.filter(key__contains="@").exists()


def test_ended_windows_are_deleted(client):
    ask_reset_from(client, "203.0.113.5", "someone@example.com")
    ThrottleCount.objects.update(window_ends=timezone.now() - timedelta(seconds=1))
    ask_reset_from(client, "203.0.113.6", "other@example.com")
    assert ThrottleCount.objects.count() == 2
    assert not ThrottleCount.objects.filter(window_ends__lte=timezone.now()).exists()


@pytest.mark.usefixtures("seeded_transactional_db")
def test_concurrent_requests_never_pass_the_limit():
    allowed = []
    start = threading.Barrier(8)

    def request():
        start.wait()
        try:
            allowed.append(throttle_count(key="k", limit=3, window=timedelta(hours=1)))
        finally:
            connection.close()

    threads = [threading.Thread(target=request) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(allowed) == [False] * 5 + [True] * 3
