"""Hypothesis strategies for applicant profiles, and an independent reading of the spec.

The property tests in `test_plan_rules.py` and `test_advice_rules_properties.py`
check the engine black-box: they only read `assess(...).as_dict()`. What the
rules *expect* for a profile (its facts, priority, flags, USCE need, which
research is needed) is worked out here from shared/spec/advice-rules.md and
plan-rules.md alone, without importing the engine's own decisions, so that a
wrong engine cannot agree with itself.
"""

from __future__ import annotations

import functools
import math
import os
import re
from dataclasses import dataclass, replace
from datetime import date

from hypothesis import strategies as st

from advisor.engine.applicant import FIELDS, FieldSpec, parse_profile
from advisor.engine.assessment import assess
from advisor.engine.weighting import Weighting
from tests.advisor.calendar_seed import SEED_CALENDAR

CALENDAR = SEED_CALENDAR
# Examples per rule: 100 keeps both files near 30 s; raise it for a deeper search
# (PLAN_RULES_EXAMPLES=2000 pytest tests/advisor/test_plan_rules.py).
EXAMPLES = int(os.environ.get("PLAN_RULES_EXAMPLES", "100"))

# The kinds of plan-rules.md, in the order the plan lists two that start the same month.
KIND_ORDER = (
    "exam",
    "ecfmg",
    "arrange_us_time",
    "change_visa",
    "usce",
    "letters",
    "research",
    "small_project",
    "stay_current",
    "prepare_application",
    "apply",
    "interviews",
    "soap",  # v4
    "match",
    "before_residency",  # v4
)

# advice-rules.md, "Specialties seeded" and "Seeded per-specialty data":
# slug: (name, emphasis, research_target, step2_median, img_match_rate).
SEEDED = {
    "internal-medicine": ("Internal Medicine", "low", 5, 251, 48.5),
    "family-medicine": ("Family Medicine", "low", 3, 230, 53.9),
    "psychiatry": ("Psychiatry", "low", 4, 241, 58.4),
    "pediatrics": ("Pediatrics", "low", 3, 240, 68.5),
    "transitional-preliminary": ("Transitional / Preliminary Year", "low", 3, None, None),
    "emergency-medicine": ("Emergency Medicine", "low", 3, 243, 54.1),
    "obstetrics-gynecology": ("Obstetrics and Gynecology", "low", 5, 242, 32.8),
    "neurology": ("Neurology", "moderate", 8, 252, 41.9),
    "pathology": ("Pathology", "moderate", 10, 244, 45.1),
    "anesthesiology": ("Anesthesiology", "moderate", 7, 255, 38.7),
    "radiology": ("Radiology", "high", 11, 250, 58.3),
    "radiation-oncology": ("Radiation Oncology", "high", 12, None, None),
    "dermatology": ("Dermatology", "high", 20, None, 16.7),
    "neurosurgery": ("Neurosurgery", "high", 12, None, None),
    "orthopedic-surgery": ("Orthopedic Surgery", "high", 12, None, None),
    "general-surgery": ("General Surgery", "high", 12, 256, 28.6),
}
# application-facts.md 4a and 5, "How applying works" per specialty (P15, P17):
# slug: (service, standardized letter, advanced positions, programs low-high, backup slug).
MECHANICS = {
    "internal-medicine": ("eras", "", "none", (50, 100), ""),
    "family-medicine": ("eras", "", "none", (50, 100), ""),
    "psychiatry": ("eras", "", "none", (50, 100), ""),
    "pediatrics": ("eras", "", "none", (50, 100), ""),
    "transitional-preliminary": ("eras", "", "none", (50, 100), ""),
    "emergency-medicine": ("residencycas", "SLOE", "none", (40, 60), ""),
    "obstetrics-gynecology": ("residencycas", "SLOE", "none", (60, 100), "family-medicine"),
    "neurology": ("eras", "", "some", (50, 100), ""),
    "pathology": ("eras", "", "none", (50, 100), ""),
    "anesthesiology": ("eras", "", "some", (50, 100), "internal-medicine"),
    "radiology": ("eras", "", "most", (60, 100), "internal-medicine"),
    "radiation-oncology": ("eras", "", "most", (60, 100), "internal-medicine"),
    "dermatology": ("eras", "", "most", (80, 120), "internal-medicine"),
    "neurosurgery": ("eras", "", "none", (80, 120), "general-surgery"),
    "orthopedic-surgery": ("eras", "SLOR", "none", (80, 120), "general-surgery"),
    "general-surgery": ("eras", "", "none", (80, 120), "family-medicine"),
}
RESEARCH_WEIGHT = {"low": 40, "moderate": 60, "high": 85}
DEFAULT_RESEARCH_TARGET = {"low": 3, "moderate": 6, "high": 12}
TRANSITIONAL = "transitional-preliminary"


