"""Request counters in the database, shared by every server process.

The default cache is per process (settings.CACHES): a limit counted there
would be multiplied by the number of gunicorn workers.
"""

import ipaddress
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import salted_hmac

from advisor.accounts.models import ThrottleCount


def throttle_count(*, key: str, limit: int, window: timedelta) -> bool:
    """Count one request under `key`; False, counting nothing, once `key` reached `limit`.

    A key's window starts with its first request. Ended windows are deleted
    here, and a refused request writes nothing, so the table only holds what
    the live windows allowed.
    """
    now = timezone.now()
    digest = _digest(key)
    with transaction.atomic():
        ThrottleCount.objects.filter(window_ends__lte=now).delete()
        # The row lock makes concurrent requests count one after another.
        counter, _ = ThrottleCount.objects.select_for_update().get_or_create(
            key=digest, defaults={"window_ends": now + window}
        )
        if counter.count >= limit:
            return False
        counter.count = F("count") + 1
        counter.save(update_fields=["count"])
    return True


def throttle_reached(*, key: str, limit: int) -> bool:
    """Whether `key` has used up `limit` in its live window; counts nothing (for
    limits that count only some requests, such as failed lookups)."""
    live = ThrottleCount.objects.filter(key=_digest(key), window_ends__gt=timezone.now())
    return live.filter(count__gte=limit).exists()


def _digest(key: str) -> str:
    # Keys hold addresses and e-mails: the table keeps only their HMAC.
    return salted_hmac("advisor.accounts.throttle", key, algorithm="sha256").hexdigest()


def password_reset_allowed(*, address: str | None, email: str) -> bool:
    """Whether to take another reset request from `address` for `email`.

    It depends only on what was asked before, never on whether an account uses
    `email`. An address over its limit is refused before the e-mail is counted,
    so one address adds at most PASSWORD_RESETS_PER_ADDRESS + 1 rows per window.
    """
    window = settings.PASSWORD_RESET_THROTTLE_WINDOW
    return throttle_count(
        key=f"reset-from:{client_network(address)}",
        limit=settings.PASSWORD_RESETS_PER_ADDRESS,
        window=window,
    ) and throttle_count(
        key=f"reset-to:{email.strip().casefold()}",
        limit=settings.PASSWORD_RESETS_PER_EMAIL,
        window=window,
    )


def new_profile_allowed(*, address: str | None) -> bool:
    """Whether one more profile may be made from `address`'s network this hour:
    profiles are kept, so one client must not be able to make them without end."""
    return throttle_count(
        key=f"profiles-from:{client_network(address)}",
        limit=settings.PROFILES_PER_ADDRESS,
        window=timedelta(hours=1),
    )


def client_network(address: str | None) -> str | None:
    # An IPv6 client usually holds a whole /64: count the /64, not each address.
    if address and ":" in address:
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return address
