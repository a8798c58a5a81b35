"""The advice rules at their boundaries, on the engine alone (no database)."""

import pytest

from advisor.engine.applicant import parse_profile
from advisor.engine.assessment import assess
from advisor.engine.facts import derive_facts
from tests.advisor.calendar_seed import SEED_CALENDAR


def run(weighting, **fields):
    profile = parse_profile(
        {"specialty": weighting.specialty, "years_since_graduation": 1, **fields}
    )
    return assess(profile, weighting, SEED_CALENDAR)


# --- derived facts ---------------------------------------------------------


@pytest.mark.parametrize(
    ("hands_on", "observership", "online", "effective", "meaningful"),
    [
        (3, 1, 0, 3.5, False),
        (4, 0, 0, 4.0, True),
        (0, 7, 0, 3.5, False),
        (0, 8, 0, 4.0, True),
        (3, 0, 52, 3.0, False),  # online weeks count nothing
    ],
)
def test_meaningful_usce_starts_at_four_effective_weeks(
    make_weighting, hands_on, observership, online, effective, meaningful
):
    profile = parse_profile(
        {
            "specialty": "internal-medicine",
            "years_since_graduation": 1,
            "usce_hands_on_weeks": hands_on,
            "usce_observership_weeks": observership,
            "usce_online_weeks": online,
        }
    )
    facts = derive_facts(profile, make_weighting(), step2_pass_mark=218)
    assert facts.effective_usce_weeks == effective
    assert facts.meaningful_usce is meaningful


@pytest.mark.parametrize(("weeks", "solid"), [(7, False), (8, True)])
def test_solid_usce_at_specialty_target(make_weighting, weeks, solid):
    result = run(make_weighting(), usce_hands_on_weeks=weeks, us_clinical_letters=2)
    assert result.facts.solid_usce is solid
    assert result.priority == ("balanced" if solid else "usce_letters")


def test_solid_usce_follows_an_edited_target(make_weighting):
    result = run(
        make_weighting(usce_target_weeks=12), usce_hands_on_weeks=10, us_clinical_letters=2
    )
    assert not result.facts.solid_usce
    assert result.priority == "usce_letters"


@pytest.mark.parametrize(("letters", "enough"), [(1, False), (2, True)])
def test_letters_enough_at_specialty_target(make_weighting, letters, enough):
    result = run(make_weighting(), usce_hands_on_weeks=8, us_clinical_letters=letters)
    assert result.facts.letters_enough is enough


@pytest.mark.parametrize(
    ("yog", "active", "gap"),
    [(3, False, False), (4, True, False), (4, False, True), (5, True, True), (5, False, True)],
)
def test_recency_gap(make_weighting, yog, active, gap):
    result = run(make_weighting(), years_since_graduation=yog, clinically_active=active)
    assert result.facts.recency_gap is gap
    assert ("recency_gap" in result.flags) is gap
    assert result.priority == ("usce_urgent" if gap else "usce_first")


# --- priority, rule by rule ------------------------------------------------


def test_rule_1_urgent_without_meaningful_usce_and_with_gap(make_weighting):
    assert run(make_weighting(), years_since_graduation=6, usce_observership_weeks=7).priority == (
        "usce_urgent"
    )


def test_rule_2_usce_first_even_with_research(make_weighting):
    result = run(make_weighting(research_emphasis="high"), research_publications=10)
    assert result.priority == "usce_first"


def test_rule_3_both_in_research_heavy_specialty(make_weighting):
    weighting = make_weighting(research_emphasis="high")
    assert run(weighting, usce_hands_on_weeks=4).priority == "research_and_usce"
    assert run(weighting, usce_hands_on_weeks=12, us_clinical_letters=1).priority == (
        "research_and_usce"
    )


@pytest.mark.parametrize("emphasis", ["low", "moderate"])
def test_rule_4_more_usce_for_letters(make_weighting, emphasis):
    weighting = make_weighting(research_emphasis=emphasis)
    assert run(weighting, usce_hands_on_weeks=4, us_clinical_letters=3).priority == "usce_letters"
    assert run(weighting, usce_hands_on_weeks=12, us_clinical_letters=1).priority == "usce_letters"


@pytest.mark.parametrize(
    ("emphasis", "goal", "priority"),
    [
        ("high", "community", "research_block"),
        ("moderate", "undecided", "research_block"),
        ("low", "academic", "research_block"),
        ("low", "community", "balanced"),
        ("low", "undecided", "balanced"),
    ],
)
def test_rules_5_and_6_once_the_clinical_file_is_done(make_weighting, emphasis, goal, priority):
    result = run(
        make_weighting(research_emphasis=emphasis),
        usce_hands_on_weeks=8,
        us_clinical_letters=2,
        career_goal=goal,
        # Early in the year, so that a research year fits before the next Match: a later
        # one would find this year's rotations stale by then (P4 v4) and ask for both.
        as_of="2026-01",
    )
    assert result.priority == priority


@pytest.mark.parametrize(
    "fields",
    [
        {"step2_ck": 190},
        {"step2_ck": 280},
        {"home_clinical_years": 20},
        {"budget": "tight"},
        {"budget": "comfortable"},
        {"visa": "b1b2"},
        {"months_available_in_us": 48},
    ],
)
def test_exam_home_budget_visa_and_time_never_change_priority(make_weighting, fields):
    for base in (
        {},
        {"usce_hands_on_weeks": 6},
        {"usce_hands_on_weeks": 9, "us_clinical_letters": 2},
    ):
        assert (
            run(make_weighting(), **base, **fields).priority
            == run(make_weighting(), **base).priority
        )


