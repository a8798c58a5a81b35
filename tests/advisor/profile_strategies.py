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
    "match",
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
    )


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
}


@st.composite
def edited_weightings(draw) -> Weighting:
    """What an admin may save: every rule must hold for these values too."""
    base = seeded_weighting(draw(slugs))
    return replace(base, **{name: draw(strategy) for name, strategy in EDITED_FIELDS.items()})


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
}


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
    if name not in SET_BY_APPLICANTS
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
        data[name] = draw(fields.get(name, strategy))
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


def expect(data: dict, weighting: Weighting) -> Expected:
    hands = data["usce_hands_on_weeks"]
    effective = hands + 0.5 * data["usce_observership_weeks"]
    meaningful = effective >= 4
    solid = effective >= weighting.usce_target_weeks and hands >= 4
    letters_enough = data["us_clinical_letters"] >= weighting.letters_target
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
    else:
        need = 4 * math.ceil(max(4, weighting.usce_target_weeks - effective) / 4)
    months = data["months_available_in_us"]
    caps = [4 * months if months else 8] + ([8] if tight else [])
    pass_mark = CALENDAR.pass_mark(
        "step2_ck", date(month(data["as_of"]) // 12, month(data["as_of"]) % 12 + 1, 1)
    )
    step2 = data["step2_ck"]
    exams = (() if data["step1_passed"] else ("step1",)) + (
        ("step2_ck",) if step2 is None or step2 < pass_mark else ()
    )
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
    )


def room_weeks(exp: Expected) -> int:
    """P4: the fewest USCE weeks the rules allow (need capped by P8/P9; stacking: 12 effective)."""
    weeks = min(exp.need, exp.usce_cap)
    if exp.can_stack:
        weeks = max(weeks, 4 * math.ceil(max(0.0, 12 - exp.effective_weeks) / 4))
    return weeks


def room_bounds(data: dict, exp: Expected) -> tuple[int, int]:
    """The earliest application month `A` that leaves room for P4's chain, as a range.

    Low end: the shortest chain any engine could build (research at home, no
    visa change; a b1b2 applicant's research may be ruled out by P11). High end:
    the same chain with the engine's longest legitimate choices (a US research
    post with its own 2 months of arranging, a b1b2 visa change first). A
    target whose `A` is below the low end cannot fit; an engine that picks a
    target past the first `A` at or above the high end did not pick the earliest.
    """
    as_of = month(data["as_of"])
    exam_months = 3 * len(exp.exams)
    after_exams = as_of + exam_months
    low = high = as_of
    if exam_months:
        # Exams end at least 2 months before A.
        low = high = max(low, after_exams + 1)
    cursor = after_exams
    weeks = room_weeks(exp)
    if weeks:
        cursor = after_exams + 2 + weeks // 4  # arrange_us_time, then the rotations
        low = high = max(low, cursor)
    if exp.stacked_research:
        low = max(low, cursor + 1)
        high = max(high, cursor + 2 + 1)
    elif exp.needed_research:
        if data["visa"] != "b1b2":
            low = max(low, cursor + 6)
        start = cursor + 2
        if data["visa"] == "b1b2":
            start = max(start, as_of + 2)
        high = max(high, start + 6)
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
    def usce_weeks(self) -> int:
        return sum(step["weeks"] for step in self.kind("usce"))

    def texts(self) -> list[str]:
        """Every sentence the assessment holds for people to read."""
        found = [reason["text"] for reason in self.out["reasons"]]
        for step in self.steps:
            found += [step["title"], step["detail"]]
        found += list(self.plan.get("notes") or [])
        found += [self.plan.get("moved_because"), self.out.get("scores_note")]
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
    return Case(data=data, weighting=weighting, out=out, exp=expect(data, weighting))
