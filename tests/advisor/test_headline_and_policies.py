"""The headline says what comes first and never "good shape" under a risk; visa policies
appear where they bite, and once where they concern everyone (rules v4, P18)."""

import dataclasses
from datetime import date

from advisor.engine.applicant import parse_profile
from advisor.engine.assessment import assess
from advisor.engine.policy import PolicyEvent
from advisor.engine.weighting import Weighting
from tests.advisor.calendar_seed import SEED_CALENDAR

IM = Weighting(
    "internal-medicine", "Internal Medicine", "low", 8, 2, 90, 85, 40, 55, 50, 5, 251, 48.5
)
OBGYN = dataclasses.replace(
    IM, specialty="obstetrics-gynecology", name="OB-GYN", img_match_rate=32.8
)
DONE = {
    "usce_hands_on_weeks": 12,
    "us_clinical_letters": 3,
    "step2_ck": 255,
    "research_publications": 6,
    "research_in_target_specialty": True,
    "visa": "citizen_or_resident",
}


def run(weighting=IM, calendar=SEED_CALENDAR, **answers):
    data = {"specialty": weighting.specialty, "years_since_graduation": 1, "as_of": "2026-12"}
    return assess(parse_profile({**data, **answers}), weighting, calendar).as_dict()


def test_a_done_file_is_in_good_shape():
    out = run(**DONE)
    assert out["priority"] == "balanced"
    assert "good shape" in out["headline"]["text"]
    assert out["headline"]["first_step"] is None


def test_failed_attempts_take_good_shape_away():
    out = run(**DONE, exam_failures=1)
    assert out["priority"] == "balanced" and "exam_failures" in out["flags"]
    assert "good shape" not in out["headline"]["text"]


def test_competitive_specialty_with_research_short_is_not_good_shape():
    out = run(OBGYN, **{**DONE, "research_publications": 1})
    assert out["priority"] == "balanced" and "competitive_for_imgs" in out["flags"]
    assert "good shape" not in out["headline"]["text"]


def test_missing_step2_is_said_first():
    out = run(**{**DONE, "step2_ck": None})
    assert out["headline"]["first_step"] == "exam"
    assert out["headline"]["text"].startswith("First: take Step 2 CK")
    assert out["plan"]["steps"][0]["kind"] == "exam"


def test_step1_and_a_failed_step2_are_both_said():
    out = run(step1_passed=False, step2_ck=200, step2_ck_taken="2026-06")
    assert out["headline"]["text"].startswith("First: pass Step 1 and pass Step 2 CK. Then:")


def _calendar_with(*events):
    return dataclasses.replace(SEED_CALENDAR, policies=events)


BAN = PolicyEvent(
    "ban",
    "Travel ban",
    "No new visitor or J-1 visas for some nationalities.",
    date(2026, 1, 1),
    "in_litigation",
    "https://example.org/ban",
    countries=frozenset({"NG"}),
    concerns=frozenset({"visitor_visa", "j1"}),
)
INTERVIEWS = PolicyEvent(
    "interviews",
    "Interviews at home",
    "Apply where you live.",
    date(2025, 9, 6),
    "in_force",
    "https://example.org/interviews",
    concerns=frozenset({"visitor_visa", "j1"}),
)


def _slugs_by_kind(out):
    return {s["kind"]: [p["slug"] for p in s.get("policies", [])] for s in out["plan"]["steps"]}


def test_a_ban_is_shown_at_each_step_it_blocks_and_a_general_rule_once():
    out = run(calendar=_calendar_with(BAN, INTERVIEWS), visa="b1b2", citizenship="ng")
    shown = _slugs_by_kind(out)
    assert "ban" in shown["arrange_us_time"] and "ban" in shown["usce"]
    assert "ban" in shown["prepare_application"]  # the J-1 for residency
    assert sum("interviews" in slugs for slugs in shown.values()) == 1
    assert "policy_check" not in out["plan"]


def test_no_ban_for_another_country_or_a_resident():
    assert "ban" not in str(run(calendar=_calendar_with(BAN), visa="b1b2", citizenship="IN"))
    out = run(calendar=_calendar_with(BAN), visa="citizen_or_resident", citizenship="NG")
    assert all(not s.get("policies") for s in out["plan"]["steps"])


def test_without_citizenship_the_plan_says_such_rules_exist():
    out = run(calendar=_calendar_with(BAN), visa="other")
    assert "Travel ban" in out["plan"]["policy_check"]
    assert all(
        "ban" not in [p["slug"] for p in s.get("policies", [])] for s in out["plan"]["steps"]
    )
    assert (
        "policy_check" not in run(calendar=_calendar_with(BAN), visa="citizen_or_resident")["plan"]
    )


def test_a_post_holder_applying_next_month_asks_for_letters_before_it():
    """Found by the deep property run: no rotation fits, so the letters (asked of past
    supervisors) must still end before the application month (P3)."""
    out = run(
        as_of="2028-08",
        visa="j1",
        in_us_research_post=True,
        months_available_in_us=0,
        budget="tight",
        step2_ck=209,
        step2_ck_taken="2022-06",
    )
    application = out["plan"]["calendar"]["submit_from"][:7]
    for step in out["plan"]["steps"]:
        if step["kind"] == "letters":
            assert step["end"] < application


def test_step3_still_to_take_is_not_good_shape():
    """Found by the deep property run: an H-1B's Step 3, after applying, is an exam in
    the plan, so the headline does not say "good shape"."""
    out = run(**{**DONE, "visa": "h1b"})
    assert out["priority"] == "balanced"
    assert any(s.get("exam") == "step3" for s in out["plan"]["steps"])
    assert "good shape" not in out["headline"]["text"]
    assert out["headline"]["first_step"] is None


def test_step3_opening_the_plan_is_said_first():
    """Found by a reviewer walking the site: an H-1B applicant with the certificate's
    needs met takes Step 3 before applying (v4), which then opens the plan; the
    headline said only "more US clinical experience" over a six-month exam."""
    out = run(
        **{
            "usce_hands_on_weeks": 8,
            "us_clinical_letters": 2,
            "step2_ck": 245,
            "oet_passed": True,
            "pathway_met": True,
            "visa": "h1b",
            "years_since_graduation": 4,
        }
    )
    first = out["plan"]["steps"][0]
    assert (first["kind"], first.get("exam")) == ("exam", "step3")
    assert out["headline"]["text"].startswith("First: take Step 3. Then: ")
    # The rules' "exam" mark is for Step 1 and Step 2 CK (advice rules v4).
    assert out["headline"]["first_step"] is None