def seeded_weighting(slug: str) -> Weighting:
    name, emphasis, research_target, step2_median, img_match_rate = SEEDED[slug]
    return Weighting(
        specialty=slug,
        name=name,
        research_emphasis=emphasis,
        usce_target_weeks=8,
        letters_target=2,
        weight_usce=90,
        weight_letters=85,
        weight_research=25 if slug == TRANSITIONAL else RESEARCH_WEIGHT[emphasis],
        weight_recency=55,
        weight_exam=50,
        research_target=research_target,
        step2_median=step2_median,
        img_match_rate=img_match_rate,
        **mechanics(slug),
    )


def mechanics(slug: str) -> dict:
    service, letter, advanced, (low, high), backup = MECHANICS[slug]
    backup_service, _, _, (backup_low, backup_high), _ = MECHANICS[backup or slug]
    first_low, first_high = MECHANICS[TRANSITIONAL][3]
    return {
        "backup_service": backup_service if backup else "eras",
        "backup_programs_low": backup_low if backup else None,
        "backup_programs_high": backup_high if backup else None,
        "first_year_programs_low": first_low if advanced != "none" else None,
        "first_year_programs_high": first_high if advanced != "none" else None,
        "application_service": service,
        "standardized_letter": letter,
        "advanced_positions": advanced,
        "programs_low": low,
        "programs_high": high,
        "backup_specialty": SEEDED[backup][0] if backup else "",
    }


slugs = st.sampled_from(sorted(SEEDED))
seeded_weightings = slugs.map(seeded_weighting)

# Built once, not on every draw: hypothesis validates each strategy it is handed
# anew, and rebuilding these made the property tests 15% slower (51 s against 44 s).
EDITED_FIELDS = {
    "research_emphasis": st.sampled_from(["low", "moderate", "high"]),
    "usce_target_weeks": st.integers(1, 52),
    "letters_target": st.integers(1, 10),
    "research_target": st.none() | st.integers(0, 30),
    "step2_median": st.none() | st.integers(200, 270),
    "img_match_rate": st.none() | st.floats(0, 100, allow_nan=False).map(lambda x: round(x, 1)),
    "application_service": st.sampled_from(["eras", "residencycas"]),
    "standardized_letter": st.sampled_from(["", "SLOE", "SLOR"]),
    "advanced_positions": st.sampled_from(["none", "some", "most"]),
    "backup_specialty": st.sampled_from(["", "Family Medicine"]),
}


@st.composite
def edited_weightings(draw) -> Weighting:
    """What an admin may save: every rule must hold for these values too."""
    base = seeded_weighting(draw(slugs))
    edited = {name: draw(strategy) for name, strategy in EDITED_FIELDS.items()}
    low = draw(st.none() | st.integers(1, 150))
    high = None if low is None else draw(st.integers(low, 200))
    return replace(base, **edited, programs_low=low, programs_high=high)


weightings = st.one_of(seeded_weightings, edited_weightings())


# --- months ----------------------------------------------------------------------

MONTH_RE = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


def month(value: str) -> int:
    """'2026-11' as a month count (written here, not borrowed from the engine)."""
    found = MONTH_RE.match(value)
    assert found, f"not a YYYY-MM month: {value!r}"
    return int(found[1]) * 12 + int(found[2]) - 1


