"""The what-if panel: previews that save nothing, errors by field, saving what is shown.

Each state is checked twice where it matters: as the htmx fragment (the panel alone)
and as the whole page a browser without JavaScript gets.
"""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from advisor.engine.assessment import assess
from advisor.models import Specialty
from advisor.selectors import match_calendar
from profiles.models import Profile
from profiles.services import engine_input, profile_update
from profiles.what_if_form import (
    SAVE_CHANGED_ELSEWHERE,
    SAVE_NEEDS_FIXES,
    SAVE_NOTHING_CHANGED,
    saved_answers,
)
from tests.profiles.factories import make_profile

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}
BOTH_WAYS = pytest.mark.parametrize("extra", [HTMX, {}], ids=["fragment", "page"])
PAPERS_REFUSED = "Enter the number of papers, between 0 and 500: you typed \u201c9999\u201d."


def url(name, profile, **kwargs):
    return reverse(f"profiles:{name}", args=[profile.token], **kwargs)


def on_screen(profile, **changes) -> dict:
    """Every answer the panel sends, as its inputs hold them, with a few changed."""
    return {**saved_answers(profile), "version": str(profile.version), **changes}


def save_button(body: str) -> str:
    return re.search(r"<button[^>]*data-what-if-save[^>]*>", body)[0]


def field_error(body: str, name: str) -> str:
    found = re.search(rf'<div id="id_{name}_error"[^>]*>(.*?)</div>', body, re.S)
    return re.sub(r"<[^>]+>", "", found[1]).strip() if found else ""


def test_what_if_as_a_fragment_does_not_save(client):
    profile = make_profile(usce_hands_on_weeks=2)
    params = {"usce_hands_on_weeks": 10, "us_clinical_letters": 2, "usce_observership_weeks": 0}
    response = client.get(url("what_if", profile), params, **HTMX)
    body = response.content.decode()
    assert "<html" not in body and 'id="what-if-panel"' in body
    assert 'data-what-if-priority="balanced"' in body
    assert 'data-now-priority="usce_first"' in body
    assert "disabled" not in save_button(body)
    profile.refresh_from_db()
    assert profile.usce_hands_on_weeks == 2 and profile.priority == "usce_first"


def test_what_if_as_a_whole_page_without_javascript(client):
    profile = make_profile()
    response = client.get(url("what_if", profile), {"usce_hands_on_weeks": 5})
    body = response.content.decode()
    assert "<html" in body and 'data-priority="usce_first"' in body
    assert 'data-what-if-priority="usce_letters"' in body
    # The panel's inputs show the answers tried; Save sits beside them.
    assert re.search(r'name="usce_hands_on_weeks" value="5"', body)
    assert 'form="what-if-form"' in save_button(body)
    # Without JavaScript the panel posts, so its CSRF token never lands in the address.
    form_tag = re.search(r'<form id="what-if-form"[^>]*>', body)[0]
    assert 'method="post"' in form_tag


def test_show_the_advice_without_javascript_previews_and_saves_nothing(client):
    profile = make_profile()
    response = client.post(
        url("what_if", profile),
        {"usce_hands_on_weeks": 5, "version": profile.version, "preview": "1"},
    )
    assert response.status_code == 200
    assert 'data-what-if-priority="usce_letters"' in response.content.decode()
    profile.refresh_from_db()
    assert (profile.usce_hands_on_weeks, profile.version) == (0, 1)


def test_saving_unchanged_answers_saves_nothing(client):
    profile = make_profile()
    response = client.post(url("what_if", profile), {"version": profile.version})
    assert response.status_code == 200
    assert SAVE_NOTHING_CHANGED in response.content.decode()
    profile.refresh_from_db()
    assert profile.version == 1


def test_a_profile_past_the_graduation_limit_gets_a_message_not_an_error_page(client):
    profile = make_profile()
    Profile.objects.filter(pk=profile.pk).update(graduation_year=timezone.now().year - 61)
    for response in (
        client.get(url("what_if", profile), {"usce_hands_on_weeks": 5}),
        client.get(url("what_if", profile), {"usce_hands_on_weeks": 5}, **HTMX),
        client.post(url("what_if", profile), {"usce_hands_on_weeks": 5, "version": 1}),
    ):
        assert response.status_code == 200
        assert "graduates of the last 60 years" in response.content.decode()
        assert "disabled" in save_button(response.content.decode())
    profile.refresh_from_db()
    assert profile.version == 1


