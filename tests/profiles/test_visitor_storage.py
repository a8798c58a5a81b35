"""What an anonymous visitor can make the server keep: small, bounded and expiring,
however large or odd the posts."""

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

from advisor import session_store
from profiles.models import Profile
from tests.profiles.wizard_steps import ANSWERS, PREFIX, post_step, step_url

pytestmark = pytest.mark.django_db

STEPS = list(ANSWERS)
BOUND_BYTES = 8 * 1024  # docs/production.md's bound for one visitor's session row


def session_bytes() -> int:
    return sum(len(row.session_data) for row in Session.objects.all())


def test_looking_at_the_form_stores_nothing():
    client = Client()
    client.get("/start/")
    assert client.get(step_url("goals")).status_code == 200
    assert not Session.objects.exists()


def test_back_with_nothing_typed_stores_nothing():
    for _ in range(5):
        client = Client()
        response = client.post(
            step_url("goals"),
            {f"{PREFIX}-current_step": "goals", "wizard_goto_step": "goals"},
        )
        assert response.status_code in (200, 302)
    assert not Session.objects.exists()


def test_a_two_megabyte_value_is_refused_before_anything_is_kept(client):
    post_step(client, "goals")
    before = session_bytes()
    huge = "9" * 2_000_000
    response = client.post(
        step_url("exams"),
        {f"{PREFIX}-current_step": "exams", "exams-step2_ck": huge, "wizard_goto_step": "goals"},
    )
    assert response.status_code == 400
    assert "too large" in response.content.decode()  # our page, saying what to do
    assert len(response.content) < 20_000  # the value is not echoed back
    assert session_bytes() <= before + 200


def test_back_with_an_answer_too_long_to_keep_says_so_and_keeps_nothing(client):
    post_step(client, "goals")
    before = session_bytes()
    response = client.post(
        step_url("exams"),
        {
            f"{PREFIX}-current_step": "exams",
            "exams-step2_ck": "2" * 30_000,
            "wizard_goto_step": "goals",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200  # stays on the step, with the message on the field
    assert "This answer is 30,000 characters long; it can take at most 40." in body
    assert session_bytes() <= before + 200


def test_forward_with_an_answer_too_long_is_refused_on_the_field(client):
    post_step(client, "goals")
    response = post_step(client, "exams", {**ANSWERS["exams"], "home_clinical_years": "1" * 500})
    assert response.status_code == 200
    assert "it can take at most 40" in response.content.decode()


def test_only_the_steps_own_answers_are_kept_not_what_else_was_posted(client):
    for step in ("goals", "exams"):
        extra = {f"{step}-padding": "x" * 30_000, "anything": "y" * 30_000}
        response = client.post(
            step_url(step),
            {
                f"{PREFIX}-current_step": step,
                **{f"{step}-{k}": v for k, v in ANSWERS[step].items()},
                **extra,
            },
        )
        assert response.status_code == 302
    assert 0 < session_bytes() < 2_000
    assert "padding" not in Session.objects.get().get_decoded()[f"wizard_{PREFIX}"]["step_data"]


def back(client, step: str, values: dict):
    data = {f"{step}-{name}": value for name, value in values.items()}
    data |= {f"{PREFIX}-current_step": step, "wizard_goto_step": STEPS[0]}
    return client.post(step_url(step), data)


def test_one_visitors_session_stays_small_however_they_post(client):
    nasty = "\u00e9" * 40  # the longest answer a number field keeps, in 2-byte characters
    for step in STEPS[:-1]:
        for _ in range(5):
            assert back(client, step, dict.fromkeys(ANSWERS[step], nasty)).status_code == 302
        post_step(client, step)
    # every field of every step at its longest, kept through Back
    for step in STEPS:
        assert back(client, step, dict.fromkeys(ANSWERS[step], "8" * 40)).status_code == 302
    stored = Session.objects.get().get_decoded()[f"wizard_{PREFIX}"]["step_data"]
    assert stored["logistics"]["logistics-budget"] == ["8" * 40]  # Back kept them all
    assert session_bytes() < BOUND_BYTES


def test_a_file_part_is_ignored_not_a_crash(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        step_url("goals"),
        {
            f"{PREFIX}-current_step": "goals",
            **{f"goals-{k}": v for k, v in ANSWERS["goals"].items()},
            "goals-specialty_file": SimpleUploadedFile("cv.pdf", b"%PDF" + b"0" * 10_000),
        },
    )
    assert response.status_code == 302 and response["Location"] == step_url("exams")
    # and on the way back too
    response = client.post(
        step_url("exams"),
        {
            f"{PREFIX}-current_step": "exams",
            "wizard_goto_step": "goals",
            "exams-upload": SimpleUploadedFile("a.bin", b"1" * 5000),
        },
    )
    assert response.status_code == 302
    assert session_bytes() < 2_000


def test_expired_sessions_are_purged_without_a_cron_job(client, monkeypatch):
    for number in range(30):
        Session.objects.create(
            session_key=f"expired{number:032d}",
            session_data="x",
            expire_date=timezone.now() - timedelta(minutes=1),
        )
    live = Session.objects.create(
        session_key="l" * 32, session_data="x", expire_date=timezone.now() + timedelta(hours=1)
    )
    monkeypatch.setattr(session_store, "_next_purge", 0.0)
    monkeypatch.setattr(session_store, "PURGE_BATCH", 7)  # several batches
    post_step(client, "goals")  # any session save
    assert list(Session.objects.exclude(session_key=client.session.session_key)) == [live]


def test_the_purge_runs_at_most_now_and_then(client, monkeypatch):
    monkeypatch.setattr(session_store, "_next_purge", 0.0)
    post_step(client, "goals")
    Session.objects.create(
        session_key="e" * 32, session_data="x", expire_date=timezone.now() - timedelta(days=1)
    )
    post_step(client, "exams")
    assert Session.objects.filter(session_key="e" * 32).exists()  # not on every save


def test_a_draft_expires_hours_after_its_last_change(client):
    post_step(client, "goals")
    row = Session.objects.get()
    left = row.expire_date - timezone.now()
    assert timedelta(hours=2, minutes=55) < left <= timedelta(hours=3)
    assert not Profile.objects.exists()


def finish_form(client):
    for step in STEPS:
        response = post_step(client, step)
    return response


def test_one_network_makes_a_bounded_number_of_profiles_an_hour(client, settings):
    settings.PROFILES_PER_ADDRESS = 2
    assert finish_form(client).status_code == 302
    assert finish_form(client).status_code == 302
    refused = finish_form(client)
    body = refused.content.decode()
    assert refused.status_code == 429
    assert "Too many new profiles were made from your network" in body
    assert "Amina K" in body and "Check your answers" in body  # the answers are kept
    assert Profile.objects.count() == 2
    # another network is not affected
    other = Client(REMOTE_ADDR="198.51.100.7")
    assert finish_form(other).status_code == 302
    assert Profile.objects.count() == 3


def test_repeated_copies_of_a_field_keep_one_value(client):
    copies = [("goals-specialty", "x" * 40)] * 190 + [
        (f"goals-{k}", v) for k, v in ANSWERS["goals"].items()
    ]
    from urllib.parse import urlencode

    body = urlencode([(f"{PREFIX}-current_step", "goals"), *copies])
    response = client.post(
        step_url("goals"), body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 302
    stored = Session.objects.get().get_decoded()[f"wizard_{PREFIX}"]["step_data"]["goals"]
    assert stored["goals-specialty"] == ["neurology"]
    assert session_bytes() < 2_000
