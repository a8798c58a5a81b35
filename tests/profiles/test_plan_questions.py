"""The plan's questions in the form: Step 1, OET and Pathway as Yes/No, and the Match aimed at."""

import re
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from advisor.engine.applicant import ProfileError
from advisor.selectors import match_calendar
from profiles.models import Profile
from profiles.plan_fields import EARLIEST_MATCH_LABEL, target_match_choices
from tests.profiles.factories import make_profile
from tests.profiles.wizard_steps import ANSWERS, post_step, step_url

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}
CLOSED = "applications for this Match have closed"


def open_years() -> list[int]:
    choices = target_match_choices(match_calendar(), timezone.localdate())
    return [int(value) for value, _ in choices if value.isdigit()]


def answer_up_to(client, last: str) -> None:
    for step in ANSWERS:
        if step == last:
            return
        assert post_step(client, step).status_code == 302


# --- which Matches are offered ------------------------------------------------


def test_only_open_matches_up_to_six_years_ahead_are_offered(match_calendar):
    choices = target_match_choices(match_calendar, date(2026, 11, 25))
    assert choices[0] == ("earliest", EARLIEST_MATCH_LABEL)
    assert [value for value, _ in choices[1:]] == ["2028", "2029", "2030", "2031", "2032"]
    assert choices[1][1] == "Match 2028 (apply from September 2027, Match Day March 2028)"


def test_a_match_stays_open_through_its_application_month(match_calendar):
    years = [value for value, _ in target_match_choices(match_calendar, date(2026, 9, 30))]
    assert "2027" in years  # applications go out from 2 September 2026
    years = [value for value, _ in target_match_choices(match_calendar, date(2026, 10, 1))]
    assert "2027" not in years


# --- the wizard ---------------------------------------------------------------


@pytest.mark.parametrize("question", ["step1_passed", "oet_passed", "pathway_met"])
def test_each_yes_no_question_must_be_answered(client, question):
    answer_up_to(client, "exams")
    answers = {k: v for k, v in ANSWERS["exams"].items() if k != question}
    response = post_step(client, "exams", answers)
    body = response.content.decode()
    assert response.status_code == 200
    assert f'href="#id_exams-{question}_0"' in body and "Answer yes or no." in body


def test_a_yes_no_answer_must_be_yes_or_no(client):
    answer_up_to(client, "exams")
    response = post_step(client, "exams", {**ANSWERS["exams"], "oet_passed": "maybe"})
    body = response.content.decode()
    assert 'href="#id_exams-oet_passed_0"' in body and "Select a valid choice" in body


def test_exam_answers_are_saved_and_shape_the_plan(client):
    answer_up_to(client, "exams")
    post_step(client, "exams", {**ANSWERS["exams"], "step1_passed": "no", "pathway_met": "yes"})
    for step in ("usce", "research", "logistics", "check"):
        post_step(client, step)
    profile = Profile.objects.get()
    assert (profile.step1_passed, profile.oet_passed, profile.pathway_met) == (False, True, True)
    steps = profile.assessment["plan"]["steps"]
    assert any(step.get("exam") == "step1" for step in steps)
    assert not any(step["kind"] == "ecfmg" for step in steps)  # OET and Pathway both done


def test_logistics_offers_the_open_matches_with_none_chosen(client):
    answer_up_to(client, "logistics")
    body = client.get(step_url("logistics")).content.decode()
    assert "Which Match are you aiming at?" in body
    radios = re.findall(r'<input[^>]*name="logistics-target_match"[^>]*>', body)
    assert 'value="earliest"' in radios[0]
    assert not [r for r in radios if " checked" in r]  # ask, don't assume
    for year in open_years():
        assert f"Match {year} (apply from September {year - 1}" in body


@pytest.mark.parametrize("chosen", ["earliest", ""], ids=["chosen", "left-unanswered"])
def test_the_earliest_match_chosen_or_left_is_no_year(client, chosen):
    answer_up_to(client, "logistics")
    post_step(client, "logistics", {**ANSWERS["logistics"], "target_match": chosen})
    post_step(client, "check")
    profile = Profile.objects.get()
    assert profile.target_match is None
    assert profile.assessment["plan"]["requested_match"] is None


def test_a_chosen_match_is_saved_and_aimed_at(client):
    year = open_years()[-1]  # far enough ahead for any plan
    answer_up_to(client, "logistics")
    post_step(client, "logistics", {**ANSWERS["logistics"], "target_match": str(year)})
    post_step(client, "check")
    profile = Profile.objects.get()
    assert profile.target_match == year
    plan = profile.assessment["plan"]
    assert plan["requested_match"] == year and plan["target_match"] == year
    assert plan["moved_because"] is None


