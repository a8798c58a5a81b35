"""shared/spec/advice-rules.md (priority, flags, scenarios) and plan-rules.md's
S1-S4, checked black-box on `assess(...).as_dict()` for generated profiles."""

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from advisor.engine.content import PRIORITIES
from tests.advisor.profile_strategies import (
    EXAMPLES,
    PROFILE_FIELDS,
    applicants,
    as_of_months,
    month_text,
    run,
)

RULE = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])

PRIORITY_TABLE_RESEARCH = ("research_and_usce", "research_block")


def expected_flags(case) -> set[str]:
    """The flag table of advice-rules.md (v4), read independently of the engine; the
    facts that depend on the application month are judged at the plan's `A`."""
    data, weighting, exp = case.data, case.weighting, case.exp
    output = data["research_publications"] + data["research_abstracts"]
    step2 = data["step2_ck"]
    passes = exp.step2_passed
    raised = {
        "recency_gap": exp.recency_gap,
        "observership_weak": data["usce_observership_weeks"] > 0
        and data["usce_hands_on_weeks"] == 0,
        "online_not_counted": data["usce_online_weeks"] > 0,
        "budget_tight": data["budget"] == "tight",
        "visa_limits_research": data["visa"] == "b1b2"
        and exp.priority in ("research_block", "research_and_usce", "balanced"),
        "can_stack": exp.can_stack,
        "research_off_specialty": output > 0 and not data["research_in_target_specialty"],
        "step2_below_pass": step2 is not None and not passes,
        "step2_below_median": passes
        and weighting.step2_median is not None
        and step2 < weighting.step2_median,
        "yog_cutoff_risk": exp.years_out >= 5,
        "usce_stale": exp.stale,
        "exam_failures": data["exam_failures"] > 0 or (step2 is not None and not passes),
        "observe_only": exp.observe_only and bool(case.kind("usce")),
        "j1_home_rule": data["visa"] == "j1",
        "competitive_for_imgs": weighting.img_match_rate is not None
        and weighting.img_match_rate < 35,
    }
    return {flag for flag, on in raised.items() if on}


# --- Priority -------------------------------------------------------------------


@RULE
@given(applicants())
def test_priority_is_the_first_rule_that_applies(applicant):
    """Priority table: usce_urgent, usce_first, research_and_usce, usce_letters,
    research_block, balanced; the first rule that applies."""
    case = run(applicant)
    assert case.out["priority"] == case.exp.priority, case.data


@RULE
@given(applicants(usce_hands_on_weeks=st.integers(4, 30), research_publications=st.integers(0, 30)))
def test_research_priorities_only_when_research_short(applicant):
    """research short: publications + abstracts (halved when not mostly in the target
    specialty) below `research_target`; an applicant who already has the research a
    specialty expects is not told to start a research block."""
    case = run(applicant)
    if case.out["priority"] in PRIORITY_TABLE_RESEARCH:
        assert case.exp.research_short, case.data


@RULE
@given(
    applicants(target="null"),
    as_of_months,
    st.fixed_dictionaries(
        {
            name: PROFILE_FIELDS[name]
            for name in (
                "step2_ck",
                "step1_passed",
                "home_clinical_years",
                "budget",
                "visa",
                "months_available_in_us",
                "oet_passed",
                "pathway_met",
            )
        }
    ),
)
def test_priority_ignores_exam_home_experience_budget_visa_and_time(applicant, as_of, changes):
    """Exam score, home-country experience, budget, visa and time never change the priority.
    (Spec tension, v4: visa now decides *hands-on allowed*, hence an observe-only
    graduate's solid USCE, and time and the exams move `A`, hence stale USCE; the
    check reads "never change it except through those v4 facts".)"""
    data, weighting = applicant
    changed = {**data, **changes, "as_of": month_text(as_of)}
    if changes["visa"] == "b1b2":
        changed["in_us_research_post"] = False  # refused with b1b2
    if changes["step2_ck"] is None or (changed["step2_ck_taken"] or "") > changed["as_of"]:
        changed["step2_ck_taken"] = None
    last, graduated = changed["usce_last_year"], as_of // 12 - data["years_since_graduation"]
    if last is not None and not graduated - 2 <= last <= as_of // 12:
        changed["usce_last_year"] = None
    before, after = run((data, weighting)), run((changed, weighting))
    if before.exp.priority == after.exp.priority:
        assert before.out["priority"] == after.out["priority"], (data, changed)


