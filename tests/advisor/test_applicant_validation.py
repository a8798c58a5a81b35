"""Bad input is refused with a message that names the field."""

from datetime import date

import pytest

from advisor.engine.applicant import FIELDS, ProfileError, parse_profile

VALID = {"specialty": "internal-medicine", "years_since_graduation": 3}
KNOWN = {"internal-medicine", "neurology"}


def errors_for(data, known=KNOWN):
    with pytest.raises(ProfileError) as info:
        parse_profile(data, known_specialties=known)
    return info.value.errors


def test_minimal_profile_gets_the_documented_defaults():
    profile = parse_profile(VALID, known_specialties=KNOWN, today=date(2027, 3, 14))
    for name, spec in FIELDS.items():
        if not spec.required and name != "as_of":
            assert getattr(profile, name) == spec.default, name
    assert profile.as_of == "2027-03"  # the plan starts this month


@pytest.mark.parametrize("value", ["2026-13", "2026-1", "26-11", "2026/11", 202611, "", None])
def test_as_of_must_be_a_month(value):
    assert set(errors_for({**VALID, "as_of": value})) == {"as_of"}


@pytest.mark.parametrize("value", [2027.5, "2028 (spring)", True, 1999])
def test_target_match_must_be_a_year(value):
    assert set(errors_for({**VALID, "target_match": value})) == {"target_match"}


def test_numbers_written_as_text_are_read_as_the_web_form_reads_them():
    profile = parse_profile(
        {
            **VALID,
            "usce_hands_on_weeks": "12 weeks",
            "home_clinical_years": "2,5",
            "step2_ck": "",
            "months_available_in_us": " \u0663 ",
        }
    )
    assert profile.usce_hands_on_weeks == 12
    assert profile.home_clinical_years == 2.5
    assert profile.step2_ck is None
    assert profile.months_available_in_us == 3


def test_unknown_specialty():
    assert errors_for({**VALID, "specialty": "astrology"}) == {
        "specialty": "unknown specialty 'astrology'"
    }


def test_unknown_field():
    assert errors_for({**VALID, "favourite_colour": "blue"}) == {
        "favourite_colour": "unknown field"
    }


@pytest.mark.parametrize("missing", ["specialty", "years_since_graduation"])
def test_required_fields(missing):
    data = {k: v for k, v in VALID.items() if k != missing}
    assert errors_for(data) == {missing: "this field is required"}


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        (
            "years_since_graduation",
            "five",
            "Enter the years since graduation in digits, like 3: \u201cfive\u201d is not a number "
            "we can read.",
        ),
        ("years_since_graduation", 2.5, "must be a whole number"),
        ("years_since_graduation", True, "must be a whole number"),
        ("years_since_graduation", None, "must not be null"),
        ("usce_hands_on_weeks", [4], "must be a whole number"),
        (
            "home_clinical_years",
            "1,500",
            "\u201c1,500\u201d could mean a thousands separator or a decimal comma: enter the "
            "years of clinical work outside the US without it, like 1.5.",
        ),
        ("home_clinical_years", float("nan"), "must be a finite number"),
        ("home_clinical_years", float("inf"), "must be a finite number"),
        ("clinically_active", 1, "must be true or false"),
        ("clinically_active", "yes", "must be true or false"),
        ("budget", 3, "must be a string"),
        ("budget", "lavish", "must be one of: tight, moderate, comfortable"),
        ("visa", "F1", "must be one of: citizen_or_resident, b1b2, j1, h1b, other"),
        ("career_goal", "", "must be one of: academic, community, undecided"),
        ("specialty", 7, "must be a string"),
        ("specialty", "  ", "must not be empty"),
    ],
)
def test_wrong_type(field, value, message):
    assert errors_for({**VALID, field: value}) == {field: message}


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("years_since_graduation", -1, "must be between 0 and 60"),
        ("years_since_graduation", 61, "must be between 0 and 60"),
        ("step2_ck", 0, "must be between 1 and 300"),
        ("step2_ck", 301, "must be between 1 and 300"),
        ("usce_hands_on_weeks", 521, "must be between 0 and 520"),
        ("us_clinical_letters", 21, "must be between 0 and 20"),
        ("research_publications", 10**30, "must be between 0 and 500"),
        ("home_clinical_years", 60.5, "must be between 0 and 60"),
        ("months_available_in_us", -3, "must be between 0 and 60"),
    ],
)
def test_out_of_range(field, value, message):
    assert errors_for({**VALID, field: value}) == {field: message}


def test_whole_floats_and_null_exam_are_accepted():
    profile = parse_profile({**VALID, "usce_hands_on_weeks": 8.0, "step2_ck": None})
    assert profile.usce_hands_on_weeks == 8
    assert isinstance(profile.usce_hands_on_weeks, int)
    assert profile.step2_ck is None


def test_every_problem_is_reported_at_once():
    errors = errors_for({"specialty": "x", "years_since_graduation": -2, "budget": "none", "z": 1})
    assert set(errors) == {"specialty", "years_since_graduation", "budget", "z"}


@pytest.mark.parametrize("data", [[], "profile", 42, None])
def test_not_an_object(data):
    assert errors_for(data) == {"profile": "expected a JSON object of profile fields"}


def test_error_message_names_each_field():
    with pytest.raises(ProfileError, match=r"step2_ck: must be between 1 and 300"):
        parse_profile({**VALID, "step2_ck": 999})
