"""Pinned cases of rules version 4 for the answers and status (issue 20): one small
named profile each, and exactly what advice-rules.md and plan-rules.md say its
assessment holds."""

import re
from dataclasses import replace
from datetime import date

from advisor.engine.applicant import parse_profile
from advisor.engine.assessment import assess
from advisor.engine.policy import J1, VISITOR_VISA, PolicyEvent
from tests.advisor.profile_strategies import CALENDAR, seeded_weighting

TRAVEL_BAN = PolicyEvent(
    slug="travel-ban-2026",
    title="Travel ban from 1 January 2026",
    summary="New B, F and J visas are not issued to nationals of the countries named.",
    effective_from=date(2026, 1, 1),
    status="in_force",
    source_url="https://www.whitehouse.gov/presidential-actions/",
    countries=frozenset({"NG"}),
    concerns=frozenset({VISITOR_VISA, J1}),
)
WITH_TRAVEL_BAN = replace(CALENDAR, policies=(TRAVEL_BAN,))

GRADUATE = {
    "specialty": "internal-medicine",
    "as_of": "2026-12",
    "years_since_graduation": 2,
    "clinically_active": True,
    "step1_passed": True,
    "step2_ck": 240,
    "step2_ck_taken": "2026-06",
    "oet_passed": True,
    "pathway_met": True,
    "months_available_in_us": 6,
    "budget": "moderate",
}


def assessed(calendar=CALENDAR, **answers) -> dict:
    data = {**GRADUATE, **answers}
    profile = parse_profile(data)
    return assess(profile, seeded_weighting(data["specialty"]), calendar).as_dict()


def steps(out: dict, kind: str) -> list[dict]:
    return [step for step in out["plan"]["steps"] if step["kind"] == kind]


def texts(out: dict) -> list[str]:
    found = [reason["text"] for reason in out["reasons"]]
    for step in out["plan"]["steps"]:
        found += [step["title"], step["detail"]]
    found += list(out["plan"].get("notes") or [])
    found += [out["plan"].get("moved_because"), (out.get("headline") or {}).get("text")]
    return [text for text in found if text]


def policy_slugs(step: dict) -> set[str]:
    return {p["slug"] if isinstance(p, dict) else p for p in step.get("policies") or ()}


def test_b1b2_graduate_observes_and_is_told_why():
    """P11 (v4): an observe-only graduate's `usce` is `observership`, and its detail says
    a visitor visa does not cover patient care for a graduate."""
    out = assessed(visa="b1b2")
    usce = steps(out, "usce")
    assert usce
    assert {step["setting"] for step in usce} == {"observership"}
    assert any(
        re.search(r"visitor visa", s["detail"], re.I) and re.search(r"patient care", s["detail"])
        for s in usce
    ), [s["detail"] for s in usce]
    assert "observe_only" in out["flags"]


def test_b1b2_final_year_student_takes_clerkships():
    """advice-rules v4: a foreign medical student may take an elective clerkship on a
    B-1; P11: `clerkship` for students."""
    out = assessed(visa="b1b2", student=True, years_since_graduation=0)
    usce = steps(out, "usce")
    assert usce
    assert {step["setting"] for step in usce} == {"clerkship"}
    assert "observe_only" not in out["flags"]


def test_j1_researcher_keeps_the_post_and_is_never_sent_home():
    """P11 (v4): with `in_us_research_post` the post is the plan's research (a `research`
    step from `as_of`, in the US); S5: no step says "at home"."""
    out = assessed(
        visa="j1",
        in_us_research_post=True,
        months_available_in_us=24,
        years_since_graduation=3,
        research_publications=2,
    )
    research = steps(out, "research")
    assert any(s["start"] == "2026-12" and s["in_us"] for s in research), research
    assert not [t for t in texts(out) if re.search(r"\bat home\b", t, re.I)]
    assert {step["setting"] for step in steps(out, "usce")} <= {"own_institution"}
    assert "j1_home_rule" in out["flags"]


