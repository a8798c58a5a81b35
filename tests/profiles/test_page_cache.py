"""The cached result page: never stale, never another browser's CSRF token."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from tests.profiles.factories import make_profile

pytestmark = pytest.mark.django_db
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def result_url(profile):
    return reverse("profiles:result", args=[profile.token])


def test_each_browser_gets_a_working_csrf_token_of_its_own():
    profile = make_profile()
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    page_one = first.get(result_url(profile)).content.decode()
    page_two = second.get(result_url(profile)).content.decode()  # served from the cache
    assert "csrf-placeholder" not in page_one + page_two
    token_two = TOKEN.search(page_two).group(1)
    assert token_two != TOKEN.search(page_one).group(1)
    share = reverse("profiles:share", args=[profile.token])
    response = second.post(share, {"shared": "on", "csrfmiddlewaretoken": token_two})
    assert response.status_code == 302


def test_a_change_shows_at_once(client):
    profile = make_profile()
    assert "Not shared" in client.get(result_url(profile)).content.decode()
    client.post(reverse("profiles:share", args=[profile.token]), {"shared": "on"})
    client.get(result_url(profile))  # the flash message page
    assert (
        "Shared: advisors can see this profile." in client.get(result_url(profile)).content.decode()
    )
    client.post(
        reverse("profiles:what_if", args=[profile.token]),
        {"usce_hands_on_weeks": 9, "us_clinical_letters": 2},
    )
    page = client.get(result_url(profile)).content.decode()
    assert "Saved. Your advice below now uses these answers." in page  # messages skip the cache
    assert 'data-priority="balanced"' in page


def test_logged_in_users_get_their_own_navigation(advisor_client, client):
    profile = make_profile()
    client.get(result_url(profile))
    assert "Log out" in advisor_client.get(result_url(profile)).content.decode()
    assert "Log out" not in client.get(result_url(profile)).content.decode()


def test_the_wizard_form_cache_follows_the_answers(client):
    from tests.profiles.wizard_steps import post_step, step_url

    post_step(client, "goals")
    first = client.get(step_url("goals")).content.decode()
    post_step(
        client,
        "goals",
        {"specialty": "psychiatry", "career_goal": "community", "graduation_year": "2019"},
    )
    again = client.get(step_url("goals")).content.decode()
    assert 'value="2023"' in first and 'value="2019"' in again
    assert 'value="psychiatry" selected' in again
