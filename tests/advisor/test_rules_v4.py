"""What version 4 of the rules adds for the applicant's answers and status (issue 20),
checked black-box on `assess(...).as_dict()` for generated profiles: the refused
combinations, the flags `usce_stale`, `exam_failures`, `observe_only` and
`j1_home_rule`, Step 2 CK judged by the mark of its month (P16), the `usce`
step's `setting` (P11), a US research post held now (P11, P7), words that follow
status (S5), fresh letters for stale USCE (P15), the research score and the
headline. Expectations come from `profile_strategies.expect`.
"""

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from advisor.engine.applicant import ProfileError, parse_profile
from tests.advisor.profile_strategies import (
    EXAMPLES,
    applicants,
    end,
    month,
    month_text,
    run,
    start,
)

RULE = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FOCUSED = settings(
    max_examples=max(10, EXAMPLES // 2), deadline=None, suppress_health_check=[HealthCheck.too_slow]
)

SOME_USCE = {
    "usce_hands_on_weeks": st.integers(0, 16),
    "usce_observership_weeks": st.integers(1, 16),
}
NEAR_PASS_MARKS = {"step2_ck": st.integers(209, 222)}
GRADUATE_VISAS = st.sampled_from(["citizen_or_resident", "b1b2", "j1", "h1b", "other"])
POST = {
    "visa": st.sampled_from(["j1", "h1b"]),
    "in_us_research_post": st.just(True),
    "student": st.just(False),
    "months_available_in_us": st.integers(1, 60),
}


def excerpt(case) -> dict:
    return {
        "input": case.data,
        "flags": case.out["flags"],
        "headline": case.out.get("headline"),
        "steps": [
            {k: s.get(k) for k in ("kind", "start", "end", "in_us", "weeks", "setting", "exam")}
            for s in case.steps
        ],
    }


# --- Inputs: combinations that cannot be true are refused ----------------------------


@st.composite
def impossible_profiles(draw):
    """A valid profile made impossible by one v4 pair (advice-rules.md, Inputs), and
    the pair's fields: the error must name one of them."""
    data, weighting = draw(applicants())
    data = dict(data)
    as_of = month(data["as_of"])
    this_year = as_of // 12
    kind = draw(st.sampled_from(["student", "last_late", "last_early", "taken_late", "post"]))
    if kind == "student":
        data.update(student=True, years_since_graduation=draw(st.integers(1, 60)))
        return data, weighting, {"student", "years_since_graduation"}
    if kind == "post":
        data.update(in_us_research_post=True, visa="b1b2")
        return data, weighting, {"in_us_research_post", "visa"}
    if kind == "taken_late":
        taken = draw(st.integers(as_of + 1, month("2100-12")))
        data.update(step2_ck=draw(st.integers(1, 300)), step2_ck_taken=month_text(taken))
        return data, weighting, {"step2_ck_taken", "as_of", "step2_ck"}
    if data["usce_hands_on_weeks"] + data["usce_observership_weeks"] == 0:
        data["usce_observership_weeks"] = draw(st.integers(1, 520))
    if kind == "last_late":
        data["usce_last_year"] = draw(st.integers(this_year + 1, 2100))
        return data, weighting, {"usce_last_year", "as_of"}
    graduated = this_year - data["years_since_graduation"]
    data["usce_last_year"] = draw(st.integers(1960, graduated - 3))
    return data, weighting, {"usce_last_year", "years_since_graduation", "student"}


@RULE
@given(impossible_profiles())
def test_impossible_combinations_refused_naming_a_field_of_the_pair(impossible):
    """Inputs (v4). `student` with YOG above 0; `usce_last_year` after `as_of`'s year
    or before the graduation year minus 2; `step2_ck_taken` after `as_of`;
    `in_us_research_post` with visa `b1b2`: an error naming either field of the pair."""
    data, _, pair = impossible
    with pytest.raises(ProfileError) as refused:
        parse_profile(data)
    assert set(refused.value.errors) & pair, (refused.value.errors, pair)


@FOCUSED
@given(
    applicants(
        usce_hands_on_weeks=st.just(0),
        usce_observership_weeks=st.just(0),
        usce_last_year=st.integers(1960, 2100),
        step2_ck=st.none(),
        step2_ck_taken=st.integers(month("2000-01"), month("2100-12")).map(month_text),
    )
)
def test_qualifiers_without_the_thing_qualified_are_ignored(applicant):
    """Inputs (v4). `usce_last_year` without any USCE weeks, and `step2_ck_taken`
    without a score, are ignored, not refused."""
    case = run(applicant)
    assert "usce_stale" not in case.out["flags"], excerpt(case)


# --- Flags (v4) -----------------------------------------------------------------------


def has_flag(case, flag: str) -> bool:
    return flag in case.out["flags"]


@RULE
@given(applicants(**SOME_USCE))
def test_usce_stale_flag(applicant):
    """usce_stale: some USCE, and the application month's year - `usce_last_year`
    (null: `as_of`'s year) >= 2."""
    case = run(applicant)
    assert has_flag(case, "usce_stale") == case.exp.stale, excerpt(case)


@RULE
@given(applicants(**NEAR_PASS_MARKS))
def test_exam_failures_flag(applicant):
    """exam_failures: `exam_failures` > 0, or a Step 2 CK score given and not passed."""
    case = run(applicant)
    expected = case.data["exam_failures"] > 0 or not case.exp.step2_passed
    assert has_flag(case, "exam_failures") == expected, excerpt(case)


@RULE
@given(applicants(usce_hands_on_weeks=st.integers(0, 8), visa=GRADUATE_VISAS))
def test_observe_only_flag(applicant):
    """observe_only: an observe-only graduate (not a student, visa not
    citizen_or_resident) whose plan has US clinical time."""
    case = run(applicant)
    expected = case.exp.observe_only and bool(case.kind("usce"))
    assert has_flag(case, "observe_only") == expected, excerpt(case)


@RULE
@given(applicants())
def test_j1_home_rule_flag(applicant):
    """j1_home_rule: visa `j1`."""
    case = run(applicant)
    assert has_flag(case, "j1_home_rule") == (case.data["visa"] == "j1"), excerpt(case)


@FOCUSED
@given(applicants(student=st.just(True), years_since_graduation=st.just(0), target="valid"))
def test_student_never_past_the_yog_cutoff(applicant):
    """yog_cutoff_risk (v4): a student's years past graduation at application are 0."""
    case = run(applicant)
    assert not has_flag(case, "yog_cutoff_risk"), excerpt(case)


# --- P16: Step 2 CK by the mark of its month; retakes ----------------------------------


@RULE
@given(applicants(**NEAR_PASS_MARKS))
def test_p16_step2_judged_by_the_mark_of_its_month(applicant):
    """P16 (v4). "Below" means not passed by the mark in force in the month
    `step2_ck_taken`; a passed Step is never retaken; `step2_below_pass` iff not passed."""
    case = run(applicant)
    step2 = [s for s in case.kind("exam") if s.get("exam") == "step2_ck"]
    assert bool(step2) == (not case.exp.step2_passed), excerpt(case)
    assert has_flag(case, "step2_below_pass") == (not case.exp.step2_passed), excerpt(case)


@RULE
@given(applicants(step2_ck=st.integers(150, 222)))
def test_p16_retake_gives_the_waiting_rules(applicant):
    """P16 (v4). A retake step's detail gives the waiting rules (at most 3 attempts
    at a Step in 12 months; a 4th at least 12 months after the first and 6 after
    the last)."""
    case = run(applicant)
    if case.exp.step2_passed:
        return
    for step in [s for s in case.kind("exam") if s.get("exam") == "step2_ck"]:
        assert re.search(r"\b(12|twelve) months\b", step["detail"]), step["detail"]
        assert re.search(r"\b(3|three) (attempts|times|tries)\b", step["detail"]), step["detail"]


END_OF_ATTEMPTS = re.compile(
    r"\b(end of (your )?attempts|no (more|further) attempts|last attempt|final attempt|"
    r"attempt limit|limit of (4|four)|(4|four) attempts|fourth attempt|4th attempt)",
    re.I,
)


@RULE
@given(applicants(step2_ck=st.integers(150, 222), exam_failures=st.integers(2, 8)))
def test_p16_retake_after_two_failures_warns(applicant):
    """P16 (v4). With `exam_failures` >= 2 the retake step warns that the next failure
    means a 12-month wait or the end of attempts."""
    case = run(applicant)
    if case.exp.step2_passed:
        return
    for step in [s for s in case.kind("exam") if s.get("exam") == "step2_ck"]:
        detail = step["detail"]
        assert re.search(r"\bfail", detail, re.I), detail
        assert re.search(r"\b(12|twelve)[- ]months?\b", detail), detail
        assert END_OF_ATTEMPTS.search(detail), detail


# --- P11: the setting of US clinical time ---------------------------------------------


@RULE
@given(applicants(usce_hands_on_weeks=st.integers(0, 8)))
def test_p11_usce_setting_follows_hands_on_allowed(applicant):
    """P11 (v4). `setting`: `clerkship` for students, `own_institution` with
    `in_us_research_post`, `externship` for graduates who may do hands-on work
    (citizen_or_resident), else `observership`."""
    case = run(applicant)
    for step in case.kind("usce"):
        assert step.get("setting") == case.exp.setting, excerpt(case)


VISITOR_VISA = re.compile(r"visitor visa", re.I)
PATIENT_CARE = re.compile(r"patient care", re.I)


@RULE
@given(applicants(visa=st.sampled_from(["b1b2", "other"]), student=st.just(False)))
def test_p11_observership_says_a_visitor_visa_does_not_cover_patient_care(applicant):
    """P11 (v4). An observe-only graduate's `observership` step says that a visitor
    visa does not cover patient care for a graduate."""
    case = run(applicant)
    for step in case.kind("usce"):
        detail = step["detail"]
        assert VISITOR_VISA.search(detail) and PATIENT_CARE.search(detail), excerpt(case)


# --- P11, P7: a US research post held now -------------------------------------------------


@RULE
@given(applicants(**POST))
def test_p11_research_post_kept_from_as_of_in_the_us(applicant):
    """P11 (v4). With `in_us_research_post` the post is the plan's research: a
    `research` step from `as_of`, in the US, running to the month before `A` or to
    the last of `months_available_in_us`."""
    case = run(applicant)
    if case.a == case.as_of:
        return  # applications open this month: no month before `A` to run in
    assert case.post, excerpt(case)
    last = min(case.a - 1, case.as_of + case.data["months_available_in_us"] - 1)
    assert end(case.post[0]) == last, excerpt(case)


AT_HOME = re.compile(r"\bat home\b", re.I)


@RULE
@given(applicants(**POST))
def test_s5_research_post_no_step_says_at_home(applicant):
    """S5 / P11 (v4). With `in_us_research_post`, no step says "at home" (nor sends
    them home for clinical work while the post runs)."""
    case = run(applicant)
    said = [t for s in case.steps for t in (s["title"], s["detail"]) if AT_HOME.search(t)]
    assert not said, (said, excerpt(case))


@RULE
@given(applicants(**POST, years_since_graduation=st.integers(0, 10)))
def test_p11_no_stay_current_beside_the_post(applicant):
    """P11 (v4). `stay_current` is not planned beside the post."""
    case = run(applicant)
    for post in case.post:
        for step in case.kind("stay_current"):
            assert end(step) < start(post) or start(step) > end(post), excerpt(case)


@RULE
@given(applicants(**{**POST, "months_available_in_us": st.integers(0, 14)}))
def test_p7_us_months_within_months_available_with_a_post(applicant):
    """P7. `us_months` is at most `months_available_in_us` (at most 2 with 0), a post
    held now included: it runs for the months available."""
    case = run(applicant)
    available = case.data["months_available_in_us"]
    assert case.plan["us_months"] <= (available or 2), excerpt(case)


# --- S5: words follow status ---------------------------------------------------------------

STUDENT_WORDS = re.compile(r"clerkship|sub-?internship", re.I)
HANDS_ON_ROTATION = re.compile(r"hands-on rotation", re.I)


@RULE
@given(applicants())
def test_s5_clerkship_words_only_for_students(applicant):
    """S5 (v4). "clerkship" and "sub-internship" only for students."""
    case = run(applicant)
    if case.data["student"]:
        return
    said = [t for t in case.texts() if STUDENT_WORDS.search(t)]
    assert not said, (said, excerpt(case))


@RULE
@given(applicants(visa=st.sampled_from(["b1b2", "other"]), student=st.just(False)))
def test_s5_visitor_visa_graduates_never_told_hands_on_rotations(applicant):
    """S5 (v4). For a graduate on `b1b2` or `other`, no text says "hands-on rotation"."""
    case = run(applicant)
    said = [t for t in case.texts() if HANDS_ON_ROTATION.search(t)]
    assert not said, (said, excerpt(case))


# --- P15: stale USCE asks for a fresh letter --------------------------------------------------


@RULE
@given(applicants(**SOME_USCE, us_clinical_letters=st.integers(0, 6), target="valid"))
def test_p15_stale_usce_has_a_letters_step(applicant):
    """P15 (v4). With `usce_stale`, a `letters` step (asking for at least 1 fresh
    letter from the new rotation)."""
    case = run(applicant)
    if case.exp.stale:
        assert case.kind("letters"), excerpt(case)


# --- Scores and headline -------------------------------------------------------------------


@RULE
@given(applicants(research_publications=st.integers(0, 25), research_abstracts=st.integers(0, 5)))
def test_research_score_below_100_while_research_short(applicant):
    """Scores (v4). The `research` score reaches 100 only at or above the specialty's
    `research_target`."""
    case = run(applicant)
    if case.exp.research_short:
        assert case.out["scores"]["research"] < 100, (case.out["scores"], case.data)


@RULE
@given(applicants(step1_passed=st.sampled_from([True, True, False]), **NEAR_PASS_MARKS))
def test_headline_first_step_is_exam_iff_plan_opens_with_one(applicant):
    """The first step (v4). The headline carries first_step "exam" iff the plan
    opens with an exam (Step 1 not passed, Step 2 CK missing or not passed)."""
    case = run(applicant)
    headline = case.out.get("headline") or {}
    opens_with_exam = bool(case.exp.exams)
    # Step 3 (P18) is no exam of the parenthesis: it may open a plan whose certificate
    # asks for nothing more, and the headline leads with the priority then.
    first = next(s for s in case.steps if s.get("exam") != "step3")
    assert (first["kind"] == "exam") == opens_with_exam, excerpt(case)
    assert headline.get("first_step") == ("exam" if opens_with_exam else None), excerpt(case)


@RULE
@given(applicants(step2_ck=st.sampled_from([None, 230, 250, 260]) | st.integers(209, 222)))
def test_headline_never_good_shape_under_the_conditions(applicant):
    """The first step (v4) / S4. A headline never says the file is in good shape while
    `usce_stale`, `exam_failures` or `step2_below_pass` is raised, an exam is in the
    plan, or the specialty is `competitive_for_imgs` with research short."""
    case = run(applicant)
    text = (case.out.get("headline") or {}).get("text")
    assert text, excerpt(case)
    flags = set(case.out["flags"])
    forbidden = (
        flags & {"usce_stale", "exam_failures", "step2_below_pass"}
        or case.kind("exam")
        or ("competitive_for_imgs" in flags and case.exp.research_short)
    )
    if forbidden:
        assert "good shape" not in text.lower(), (text, excerpt(case))
