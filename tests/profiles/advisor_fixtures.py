"""Users for advisor-page tests."""

import pytest
from django.test import Client

from tests.profiles.factories import default_group, make_advisor


@pytest.fixture
def advisor(django_user_model):
    """An advisor in the test group (the group `make_profile(shared=True)` uses)."""
    return make_advisor(
        django_user_model,
        "ana",
        email="ana@example.com",
        first_name="Ana",
        last_name="Lopez",
        groups=[default_group()],
    )


@pytest.fixture
def advisor_client(advisor):
    """Its own client, so a test can hold an anonymous `client` beside it."""
    client = Client()
    client.force_login(advisor)
    return client


@pytest.fixture
def staff_client(django_user_model):
    user = django_user_model.objects.create_user("sam", password="pw-long-enough-2", is_staff=True)
    client = Client()
    client.force_login(user)
    return client


def log_in(client, username: str, password: str) -> bool:
    """Log in through the real login page (the throttle needs the request)."""
    from django.urls import reverse

    response = client.post(reverse("login"), {"username": username, "password": password})
    return response.status_code == 302