# --- Flags ------------------------------------------------------------------------


@RULE
@given(applicants())
def test_flags_are_exactly_those_that_apply(applicant):
    """Flags: all that apply, any order, and no others."""
    case = run(applicant)
    assert set(case.out["flags"]) == expected_flags(case), case.data
    assert len(case.out["flags"]) == len(set(case.out["flags"]))


@RULE
@given(applicants(budget=st.just("tight"), months_available_in_us=st.integers(12, 60)))
def test_can_stack_never_on_tight_budget(applicant):
    """P9 / flag table: `can_stack` is never raised on a tight budget."""
    case = run(applicant)
    assert "can_stack" not in case.out["flags"], case.data


@RULE
@given(
    applicants(months_available_in_us=st.integers(10, 14), usce_hands_on_weeks=st.integers(0, 12))
)
def test_can_stack_flag(applicant):
    """can_stack: months available >= 12, visa not b1b2, budget not tight, and
    priority usce_first, usce_letters or research_and_usce."""
    case = run(applicant)
    assert ("can_stack" in case.out["flags"]) == case.exp.can_stack, case.data


@RULE
@given(applicants(step2_ck=st.integers(200, 235)))
def test_step2_below_pass_flag(applicant):
    """step2_below_pass: `step2_ck` is below the Step 2 CK passing score (v4: the one
    in force in the month `step2_ck_taken`, `as_of` when null: 209 from 2018-07, 214
    from 2022-07, 218 from 2025-07)."""
    case = run(applicant)
    below = not case.exp.step2_passed
    assert ("step2_below_pass" in case.out["flags"]) == below, case.data


@RULE
@given(applicants(step2_ck=st.none() | st.integers(210, 270)))
def test_step2_below_median_flag(applicant):
    """step2_below_median: `step2_ck` passes but is below the specialty's
    `step2_median` (may be empty)."""
    case = run(applicant)
    step2, median = case.data["step2_ck"], case.weighting.step2_median
    expected = case.exp.step2_passed and median is not None and step2 < median
    assert ("step2_below_median" in case.out["flags"]) == expected, case.data


@RULE
@given(applicants(years_since_graduation=st.integers(0, 7), step1_passed=st.booleans()))
def test_yog_cutoff_risk_flag(applicant):
    """yog_cutoff_risk: years past graduation at application (v4: the application
    month's year - graduation year, graduation year = `as_of`'s year - YOG; a
    student's is 0) is 5 or more."""
    case = run(applicant)
    at_application = case.exp.years_out
    assert ("yog_cutoff_risk" in case.out["flags"]) == (at_application >= 5), (
        case.data,
        case.plan["target_match"],
    )


@RULE
@given(applicants())
def test_competitive_for_imgs_flag(applicant):
    """competitive_for_imgs: the specialty's `img_match_rate` (may be empty) is below 35%."""
    case = run(applicant)
    rate = case.weighting.img_match_rate
    expected = rate is not None and rate < 35
    assert ("competitive_for_imgs" in case.out["flags"]) == expected, case.weighting


# --- Scenarios --------------------------------------------------------------------


def expected_scenario(case) -> str | None:
    exp, data = case.exp, case.data
    if not exp.meaningful and data["years_since_graduation"] <= 2:
        return "fresh-grad-no-usce"
    if exp.priority == "usce_urgent":
        return "long-gap-no-usce"
    if exp.clinical_file_done and data["career_goal"] == "academic":
        return "usce-done-academic"
    return None


@RULE
@given(applicants())
def test_scenario(applicant):
    """Scenario: fresh-grad-no-usce (no meaningful USCE, YOG <= 2), long-gap-no-usce
    (usce_urgent), usce-done-academic (solid USCE, letters enough, academic), else null."""
    case = run(applicant)
    assert case.out["scenario"] == expected_scenario(case), case.data


@RULE
@given(applicants())
def test_nearest_scenario(applicant):
    """nearest_scenario (always set): the scenario when one applies; else, without
    solid USCE and letters, long-gap-no-usce with a recency gap or YOG >= 4,
    otherwise fresh-grad-no-usce; else usce-done-academic.
    (Reading: "without solid USCE and letters" = the clinical file is not done.)"""
    case = run(applicant)
    scenario = expected_scenario(case)
    if scenario:
        expected = scenario
    elif not case.exp.clinical_file_done:
        gap = case.exp.recency_gap or case.data["years_since_graduation"] >= 4
        expected = "long-gap-no-usce" if gap else "fresh-grad-no-usce"
    else:
        expected = "usce-done-academic"
    assert case.out["nearest_scenario"] == expected, case.data