def test_the_fragment_also_updates_the_announcement_outside_the_panel(client):
    profile = make_profile()
    body = client.get(url("what_if", profile), {"usce_hands_on_weeks": 5}, **HTMX).content
    status = re.search(
        r'<div id="what-if-status" hx-swap-oob="innerHTML">(.*?)</div>', body.decode()
    )
    assert status[1] == (
        "With these answers the advice would be: First: take Step 2 CK. Then: more US "
        "clinical experience, chosen for letters."
    )


def test_the_panel_first_shows_the_saved_answers_with_save_off(client):
    profile = make_profile(research_publications=4, visa="j1", months_available_in_us=6)
    body = client.get(url("result", profile)).content.decode()
    panel = body.split('id="what-if-panel"')[1]
    assert 'name="research_publications" value="4"' in panel
    assert re.search(r'<option value="j1"[^>]*selected', panel)
    assert "disabled" in save_button(panel)
    assert SAVE_NOTHING_CHANGED in panel
    assert "data-what-if-priority" not in panel  # nothing tried, nothing to compare
    assert (
        "<details" in panel
        and '<details class="what-if-more" id="what-if-logistics" open' not in panel
    )


@BOTH_WAYS
def test_the_same_answers_compare_but_offer_nothing_to_save(client, extra):
    profile = make_profile()
    body = client.get(url("what_if", profile), on_screen(profile), **extra).content.decode()
    assert "data-what-if-priority" in body
    assert "disabled" in save_button(body) and SAVE_NOTHING_CHANGED in body


@BOTH_WAYS
def test_an_invalid_answer_shows_its_error_by_the_field_and_no_advice(client, extra):
    profile = make_profile(research_publications=10)
    params = on_screen(profile, research_publications="9999")
    body = client.get(url("what_if", profile), params, **extra).content.decode()
    assert field_error(body, "research_publications") == PAPERS_REFUSED
    assert re.search(r'name="research_publications" value="9999"[^>]*aria-invalid="true"', body)
    # No advice for other answers under the panel, greyed, and Save off saying why.
    assert "data-what-if-priority" not in body and "data-what-if-match" not in body
    assert 'class="what-if-outcome is-blocked"' in body
    assert 'class="what-if-col is-empty">\u2014</td>' in body
    assert "disabled" in save_button(body) and SAVE_NEEDS_FIXES in body
    assert (
        "data-what-if-blocked>" in body and '<a href="#id_research_publications">Papers</a>' in body
    )


@BOTH_WAYS
def test_an_invalid_answer_is_never_saved_nor_an_older_value_instead(client, extra):
    profile = make_profile(research_publications=10)
    params = on_screen(profile, research_publications="9999", us_clinical_letters="2")
    response = client.post(url("what_if", profile), params, **extra)
    assert response.status_code == 200
    assert field_error(response.content.decode(), "research_publications") == PAPERS_REFUSED
    profile.refresh_from_db()
    assert (profile.research_publications, profile.us_clinical_letters) == (10, 0)
    assert profile.version == int(params["version"])


def test_save_stores_exactly_the_answers_sent(client):
    profile = make_profile()
    dermatology = Specialty.objects.get(slug="dermatology")
    tried = {
        "usce_hands_on_weeks": "12 weeks",
        "usce_observership_weeks": "4",
        "us_clinical_letters": "3",
        "research_publications": "2",
        "research_abstracts": "5",
        "research_in_target_specialty": "yes",
        "research_us_based": "yes",
        "months_available_in_us": "9",
        "visa": "j1",
        "in_us_research_post": "no",
        "budget": "comfortable",
        "specialty": dermatology.slug,
        "career_goal": "academic",
    }
    before = saved_answers(profile)  # any answer of the panel not tried stays as it was
    response = client.post(url("what_if", profile), on_screen(profile, **tried))
    assert response.status_code == 302 and response["Location"] == url("result", profile)
    profile.refresh_from_db()
    assert before["target_match"] == ""
    # On a J-1 the wait for a visitor visa interview is no longer asked, so not shown.
    asked_no_more = {"visa_wait_months": ""}
    assert saved_answers(profile) == {
        **before,
        **tried,
        "usce_hands_on_weeks": "12",
        **asked_no_more,
    }
    assert profile.assessment["input"]["specialty"] == "dermatology"


def test_a_save_through_htmx_sends_the_browser_to_the_advice(client):
    profile = make_profile()
    response = client.post(
        url("what_if", profile), on_screen(profile, usce_hands_on_weeks="1"), **HTMX
    )
    assert response["HX-Redirect"] == url("result", profile)
    profile.refresh_from_db()
    assert profile.usce_hands_on_weeks == 1


