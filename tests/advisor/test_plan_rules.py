"""Every rule of shared/spec/plan-rules.md (P1-P16, P6a), checked black-box on
`assess(profile, weighting, calendar).as_dict()` for generated profiles.

Expectations come from `profile_strategies.expect`, an independent reading of
the spec; where the spec can be read two ways, the comment says which reading
a test takes (the one more protective of the applicant).
"""

import json
import re
from itertools import pairwise

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from advisor.engine.applicant import ProfileError, parse_profile
from advisor.engine.assessment import assess
from tests.advisor.profile_strategies import (
    CALENDAR,
    EXAMPLES,
    KIND_ORDER,
    TRANSITIONAL,
    applicants,
    application_month,
    as_of_months,
    end,
    expect,
    first_match_from,
    invalid_targets,
    month,
    month_text,
    of_date,
    room_bounds,
    run,
    seeded_weightings,
    start,
    valid_targets,
    weightings,
)

RULE = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FOCUSED = settings(
    max_examples=max(10, EXAMPLES // 2), deadline=None, suppress_health_check=[HealthCheck.too_slow]
)

NO_USCE = {"usce_hands_on_weeks": st.integers(0, 3), "usce_observership_weeks": st.just(0)}
RESEARCH_SHORT = {"research_publications": st.integers(0, 2), "research_abstracts": st.just(0)}


def months_of(step: dict) -> range:
    return range(start(step), end(step) + 1)


def span(step: dict) -> int:
    return end(step) - start(step) + 1


def excerpt(case) -> str:
    return json.dumps({"input": case.data, "plan": case.plan, "flags": case.out["flags"]})


# --- Form -----------------------------------------------------------------------


@RULE
@given(applicants())
def test_p1_steps_sorted_by_start_then_kind(applicant):
    """P1. Steps are sorted by `start` (then by the kind order)."""
    case = run(applicant)
    assert all(step["kind"] in KIND_ORDER for step in case.steps), excerpt(case)
    keys = [(start(step), KIND_ORDER.index(step["kind"])) for step in case.steps]
    assert keys == sorted(keys), excerpt(case)


@RULE
@given(applicants())
def test_p1_months_well_formed_and_not_before_as_of(applicant):
    """P1. `start <= end`; no step starts before `as_of`; months are `YYYY-MM`."""
    case = run(applicant)
    assert case.plan["as_of"] == case.data["as_of"]
    for step in case.steps:
        # month() asserts the YYYY-MM form.
        assert start(step) <= end(step), step
        assert start(step) >= case.as_of, step


@RULE
@given(applicants())
def test_kinds_in_us_as_the_kind_table_says(applicant):
    """Kind table: `usce` is in the US; only `research` may be either; the rest are not."""
    case = run(applicant)
    for step in case.steps:
        if step["kind"] == "usce":
            assert step["in_us"] is True, step
        elif step["kind"] != "research":
            assert step["in_us"] is False, step


@RULE
@given(applicants())
def test_p2_one_apply_step_in_application_month(applicant):
    """P2. Exactly one `apply` step, in month `A`."""
    case = run(applicant)
    applies = case.kind("apply")
    assert len(applies) == 1, excerpt(case)
    assert start(applies[0]) == end(applies[0]) == case.a, applies


@RULE
@given(applicants())
def test_p2_one_match_step_in_match_day_month(applicant):
    """P2. Exactly one `match` step, in the month of the cycle's `match_day`."""
    case = run(applicant)
    matches = case.kind("match")
    assert len(matches) == 1, excerpt(case)
    assert start(matches[0]) == end(matches[0]) == case.match_month, matches


AFTER_APPLICATION = ("interviews", "soap", "match", "before_residency")


def is_step3(step: dict) -> bool:
    return step["kind"] == "exam" and step.get("exam") == "step3"


@RULE
@given(applicants())
def test_p2_after_application_only_interviews_match_and_running_research(applicant):
    """P2. After `A` lie only `interviews`, `soap`, `match`, `before_residency` (v4),
    a Step 3 `exam` (P18) and a `research` block that started before `A` and runs on."""
    case = run(applicant)
    for step in case.steps:
        if end(step) > case.a:
            running_research = step["kind"] == "research" and start(step) < case.a
            allowed = step["kind"] in AFTER_APPLICATION or is_step3(step)
            assert allowed or running_research, step


@RULE
@given(applicants())
def test_interviews_run_from_month_after_application_to_january(applicant):
    """Kind table: `interviews` from the month after `A` to January of the Match
    year; its detail names NRMP registration and the rank list deadline.
    (Reading: every plan has one, since every plan ends in a Match.)"""
    case = run(applicant)
    interviews = case.kind("interviews")
    assert len(interviews) == 1, excerpt(case)
    step = interviews[0]
    assert start(step) == case.a + 1
    assert end(step) == month(f"{case.plan['target_match']}-01")
    assert "NRMP" in step["detail"], step
    assert re.search(r"rank", step["detail"], re.I), step


@RULE
@given(applicants())
def test_p6_prepare_application_from_eras_opening_to_month_before_application(applicant):
    """P6. Every plan has a `prepare_application` step; kind table: from the later
    of `eras_opens` and `as_of` to the later of the month before `A` and `as_of`:
    a program list filtered by visa sponsorship and graduation-year and score
    cut-offs, letters uploaded."""
    case = run(applicant)
    prepare = case.kind("prepare_application")
    assert len(prepare) == 1, excerpt(case)
    eras = of_date(CALENDAR.cycle(case.plan["target_match"]).eras_opens)
    assert start(prepare[0]) == max(eras, case.as_of), prepare
    assert end(prepare[0]) == max(case.a - 1, case.as_of), prepare
    detail = prepare[0]["detail"].lower()
    assert all(word in detail for word in ("visa", "graduation", "letters")), prepare


@RULE
@given(applicants())
def test_plan_carries_the_target_cycle_and_pass_mark(applicant):
    """The Match calendar is data: `plan.calendar` is the target Match's cycle
    (stored, or estimated and provisional); `step2_pass_mark` is the mark for `as_of`."""
    case = run(applicant)
    plan = case.plan
    assert plan["requested_match"] == case.data["target_match"]
    assert plan["calendar"] == CALENDAR.cycle(plan["target_match"]).as_dict()
    assert plan["calendar"]["match_year"] == plan["target_match"]
    assert plan["step2_pass_mark"] == case.exp.step2_pass_mark
    json.dumps(case.out)  # JSON-ready


@RULE
@given(applicants())
def test_apply_step_names_eras_and_residencycas_where_used(applicant):
    """Kind table and P17 (v4): `apply` names the specialty's `application_service`
    (ERAS, or ResidencyCAS for OB-GYN and emergency medicine) and never the other."""
    case = run(applicant)
    step = case.kind("apply")[0]
    words = step["title"] + " " + step["detail"]
    service, other = ("ERAS", "ResidencyCAS")
    if case.weighting.application_service == "residencycas":
        service, other = other, service
    assert service in words, step
    assert other not in words, step


# --- Calendar ---------------------------------------------------------------------


@RULE
@given(applicants())
def test_p3_exam_usce_and_letters_end_before_application(applicant):
    """P3. `exam` (except Step 3, P18), `usce` and `letters` steps end before `A`."""
    case = run(applicant)
    for step in case.steps:
        if step["kind"] in ("exam", "usce", "letters") and not is_step3(step):
            assert end(step) < case.a, step


@RULE
@given(applicants(step1_passed=st.booleans(), step2_ck=st.none() | st.integers(180, 240)))
def test_p3_exams_end_two_months_before_application(applicant):
    """P3. An `exam` step ends at least 2 months before `A` (scores take about 4
    weeks to reach programs)."""
    case = run(applicant)
    for step in case.kind("exam"):
        if not is_step3(step):
            assert case.a - end(step) >= 2, excerpt(case)


@RULE
@given(applicants(step1_passed=st.booleans(), step2_ck=st.none() | st.integers(180, 240)))
def test_p3_exams_end_before_first_usce(applicant):
    """P3. Step 1 and a missing or failed Step 2 CK end before the first `usce`
    step starts (rotations ask for passes)."""
    case = run(applicant)
    usce = case.kind("usce")
    if usce:
        first = min(start(step) for step in usce)
        for step in case.kind("exam"):
            if not is_step3(step):
                assert end(step) < first, excerpt(case)


@RULE
@given(applicants())
def test_p3_ecfmg_step_iff_oet_or_pathway_missing(applicant):
    """P3. A plan has an `ecfmg` step iff `oet_passed` or `pathway_met` is false;
    it ends no later than `A`. Kind table: OET Medicine and the ECFMG Pathway."""
    case = run(applicant)
    missing = not (case.data["oet_passed"] and case.data["pathway_met"])
    ecfmg = case.kind("ecfmg")
    assert bool(ecfmg) == missing, excerpt(case)
    for step in ecfmg:
        assert end(step) <= case.a, step
        # Each missing requirement is named; a met one need not be.
        if not case.data["oet_passed"]:
            assert "OET" in step["detail"], step
        if not case.data["pathway_met"]:
            assert "Pathway" in step["detail"], step


# --- Room (P4) ----------------------------------------------------------------------


@RULE
@given(applicants(step1_passed=st.booleans(), step2_ck=st.none() | st.integers(180, 240)))
def test_p4_step1_before_step2(applicant):
    """P4. The chain starts with the exams P3 puts first: Step 1, then Step 2 CK."""
    case = run(applicant)
    step1 = [s for s in case.kind("exam") if s["exam"] == "step1"]
    step2 = [s for s in case.kind("exam") if s["exam"] == "step2_ck"]
    if step1 and step2:
        assert start(step2[0]) > end(step1[0]), excerpt(case)


def visa_wait(case) -> int:
    """`visa_wait_months` counts for `b1b2` and `other` (plan-rules' New inputs)."""
    return case.data["visa_wait_months"] if case.data["visa"] in ("b1b2", "other") else 0


@RULE
@given(applicants())
def test_p4_arrange_us_time_right_before_in_us_step(applicant):
    """P4. `arrange_us_time` ends the month before the first `in_us` step it prepares;
    a research post already held needs none, observing at its own institution 1
    month (v4), and a visa interview `visa_wait_months` away at least that and a
    month more (v4)."""
    case = run(applicant)
    in_us = [s for s in case.steps if s["in_us"] and s not in case.post]
    arrange = case.kind("arrange_us_time")
    for step in arrange:
        assert any(start(s) == end(step) + 1 for s in in_us), excerpt(case)
        if case.data["in_us_research_post"]:
            assert span(step) == 1, excerpt(case)
        else:
            # v4: 3 months (places fill 3-6 months ahead), longer with a visa wait.
            assert span(step) >= max(3, visa_wait(case) + 1), excerpt(case)
    if in_us:
        first = min(start(s) for s in in_us)
        assert any(end(step) == first - 1 for step in arrange), excerpt(case)


@RULE
@given(applicants(step1_passed=st.booleans(), step2_ck=st.none() | st.integers(180, 240)))
def test_p4_chain_arrange_and_usce_follow_exams(applicant):
    """P4. Chain: exams, then the `usce` steps, each starting after the previous one
    ends; rotations do not overlap. (v4: `arrange_us_time` may overlap the exams.)"""
    case = run(applicant)
    exams_end = max((end(s) for s in case.kind("exam") if not is_step3(s)), default=case.as_of - 1)
    for step in case.kind("usce"):
        assert start(step) > exams_end, excerpt(case)
    usce = case.kind("usce")
    for before, after in pairwise(usce):
        assert start(after) > end(before), excerpt(case)


@RULE
@given(applicants(**RESEARCH_SHORT))
def test_p4_needed_research_starts_six_months_before_application(applicant):
    """P4. Needed research follows the rotations and starts at least 6 months
    before `A` (so that there is output to show)."""
    case = run(applicant)
    if not case.exp.needed_research or case.exp.stacked_research:
        return
    last_usce = max((end(s) for s in case.kind("usce")), default=case.as_of - 1)
    exams_end = max((end(s) for s in case.kind("exam") if not is_step3(s)), default=case.as_of - 1)
    for step in case.research_blocks():
        assert start(step) > max(last_usce, exams_end), excerpt(case)
        assert case.a - start(step) >= 6, excerpt(case)


@RULE
@given(
    applicants(
        months_available_in_us=st.integers(12, 60),
        budget=st.sampled_from(["moderate", "comfortable"]),
        **RESEARCH_SHORT,
    )
)
def test_p4_stacked_research_follows_usce_and_starts_before_application(applicant):
    """P4/P10. The stacked block starts after the last `usce` step and before `A`."""
    case = run(applicant)
    if not case.exp.stacked_research:
        return
    last_usce = max((end(s) for s in case.kind("usce")), default=case.as_of - 1)
    for step in case.research_blocks():
        assert last_usce < start(step) < case.a, excerpt(case)


@RULE
@given(
    applicants(
        visa=st.just("b1b2"), budget=st.sampled_from(["moderate", "comfortable"]), **RESEARCH_SHORT
    )
)
def test_p4_b1b2_needed_us_research_after_change_visa_from_as_of(applicant):
    """P4. For `b1b2` with needed research in the US, a `change_visa` step (2
    months) runs from `as_of` beside the exams, and the research starts after both end."""
    case = run(applicant)
    us_research = [s for s in case.kind("research") if s["in_us"]]
    if not (case.exp.needed_research and us_research):
        return
    visa = case.kind("change_visa")
    assert visa, excerpt(case)
    assert start(visa[0]) == case.as_of and span(visa[0]) == 2, excerpt(case)
    exams_end = max((end(s) for s in case.kind("exam") if not is_step3(s)), default=case.as_of - 1)
    for step in us_research:
        assert start(step) > max(end(visa[0]), exams_end), excerpt(case)


@RULE
@given(applicants())
def test_change_visa_takes_two_months(applicant):
    """Kind table: `change_visa`: 2 months."""
    case = run(applicant)
    for step in case.kind("change_visa"):
        assert span(step) == 2, step


@RULE
@given(applicants(target="null"))
def test_p4_target_leaves_room_for_the_chain(applicant):
    """P4. The target's `A` leaves room for the chain (exams ending 2 months
    before `A`, arranging, the fewest USCE weeks, needed research 6 months before
    `A`), judged with the facts of that Match (v4: stale USCE)."""
    case = run(applicant)
    low, _ = room_bounds(case.data, case.exp)
    assert case.a >= low, excerpt(case)


@RULE
@given(applicants(target="null"))
def test_p4_null_target_is_earliest_match_with_room(applicant):
    """P4. With `target_match` null, `target_match` is the earliest Match whose `A`
    leaves room for the chain, starting at `as_of`.
    (Reading: the engine may choose a US research post and its months of
    arranging, so the check allows the longest legitimate chain, no more; a post
    already held is left out.)"""
    case = run(applicant)
    _, high = room_bounds(case.data, case.exp)
    assert case.plan["moved_because"] is None, excerpt(case)
    if high is None:
        return
    latest_earliest = first_match_from(case.as_of, high)
    assert case.plan["target_match"] <= latest_earliest, excerpt(case)


@RULE
@given(applicants(target="valid"))
def test_p4_requested_match_kept_when_it_has_room(applicant):
    """P4. A requested Match that leaves room is kept; one that leaves none moves
    to the earliest one that does (never earlier than requested). (v4: each
    Match judged with its own facts: the low end with the requested Match's.)"""
    case = run(applicant)
    requested = case.data["target_match"]
    target = case.plan["target_match"]
    low, _ = room_bounds(case.data, expect(case.data, case.weighting, requested))
    _, high = room_bounds(case.data, case.exp)
    assert target >= requested, excerpt(case)
    if high is not None and application_month(requested) >= high:
        assert target == requested, excerpt(case)
    if application_month(requested) < low:
        assert target != requested, excerpt(case)
    if target != requested and high is not None:
        assert target <= first_match_from(case.as_of, high), excerpt(case)


@RULE
@given(applicants(target="valid"))
def test_p4_moved_because_iff_target_differs_from_requested(applicant):
    """P4. `moved_because` is non-null iff `target_match` differs from a requested
    one, and says why in the applicant's terms (naming when applications open)."""
    case = run(applicant)
    moved = case.plan["target_match"] != case.data["target_match"]
    because = case.plan["moved_because"]
    assert (because is not None) == moved, excerpt(case)
    if moved:
        requested_a = application_month(case.data["target_match"])
        assert str(requested_a // 12) in because, because


# --- P5 ---------------------------------------------------------------------------


@st.composite
def bad_targets(draw):
    data, weighting = draw(applicants(target="null"))
    as_of = month(data["as_of"])
    data["target_match"] = draw(st.sampled_from(invalid_targets(as_of)))
    return data, weighting


def assess_data(data, weighting):
    return assess(parse_profile(data), weighting, CALENDAR)


@RULE
@given(bad_targets())
def test_p5_closed_or_too_distant_target_is_an_input_error(applicant):
    """P5. A requested `target_match` whose `submit_from` month is before `as_of`,
    or more than 6 years after `as_of`'s year, is an input error naming the field."""
    data, weighting = applicant
    with pytest.raises(ProfileError) as raised:
        assess_data(data, weighting)
    assert "target_match" in raised.value.errors


@FOCUSED
@given(as_of_months, weightings)
def test_p5_boundaries_are_accepted(as_of, weighting):
    """P5. Applications opening this very month, and exactly 6 years ahead, are valid."""
    base = {
        "specialty": weighting.specialty,
        "years_since_graduation": 1,
        "as_of": month_text(as_of),
    }
    for year in (min(valid_targets(as_of)), as_of // 12 + 6):
        out = assess_data({**base, "target_match": year}, weighting).as_dict()
        assert out["plan"]["requested_match"] == year


# --- P6, P6a ------------------------------------------------------------------------


@RULE
@given(applicants())
def test_p6_no_unexplained_months(applicant):
    """P6. Every month from `as_of` to the month before `A` is covered by a step,
    and the first step starts at `as_of`."""
    case = run(applicant)
    assert start(case.steps[0]) == case.as_of, excerpt(case)
    covered = {m for step in case.steps for m in months_of(step)}
    gaps = [month_text(m) for m in range(case.as_of, case.a) if m not in covered]
    assert not gaps, (gaps, excerpt(case))


@RULE
@given(
    applicants(
        **RESEARCH_SHORT,
        weighting=seeded_weightings,
        usce_hands_on_weeks=st.integers(8, 30),
        us_clinical_letters=st.integers(2, 6),
    )
)
def test_p6_research_block_plan_has_research_step(applicant):
    """P6. A `research_block` plan has a `research` step unless P9 (tight budget)
    or P11 (b1b2 without a visa change) rule it out."""
    case = run(applicant)
    if case.out["priority"] != "research_block":
        return
    if case.data["budget"] == "tight" or case.data["visa"] == "b1b2":
        return
    if case.a == case.as_of:
        # Applications open this very month: a block would start in or after `A`,
        # which P2 rules out; a project is kept going instead.
        assert case.kind("small_project"), excerpt(case)
        return
    assert case.kind("research"), excerpt(case)


@RULE
@given(applicants(usce_hands_on_weeks=st.integers(8, 30), us_clinical_letters=st.integers(2, 6)))
def test_p6_balanced_plan_starts_with_small_project_or_stay_current(applicant):
    """P6. In a `balanced` plan the first step other than an `exam` or `ecfmg` is a
    `small_project` or `stay_current` step. (Reading, v4: a US research post held
    now, which P11 has stand in for `stay_current`, may be that step.)"""
    case = run(applicant)
    if case.out["priority"] != "balanced":
        return
    others = [s for s in case.steps if s["kind"] not in ("exam", "ecfmg")]
    assert others[0]["kind"] in ("small_project", "stay_current") or others[0] in case.post, (
        excerpt(case)
    )


@RULE
@given(applicants())
def test_p6a_last_usce_recent_when_programs_read_it(applicant):
    """P6a. The last `usce` step ends at most 12 months before `A` (6 with a
    recency gap, unless needed research follows it directly).
    (Reading: a P10 stacked block, which keeps clinical half-days, counts as
    research following directly.)"""
    case = run(applicant)
    usce = case.kind("usce")
    if not usce:
        return
    last = max(end(s) for s in usce)
    limit = 12
    follows = any(start(s) == last + 1 for s in case.kind("research"))
    research_counts = case.exp.needed_research or case.exp.stacked_research
    if case.exp.recency_gap:
        limit = 12 if follows and research_counts else 6
    if follows and research_counts and case.weighting.research_emphasis == "high":
        # v4 reading: that research starts 12 months before A (P4), and the rotations
        # lead straight into it, so the last one ends in the month before.
        limit = 13
    if case.post and end(case.post[0]) < case.a - limit:
        # P11 over P6a: observing happens inside a US research post held now, and the
        # months given for the post end too early for it to be recent.
        return
    assert case.a - last <= limit, excerpt(case)


@RULE
@given(applicants(target="valid", usce_hands_on_weeks=st.integers(0, 8)))
def test_p6a_clinical_steps_placed_late_when_months_spare(applicant):
    """P6a (v4). When the chain leaves spare months, the last rotation ends as close
    to June of `A`'s year as the rest allows; in July or August only when the chain
    leaves no way to end it by June, and its detail then says why and that letters may
    be added after applying. (Reading: with no research block to follow, the last
    rotation ends in June; one ending later started as early as the exams and the
    arranging allow.)"""
    case = run(applicant)
    usce = case.kind("usce")
    if not usce or case.kind("research"):
        return
    june = case.a // 12 * 12 + 5
    last = max(end(s) for s in usce)
    if last <= june:
        assert last == june, excerpt(case)
        return
    assert last < case.a, excerpt(case)
    exams_end = max((end(s) for s in case.kind("exam") if not is_step3(s)), default=case.as_of - 1)
    arranging = sum(span(s) for s in case.kind("arrange_us_time"))
    first = min(start(s) for s in usce)
    assert first == max(exams_end + 1, case.as_of + arranging), excerpt(case)
    late = [s for s in usce if end(s) > june]
    for step in late:
        assert "July" in step["detail"], step
        assert "after you apply" in step["detail"], step


@RULE
@given(applicants(years_since_graduation=st.integers(4, 12)))
def test_p6a_recency_gap_stays_current_from_as_of(applicant):
    """P6a. Every plan with a recency gap has a `stay_current` step starting at
    `as_of` (its detail says "resume clinical work" when not clinically active)."""
    case = run(applicant)
    if not case.exp.recency_gap or case.post:
        return  # P11 v4: a US research post held now stands in for `stay_current`
    current = [s for s in case.kind("stay_current") if start(s) == case.as_of]
    assert current, excerpt(case)
    if not case.data["clinically_active"]:
        assert any("resume clinical work" in s["detail"].lower() for s in current), current


# --- Time, money, visa --------------------------------------------------------------


@RULE
@given(applicants())
def test_p7_us_months_counts_distinct_in_us_months(applicant):
    """P7. `us_months` = the number of distinct calendar months covered by `in_us`
    steps (overlaps count once)."""
    case = run(applicant)
    months = {m for s in case.steps if s["in_us"] for m in months_of(s)}
    assert case.plan["us_months"] == len(months), excerpt(case)


@RULE
@given(applicants(months_available_in_us=st.integers(0, 14)))
def test_p7_us_months_within_months_available(applicant):
    """P7. `us_months` is at most `months_available_in_us`; with 0 months
    available, at most 2."""
    case = run(applicant)
    available = case.data["months_available_in_us"]
    assert case.plan["us_months"] <= (available or 2), excerpt(case)


@RULE
@given(applicants(months_available_in_us=st.just(0)))
def test_p7_zero_months_available_says_n_months_in_the_us(applicant):
    """P7. With 0 months available, a step's detail says "N months in the US"
    (N the months it asks for) and why."""
    case = run(applicant)
    n = case.plan["us_months"]
    if n == 0:
        return
    phrase = f"{n} month{'s' if n != 1 else ''} in the US"
    assert any(phrase in s["detail"] for s in case.steps), (phrase, excerpt(case))


@RULE
@given(applicants(usce_hands_on_weeks=st.integers(0, 12), us_clinical_letters=st.integers(0, 3)))
def test_p8_usce_weeks_at_least_need_unless_capped(applicant):
    """P8. The `usce` steps add up to at least *need* weeks, unless capped by time
    (4 x months available, or 8 weeks with 0 months) or money (P9)."""
    case = run(applicant)
    exp = case.exp
    assert case.usce_weeks >= min(exp.need, exp.usce_cap), excerpt(case)


@RULE
@given(applicants(usce_hands_on_weeks=st.integers(0, 12), months_available_in_us=st.integers(0, 3)))
def test_p8_capped_usce_says_what_stays_short(applicant):
    """P8. When capped, a text of the plan says what stays short."""
    case = run(applicant)
    if case.usce_weeks >= case.exp.need:
        return
    short = re.compile(r"\b(short|fewer|less than|below|not (yet )?reach|under)\b", re.I)
    assert any(short.search(t) for t in case.plan_texts()), excerpt(case)


@RULE
@given(applicants())
def test_p8_usce_weeks_at_most_need_plus_eight(applicant):
    """P8. They add up to at most *need* + 8 weeks, except when stacking (P10)."""
    case = run(applicant)
    if case.exp.can_stack:
        return
    assert case.usce_weeks <= case.exp.need + 8, excerpt(case)


@RULE
@given(applicants())
def test_usce_weeks_are_four_week_blocks(applicant):
    """Kind table / S3: `usce` carries `weeks`, a multiple of 4 (4-week blocks)
    that fit in the months the step spans."""
    case = run(applicant)
    for step in case.kind("usce"):
        assert step["weeks"] > 0 and step["weeks"] % 4 == 0, step
        assert step["weeks"] // 4 <= span(step), step


@RULE
@given(applicants(budget=st.just("tight")))
def test_p9_tight_budget_one_rotation_no_research(applicant):
    """P9. Budget `tight`: at most 8 planned USCE weeks, in one rotation, and no
    `research` step (v4: but a paid US research post held now is kept)."""
    case = run(applicant)
    assert len(case.kind("usce")) <= 1, excerpt(case)
    assert case.usce_weeks <= 8, excerpt(case)
    assert not case.research_blocks(), excerpt(case)


@RULE
@given(applicants(budget=st.just("tight"), **RESEARCH_SHORT))
def test_p9_tight_budget_says_how_research_could_be_added(applicant):
    """P9. When the priority is `research_and_usce` or `research_block`, the plan
    says how research could be added later (a paid post)."""
    case = run(applicant)
    if case.out["priority"] not in ("research_and_usce", "research_block") or case.post:
        return  # a paid US research post held now is the research (P11 v4)
    assert any(re.search(r"\bpaid\b", t, re.I) for t in case.plan_texts()), excerpt(case)


@RULE
@given(
    applicants(
        months_available_in_us=st.integers(12, 60),
        budget=st.sampled_from(["moderate", "comfortable"]),
    )
)
def test_p10_stacking_brings_usce_to_twelve_adding_at_most_24(applicant):
    """P10. Stacking: USCE first, bringing effective weeks to at least 12 and
    adding at most 24.
    (Spec conflict: P8 asks for at least *need*, which an admin target can push
    past 24; then the bound read here is *need*.)"""
    case = run(applicant)
    if not case.exp.can_stack:
        return
    assert case.exp.effective_weeks + case.usce_weeks >= 12, excerpt(case)
    assert case.usce_weeks <= max(24, case.exp.need), excerpt(case)


@RULE
@given(
    applicants(
        months_available_in_us=st.integers(12, 60),
        budget=st.sampled_from(["moderate", "comfortable"]),
        **RESEARCH_SHORT,
    )
)
def test_p10_stacked_research_block_keeps_clinical_half_days(applicant):
    """P10. Then, if research is short, a `research` block of 6-12 months that
    starts after the last `usce` step and whose detail keeps one or two clinical
    half-days a week."""
    case = run(applicant)
    if not case.exp.stacked_research:
        return
    if case.post:
        return  # the post is the plan's research (P11 v4)
    research = case.kind("research")
    assert research, excerpt(case)
    last_usce = max((end(s) for s in case.kind("usce")), default=case.as_of - 1)
    high = case.weighting.research_emphasis == "high"
    for step in research:
        # v4: in a specialty of high emphasis it starts 12 months before A (P4, P13).
        assert (12 <= step["months"] <= 13) if high else (6 <= step["months"] <= 12), step
        assert start(step) > last_usce, excerpt(case)
        assert re.search(r"half[- ]days?", step["detail"], re.I), step


B1B2_TEXT = re.compile(r"\bB-?1\b|\bB-?2\b|\bB1/B2\b")


@RULE
@given(applicants(visa=st.sampled_from(["citizen_or_resident", "j1", "h1b"])))
def test_p11_b1b2_text_only_for_b1b2_or_other_visas(applicant):
    """P11. Text about B1/B2 appears only for applicants whose visa is `b1b2` or `other`."""
    case = run(applicant)
    said = [t for t in case.texts() if B1B2_TEXT.search(t)]
    assert not said, said


@RULE
@given(applicants(visa=st.just("b1b2"), **RESEARCH_SHORT))
def test_p11_b1b2_us_research_only_after_change_visa(applicant):
    """P11. For `b1b2`, a `research` step in the US comes only after a
    `change_visa` step, or not at all."""
    case = run(applicant)
    for step in case.kind("research"):
        if step["in_us"]:
            assert any(end(v) < start(step) for v in case.kind("change_visa")), excerpt(case)


US_POST = re.compile(r"\bin the US\b|\bUS[- ](institution|based|post|hospital|university)", re.I)


@RULE
@given(applicants(**RESEARCH_SHORT))
def test_p11_research_step_says_where_the_post_is(applicant):
    """P11. A `research` step's detail says where the post is (in the US, or at home / remote)."""
    case = run(applicant)
    for step in case.kind("research"):
        if step["in_us"]:
            assert US_POST.search(step["detail"]), step
        else:
            assert re.search(r"\b(home|remote)", step["detail"], re.I), step


# --- Research -----------------------------------------------------------------------


def sentences(text: str) -> list[str]:
    return re.split(r"(?<=[.!?;:])\s+", text)


@RULE
@given(applicants())
def test_p12_research_target_never_called_enough(applicant):
    """P12. The research target is worded as what matched IMGs typically had,
    never as "enough"."""
    case = run(applicant)
    research = re.compile(r"\b(research|papers?|publications?|abstracts?|posters?|output)\b", re.I)
    bad = [
        s
        for t in case.texts()
        for s in sentences(t)
        if re.search(r"\benough\b", s, re.I) and research.search(s)
    ]
    assert not bad, bad


@RULE
@given(applicants(**RESEARCH_SHORT))
def test_p13_research_only_when_needed_optional_or_stacked(applicant):
    """P13. A `research` step is planned only for needed or optional research, or
    as P10's stacked block."""
    case = run(applicant)
    exp = case.exp
    if case.research_blocks():
        assert exp.needed_research or exp.optional_research or exp.stacked_research, excerpt(case)


@RULE
@given(
    applicants(
        **RESEARCH_SHORT,
        budget=st.sampled_from(["moderate", "comfortable"]),
        visa=st.sampled_from(["citizen_or_resident", "j1", "h1b", "other"]),
    )
)
def test_needed_research_is_planned(applicant):
    """Terms: needed research moves the target Match, so a plan that needs it has
    it. (Reading: "needed" means the plan contains the block; b1b2 is left out,
    as P11 may rule its research out.)"""
    case = run(applicant)
    if case.exp.needed_research:
        assert case.kind("research"), excerpt(case)


@RULE
@given(applicants(**RESEARCH_SHORT))
def test_p13_research_months(applicant):
    """P13. `months` is at least 12 for high emphasis (v4) and 6-12 otherwise
    (stacking: 6-12), and matches the months the step spans. (Reading: a block in a
    specialty of high emphasis, stacked or not, starts 12 months before `A` (P4 v4)
    and runs to `A`, so it spans 12 or 13 calendar months; optional research there
    stays 6-12.)"""
    case = run(applicant)
    for step in case.kind("research"):
        assert step["months"] == span(step), step
        if step in case.post:
            continue  # not subject to P13's lengths (P11 v4)
        high = case.weighting.research_emphasis == "high"
        if high and (case.exp.needed_research or case.exp.stacked_research):
            assert 12 <= step["months"] <= 13, step
        else:
            assert 6 <= step["months"] <= 12, step


@RULE
@given(applicants(**RESEARCH_SHORT))
def test_p13_research_block_runs_at_least_to_application(applicant):
    """P13. A block that starts before `A` runs at least to `A` (a post held now
    runs to the month before `A` or to the end of the months available: P11 v4)."""
    case = run(applicant)
    for step in case.research_blocks():
        if start(step) < case.a:
            assert end(step) >= case.a, step


@RULE
@given(applicants(**RESEARCH_SHORT))
def test_p13_research_detail_names_target_specialty(applicant):
    """P13. Its detail names the target specialty (for the transitional/preliminary
    year: "your advanced specialty")."""
    case = run(applicant)
    name = (
        "your advanced specialty"
        if case.weighting.specialty == TRANSITIONAL
        else case.weighting.name
    )
    for step in case.kind("research"):
        assert name.lower() in step["detail"].lower(), step


@RULE
@given(applicants(research_publications=st.integers(1, 40), research_abstracts=st.integers(0, 20)))
def test_p13_research_at_target_is_kept_going_not_started(applicant):
    """P13. With research at or above the target, research is kept going (a
    `small_project` step, or a step text that says to keep it going), not started."""
    case = run(applicant)
    if case.exp.research_short:
        return
    assert not case.research_blocks(), excerpt(case)
    keep = re.compile(
        r"\b(keep|continue|carry on)\w*\b[^.]*\b(research|publish\w*|papers?|projects?)", re.I
    )
    assert case.kind("small_project") or any(keep.search(t) for t in case.plan_texts()), excerpt(
        case
    )


@RULE
@given(applicants(years_since_graduation=st.integers(5, 30), **NO_USCE))
def test_p14_usce_urgent_plans_have_no_research(applicant):
    """P14. `usce_urgent` plans never contain a `research` step."""
    case = run(applicant)
    if case.out["priority"] == "usce_urgent":
        assert not case.research_blocks(), excerpt(case)  # a post held is kept (P11 v4)


@RULE
@given(applicants(years_since_graduation=st.integers(5, 30), target="valid", **NO_USCE))
def test_p14_usce_urgent_stays_current_between_usce_and_application(applicant):
    """P14. `usce_urgent` plans contain a `stay_current` step when more than 2
    months lie between the end of the last `usce` step and `A`.
    (Reading: the step covers some of those months.)"""
    case = run(applicant)
    usce = case.kind("usce")
    if case.out["priority"] != "usce_urgent" or not usce:
        return
    last = max(end(s) for s in usce)
    between = set(range(last + 1, case.a))
    if len(between) > 2:
        # P11 v4: a US research post held now stands in for `stay_current`.
        current = case.kind("stay_current") + case.post
        assert any(between & set(months_of(s)) for s in current), excerpt(case)


# --- Letters and exam -------------------------------------------------------------


@RULE
@given(applicants(us_clinical_letters=st.integers(0, 4)))
def test_p15_letters_step_iff_letters_short(applicant):
    """P15. A `letters` step appears iff the applicant has fewer US clinical letters
    than the specialty's target."""
    case = run(applicant)
    assert bool(case.kind("letters")) == (not case.exp.letters_enough), excerpt(case)


@RULE
@given(applicants(us_clinical_letters=st.integers(0, 3)))
def test_p15_letters_end_with_a_rotation_or_soon_after_as_of(applicant):
    """P15. It ends within the last month of a `usce` step or the month after it,
    or, with no `usce` step, within 2 months of `as_of`.
    (Reading: "within 2 months" = in `as_of` or the month after.)"""
    case = run(applicant)
    usce = case.kind("usce")
    for step in case.kind("letters"):
        if usce:
            assert any(end(step) in (end(u), end(u) + 1) for u in usce), excerpt(case)
        else:
            assert end(step) <= case.as_of + 1, excerpt(case)


@RULE
@given(applicants(usce_hands_on_weeks=st.integers(8, 30), us_clinical_letters=st.integers(0, 2)))
def test_p15_solid_usce_asks_past_supervisors_first(applicant):
    """P15. With solid USCE already, the `letters` step starts at `as_of`."""
    case = run(applicant)
    if case.exp.solid:
        for step in case.kind("letters"):
            assert start(step) == case.as_of, excerpt(case)


@RULE
@given(applicants(step1_passed=st.just(False)))
def test_p16_step1_not_passed_exam_at_as_of(applicant):
    """P16. `step1_passed` false: an `exam` step for Step 1 starting at `as_of`."""
    case = run(applicant)
    step1 = [s for s in case.kind("exam") if s.get("exam") == "step1"]
    assert len(step1) == 1 and start(step1[0]) == case.as_of, excerpt(case)


@RULE
@given(applicants(step1_passed=st.booleans(), step2_ck=st.none() | st.integers(150, 300)))
def test_p16_exam_steps_are_the_missing_or_failed_steps(applicant):
    """P16. An `exam` step for Step 1 when not passed, for Step 2 CK when null or
    below the pass mark, and for nothing else (a passed Step is not retaken);
    each takes 3 months."""
    case = run(applicant)
    planned = [s["exam"] for s in case.kind("exam") if not is_step3(s)]
    assert sorted(planned) == sorted(case.exp.exams), excerpt(case)
    for step in case.kind("exam"):
        if is_step3(step):
            # P18: before applying, with months for the FSMB's checks; else 3 months.
            assert 3 <= span(step) <= 6, step
        else:
            assert span(step) == 3, step


@RULE
@given(
    applicants(step1_passed=st.booleans(), step2_ck=st.integers(150, 217), step2_ck_taken=st.none())
)
def test_p16_failed_step2_retake_flag_and_reason(applicant):
    """P16. `step2_ck` below `step2_pass_mark`: flag `step2_below_pass`, an `exam`
    step (retake) starting at `as_of` (after Step 1 when that is missing), and a
    reason that ECFMG certification and most programs need a pass, that the
    failed attempt stays on the transcript, and that the attempt limit is 4."""
    case = run(applicant)
    assert "step2_below_pass" in case.out["flags"], excerpt(case)
    retake = [s for s in case.kind("exam") if s["exam"] == "step2_ck"]
    assert len(retake) == 1, excerpt(case)
    step1 = [s for s in case.kind("exam") if s["exam"] == "step1"]
    expected_start = end(step1[0]) + 1 if step1 else case.as_of
    assert start(retake[0]) == expected_start, excerpt(case)
    assert any(
        "ECFMG" in r["text"]
        and "transcript" in r["text"].lower()
        and re.search(r"\b(4|four)\b", r["text"])
        for r in case.out["reasons"]
    ), case.out["reasons"]
