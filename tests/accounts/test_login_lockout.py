"""Log-in lockouts: per client address behind the proxy, and the cap per account."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.utils import timezone

from tests.accounts.conftest import PROXY, log_in_from, reset_password_by_email

pytestmark = pytest.mark.django_db

PASSWORD = "pw-long-enough-1"  # the `advisor` fixture's


def logged_in(response) -> bool:
    return response.status_code == 302


def test_behind_the_proxy_a_lockout_affects_only_the_attacker(client, advisor, behind_proxy):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in_from(client, "203.0.113.66", "ana", "guess", proxied=True)
    locked = log_in_from(client, "203.0.113.66", "ana", PASSWORD, proxied=True)
    assert locked.status_code == 429
    # Same proxy, same REMOTE_ADDR, another client behind it.
    assert logged_in(log_in_from(client, "198.51.100.7", "ana", PASSWORD, proxied=True))
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.66"}


def test_without_a_trusted_proxy_a_forged_header_does_not_dodge_the_lockout(client, advisor):
    for n in range(settings.AXES_FAILURE_LIMIT):
        log_in_from(client, f"203.0.113.{n}", "ana", "guess", proxied=True)
    assert log_in_from(client, "203.0.113.99", "ana", PASSWORD, proxied=True).status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {PROXY}


def guess_from_20_addresses(client, guesses: int = 100) -> list[int]:
    """`guesses` wrong passwords against ana, taking turns among 20 addresses."""
    return [
        log_in_from(client, f"203.0.113.{n % 20}", "ana", f"guess-{n}").status_code
        for n in range(guesses)
    ]


def test_the_account_cap_stops_100_guesses_from_20_addresses(client, advisor):
    statuses = guess_from_20_addresses(client)
    # 200 is a password checked and refused; 429 is not checked at all.
    assert statuses.count(200) == settings.LOGIN_FAILURES_PER_ACCOUNT - 1
    assert statuses[settings.LOGIN_FAILURES_PER_ACCOUNT - 1 :] == [429] * (
        100 - settings.LOGIN_FAILURES_PER_ACCOUNT + 1
    )
    # The right password does not get through either, from a new address.
    assert log_in_from(client, "198.51.100.200", "ana", PASSWORD).status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_cap_is_higher_than_the_per_address_limit(client, advisor):
    assert settings.LOGIN_FAILURES_PER_ACCOUNT > settings.AXES_FAILURE_LIMIT
    for n in range(settings.LOGIN_FAILURES_PER_ACCOUNT - 2):
        log_in_from(client, f"203.0.113.{n}", "ana", "guess")
    assert logged_in(log_in_from(client, "198.51.100.7", "ana", PASSWORD))


def test_the_cap_spares_an_address_the_owner_logged_in_from(client, advisor):
    assert logged_in(log_in_from(client, "198.51.100.7", "ana", PASSWORD))
    client.post("/accounts/logout/")
    guess_from_20_addresses(client, guesses=40)
    assert logged_in(log_in_from(client, "198.51.100.7", "ana", PASSWORD))
    client.post("/accounts/logout/")
    assert log_in_from(client, "198.51.100.8", "ana", PASSWORD).status_code == 429


def test_the_lockout_page_says_what_happened_and_what_to_do(client, advisor):
    guess_from_20_addresses(client, guesses=30)
    body = log_in_from(client, "198.51.100.7", "ana", PASSWORD).content.decode()
    assert "Too many failed log-ins" in body
    assert "paused for 15 minutes" in body
    assert "a password reset still works" in body and 'href="/accounts/password_reset/"' in body


def test_a_password_reset_lifts_the_lockout(client, advisor):
    guess_from_20_addresses(client, guesses=30)
    reset_password_by_email(client, "ana@example.com", "a-fresh-secret-99")
    assert logged_in(log_in_from(client, "198.51.100.7", "ana", "a-fresh-secret-99"))


def test_the_lockout_ends_after_the_cool_off(client, advisor):
    guess_from_20_addresses(client, guesses=30)
    assert log_in_from(client, "198.51.100.7", "ana", PASSWORD).status_code == 429
    past = timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(seconds=1)
    AccessAttempt.objects.update(attempt_time=past)
    assert logged_in(log_in_from(client, "198.51.100.7", "ana", PASSWORD))


def test_tries_during_the_lockout_do_not_prolong_it(client, advisor):
    guess_from_20_addresses(client, guesses=20)
    before = list(
        AccessAttempt.objects.order_by("pk").values_list("attempt_time", "failures_since_start")
    )
    guess_from_20_addresses(client, guesses=20)
    assert log_in_from(client, "198.51.100.7", "ana", PASSWORD).status_code == 429
    after = list(
        AccessAttempt.objects.order_by("pk").values_list("attempt_time", "failures_since_start")
    )
    assert after == before


def test_guessing_at_one_account_leaves_the_others_alone(client, advisor, django_user_model):
    django_user_model.objects.create_user("ben", password="ben-password-long-1")
    guess_from_20_addresses(client, guesses=40)
    assert logged_in(log_in_from(client, "203.0.113.1", "ben", "ben-password-long-1"))