# --- flags -----------------------------------------------------------------


def test_observership_weak_only_without_hands_on(make_weighting):
    assert "observership_weak" in run(make_weighting(), usce_observership_weeks=2).flags
    assert (
        "observership_weak"
        not in run(make_weighting(), usce_observership_weeks=2, usce_hands_on_weeks=1).flags
    )
    assert "observership_weak" not in run(make_weighting()).flags


def test_online_not_counted(make_weighting):
    assert "online_not_counted" in run(make_weighting(), usce_online_weeks=1).flags
    assert "online_not_counted" not in run(make_weighting()).flags


@pytest.mark.parametrize(("budget", "flagged"), [("tight", True), ("moderate", False)])
def test_budget_tight(make_weighting, budget, flagged):
    assert ("budget_tight" in run(make_weighting(), budget=budget).flags) is flagged


@pytest.mark.parametrize(
    ("fields", "flagged"),
    [
        ({"usce_hands_on_weeks": 8, "us_clinical_letters": 2}, True),  # balanced
        ({"usce_hands_on_weeks": 8, "us_clinical_letters": 2, "career_goal": "academic"}, True),
        ({"usce_hands_on_weeks": 4}, False),  # usce_letters
        ({}, False),  # usce_first
    ],
)
def test_visa_limits_research_for_b1b2(make_weighting, fields, flagged):
    assert ("visa_limits_research" in run(make_weighting(), visa="b1b2", **fields).flags) is flagged
    assert "visa_limits_research" not in run(make_weighting(), visa="j1", **fields).flags


def test_visa_limits_research_when_both_are_needed(make_weighting):
    result = run(make_weighting(research_emphasis="high"), visa="b1b2", usce_hands_on_weeks=4)
    assert result.priority == "research_and_usce"
    assert "visa_limits_research" in result.flags


@pytest.mark.parametrize(
    ("months", "visa", "fields", "flagged"),
    [
        (11, "j1", {}, False),
        (12, "j1", {}, True),
        (12, "b1b2", {}, False),
        (12, "h1b", {"usce_hands_on_weeks": 4}, True),  # usce_letters
        (24, "j1", {"usce_hands_on_weeks": 8, "us_clinical_letters": 2}, False),  # balanced
        (24, "j1", {"years_since_graduation": 6}, False),  # usce_urgent
    ],
)
def test_can_stack(make_weighting, months, visa, fields, flagged):
    result = run(make_weighting(), months_available_in_us=months, visa=visa, **fields)
    assert ("can_stack" in result.flags) is flagged


def test_can_stack_when_both_are_needed(make_weighting):
    result = run(
        make_weighting(research_emphasis="high"), months_available_in_us=12, usce_hands_on_weeks=5
    )
    assert "can_stack" in result.flags


@pytest.mark.parametrize(
    ("fields", "flagged"),
    [
        ({}, False),
        ({"research_abstracts": 1}, True),
        ({"research_publications": 1, "research_in_target_specialty": True}, False),
    ],
)
def test_research_off_specialty(make_weighting, fields, flagged):
    assert ("research_off_specialty" in run(make_weighting(), **fields).flags) is flagged


# --- scenarios -------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "scenario"),
    [
        ({"years_since_graduation": 2}, "fresh-grad-no-usce"),
        ({"years_since_graduation": 3, "clinically_active": True}, None),
        ({"years_since_graduation": 5}, "long-gap-no-usce"),
        (
            {"usce_hands_on_weeks": 8, "us_clinical_letters": 2, "career_goal": "academic"},
            "usce-done-academic",
        ),
        ({"usce_hands_on_weeks": 8, "us_clinical_letters": 2}, None),
        ({"usce_hands_on_weeks": 7, "us_clinical_letters": 2, "career_goal": "academic"}, None),
    ],
)
def test_scenario(make_weighting, fields, scenario):
    result = run(make_weighting(), **fields)
    assert result.scenario == scenario
    assert result.nearest_scenario == (scenario or result.nearest_scenario)


def test_nearest_scenario_when_none_applies(make_weighting):
    w = make_weighting()
    assert run(w, years_since_graduation=3).nearest_scenario == "fresh-grad-no-usce"
    # Partway through the clinical file: still on the first two examples' path.
    assert run(w, usce_hands_on_weeks=5).nearest_scenario == "fresh-grad-no-usce"
    assert (
        run(w, usce_hands_on_weeks=5, years_since_graduation=4, clinically_active=True)
    ).nearest_scenario == "long-gap-no-usce"
    # The clinical file done, but a community goal: the academic example is nearest.
    done = {"usce_hands_on_weeks": 8, "us_clinical_letters": 2, "career_goal": "community"}
    assert run(w, **done).nearest_scenario == "usce-done-academic"


def test_weighting_for_another_specialty_is_refused(make_weighting):
    profile = parse_profile({"specialty": "neurology", "years_since_graduation": 1})
    with pytest.raises(ValueError, match="neurology"):
        assess(profile, make_weighting(), SEED_CALENDAR)
