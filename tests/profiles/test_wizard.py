"""The multi-step form: every step, validation, back/forward, reload, finish."""

import pytest
from django.urls import reverse

from advisor.engine.assessment import assessment_from_data
from advisor.selectors import match_calendar, weightings_by_slug
from profiles.models import Profile
from tests.profiles.wizard_steps import ANSWERS, PREFIX, post_step, step_url

pytestmark = pytest.mark.django_db
STEPS = list(ANSWERS)
HTMX = {"HTTP_HX_REQUEST": "true"}


def complete(client, upto: str | None = None):
    for step in STEPS:
        if step == upto:
            return
        response = post_step(client, step)
        assert response.status_code == 302, response.content.decode()[:2000]
    return response


def test_start_redirects_to_the_first_step(client):
    response = client.get(reverse("profiles:wizard"))
    assert response.status_code == 302
    assert response["Location"] == step_url("goals")


@pytest.mark.parametrize("step", STEPS)
def test_each_step_renders_as_page_and_as_fragment(client, step):
    complete(client, upto=step)
    page = client.get(step_url(step))
    assert page.status_code == 200
    body = page.content.decode()
    assert "<html" in body and 'aria-current="step"' in body and 'id="wizard"' in body

    fragment = client.get(step_url(step), **HTMX)
    assert fragment.status_code == 200
    text = fragment.content.decode()
    assert "<html" not in text and 'id="wizard"' in text
    assert fragment["HX-Push-Url"] == step_url(step)


def test_history_restore_gets_the_whole_page(client):
    response = client.get(
        step_url("goals"), HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true"
    )
    assert "<html" in response.content.decode()


def test_every_field_has_help_or_a_label(client):
    complete(client, upto="usce")
    body = client.get(step_url("usce")).content.decode()
    assert "Clerkships, sub-internships and hands-on externships" in body
    assert "Letters from US attendings who supervised your clinical work" in body


@pytest.mark.parametrize(
    ("step", "answers", "field", "message"),
    [
        (
            "goals",
            {"graduation_year": "2020"},
            "specialty",
            "Choose the specialty you are applying to.",
        ),
        (
            "goals",
            {"specialty": "neurology", "graduation_year": "1900"},
            "graduation_year",
            "Enter the year you graduated, between",
        ),
        (
            "goals",
            {"specialty": "neurology", "graduation_year": "3000"},
            "graduation_year",
            "Enter the year you graduated, between",
        ),
        (
            "goals",
            {"specialty": "neurology", "graduation_year": "twenty"},
            "graduation_year",
            "Enter the year you graduated in digits, like 2021: \u201ctwenty\u201d",
        ),
        (
            "goals",
            {"specialty": "astrology", "graduation_year": "2020"},
            "specialty",
            "Select a valid choice",
        ),
        (
            "exams",
            {"step2_ck": "999"},
            "step2_ck",
            "Enter the Step 2 CK score, between 1 and 300",
        ),
        (
            "exams",
            {"home_clinical_years": "1.25"},
            "home_clinical_years",
            "with at most 1 decimal place",
        ),
        (
            "usce",
            {"usce_hands_on_weeks": "-1"},
            "usce_hands_on_weeks",
            "hands-on US clinical experience as 0 or more: you typed \u201c-1\u201d",
        ),
        (
            "usce",
            {"us_clinical_letters": "abc"},
            "us_clinical_letters",
            "number of strong US clinical letters in digits",
        ),
        (
            "research",
            {"research_publications": "501"},
            "research_publications",
            "number of papers, between 0 and 500",
        ),
        ("logistics", {"budget": "lavish", "visa": "j1"}, "budget", "Select a valid choice"),
        (
            "logistics",
            {"budget": "tight", "visa": "j1", "email": "not-an-email"},
            "email",
            "Enter your e-mail address, like name@example.com: you typed \u201cnot-an-email\u201d",
        ),
    ],
)
def test_bad_answers_get_a_message_next_to_the_field(client, step, answers, field, message):
    complete(client, upto=step)
    response = post_step(client, step, answers)
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body
    assert f'href="#id_{step}-{field}' in body  # the summary links to the field
    assert 'aria-invalid="true"' in body or "is-invalid" in body
    # what was typed is still there
    for name, value in answers.items():
        if name not in ("budget", "specialty"):
            assert f'value="{value}"' in body


def test_a_bad_answer_as_a_fragment(client):
    response = post_step(client, "goals", {"graduation_year": "x"}, **HTMX)
    assert response.status_code == 200
    assert "<html" not in response.content.decode()
    assert "Choose the specialty" in response.content.decode()


def test_back_keeps_what_was_typed_even_if_unfinished(client):
    complete(client, upto="usce")
    response = client.post(
        step_url("usce"),
        {
            f"{PREFIX}-current_step": "usce",
            "usce-usce_hands_on_weeks": "7",
            "usce-us_clinical_letters": "oops",
            "wizard_goto_step": "exams",
        },
    )
    assert response.status_code == 302 and response["Location"] == step_url("exams")
    exams = client.get(step_url("exams")).content.decode()
    assert 'value="245"' in exams  # the earlier step kept its answers
    usce = client.get(step_url("usce")).content.decode()
    assert 'value="7"' in usce and 'value="oops"' in usce


