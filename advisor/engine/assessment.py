"""The advice engine: a profile, a specialty weighting and the Match calendar in, an
assessment out.

Read it top to bottom: the facts derived from the answers (`advisor.engine.facts`), the
priority (the first rule that applies, exactly as in the advice rules), the
flags, the worked scenario, the plan on the calendar, the scores and the
reasons. Words shown to people live in `advisor.engine.content`, `advisor.engine.reasons` and
`advisor.engine.plan.steps`; this module only decides.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from advisor.engine.applicant import ApplicantProfile, parse_profile
from advisor.engine.calendar import MatchCalendar, month_start
from advisor.engine.facts import ADVANCED_TRACK, Facts, derive_facts, step2_taken_month
from advisor.engine.headline import Headline, headline
from advisor.engine.plan import Advice, Plan, build_plan
from advisor.engine.reasons import Reason, explain
from advisor.engine.scores import Scores, compute_scores, scores_note
from advisor.engine.weighting import Weighting

PRIORITIES = (
    "usce_urgent",
    "usce_first",
    "usce_letters",
    "research_and_usce",
    "research_block",
    "balanced",
)
FLAGS = (
    "recency_gap",
    "observership_weak",
    "online_not_counted",
    "budget_tight",
    "visa_limits_research",
    "can_stack",
    "research_off_specialty",
    "step2_below_pass",
    "step2_below_median",
    "yog_cutoff_risk",
    "usce_stale",
    "exam_failures",
    "observe_only",
    "j1_home_rule",
    "competitive_for_imgs",
)
SCENARIOS = ("fresh-grad-no-usce", "long-gap-no-usce", "usce-done-academic")

STACKING_MONTHS = 12  # enough time in the US to do USCE and then a research block
YOG_CUTOFF_YEARS = 5  # many programs filter on graduation year from about here
COMPETITIVE_MATCH_RATE = 35.0  # % of non-US IMGs matched to the specialty they preferred


def decide_priority(profile: ApplicantProfile, weighting: Weighting, facts: Facts) -> str:
    if not facts.meaningful_usce:
        return "usce_urgent" if facts.recency_gap else "usce_first"
    if not facts.clinical_file_done:
        if weighting.research_emphasis == "high" and facts.research_short:
            return "research_and_usce"
        return "usce_letters"
    academic = profile.career_goal == "academic" and weighting.specialty != ADVANCED_TRACK
    if (weighting.research_emphasis in ("high", "moderate") or academic) and facts.research_short:
        return "research_block"
    return "balanced"


def raise_flags(
    profile: ApplicantProfile, weighting: Weighting, priority: str, facts: Facts
) -> tuple[str, ...]:
    """Every flag but `observe_only`, which needs the plan."""
    step2 = profile.step2_ck
    median = weighting.step2_median
    rate = weighting.img_match_rate
    raised = {
        "recency_gap": facts.recency_gap,
        "observership_weak": profile.usce_observership_weeks > 0
        and profile.usce_hands_on_weeks == 0,
        "online_not_counted": profile.usce_online_weeks > 0,
        "budget_tight": profile.budget == "tight",
        "visa_limits_research": profile.visa == "b1b2"
        and priority in ("research_block", "research_and_usce", "balanced"),
        "can_stack": profile.months_available_in_us >= STACKING_MONTHS
        and profile.visa != "b1b2"
        and profile.budget != "tight"
        and priority in ("usce_first", "usce_letters", "research_and_usce"),
        "research_off_specialty": facts.research_output > 0
        and not profile.research_in_target_specialty,
        "step2_below_pass": step2 is not None and not facts.step2_passed,
        "step2_below_median": facts.step2_passed and median is not None and step2 < median,
        "yog_cutoff_risk": facts.years_at_application >= YOG_CUTOFF_YEARS,
        "usce_stale": facts.usce_stale,
        "exam_failures": profile.exam_failures > 0
        or (step2 is not None and not facts.step2_passed),
        "j1_home_rule": profile.visa == "j1",
        "competitive_for_imgs": rate is not None and rate < COMPETITIVE_MATCH_RATE,
    }
    return tuple(flag for flag in FLAGS if raised.get(flag))


def match_scenario(profile: ApplicantProfile, priority: str, facts: Facts) -> str | None:
    if not facts.meaningful_usce and profile.years_since_graduation <= 2:
        return "fresh-grad-no-usce"
    if priority == "usce_urgent":
        return "long-gap-no-usce"
    if facts.clinical_file_done and profile.career_goal == "academic":
        return "usce-done-academic"
    return None


def nearest_scenario(profile: ApplicantProfile, priority: str, facts: Facts) -> str:
    """The worked case closest to this applicant, for when none matches exactly."""
    exact = match_scenario(profile, priority, facts)
    if exact:
        return exact
    if not facts.clinical_file_done:
        if facts.recency_gap or profile.years_since_graduation >= 4:
            return "long-gap-no-usce"
        return "fresh-grad-no-usce"  # partway through its steps
    return "usce-done-academic"


def example_shown(nearest: str, facts: Facts, plan: Plan) -> str | None:
    """The worked example, only where it does not contradict the plan (advice rules v4):
    the no-experience cases only for someone without meaningful US experience, the
    research-next case only under a plan with research, the hands-on case only for
    someone who may do hands-on work."""
    if nearest in ("fresh-grad-no-usce", "long-gap-no-usce") and facts.observe_only:
        return None  # its steps are hands-on rotations, which this applicant may not do
    if nearest in ("fresh-grad-no-usce", "long-gap-no-usce"):
        return nearest if not facts.meaningful_usce else None
    return nearest if plan.has("research") else None


@dataclass(frozen=True)
class Assessment:
    priority: str
    scenario: str | None
    nearest_scenario: str
    example: str | None  # the worked example the page shows, if any
    headline: Headline
    flags: tuple[str, ...]
    scores: Scores
    scores_note: str | None
    facts: Facts
    reasons: tuple[Reason, ...]
    plan: Plan
    faq: tuple[str, ...]

    def as_dict(self) -> dict:
        """A JSON-ready form: what `assess` prints and what a saved profile keeps."""
        return {
            "priority": self.priority,
            "scenario": self.scenario,
            "nearest_scenario": self.nearest_scenario,
            "example": self.example,
            "headline": self.headline.as_dict(),
            "flags": list(self.flags),
            "scores": self.scores.as_dict(),
            "scores_note": self.scores_note,
            "facts": self.facts.as_dict(),
            "reasons": [{"topic": r.topic, "text": r.text} for r in self.reasons],
            "plan": self.plan.as_dict(),
            "faq": list(self.faq),
        }


def assess(profile: ApplicantProfile, weighting: Weighting, calendar: MatchCalendar) -> Assessment:
    if profile.specialty != weighting.specialty:
        raise ValueError(f"weighting for {weighting.specialty!r} given for {profile.specialty!r}")
    as_of: date = month_start(profile.as_of_month)
    pass_mark = calendar.pass_mark("step2_ck", as_of)
    mark_taken = calendar.pass_mark("step2_ck", month_start(step2_taken_month(profile)))

    def advise(application_month: int) -> Advice:
        facts = derive_facts(
            profile,
            weighting,
            step2_pass_mark=pass_mark,
            step2_mark_taken=mark_taken,
            application_month=application_month,
        )
        priority = decide_priority(profile, weighting, facts)
        return facts, priority, raise_flags(profile, weighting, priority, facts)

    plan, (facts, priority, flags) = build_plan(profile, weighting, calendar, advise)
    if facts.observe_only and plan.has("usce"):
        flags = tuple(f for f in FLAGS if f in flags or f == "observe_only")
    nearest = nearest_scenario(profile, priority, facts)
    return Assessment(
        priority=priority,
        scenario=match_scenario(profile, priority, facts),
        nearest_scenario=nearest,
        example=example_shown(nearest, facts, plan),
        headline=headline(
            priority,
            facts,
            flags,
            plan,
            step2_given=profile.step2_ck is not None,
            competitive_research_short="competitive_for_imgs" in flags and facts.research_short,
            holds_post=profile.in_us_research_post,
        ),
        flags=flags,
        scores=compute_scores(profile, weighting, facts, flags),
        scores_note=scores_note(profile),
        facts=facts,
        reasons=explain(profile, weighting, facts, priority, flags, plan),
        plan=plan,
        faq=rank_faq(profile, weighting, facts, priority, flags),
    )


FAQ_ORDER = (
    "only-one-choice",
    "how-much-usce",
    "observership-counts",
    "research-instead-of-usce",
    "competitive-specialty",
    "research-same-specialty",
    "usce-to-research",
)


def rank_faq(
    profile: ApplicantProfile,
    weighting: Weighting,
    facts: Facts,
    priority: str,
    flags: tuple[str, ...],
) -> tuple[str, ...]:
    """Every FAQ slug, the questions this applicant is most likely asking first."""
    relevance = {
        "only-one-choice": 3 * ("budget_tight" in flags) + (not facts.meaningful_usce),
        "how-much-usce": 2 * (not facts.solid_usce) + (not facts.letters_enough),
        "observership-counts": 3 * ("observership_weak" in flags)
        + 3 * facts.observe_only
        + 2 * ("online_not_counted" in flags)
        + (profile.usce_observership_weeks > 0),
        "research-instead-of-usce": 3 * (facts.research_output > 0 and not facts.meaningful_usce),
        "competitive-specialty": 3 * (weighting.research_emphasis == "high")
        + 2 * ("competitive_for_imgs" in flags),
        "research-same-specialty": 3 * ("research_off_specialty" in flags)
        + (priority in ("research_block", "research_and_usce")),
        "usce-to-research": 2 * (priority in ("research_block", "research_and_usce", "balanced"))
        + ("can_stack" in flags),
    }
    ranked = sorted(FAQ_ORDER, key=lambda slug: -relevance[slug])
    if facts.observe_only:
        ranked = [OBSERVE_ONLY_FAQ.get(slug, slug) for slug in ranked]
    return tuple(ranked)


# The same questions answered for someone whose status allows only observing.
OBSERVE_ONLY_FAQ = {
    "how-much-usce": "how-much-usce-observe-only",
    "observership-counts": "observership-counts-observe-only",
}


def assessment_from_data(
    data: Any,
    *,
    weightings: Mapping[str, Weighting],
    calendar: MatchCalendar,
    today: date | None = None,
) -> tuple[ApplicantProfile, Assessment]:
    """Validate raw profile values and assess them; raises `ProfileError` naming each field
    (a requested Match that is closed or too far ahead included)."""
    profile = parse_profile(data, known_specialties=weightings.keys(), today=today)
    return profile, assess(profile, weightings[profile.specialty], calendar)
