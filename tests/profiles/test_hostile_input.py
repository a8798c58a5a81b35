"""Hostile and broken input at every form: a message or a 4xx, never a 500, nothing lost."""

import copy

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from profiles.advising.filters import LIST_PARAMS
from profiles.forms import STEPS
from profiles.models import Profile
from profiles.what_if_form import WhatIfForm, saved_answers
from tests.profiles.factories import make_profile
from tests.profiles.wizard_steps import ANSWERS, PREFIX, post_step, step_url

pytestmark = pytest.mark.django_db

NASTY_TEXT = st.one_of(
    st.text(max_size=60),
    st.sampled_from(
        [
            "<script>alert(1)</script>",
            '"><img src=x onerror=alert(1)>',
            "-1",
            "1e309",
            "99999999999999999999999999",
            "NaN",
            "0x10",
            "٣",  # an Arabic-Indic digit
            "1,000",
            " 7 ",
            "\u202e12",
            "=CMD()",
            "'; DROP TABLE profiles_profile; --",
            "x" * 5000,
        ]
    ),
)
STEP_FIELDS = {name: list(form.base_fields) for name, form in STEPS}
# Picked from a list: a value not on it is refused, not shown back.
CHOICE_FIELDS = (
    "specialty",
    "budget",
    "visa",
    "career_goal",
    "target_match",
    "step1_passed",
    "oet_passed",
    "pathway_met",
    "student",
    "in_us_research_post",
)
HYPOTHESIS = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def client_at(step: str) -> Client:
    """A client with every step before `step` answered correctly."""
    client = Client(raise_request_exception=False)
    for name, _ in STEPS:
        if name == step:
            break
        assert post_step(client, name).status_code == 302
    return client


@pytest.mark.parametrize("step", list(STEP_FIELDS))
@HYPOTHESIS
@given(data=st.data())
def test_any_value_in_any_field_gets_an_answer_not_a_crash(step, data):
    values = {
        field: data.draw(NASTY_TEXT, label=field)
        for field in data.draw(
            st.lists(st.sampled_from(STEP_FIELDS[step]), unique=True, min_size=1)
        )
    }
    client = client_at(step)
    response = post_step(client, step, values)
    assert response.status_code in (200, 302), response.status_code
    if response.status_code == 200:
        body = response.content.decode()
        for field, value in values.items():
            if "\x00" in value or field in CHOICE_FIELDS:
                continue
            if field.startswith(("clinically", "research_in", "research_us", "shared", "remember")):
                continue
            assert escape(value.strip()) in body or escape(value) in body, field
        assert "<script>alert(1)</script>" not in body
    # the answers given on earlier steps are still there
    if step != "goals":
        assert 'value="2023"' in client.get(step_url("goals")).content.decode()


@pytest.mark.parametrize(
    "tamper",
    [
        {f"{PREFIX}-current_step": "bogus"},
        {f"{PREFIX}-current_step": ""},
        {},
        {"wizard_goto_step": "bogus", f"{PREFIX}-current_step": "usce"},
    ],
)
def test_tampered_wizard_posts_are_4xx_or_handled(tamper):
    client = client_at("usce")
    response = client.post(step_url("usce"), {**tamper, "usce-usce_hands_on_weeks": "4"})
    assert response.status_code in (200, 302, 400)
    assert 'value="2023"' in client.get(step_url("goals")).content.decode()


def test_extra_and_missing_fields_are_ignored_or_reported():
    client = client_at("goals")
    response = post_step(
        client, "goals", {"graduation_year": "2020", "is_admin": "1", "token": "x"}
    )
    assert response.status_code == 200
    assert "Choose the specialty" in response.content.decode()


def test_a_huge_request_body_is_refused_cleanly():
    client = client_at("logistics")
    response = post_step(client, "logistics", {**ANSWERS["logistics"], "name": "x" * 3_000_000})
    assert response.status_code == 400


