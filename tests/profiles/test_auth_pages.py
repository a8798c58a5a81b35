"""Login, logout, password change and reset, in the site's own look."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.profiles.advisor_fixtures import log_in

pytestmark = pytest.mark.django_db


def test_login_page_is_the_sites_own(client):
    body = client.get(reverse("login")).content.decode()
    assert (
        "Advisor log in" in body
        and "IMG Pathway Advisor" in body
        and "Django administration" not in body
    )


def test_wrong_password_is_a_clear_message(client, advisor):
    response = client.post(reverse("login"), {"username": "ana", "password": "nope"})
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()


def test_login_goes_to_the_advisor_list_and_logout_needs_post(client, advisor):
    response = client.post(reverse("login"), {"username": "ana", "password": "pw-long-enough-1"})
    assert response["Location"] == reverse("profiles:advisor_list")
    assert client.get(reverse("logout")).status_code == 405
    assert client.post(reverse("logout")).status_code == 302
    assert client.get(reverse("profiles:advisor_list")).status_code == 302


def test_password_change(advisor_client):
    url = reverse("password_change")
    assert "Change your password" in advisor_client.get(url).content.decode()
    response = advisor_client.post(
        url,
        {
            "old_password": "pw-long-enough-1",
            "new_password1": "a-brand-new-secret-77",
            "new_password2": "a-brand-new-secret-77",
        },
    )
    assert response["Location"] == reverse("password_change_done")
    assert "Password changed" in advisor_client.get(response["Location"]).content.decode()


def test_password_reset_by_email(client, advisor):
    body = client.get(reverse("password_reset")).content.decode()
    assert "Reset your password" in body
    client.post(reverse("password_reset"), {"email": "ana@example.com"})
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/accounts/reset/\S+)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    assert "Choose a new password" in form_page.content.decode()
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "another-new-secret-88", "new_password2": "another-new-secret-88"},
    )
    assert done.status_code == 302
    assert log_in(client, "ana", "another-new-secret-88")


def test_a_used_reset_link_says_so(client):
    body = client.get("/accounts/reset/MQ/bad-token/").content.decode()
    assert "This reset link no longer works" in body


def test_password_guessing_is_throttled(client, advisor):
    for _ in range(5):
        assert not log_in(client, "ana", "wrong-guess")
    locked = client.post(reverse("login"), {"username": "ana", "password": "pw-long-enough-1"})
    assert locked.status_code == 429
    assert "Too many failed log-ins" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_other_accounts_are_not_locked_by_one_being_guessed(client, advisor, django_user_model):
    django_user_model.objects.create_user("ben", password="ben-password-long-1")
    for _ in range(5):
        log_in(client, "ana", "wrong-guess")
    assert log_in(client, "ben", "ben-password-long-1")