def test_answers_missing_from_the_request_keep_their_saved_values(client):
    profile = make_profile(visa="j1", research_publications=3, research_in_target_specialty=True)
    response = client.post(
        url("what_if", profile), {"us_clinical_letters": "2", "version": profile.version}
    )
    assert response.status_code == 302
    profile.refresh_from_db()
    assert (profile.visa, profile.research_publications, profile.us_clinical_letters) == (
        "j1",
        3,
        2,
    )
    assert profile.research_in_target_specialty is True


def test_research_in_the_specialty_counts_for_more(client):
    profile = make_profile(specialty="dermatology")
    scores = []
    for answer in ("no", "yes"):
        params = on_screen(
            profile,
            research_publications="6",
            research_in_target_specialty=answer,
            research_us_based="no",
        )
        body = client.get(url("what_if", profile), params, **HTMX).content.decode()
        row = body.split('data-score-row="research"')[1]
        scores.append(int(re.search(r'data-what-if-score="(\d+)"', row)[1]))
    assert scores[0] < scores[1]


def test_research_questions_never_asked_are_asked_once_research_is_tried(client):
    profile = make_profile(research_publications=0, research_abstracts=0)
    panel = client.get(url("result", profile)).content.decode().split('id="what-if-panel"')[1]
    # Not shown as a "no" the applicant never gave.
    assert not re.search(r'name="research_us_based" value="no"[^>]*checked', panel)
    params = on_screen(profile, research_publications="2")
    for response in (
        client.get(url("what_if", profile), params, **HTMX),
        client.post(url("what_if", profile), params),
    ):
        body = response.content.decode()
        assert "You listed research output: answer yes or no." in body
        assert "data-what-if-priority" not in body
    profile.refresh_from_db()
    assert (profile.research_publications, profile.version) == (0, 1)


def test_a_specialty_tried_is_weighed_as_that_specialty(client):
    profile = make_profile(research_publications=1)
    dermatology = Specialty.objects.get(slug="dermatology")
    params = on_screen(profile, specialty="dermatology")
    body = client.get(url("what_if", profile), params, **HTMX).content.decode()
    expected = assess(
        engine_input(profile, specialty="dermatology"),
        dermatology.as_weighting(),
        match_calendar(),
    )
    assert f'data-what-if-priority="{expected.priority}"' in body
    readiness = body.split('data-score-row="readiness"')[1]
    assert f'data-what-if-score="{expected.scores.readiness}"' in readiness
    assert ">Specialty</th>" in body and "Dermatology" in body
    profile.refresh_from_db()
    assert profile.specialty.slug == "internal-medicine"


def test_a_changed_folded_answer_opens_its_group(client):
    profile = make_profile()
    params = on_screen(profile, budget="tight")
    body = client.get(url("what_if", profile), params, **HTMX).content.decode()
    assert '<details class="what-if-more" id="what-if-logistics" open>' in body
    assert '<details class="what-if-more" id="what-if-goal">' in body


def test_a_choice_not_offered_is_refused_on_its_field(client):
    profile = make_profile()
    params = on_screen(profile, visa="diplomat", specialty="astrology")
    body = client.get(url("what_if", profile), params, **HTMX).content.decode()
    assert field_error(body, "visa") == "Choose one of the options listed."
    assert field_error(body, "specialty") == "Choose one of the specialties listed."
    assert '<details class="what-if-more" id="what-if-goal" open>' in body


@BOTH_WAYS
def test_a_page_older_than_the_saved_answers_says_so_and_cannot_save(client, extra):
    profile = make_profile(us_clinical_letters=1)
    shown = on_screen(profile, us_clinical_letters="2")
    profile_update(profile=profile, answers={"us_clinical_letters": 3})  # another tab
    preview = client.get(url("what_if", profile), shown, **extra).content.decode()
    assert SAVE_CHANGED_ELSEWHERE in preview and "disabled" in save_button(preview)
    assert f'name="version" value="{shown["version"]}"' in preview  # still the page's
    saved = client.post(url("what_if", profile), shown, **extra)
    assert saved.status_code == 200 and SAVE_CHANGED_ELSEWHERE in saved.content.decode()
    profile.refresh_from_db()
    assert profile.us_clinical_letters == 3


def test_a_preview_reads_the_advice_now_without_a_query_per_row(
    client, django_assert_max_num_queries
):
    profile = make_profile()
    params = on_screen(profile, usce_hands_on_weeks="9")
    # The profile, the admin data's version (read once: the calendar the form's check of
    # the Match and the preview both read is kept between requests), and the form's
    # specialties twice (its choices and its check of the one chosen).
    client.get(url("what_if", profile), params, **HTMX)
    with django_assert_max_num_queries(4):
        response = client.get(url("what_if", profile), params, **HTMX)
    assert 'data-now-priority="usce_first"' in response.content.decode()