def test_jumping_to_the_end_without_the_steps_creates_nothing():
    client = Client(raise_request_exception=False)
    for step in reversed(list(STEP_FIELDS)):
        post_step(client, step)
    response = client.get(step_url("done"))
    assert response.status_code == 302
    assert Profile.objects.count() == 0


@HYPOTHESIS
@given(
    params=st.dictionaries(
        st.sampled_from(
            [
                "usce_hands_on_weeks",
                "us_clinical_letters",
                "research_publications",
                "research_abstracts",
                "usce_observership_weeks",
                "months_available_in_us",
                "visa",
                "budget",
                "specialty",
                "target_match",
                "research_in_target_specialty",
                "junk",
            ]
        ),
        NASTY_TEXT,
        max_size=5,
    )
)
def test_what_if_takes_anything(params):
    profile = make_profile()
    client = Client(raise_request_exception=False)
    url = reverse("profiles:what_if", args=[profile.token])
    assert client.get(url, params).status_code == 200
    assert client.get(url, params, HTTP_HX_REQUEST="true").status_code == 200
    form = WhatIfForm(profile=profile, data=params)
    saves = form.is_valid() and bool(form.changed_answers())
    saved = client.post(url, {**params, "version": profile.version})
    assert saved.status_code == (302 if saves else 200)
    profile.refresh_from_db()
    # Saved only when every value was valid and one differed, and then exactly what was sent.
    if saves:
        assert saved_answers(profile) == saved_answers(form_profile(form))
    else:
        assert profile.version == 1


def form_profile(form):
    """A profile holding the answers a valid what-if form carries."""
    trying = copy.copy(form.profile)
    for name, value in form.cleaned_data.items():
        setattr(trying, name, value)
    return trying


@HYPOTHESIS
@given(
    params=st.dictionaries(
        st.sampled_from([*LIST_PARAMS, "per_page"]),
        NASTY_TEXT,
        max_size=6,
    )
)
def test_advisor_list_and_export_take_any_query(advisor_client, params):
    response = advisor_client.get(reverse("profiles:advisor_list"), params)
    assert response.status_code == 200
    # An export with a filter the list would ignore goes back to the list, which says why.
    response = advisor_client.get(reverse("profiles:advisor_export"), params)
    assert response.status_code == 200 or (
        response.status_code == 302 and response["Location"].startswith("/advisor/")
    )
    # A profile's page reads the same parameters, for "previous" and "next".
    shared = make_profile(shared=True)
    response = advisor_client.get(reverse("profiles:advisor_profile", args=[shared.pk]), params)
    assert response.status_code == 200


def test_per_page_cannot_be_raised(advisor_client):
    from profiles.demo import demo_profiles_create
    from tests.profiles.factories import default_group

    demo_profiles_create(count=60, seed=9, groups=[default_group()])
    response = advisor_client.get(reverse("profiles:advisor_list"), {"per_page": 1000})
    assert len(response.context["page"].rows) == 25


@pytest.mark.parametrize("page_number", ["-1", "0", "abc", "99999999999999999999", "1.5"])
def test_any_page_number_shows_a_real_page(advisor_client, page_number):
    make_profile(shared=True)
    response = advisor_client.get(reverse("profiles:advisor_list"), {"page": page_number})
    assert response.status_code == 200


@HYPOTHESIS
@given(text=NASTY_TEXT)
def test_edit_page_keeps_everything_on_a_bad_answer(text):
    profile = make_profile(name="Kept Name")
    client = Client(raise_request_exception=False)
    data = {
        "goals-specialty": "internal-medicine",
        "goals-career_goal": "undecided",
        "goals-graduation_year": "2024",
        "goals-student": "no",
        "usce-usce_hands_on_weeks": text,
        "logistics-name": "Kept Name",
        "logistics-budget": "moderate",
        "logistics-visa": "other",
    }
    response = client.post(reverse("profiles:edit", args=[profile.token]), data)
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert 'value="Kept Name"' in response.content.decode()
