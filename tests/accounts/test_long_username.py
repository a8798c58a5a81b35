"""An overlong username is a form error, never a 500 (PostgreSQL refused axes' insert)."""

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

pytestmark = pytest.mark.django_db

LONG = "a" * 300


def test_the_log_in_form_names_the_field(client):
    response = client.post(reverse("login"), {"username": LONG, "password": "x"})
    assert response.status_code == 200
    body = response.content.decode()
    assert ">Username</a>: Ensure this value has at most 150 characters (it has 300)." in body
    assert not AccessAttempt.objects.exists()


def test_the_admin_log_in_names_the_field_too(client):
    response = client.post(reverse("admin:login"), {"username": LONG, "password": "x"})
    assert response.status_code == 200
    assert "Ensure this value has at most 150 characters (it has 300)." in (
        response.content.decode()
    )
    assert not AccessAttempt.objects.exists()


def test_axes_never_records_more_than_its_column_holds(rf):
    from advisor.accounts.lockout import attempted_username

    request = rf.post("/admin/login/", {"username": LONG})
    assert len(attempted_username(request, {"username": LONG})) == 255