def test_a_step_shown_again_is_judged_only_when_sent(client):
    complete(client, upto="research")
    unfinished = {f"{PREFIX}-current_step": "research", "research-research_publications": "2"}
    client.post(step_url("research"), {**unfinished, "wizard_goto_step": "usce"})
    # Back, then Next: the page keeps the 2 papers without blaming anyone for the
    # questions it now asks, which nobody has had the chance to answer.
    shown = client.get(step_url("research")).content.decode()
    assert 'value="2"' in shown
    assert "answer yes or no" not in shown and "<title>Error:" not in shown
    sent = client.post(step_url("research"), unfinished).content.decode()
    assert "You listed research output: answer yes or no." in sent
    assert "<title>Error:" in sent


def test_an_invalid_step_found_at_the_end_is_shown_with_its_errors(client):
    complete(client, upto="check")
    # The usce answers are spoiled after the fact (Back from usce with a bad value,
    # then a jump to the check page through the progress links).
    client.post(
        step_url("usce"),
        {
            f"{PREFIX}-current_step": "usce",
            "usce-us_clinical_letters": "oops",
            "wizard_goto_step": "check",
        },
    )
    response = post_step(client, "check")
    body = response.content.decode()
    assert response.status_code == 200 and "<title>Error:" in body
    assert "\u201coops\u201d is not a number we can read" in body
    assert not Profile.objects.exists()


def test_reload_and_progress_links_keep_answers(client):
    complete(client, upto="research")
    body = client.get(step_url("goals")).content.decode()  # jump back via the progress bar
    assert 'value="2023"' in body and 'value="neurology" selected' in body
    assert f'href="{step_url("usce")}"' in body


def test_finishing_creates_one_profile_and_shows_the_result(client):
    response = complete(client)
    profile = Profile.objects.get()
    # Made by the last step's POST itself, which leads straight to the advice.
    assert response.status_code == 302
    assert response["Location"] == reverse("profiles:result", args=[profile.token])
    assert profile.name == "Amina K" and not profile.shares.exists()
    assert profile.usce_online_weeks == 2 and str(profile.home_clinical_years) == "1.5"
    # The old "done" address only says there is advice, and links to it; it never
    # makes another.
    again = client.get(step_url("done")).content.decode()
    assert "You already have advice" in again and f'href="{response["Location"]}"' in again
    assert Profile.objects.count() == 1


def test_a_get_of_the_done_address_never_makes_a_profile(client):
    complete(client, upto="logistics")
    response = client.get(step_url("done"))
    assert response.status_code == 302 and response["Location"] == step_url("logistics")
    assert not Profile.objects.exists()


def test_finishing_with_htmx_redirects_the_client(client):
    complete(client, upto="check")
    response = post_step(client, "check", **HTMX)
    profile = Profile.objects.get()
    assert response["HX-Redirect"] == reverse("profiles:result", args=[profile.token])


def test_result_matches_the_assess_command_for_the_same_answers(client):
    complete(client)
    client.get(step_url("done"))
    profile = Profile.objects.get()
    same = {
        "specialty": "neurology",
        "career_goal": "academic",
        "years_since_graduation": profile.years_since_graduation,
        "clinically_active": True,
        "step2_ck": 245,
        "home_clinical_years": 1.5,
        "usce_hands_on_weeks": 6,
        "usce_observership_weeks": 4,
        "usce_online_weeks": 2,
        "us_clinical_letters": 1,
        "research_publications": 1,
        "research_abstracts": 2,
        "budget": "tight",
        "visa": "j1",
        "months_available_in_us": 14,
        "step1_passed": True,
        "oet_passed": True,
        "pathway_met": False,
        "research_in_target_specialty": True,
        "research_us_based": False,
    }
    _, expected = assessment_from_data(
        same, weightings=weightings_by_slug(), calendar=match_calendar()
    )
    stored = profile.assessment
    assert stored["priority"] == expected.priority == "usce_letters"
    assert stored["flags"] == list(expected.flags)
    assert stored["scores"] == expected.scores.as_dict()
    assert stored["plan"] == expected.as_dict()["plan"]


def test_posting_the_last_step_without_the_others_goes_back_to_the_first(client):
    response = post_step(client, "logistics")
    assert response.status_code == 200
    assert "Your target" in response.content.decode()
    assert Profile.objects.count() == 0
    # and the done URL alone revalidates every step
    done = client.get(step_url("done"))
    assert done.status_code == 302 and done["Location"] == step_url("goals")
    assert Profile.objects.count() == 0


def test_tampered_management_form_is_a_400(client):
    response = client.post(step_url("goals"), {"goals-specialty": "neurology"})
    assert response.status_code == 400


def test_unknown_step_goes_to_the_first(client):
    response = client.get(step_url("nonsense"))
    assert response.status_code == 302 and response["Location"] == step_url("goals")


def test_the_check_page_with_nothing_answered_starts_the_form(client):
    response = client.get(step_url("check"))
    assert response.status_code == 302 and response["Location"] == step_url("goals")