def month_text(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def of_date(day: date) -> int:
    return day.year * 12 + day.month - 1


def application_month(match_year: int) -> int:
    """`A`: the month of the cycle's `submit_from`."""
    return of_date(CALENDAR.cycle(match_year).submit_from)


@functools.cache
def valid_targets(as_of: int) -> tuple[int, ...]:
    """Match years P5 accepts: applications not yet closed, at most 6 years ahead."""
    year = as_of // 12
    return tuple(y for y in range(year, year + 7) if application_month(y) >= as_of)


@functools.cache
def valid_target_strategies(as_of: int):
    """`target_match` for `as_of`: any valid year, or (mostly) none; one strategy per
    month, so hypothesis does not build and validate a new one on every draw."""
    anyone = st.sampled_from(valid_targets(as_of))
    return anyone, st.one_of(st.none(), st.none(), st.none(), anyone)


def invalid_targets(as_of: int) -> list[int]:
    year = as_of // 12
    return [y for y in range(year - 3, year + 12) if y not in valid_targets(as_of)]


as_of_months = st.integers(month("2026-01"), month("2030-12"))


# --- profiles ----------------------------------------------------------------------


def counts(typical: int, most: int):
    """Mostly small numbers, where the rules' thresholds lie, sometimes anything."""
    return st.one_of(st.integers(0, typical), st.integers(0, typical), st.integers(0, most))


def mostly(value: bool):
    return st.sampled_from([value, value, value, not value])


step2_scores = st.one_of(
    st.none(),
    st.integers(205, 230),  # around the pass mark (218)
    st.integers(209, 222),  # between the marks of 2018-07 (209), 2022-07 (214), 2025-07 (218)
    st.integers(225, 270),  # around the specialty medians
    st.integers(1, 300),
)

PROFILE_FIELDS = {
    "career_goal": st.sampled_from(["academic", "community", "undecided"]),
    "years_since_graduation": counts(8, 60),
    "clinically_active": st.booleans(),
    "step1_passed": mostly(True),
    "oet_passed": st.booleans(),
    "pathway_met": st.booleans(),
    "step2_ck": step2_scores,
    "usce_hands_on_weeks": counts(16, 520),
    "usce_observership_weeks": counts(16, 520),
    "usce_online_weeks": st.sampled_from([0, 0, 0, 4, 8, 52]),
    "us_clinical_letters": counts(4, 20),
    "research_publications": counts(12, 500),
    "research_abstracts": counts(12, 500),
    "research_in_target_specialty": st.booleans(),
    "research_us_based": st.booleans(),
    "home_clinical_years": st.one_of(st.integers(0, 10), st.floats(0, 60, allow_nan=False)),
    "budget": st.sampled_from(["tight", "moderate", "comfortable"]),
    "visa": st.sampled_from(["citizen_or_resident", "b1b2", "j1", "h1b", "other"]),
    "months_available_in_us": st.one_of(
        st.sampled_from([0, 1, 2, 3]), st.integers(0, 24), st.integers(0, 60)
    ),
    # v4 answers that stand alone (the ones tied to another answer are drawn by
    # `applicants`, after what they depend on).
    "exam_failures": st.one_of(st.just(0), st.just(0), st.integers(0, 3), st.integers(0, 8)),
    "visa_wait_months": st.one_of(st.just(0), st.just(0), st.integers(0, 24)),
    # Mostly not given; sometimes a country named by a travel ban, sometimes not.
    "citizenship": st.one_of(
        st.none(), st.none(), st.none(), st.sampled_from(["NG", "IR", "IN", "ng", "PH", "EG"])
    ),
}

# v4 answers that qualify another one, and whose strategy `applicants` picks
# (unless the test gives its own) from the answers drawn before them, so that
# every profile drawn is one the engine accepts.
DEPENDENT_FIELDS = ("student", "in_us_research_post", "usce_last_year", "step2_ck_taken")
PASS_MARK_CHANGES = (month("2022-07"), month("2025-07"))


def strategy_from_spec(spec: FieldSpec):
    """Any value the engine's field takes: the strategy of an answer with no curated
    one above (a new answer of the table is drawn from its first run)."""
    if spec.kind == "bool":
        drawn = st.booleans()
    elif spec.kind in ("choice",):
        drawn = st.sampled_from(spec.choices)
    elif spec.kind == "int":
        drawn = st.integers(int(spec.min), int(spec.max))
    elif spec.kind == "number":
        drawn = st.floats(spec.min, spec.max, allow_nan=False)
    else:
        raise AssertionError(f"no strategy for a {spec.kind} field: add one to PROFILE_FIELDS")
    return st.none() | drawn if spec.nullable else drawn


# Drawn by `applicants`, apart from these, which it sets itself.
SET_BY_APPLICANTS = ("specialty", "as_of", "target_match")
ALL_PROFILE_FIELDS = {
    name: PROFILE_FIELDS[name] if name in PROFILE_FIELDS else strategy_from_spec(spec)
    for name, spec in FIELDS.items()
    if name not in SET_BY_APPLICANTS and name not in DEPENDENT_FIELDS
}
# The dependent answers, as the test of the answer table counts them: every field
# has a strategy here, the dependent ones in `applicants`.
ALL_PROFILE_FIELDS.update(dict.fromkeys(DEPENDENT_FIELDS, st.nothing()))


def months_between(first: int, last: int):
    return st.integers(first, last).map(month_text)


@st.composite
def dependent_answers(draw, data: dict, fields: dict) -> dict:
    """`student`, `in_us_research_post`, `usce_last_year` and `step2_ck_taken`, only in
    the combinations advice-rules.md (v4, Inputs) accepts, the interesting values often."""
    as_of = month(data["as_of"])
    this_year = as_of // 12
    student = draw(fields.get("student", st.sampled_from([False, False, False, True])))
    if student and data["years_since_graduation"] > 0:
        if "years_since_graduation" in fields:
            student = False  # the test asked for a graduate
        else:
            data["years_since_graduation"] = 0
    # A US research post is held on a J-1 or H-1B (never on b1b2, which is refused);
    # a student holding one is left out: the spec does not say which setting wins.
    can_hold_post = data["visa"] in ("j1", "h1b") and not student
    may_hold = mostly(False) if can_hold_post else st.just(False)
    post = draw(fields.get("in_us_research_post", may_hold))
    graduated = this_year - data["years_since_graduation"]
    if data["usce_hands_on_weeks"] + data["usce_observership_weeks"] > 0:
        recent = st.integers(0, 4).map(lambda back: max(graduated - 2, this_year - back))
        last = st.one_of(st.none(), recent, recent, st.integers(graduated - 2, this_year))
    else:
        last = st.one_of(st.none(), st.none(), st.integers(1960, 2100))  # ignored
    if data["step2_ck"] is not None:
        around = st.sampled_from([m + d for m in PASS_MARK_CHANGES for d in (-1, 0)])
        taken = st.one_of(
            st.none(),
            around.filter(lambda m: m <= as_of).map(month_text),
            months_between(month("2018-07"), as_of),
        )
    else:
        taken = st.one_of(st.none(), st.none(), months_between(month("2000-01"), month("2100-12")))
    return {
        "student": student,
        "in_us_research_post": post,
        "usce_last_year": draw(fields.get("usce_last_year", last)),
        "step2_ck_taken": draw(fields.get("step2_ck_taken", taken)),
    }


@st.composite
def applicants(draw, weighting=weightings, target="mostly_null", **fields):
    """(JSON input, weighting). `fields` replace the strategy of any profile field;
    `target` is "mostly_null", "null" or "valid" for `target_match`."""
    chosen = draw(weighting)
    as_of = draw(as_of_months)
    valid, mostly_null = valid_target_strategies(as_of)
    if target == "null":
        target_match = None
    elif target == "valid":
        target_match = draw(valid)
    else:
        target_match = draw(mostly_null)
    data = {"specialty": chosen.specialty, "as_of": month_text(as_of), "target_match": target_match}
    for name, strategy in ALL_PROFILE_FIELDS.items():
        if name not in DEPENDENT_FIELDS:
            data[name] = draw(fields.get(name, strategy))
    data.update(draw(dependent_answers(data, fields)))
    return data, chosen


# --- the spec's derived facts, worked out independently ------------------------------


@dataclass(frozen=True)
class Expected:
    effective_weeks: float
    meaningful: bool
    solid: bool
    letters_enough: bool
    clinical_file_done: bool
    recency_gap: bool
    counted_research: float
    research_short: bool
    priority: str
    can_stack: bool
    step2_pass_mark: int
    need: int  # USCE weeks the plan must add
    usce_cap: int | None  # P8/P9: time or money caps on planned USCE weeks
    needed_research: bool  # before the b1b2 exception, which depends on where the post is
    optional_research: bool
    stacked_research: bool
    exams: tuple[str, ...]  # the Steps the plan must schedule, in chain order
    # v4
    hands_on_allowed: bool
    observe_only: bool
    stale: bool  # judged against the application month of `match_year`
    step2_passed: bool
    years_out: int  # years past graduation at the application month
    setting: str  # what every `usce` step's `setting` must be
    research_emphasis: str = "low"


def step2_mark_when_taken(data: dict) -> int:
    """advice-rules v4: the pass mark in force in the month `step2_ck_taken` (or `as_of`)."""
    taken = month(data.get("step2_ck_taken") or data["as_of"])
    return CALENDAR.pass_mark("step2_ck", date(taken // 12, taken % 12 + 1, 1))


def step2_passed_early(data: dict) -> bool:
    """Step 2 CK passed by the mark of the month it was taken (v4)."""
    step2 = data["step2_ck"]
    return step2 is not None and step2 >= step2_mark_when_taken(data)


def expected_setting(data: dict) -> str:
    """P11 v4: `setting` follows *hands-on allowed* (students first: no profile drawn
    here is a student holding a US research post)."""
    if data["student"]:
        return "clerkship"
    if data["in_us_research_post"]:
        return "own_institution"
    if data["visa"] == "citizen_or_resident":
        return "externship"
    return "observership"


def expect(data: dict, weighting: Weighting, match_year: int | None = None) -> Expected:
    """The spec's facts for `data`; those that depend on the application month (stale
    USCE, years past graduation) are judged against `match_year`'s `A` (P4 v4: for each
    candidate Match; the checks use the Match the plan chose). Without `match_year`,
    against `as_of`'s own year (no time passes)."""
    as_of = month(data["as_of"])
    a_year = application_month(match_year) // 12 if match_year is not None else as_of // 12
    hands = data["usce_hands_on_weeks"]
    observed = data["usce_observership_weeks"]
    effective = hands + 0.5 * observed
    hands_on_allowed = data["student"] or data["visa"] == "citizen_or_resident"
    observe_only = not hands_on_allowed
    last_year = data["usce_last_year"] if data["usce_last_year"] is not None else as_of // 12
    stale = hands + observed > 0 and a_year - last_year >= 2
    meaningful = effective >= 4
    solid = not stale and (
        (effective >= weighting.usce_target_weeks and hands >= 4)
        or (observe_only and hands + observed >= 12)
    )
    letters_enough = data["us_clinical_letters"] >= weighting.letters_target and not stale
    done = solid and letters_enough
    yog = data["years_since_graduation"]
    gap = yog >= 5 or (yog >= 4 and not data["clinically_active"])
    output = data["research_publications"] + data["research_abstracts"]
    counted = output if data["research_in_target_specialty"] else output / 2
    goal = (
        weighting.research_target
        if weighting.research_target is not None
        else DEFAULT_RESEARCH_TARGET[weighting.research_emphasis]
    )
    short = counted < goal
    emphasis = weighting.research_emphasis
    academic = data["career_goal"] == "academic" and weighting.specialty != TRANSITIONAL
    if not meaningful:
        priority = "usce_urgent" if gap else "usce_first"
    elif not done and emphasis == "high" and short:
        priority = "research_and_usce"
    elif not done:
        priority = "usce_letters"
    elif (emphasis in ("high", "moderate") or academic) and short:
        priority = "research_block"
    else:
        priority = "balanced"
    tight = data["budget"] == "tight"
    can_stack = (
        data["months_available_in_us"] >= 12
        and data["visa"] != "b1b2"
        and not tight
        and priority in ("usce_first", "usce_letters", "research_and_usce")
    )
    if done:
        need = 0
    elif solid:
        need = 4
    elif observe_only:
        # P8 v4: weeks, not effective weeks, toward advice-rules' 12.
        need = 4 * math.ceil(max(4, 12 - (hands + observed)) / 4)
    else:
        need = 4 * math.ceil(max(4, weighting.usce_target_weeks - effective) / 4)
    months = data["months_available_in_us"]
    caps = [4 * months if months else 8] + ([8] if tight else [])
    if data["in_us_research_post"]:
        # P11 + P4: observing happens inside the post (its months, at least this one),
        # after a month of the sponsor's approval and any exam the rotations follow (P3).
        exam_months = 3 * ((not data["step1_passed"]) + (not step2_passed_early(data)))
        caps = [4 * max(0, max(1, months) - 1 - exam_months)] + ([8] if tight else [])
    pass_mark = CALENDAR.pass_mark("step2_ck", date(as_of // 12, as_of % 12 + 1, 1))
    step2 = data["step2_ck"]
    step2_passed = step2 is not None and step2 >= step2_mark_when_taken(data)
    exams = (() if data["step1_passed"] else ("step1",)) + (() if step2_passed else ("step2_ck",))
    graduated = as_of // 12 - yog
    return Expected(
        effective_weeks=effective,
        meaningful=meaningful,
        solid=solid,
        letters_enough=letters_enough,
        clinical_file_done=done,
        recency_gap=gap,
        counted_research=counted,
        research_short=short,
        priority=priority,
        can_stack=can_stack,
        step2_pass_mark=pass_mark,
        need=need,
        usce_cap=min(caps),
        needed_research=short
        and not tight
        and (
            priority == "research_and_usce" or (priority == "research_block" and emphasis == "high")
        ),
        optional_research=short
        and (
            (priority == "research_block" and emphasis in ("low", "moderate"))
            or (
                priority in ("usce_first", "usce_letters")
                and (data["career_goal"] == "academic" or emphasis in ("moderate", "high"))
            )
        ),
        stacked_research=can_stack and short,
        exams=exams,
        hands_on_allowed=hands_on_allowed,
        observe_only=observe_only,
        stale=stale,
        step2_passed=step2_passed,
        years_out=0 if data["student"] else a_year - graduated,
        setting=expected_setting(data),
        research_emphasis=emphasis,
    )


def room_weeks(exp: Expected) -> int:
    """P4: the fewest USCE weeks the rules allow (need capped by P8/P9; stacking: 12 effective)."""
    weeks = min(exp.need, exp.usce_cap)
    if exp.can_stack:
        weeks = max(weeks, 4 * math.ceil(max(0.0, 12 - exp.effective_weeks) / 4))
    return weeks


def room_bounds(data: dict, exp: Expected) -> tuple[int, int | None]:
    """The earliest application month `A` that leaves room for P4's chain, as a range.

    Low end: the shortest chain any engine could build (research at home, no
    visa change; a b1b2 applicant's research may be ruled out by P11; v4: the
    arranging may overlap the exams, so a rotation starts after the exams and
    no earlier than `as_of` + 2). High end: the same chain with the engine's
    longest legitimate choices (arranging that does not overlap the exams and
    lasts max(3, `visa_wait_months` + 1) months, a US research post with its own
    arranging, a b1b2 visa change first, v4's 12 months of needed research in a
    specialty of high emphasis, which needed research always is). A target whose
    `A` is below the low end cannot fit; an engine that picks a target past the
    first `A` at or above the high end did not pick the earliest. With a US
    research post held now, no high end (None): the post changes the chain.
    """
    as_of = month(data["as_of"])
    exam_months = 3 * len(exp.exams)
    after_exams = as_of + exam_months
    low = high = as_of
    if exam_months:
        # Exams end at least 2 months before A.
        low = high = max(low, after_exams + 1)
    weeks = room_weeks(exp)
    if data["in_us_research_post"]:
        # P4/P11 v4: the post is the plan's research, already running; observing at its
        # own institution needs 1 month of arranging. Only the low end is read.
        if weeks:
            low = max(low, max(after_exams, as_of + 1) + weeks // 4)
        return low, None
    wait = data["visa_wait_months"] if data["visa"] in ("b1b2", "other") else 0
    arranging = max(3, wait + 1)
    low_cursor = high_cursor = after_exams
    if weeks:
        low_cursor = max(after_exams, as_of + 2) + weeks // 4
        high_cursor = after_exams + arranging + weeks // 4
        low = max(low, low_cursor)
        high = max(high, high_cursor)
    high_emphasis = exp.research_emphasis == "high"
    if exp.stacked_research:
        # v4: in a specialty of high research emphasis the stacked block is the research
        # the application needs, and starts 12 months before A like needed research.
        low = max(low, low_cursor + (12 if high_emphasis else 1))
        high = max(high, high_cursor + arranging + (12 if high_emphasis else 1))
    elif exp.needed_research:
        if data["visa"] != "b1b2":
            low = max(low, low_cursor + (12 if high_emphasis else 6))
        start = high_cursor + arranging
        if data["visa"] == "b1b2":
            start = max(start, as_of + 2)
        high = max(high, start + 12)
    return low, high


def first_match_from(as_of: int, earliest_a: int) -> int:
    """The first Match year whose application month is at or after both bounds."""
    year = as_of // 12
    while application_month(year) < max(as_of, earliest_a):
        year += 1
    return year


# --- running the engine -----------------------------------------------------------


@dataclass
class Case:
    data: dict
    weighting: Weighting
    out: dict
    exp: Expected

    @property
    def plan(self) -> dict:
        return self.out["plan"]

    @property
    def steps(self) -> list[dict]:
        return self.out["plan"]["steps"]

    def kind(self, kind: str) -> list[dict]:
        return [step for step in self.steps if step["kind"] == kind]

    @property
    def as_of(self) -> int:
        return month(self.data["as_of"])

    @property
    def a(self) -> int:
        return application_month(self.plan["target_match"])

    @property
    def match_month(self) -> int:
        return of_date(CALENDAR.cycle(self.plan["target_match"]).match_day)

    @property
    def post(self) -> list[dict]:
        """P11 v4: the US research post held now, kept as the plan's research (a
        `research` step from `as_of`, in the US); not subject to P9, P13's lengths or P14."""
        if not self.data["in_us_research_post"]:
            return []
        return [s for s in self.kind("research") if s["in_us"] and month(s["start"]) == self.as_of]

    def research_blocks(self) -> list[dict]:
        """The `research` steps the plan starts (every one but a post already held)."""
        return [s for s in self.kind("research") if s not in self.post]

    @property
    def usce_weeks(self) -> int:
        return sum(step["weeks"] for step in self.kind("usce"))

    def texts(self) -> list[str]:
        """Every sentence the assessment holds for people to read."""
        found = [reason["text"] for reason in self.out["reasons"]]
        for step in self.steps:
            found += [step["title"], step["detail"]]
        found += list(self.plan.get("notes") or [])
        found += [self.plan.get("moved_because"), self.out.get("scores_note")]
        found += [(self.out.get("headline") or {}).get("text")]
        return [text for text in found if text]

    def plan_texts(self) -> list[str]:
        found = list(self.plan.get("notes") or [])
        for step in self.steps:
            found += [step["title"], step["detail"]]
        return found


def start(step: dict) -> int:
    return month(step["start"])


def end(step: dict) -> int:
    return month(step["end"])


def run(applicant: tuple[dict, Weighting]) -> Case:
    data, weighting = applicant
    profile = parse_profile(data)
    out = assess(profile, weighting, CALENDAR).as_dict()
    # Fields left out take their defaults: the spec's, as parse_profile applies them.
    data = {**profile.as_dict(), **data}
    chosen = out["plan"]["target_match"]
    return Case(data=data, weighting=weighting, out=out, exp=expect(data, weighting, chosen))
