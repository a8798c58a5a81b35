"""After Match Day (plan rules v4: P2, P18, P19), checked black-box on generated profiles:
one SOAP step in Match Week's month, one before-residency step ending in June, Step 3
for an H-1B after the ECFMG step and by the rank list deadline."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.advisor.profile_strategies import (
    CALENDAR,
    EXAMPLES,
    applicants,
    end,
    of_date,
    run,
    start,
)

RULE = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@RULE
@given(applicants())
def test_p2_one_soap_step_in_the_month_of_match_day(applicant):
    case = run(applicant)
    (soap,) = case.kind("soap")
    assert start(soap) == end(soap) == case.match_month


@RULE
@given(applicants())
def test_p2_one_before_residency_step_from_after_match_day_to_june(applicant):
    case = run(applicant)
    (before,) = case.kind("before_residency")
    june = case.plan["target_match"] * 12 + 5
    assert start(before) == case.match_month + 1 and end(before) == june
    assert case.steps[-1] is before  # the plan ends with it


@RULE
@given(applicants(visa=st.sampled_from(["h1b", "j1", "other", "citizen_or_resident"])))
def test_p18_step3_for_an_h1b_after_the_ecfmg_step_by_the_rank_deadline(applicant):
    case = run(applicant)
    step3 = [s for s in case.kind("exam") if s.get("exam") == "step3"]
    # P18: a rule on the applicant's nationality that blocks the J-1 (and not the H-1B)
    # leaves the H-1B as the route, which needs Step 3 too.
    (before,) = case.kind("before_residency")
    bans = {p["slug"] for p in before.get("policies", ()) if p["names_countries"]}
    j1_only_blocked = case.data["visa"] != "citizen_or_resident" and bans == {
        "travel-ban-2026-partial"
    }
    if case.data["visa"] != "h1b" and not j1_only_blocked:
        assert not step3
        return
    (step,) = step3
    rank = of_date(CALENDAR.cycle(case.plan["target_match"]).rank_deadline)
    assert end(step) <= rank
    assert all(start(step) > end(e) for e in case.kind("ecfmg"))


@RULE
@given(applicants())
def test_p18_p19_before_residency_names_what_the_status_needs(applicant):
    case = run(applicant)
    (before,) = case.kind("before_residency")
    detail = before["detail"]
    if case.data["visa"] != "citizen_or_resident":
        assert "J-1" in detail
        # The H-1B route needs Step 3, unless a full ban on the nationality blocks it too.
        assert "Step 3" in detail or "blocks both the J-1 and a new H-1B" in detail, detail
        bans = {p["slug"] for p in before.get("policies", ()) if p["names_countries"]}
        # The J-1 route and its Statement of Need, unless a rule on the nationality
        # blocks the J-1 (P18): then the step says so instead.
        assert ("Statement of Need" in detail) == (not bans), detail
        assert ("blocks" in detail) == bool(bans), detail
    else:
        assert "J-1" not in detail
    assert ("diploma" in detail) == bool(case.data["student"])