def test_step2_216_taken_2024_03_is_a_pass():
    """advice-rules v4: Step 2 CK is judged by the mark in force in the month taken (214
    from 2022-07); a pass is never retaken."""
    out = assessed(step2_ck=216, step2_ck_taken="2024-03")
    assert not [s for s in steps(out, "exam") if s["exam"] == "step2_ck"]
    assert "step2_below_pass" not in out["flags"]
    assert "exam_failures" not in out["flags"]


def test_step2_216_taken_2025_09_is_retaken_with_the_waiting_rules():
    """P16 (v4): 216 is below 218, the mark from 2025-07: a retake, whose detail gives
    the waiting rules (3 attempts in 12 months; a 4th after 12 and 6 months)."""
    out = assessed(step2_ck=216, step2_ck_taken="2025-09")
    retake = [s for s in steps(out, "exam") if s["exam"] == "step2_ck"]
    assert len(retake) == 1
    assert "12 months" in retake[0]["detail"], retake[0]["detail"]
    assert {"step2_below_pass", "exam_failures"} <= set(out["flags"])


def test_rotations_three_years_before_application_are_stale():
    """advice-rules v4 / P15: rotations ended in 2024, application in 2027: `usce_stale`;
    the plan adds a recent rotation and a `letters` step asking for a fresh letter."""
    out = assessed(
        target_match=2028,
        usce_hands_on_weeks=12,
        usce_last_year=2024,
        us_clinical_letters=3,
        visa="citizen_or_resident",
    )
    assert "usce_stale" in out["flags"]
    assert steps(out, "usce")
    letters = steps(out, "letters")
    assert letters
    assert any(re.search(r"\bfresh\b", s["title"] + " " + s["detail"], re.I) for s in letters), (
        letters
    )


def test_2019_graduate_applying_september_2027_is_eight_years_out():
    """advice-rules v4: a 2019 graduate applying in September 2027 is 8 years out, as
    programs count it."""
    out = assessed(years_since_graduation=7, target_match=2028)
    assert out["plan"]["target_match"] == 2028
    assert "yog_cutoff_risk" in out["flags"]
    assert any("8 years" in r["text"] for r in out["reasons"]), out["reasons"]


def test_headline_says_step2_first_when_it_is_missing():
    """The first step (v4): a plan that opens with an exam has first_step "exam" and a
    headline that says Step 2 CK first."""
    out = assessed(step2_ck=None, step2_ck_taken=None)
    headline = out["headline"]
    assert headline["first_step"] == "exam"
    first_sentence = re.split(r"[.:]\s", headline["text"], maxsplit=2)[:2]
    assert any("Step 2 CK" in part for part in first_sentence), headline["text"]
    assert "good shape" not in headline["text"].lower()


def test_travel_ban_shown_at_the_us_step_of_a_nigerian_visitor():
    """P18: a policy that names countries is shown to an applicant whose citizenship
    it names, at each step it blocks (a US rotation)."""
    out = assessed(WITH_TRAVEL_BAN, visa="b1b2", citizenship="NG")
    blocked = steps(out, "usce") + steps(out, "arrange_us_time")
    assert any(TRAVEL_BAN.slug in policy_slugs(s) for s in blocked), blocked


def test_travel_ban_never_shown_to_a_citizen_or_resident():
    """P18 / policy: a US citizen or permanent resident needs no visa."""
    out = assessed(WITH_TRAVEL_BAN, visa="citizen_or_resident", citizenship="NG")
    assert not [s for s in out["plan"]["steps"] if TRAVEL_BAN.slug in policy_slugs(s)]


def test_no_citizenship_given_says_where_to_check():
    """P18: with no `citizenship` given, the page says such policies exist and where
    to check."""
    out = assessed(WITH_TRAVEL_BAN, visa="other", citizenship=None)
    assert out["plan"].get("policy_check")