# --- S1, S2: scores agree with the plan ------------------------------------------------


@RULE
@given(
    applicants(usce_hands_on_weeks=st.integers(0, 3), usce_observership_weeks=st.integers(0, 520))
)
def test_s1_observerships_alone_never_complete_the_clinical_file(applicant):
    """S1. Solid USCE needs at least 4 hands-on weeks: observerships alone never
    complete the clinical file of someone who may do hands-on work (v4: an
    observe-only graduate's is complete at 12 weeks); the `usce` score stays at most
    50 without hands-on weeks."""
    case = run(applicant)
    if case.exp.hands_on_allowed:
        assert case.out["priority"] not in ("research_block", "balanced"), case.data
    if case.data["usce_hands_on_weeks"] == 0:
        assert case.out["scores"]["usce"] <= 50, case.out["scores"]


def readiness_cap(case) -> int:
    cap = 100
    flags = expected_flags(case)
    if not case.exp.meaningful:
        cap = min(cap, 40)
    if not case.exp.clinical_file_done or flags & {
        "step2_below_median",
        "yog_cutoff_risk",
        "competitive_for_imgs",
    }:
        cap = min(cap, 70)
    if "step2_below_pass" in flags or not case.data["step1_passed"]:  # v4: by its month
        cap = min(cap, 30)
    return cap


@RULE
@given(applicants())
def test_s2_readiness_caps(applicant):
    """S2. Readiness at most 40 without meaningful USCE; at most 70 while the clinical
    file is not done or with step2_below_median, yog_cutoff_risk or
    competitive_for_imgs; at most 30 with Step 2 CK below the pass mark or Step 1
    not passed."""
    case = run(applicant)
    cap = readiness_cap(case)
    assert case.out["scores"]["readiness"] <= cap, (cap, case.out["scores"], case.data)


@RULE
@given(applicants(step2_ck=st.none()))
def test_s2_missing_step2_left_out_of_readiness_and_said(applicant):
    """S2. A missing Step 2 CK is left out of the weighted mean, not counted as 0,
    and the page says the score excludes it.
    (Reading: readiness is the weighted mean of the four shown parts, then capped.)"""
    case = run(applicant)
    scores, w = case.out["scores"], case.weighting
    parts = {
        "usce": w.weight_usce,
        "letters": w.weight_letters,
        "research": w.weight_research,
        "recency": w.weight_recency,
    }
    mean = sum(scores[p] * weight for p, weight in parts.items()) / sum(parts.values())
    expected = min(readiness_cap(case), mean)
    assert abs(scores["readiness"] - expected) <= 1, (expected, scores, case.data)
    note = case.out["scores_note"]
    assert note and "Step 2" in note, note


# --- S3, S4: wording ------------------------------------------------------------------

NOUN = r"(?:month|week|letter|paper|publication|abstract|poster|rotation|year|attempt|block)"
ADJ = r"(?:(?:more|extra|additional|strong|US|clinical|hands-on|new|research|further) )*"
ONE_PLURAL = re.compile(rf"(?<![\d.,/-])(?<!Step )\b1 {ADJ}{NOUN}s\b")
MANY_SINGULAR = re.compile(
    rf"(?<![\d.,/-])(?<!Step )\b(?:0|[2-9]|\d{{2,}}) {ADJ}{NOUN}\b(?![-\w])"
    r"(?=\s*(?:[.,;:)]|$|(?:of|in|and|or|before|after|ago)\b))"
)
RANGE = re.compile(
    r"(?<![\d-])(\d+)\s*[-\u2013]\s*(\d+)(?=[ -](?:more )?(?:weeks?|months?|letters?|papers?|"
    r"publications?|years?)\b)"
)
N_WEEK = re.compile(r"\b(\d+)-week\b(?!\s+(?:observership|online))")


@RULE
@given(applicants())
def test_s3_numbers_and_nouns_agree(applicant):
    """S3. Numbers and nouns agree ("1 month", "1 letter", "1 paper")."""
    case = run(applicant)
    bad = [t for t in case.texts() if ONE_PLURAL.search(t) or MANY_SINGULAR.search(t)]
    assert not bad, bad


