"""Log-in lockouts: django-axes per (username, address), plus a higher cap per account.

Axes compares one failure limit with the largest count among its lockout
parameter combinations, so adding a per-username combination would lock an
account after AXES_FAILURE_LIMIT failures from anywhere. A separate, higher
limit needs a handler of its own, as the axes maintainers advise
(jazzband/django-axes#661).
"""

from datetime import timedelta

from axes.attempts import get_cool_off_threshold
from axes.conf import settings
from axes.handlers.database import AxesDatabaseHandler
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_client_username, get_failure_limit
from axes.models import AccessAttempt, AccessLog
from django.db.models import Sum
from django.http import HttpRequest
from django.utils import timezone

# An address the account logged in from this recently is its owner's, not a
# guesser's: the account cap spares it (the per-address limit still applies).
KNOWN_ADDRESS_AGE = timedelta(days=30)
USERNAME_COLUMN = AccessAttempt._meta.get_field("username").max_length


class AccountCapHandler(AxesDatabaseHandler):
    """Axes' database handler, also locking an account guessed at from many addresses."""

    def get_failures(self, request: HttpRequest, credentials: dict | None = None) -> int:
        # Axes locks when this count reaches the failure limit, both before
        # checking a password and after a failure: report a capped account as
        # at the limit and both places lock it.
        failures = super().get_failures(request, credentials)
        username = get_client_username(request, credentials)
        if username and _account_capped(request, username):
            return max(failures, get_failure_limit(request, credentials))
        return failures


def _account_capped(request: HttpRequest, username: str) -> bool:
    failures = AccessAttempt.objects.filter(
        username=username, attempt_time__gte=get_cool_off_threshold(request)
    ).aggregate(total=Sum("failures_since_start"))["total"]
    if (failures or 0) < settings.LOGIN_FAILURES_PER_ACCOUNT:
        return False
    return not AccessLog.objects.filter(
        username=username,
        ip_address=request.axes_ip_address,
        attempt_time__gte=timezone.now() - KNOWN_ADDRESS_AGE,
    ).exists()


def attempted_username(request: HttpRequest, credentials: dict | None = None) -> str | None:
    """The username axes records, cut to its column.

    Both log-in forms refuse long usernames; this is the backstop, as a longer
    value made the insert fail (a 500) on PostgreSQL.
    """
    source = credentials or getattr(request, "data", request.POST)
    username = source.get(settings.AXES_USERNAME_FORM_FIELD)
    return username[:USERNAME_COLUMN] if isinstance(username, str) else username


def lockout_lift(*, username: str) -> None:
    """Forget the failed log-ins against `username` (its password was just reset)."""
    AxesProxyHandler.reset_attempts(username=username[:USERNAME_COLUMN])