@pytest.mark.parametrize("value", ["1999", "2100", "soon"])
def test_a_match_not_offered_is_refused_on_the_field(client, value):
    answer_up_to(client, "logistics")
    response = post_step(client, "logistics", {**ANSWERS["logistics"], "target_match": value})
    body = response.content.decode()
    assert response.status_code == 200
    assert 'href="#id_logistics-target_match_0"' in body
    assert "Choose one of the Matches listed." in body


# --- answers the engine refuses: a message on the field, never a 500 ----------


def refuse(*args, **kwargs):
    raise ProfileError({"target_match": CLOSED})


@pytest.fixture
def engine_refuses_the_match(monkeypatch):
    monkeypatch.setattr("profiles.services.assess", refuse)


def test_wizard_shows_the_engines_refusal_on_its_step(client, engine_refuses_the_match):
    for step in ANSWERS:
        response = post_step(client, step)
    body = response.content.decode()
    assert response.status_code == 200 and CLOSED in body
    assert 'href="#id_logistics-target_match_0"' in body and 'value="Amina K"' in body
    assert Profile.objects.count() == 0
    fragment = post_step(client, "check", **HTMX)
    assert "<html" not in fragment.content.decode() and CLOSED in fragment.content.decode()
    assert fragment["HX-Push-Url"] == step_url("logistics")


def test_wizard_keeps_every_answer_after_a_refusal(client, engine_refuses_the_match, monkeypatch):
    for step in ANSWERS:
        post_step(client, step)
    monkeypatch.undo()
    response = post_step(client, "check")
    assert response.status_code == 302
    client.get(response["Location"])
    assert Profile.objects.get().name == "Amina K"


def test_edit_shows_the_engines_refusal_on_the_field(client, monkeypatch):
    profile = make_profile(usce_hands_on_weeks=3)
    monkeypatch.setattr("profiles.services.assess", refuse)
    from tests.profiles.test_result_pages import edit_data

    response = client.post(
        reverse("profiles:edit", args=[profile.token]),
        edit_data(profile, **{"usce-usce_hands_on_weeks": "9"}),
    )
    body = response.content.decode()
    assert response.status_code == 200 and CLOSED in body
    assert 'href="#id_logistics-target_match_0"' in body
    profile.refresh_from_db()
    assert profile.usce_hands_on_weeks == 3


@pytest.mark.parametrize("htmx", [False, True])
def test_what_if_shows_the_engines_refusal_on_the_field(client, monkeypatch, htmx):
    profile = make_profile()
    monkeypatch.setattr("profiles.services.assess", refuse)
    extra = HTMX if htmx else {}
    response = client.get(reverse("profiles:what_if", args=[profile.token]), {}, **extra)
    body = response.content.decode()
    assert response.status_code == 200 and CLOSED in body
    assert ("<html" in body) is not htmx
    saved = client.post(
        reverse("profiles:what_if", args=[profile.token]), {"version": profile.version}, **extra
    )
    assert saved.status_code == 200 and CLOSED in saved.content.decode()


# --- the edit page and the what-if panel ---------------------------------------


def test_edit_page_shows_the_saved_answers_checked(client):
    profile = make_profile(step1_passed=False, oet_passed=True)
    body = client.get(reverse("profiles:edit", args=[profile.token])).content.decode()
    for name, value in (("step1_passed", "no"), ("oet_passed", "yes"), ("pathway_met", "no")):
        radios = re.findall(rf'<input[^>]*name="exams-{name}"[^>]*>', body)
        assert [r for r in radios if " checked" in r] == [
            r for r in radios if f'value="{value}"' in r
        ], name
    assert "Which Match are you aiming at?" in body


def test_edit_saves_the_new_answers(client):
    from tests.profiles.test_result_pages import edit_data

    profile = make_profile()
    year = open_years()[-1]
    data = edit_data(profile, **{"exams-step1_passed": "no", "logistics-target_match": str(year)})
    assert client.post(reverse("profiles:edit", args=[profile.token]), data).status_code == 302
    profile.refresh_from_db()
    assert profile.step1_passed is False and profile.target_match == year
    assert profile.assessment["plan"]["requested_match"] == year


def test_what_if_can_aim_at_another_match(client):
    profile = make_profile()
    year = open_years()[-1]
    url = reverse("profiles:what_if", args=[profile.token])
    fragment = client.get(url, {"target_match": year}, **HTMX).content.decode()
    assert f'data-what-if-match="{year}"' in fragment
    client.post(url, {"target_match": year, "version": profile.version})
    profile.refresh_from_db()
    assert profile.target_match == year and profile.assessment["plan"]["target_match"] == year
