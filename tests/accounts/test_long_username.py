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


def test_the_admin_log_in_records_no_more_than_the_column_holds(client):
    response = client.post(reverse("admin:login"), {"username": LONG, "password": "x"})
    assert response.status_code == 200
    assert "Please enter the correct username and password" in response.content.decode()
    assert AccessAttempt.objects.get().username == LONG[:255]