@RULE
@given(applicants())
def test_s3_ranges_never_empty_or_reversed(applicant):
    """S3. A range is never empty or reversed ("12-12 weeks", "16-12 weeks"):
    ranges come from the admin's values."""
    case = run(applicant)
    bad = [
        found.group(0)
        for t in case.texts()
        for found in RANGE.finditer(t)
        if int(found[1]) >= int(found[2])
    ]
    assert not bad, (bad, case.weighting)


@RULE
@given(applicants())
def test_s3_rotation_lengths_are_four_week_blocks(applicant):
    """S3. Rotation lengths are 4-week blocks (no "a 7-week rotation").
    (Reading: an "N-week" that repeats the applicant's own answer may describe it.)"""
    case = run(applicant)
    own = {
        case.data["usce_hands_on_weeks"],
        case.data["usce_observership_weeks"],
        case.data["usce_online_weeks"],
    }
    bad = [
        found.group(0)
        for t in case.texts()
        for found in N_WEEK.finditer(t)
        if int(found[1]) % 4 and int(found[1]) not in own
    ]
    assert not bad, (bad, case.weighting)


def site_texts(case) -> list[str]:
    """What the result page says beside the assessment's own texts: the priority's
    headline and summary (profiles/result_page.py shows them for every result)."""
    shown = PRIORITIES[case.out["priority"]]
    return [*case.texts(), shown.headline, shown.summary]


RESEARCH_LEADS = re.compile(
    r"research (?:can|could|may|should) (?:lead|come first|go first)|lead with research|"
    r"start with research",
    re.I,
)


def starts_clinical(case) -> bool:
    usce = case.kind("usce")
    research = case.kind("research")
    if not usce:
        return False
    return not research or min(u["start"] for u in usce) <= min(r["start"] for r in research)


@RULE
@given(applicants(**{"usce_hands_on_weeks": st.integers(0, 12)}))
def test_s4_no_research_can_lead_when_plan_starts_clinical(applicant):
    """S4. No "research can lead" when the plan starts clinical."""
    case = run(applicant)
    if starts_clinical(case):
        bad = [t for t in site_texts(case) if RESEARCH_LEADS.search(t)]
        assert not bad, bad


STILL_NEED = re.compile(
    r"still need|need (?:\w+ ){0,3}more|(?:ask for|get|secure) (?:\d+|one|two|three) more",
    re.I,
)


@RULE
@given(applicants(us_clinical_letters=st.integers(0, 6), usce_hands_on_weeks=st.integers(0, 16)))
def test_s4_no_you_still_need_letters_at_target(applicant):
    """S4. No "you still need letters" at or above the target."""
    case = run(applicant)
    if not case.exp.letters_enough:
        return
    bad = [
        s
        for t in site_texts(case)
        for s in re.split(r"(?<=[.!?;])\s+", t)
        if re.search(r"\bletters?\b", s, re.I) and STILL_NEED.search(s)
    ]
    assert not bad, bad


STACKING = re.compile(r"half[- ]days?|\bstack", re.I)


@RULE
@given(applicants(months_available_in_us=st.integers(0, 30)))
def test_s4_no_stacking_promised_that_the_plan_lacks(applicant):
    """S4. No stacking promised that the plan lacks: talk of stacking or clinical
    half-days only with a `research` step in the plan."""
    case = run(applicant)
    if case.kind("research"):
        return
    bad = [t for t in site_texts(case) if STACKING.search(t)]
    assert not bad, (bad, case.out["flags"])


LATER_MATCH = re.compile(r"later Match", re.I)


@RULE
@given(
    applicants(
        research_publications=st.integers(0, 3),
        research_abstracts=st.just(0),
        usce_hands_on_weeks=st.integers(0, 12),
    )
)
def test_s4_a_later_match_offered_for_research_has_it(applicant):
    """S4. Nothing the site says contradicts the plan: a note that sends the applicant
    to a later Match to see a research year first is kept by that Match's plan.
    (Reading: the next Match year, when P5 accepts it, must hold a research step.)"""
    case = run(applicant)
    if not any(LATER_MATCH.search(note) for note in case.plan["notes"]):
        return
    later = case.plan["target_match"] + 1
    if later - case.as_of // 12 > 6:
        return
    then = run(({**case.data, "target_match": later}, case.weighting))
    assert then.kind("research"), (case.plan["notes"], excerpt_steps(then))


def excerpt_steps(case) -> list[str]:
    return [f"{s['kind']} {s['start']}..{s['end']}" for s in case.steps]
