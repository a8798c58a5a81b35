"""The address a request comes from: one answer for the log-in lockout and the reset throttle."""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str | None:
    """The client's IP address, as the nearest trusted machine saw it.

    Without trusted proxies (TRUSTED_PROXY_COUNT = 0) that is REMOTE_ADDR and
    X-Forwarded-For is ignored: anyone can write that header. Behind N trusted
    proxies, each appends the address it saw, so the Nth entry from the right
    is the client as the outermost proxy saw it; entries left of it were sent
    by the client and are never read. Too few entries means the request did
    not come through the proxies, so REMOTE_ADDR is the honest answer.
    """
    remote = _valid(request.META.get("REMOTE_ADDR", ""))
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    if len(forwarded) < proxies:
        return remote
    return _valid(forwarded[-proxies]) or remote


def _valid(address: str) -> str | None:
    # Canonical form, so one address always gives one key; None for anything
    # that is not an address (axes stores it in an IP column).
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None
