"""Log-in and reset requests from chosen client addresses."""

import re

import pytest
from django.core import mail
from django.urls import reverse

PROXY = "10.0.0.2"  # the TLS proxy: every request behind it connects from here


def log_in_from(client, address: str, username: str, password: str, *, proxied: bool = False):
    """POST the log-in form from `address`, directly or through the proxy."""
    return client.post(
        reverse("login"), {"username": username, "password": password}, **_origin(address, proxied)
    )


def ask_reset_from(client, address: str, email: str, *, proxied: bool = False):
    return client.post(reverse("password_reset"), {"email": email}, **_origin(address, proxied))


def _origin(address: str, proxied: bool) -> dict:
    if proxied:
        return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": address}
    return {"REMOTE_ADDR": address}


def reset_password_by_email(client, email: str, new_password: str) -> None:
    """The whole reset: ask, follow the e-mailed link, choose a new password."""
    client.post(reverse("password_reset"), {"email": email})
    link = re.search(r"https?://[^/]+(/accounts/reset/\S+)", mail.outbox[-1].body).group(1)
    form_page = client.get(link, follow=True)
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
    )
    assert done["Location"] == reverse("password_reset_complete")


@pytest.fixture
def behind_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1
