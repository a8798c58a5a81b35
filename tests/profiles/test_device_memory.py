"""What this browser remembers for an applicant, and their control over it: the
next person on a shared computer finds nothing they were not meant to."""

import re
from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from profiles.models import Profile
from tests.profiles.wizard_steps import ANSWERS, QUESTION_STEPS, post_step, step_url

pytestmark = pytest.mark.django_db


def finish(client, *, remember: bool) -> Profile:
    for step in QUESTION_STEPS[:-1]:
        post_step(client, step)
    answers = dict(ANSWERS["logistics"])
    if not remember:
        del answers["remember_on_device"]
    post_step(client, "logistics", answers)
    response = post_step(client, "check")
    assert response.status_code == 302
    return Profile.objects.get(token=response["Location"].split("/")[2])


def home(client) -> str:
    return client.get(reverse("home")).content.decode()


def test_the_last_step_asks_whether_to_remember_unticked(client):
    for step in QUESTION_STEPS[:-1]:
        post_step(client, step)
    body = client.get(step_url("logistics")).content.decode()
    assert "Remember my advice on this device for 14 days" in body
    assert "Leave it unticked on a shared or public computer" in body
    box = re.search(r'<input[^>]*name="logistics-remember_on_device"[^>]*>', body)[0]
    assert "checked" not in box  # ask, don't assume: never ticked for them


def test_remembered_advice_is_listed_without_the_name(client):
    profile = finish(client, remember=True)
    body = home(client)
    assert reverse("profiles:result", args=[profile.token]) in body
    assert "Amina K" not in body  # the next person at this computer learns no name
    assert "Forget this device" in body
    left = Session.objects.get().expire_date - timezone.now()
    assert timedelta(days=13, hours=23) < left <= timedelta(days=14)


def test_advice_not_to_remember_leaves_nothing_after_a_few_minutes(client):
    profile = finish(client, remember=False)
    assert profile.token not in home(client)
    assert "Your saved advice on this device" not in home(client)
    session = Session.objects.get()
    assert session.expire_date - timezone.now() <= timedelta(minutes=10)
    data = session.get_decoded()
    assert "my_profiles" not in data
    assert not data["wizard_profile_wizard"]["step_data"]  # no name, no e-mail left


def test_the_draft_is_cleared_when_the_form_is_done(client):
    finish(client, remember=True)
    body = client.get(step_url("goals")).content.decode()
    assert "Amina K" not in client.get(step_url("logistics")).content.decode()
    assert 'value="2023"' not in body


def test_forget_this_device_drops_links_and_drafts(client):
    profile = finish(client, remember=True)
    post_step(client, "goals")  # a new half-filled form
    response = client.post(reverse("profiles:forget_device"))
    assert response.status_code == 302 and response["Location"] == reverse("home")
    body = client.get(response["Location"]).content.decode()
    assert "no longer remembers any advice" in body
    assert reverse("profiles:result", args=[profile.token]) not in body
    assert 'value="2023"' not in client.get(step_url("goals")).content.decode()
    # the advice itself is still there, at its link
    assert client.get(reverse("profiles:result", args=[profile.token])).status_code == 200


def test_forget_one_advice_from_its_page(client):
    profile = finish(client, remember=True)
    page = client.get(reverse("profiles:result", args=[profile.token])).content.decode()
    assert "Forget it on this device" in page
    response = client.post(reverse("profiles:forget_device"), {"token": profile.token})
    assert response["Location"] == reverse("profiles:result", args=[profile.token])
    assert reverse("profiles:result", args=[profile.token]) not in home(client)
    page = client.get(reverse("profiles:result", args=[profile.token])).content.decode()
    assert "Forget it on this device" not in page


def test_forgetting_keeps_an_advisor_signed_in(client, django_user_model):
    advisor = django_user_model.objects.create_user("adv", password="pw-long-enough-1")
    client.force_login(advisor)
    post_step(client, "goals")
    client.post(reverse("profiles:forget_device"))
    assert client.session.get("_auth_user_id") == str(advisor.pk)
    assert "wizard_profile_wizard" not in client.session


def test_deleting_the_profile_forgets_it_here(client):
    profile = finish(client, remember=True)
    client.post(reverse("profiles:delete", args=[profile.token]))
    assert reverse("profiles:result", args=[profile.token]) not in home(client)


def test_the_next_person_cannot_reach_unremembered_advice_after_minutes(client):
    finish(client, remember=False)
    session = client.session
    session["finished_form"]["at"] -= 11 * 60
    session.save()
    for url in (step_url("done"), step_url("logistics")):
        response = client.get(url)
        assert not (response.status_code == 302 and response["Location"].startswith("/p/")), url


@pytest.mark.parametrize("token", ["../admin", "//evil.example", " ", "\u00e9", "a" * 65, "a\x00"])
def test_forgetting_an_odd_token_is_not_a_crash(client, token):
    response = client.post(reverse("profiles:forget_device"), {"token": token})
    assert response.status_code == 302 and response["Location"] == reverse("home")


def test_start_over_on_an_empty_form_stores_nothing(client):
    client.get(reverse("profiles:wizard") + "?reset=1")
    client.head(reverse("profiles:wizard") + "?reset=1")
    assert not Session.objects.exists()
