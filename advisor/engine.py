"""The advice engine: one applicant profile and one specialty weighting in, an assessment out.

Read it top to bottom: the facts derived from the answers, the priority (the
first rule that applies, exactly as in the advice rules), the flags, the worked
scenario, the scores, and finally the assembled `Assessment`. The words shown
to people live in `advisor.content`, `advisor.reasons` and `advisor.plan`; this
module only decides.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from advisor.applicant import ApplicantProfile
from advisor.plan import PlanStep, build_plan
from advisor.reasons import Reason, explain
from advisor.weighting import SCORE_PARTS, Weighting

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
)
SCENARIOS = ("fresh-grad-no-usce", "long-gap-no-usce", "usce-done-academic")

MEANINGFUL_USCE_WEEKS = 4  # below this, a short observership or online course is all there is
OBSERVERSHIP_FACTOR = 0.5  # watching counts half as much as hands-on work
STACKING_MONTHS = 12  # enough time in the US to do USCE and then a research block


@dataclass(frozen=True)
class Facts:
    effective_usce_weeks: float
    meaningful_usce: bool
    solid_usce: bool
    letters_enough: bool
    recency_gap: bool
    research_output: int


def derive_facts(profile: ApplicantProfile, weighting: Weighting) -> Facts:
    effective = profile.usce_hands_on_weeks + OBSERVERSHIP_FACTOR * profile.usce_observership_weeks
    yog = profile.years_since_graduation
    return Facts(
        effective_usce_weeks=effective,
        meaningful_usce=effective >= MEANINGFUL_USCE_WEEKS,
        solid_usce=effective >= weighting.usce_target_weeks,
        letters_enough=profile.us_clinical_letters >= weighting.letters_target,
        recency_gap=yog >= 5 or (yog >= 4 and not profile.clinically_active),
        research_output=profile.research_publications + profile.research_abstracts,
    )


def decide_priority(profile: ApplicantProfile, weighting: Weighting, facts: Facts) -> str:
    clinical_file_done = facts.solid_usce and facts.letters_enough
    if not facts.meaningful_usce:
        return "usce_urgent" if facts.recency_gap else "usce_first"
    if not clinical_file_done:
        return "research_and_usce" if weighting.research_emphasis == "high" else "usce_letters"
    if weighting.research_emphasis in ("high", "moderate") or profile.career_goal == "academic":
        return "research_block"
    return "balanced"


def raise_flags(profile: ApplicantProfile, priority: str, facts: Facts) -> tuple[str, ...]:
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
        and priority in ("usce_first", "usce_letters", "research_and_usce"),
        "research_off_specialty": facts.research_output > 0
        and not profile.research_in_target_specialty,
    }
    return tuple(flag for flag in FLAGS if raised[flag])


def match_scenario(profile: ApplicantProfile, priority: str, facts: Facts) -> str | None:
    if not facts.meaningful_usce and profile.years_since_graduation <= 2:
        return "fresh-grad-no-usce"
    if priority == "usce_urgent":
        return "long-gap-no-usce"
    if facts.solid_usce and facts.letters_enough and profile.career_goal == "academic":
        return "usce-done-academic"
    return None


def nearest_scenario(profile: ApplicantProfile, facts: Facts) -> str:
    """The worked case closest to this applicant, for when none matches exactly."""
    if facts.meaningful_usce:
        return "usce-done-academic"
    if facts.recency_gap or profile.years_since_graduation >= 4:
        return "long-gap-no-usce"
    return "fresh-grad-no-usce"


@dataclass(frozen=True)
class Scores:
    usce: int
    letters: int
    research: int
    recency: int
    readiness: int

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


def compute_scores(profile: ApplicantProfile, weighting: Weighting, facts: Facts) -> Scores:
    """Five 0-100 scores; each only rises with more experience, letters or output.

    USCE and letters reach 100 at the specialty's targets, because past them
    more of the same adds little. Readiness is the specialty-weighted mean of
    the parts, the exam score included.
    """
    parts = {
        "usce": _ratio_score(facts.effective_usce_weeks, weighting.usce_target_weeks),
        "letters": _ratio_score(profile.us_clinical_letters, weighting.letters_target),
        "research": _research_score(profile),
        "recency": _recency_score(profile, facts),
        "exam": _exam_score(profile.step2_ck),
    }
    total_weight = sum(weighting.weight(part) for part in SCORE_PARTS)
    readiness = sum(weighting.weight(part) * parts[part] for part in SCORE_PARTS)
    return Scores(
        usce=parts["usce"],
        letters=parts["letters"],
        research=parts["research"],
        recency=parts["recency"],
        readiness=round(readiness / total_weight) if total_weight else 0,
    )


def _ratio_score(have: float, target: float) -> int:
    return round(100 * min(1.0, have / target)) if target > 0 else 100


def _research_score(profile: ApplicantProfile) -> int:
    # A paper is worth more than a poster; research in the target specialty and
    # at a US institution carries more weight with US programs.
    points = 25 * profile.research_publications + 10 * profile.research_abstracts
    relevance = 0.6 + 0.25 * profile.research_in_target_specialty + 0.15 * profile.research_us_based
    return min(100, round(points * relevance))


def _recency_score(profile: ApplicantProfile, facts: Facts) -> int:
    # Every year after the first costs less if the applicant kept working
    # clinically; home-country experience softens the gap a little, but a
    # recency gap caps the score because programs read it as a risk.
    years_out = max(0, profile.years_since_graduation - 1)
    penalty = years_out * (7 if profile.clinically_active else 12)
    cushion = min(10.0, 2 * profile.home_clinical_years) if penalty else 0
    score = max(0, min(100, round(100 - penalty + cushion)))
    return min(score, 60) if facts.recency_gap else score


def _exam_score(step2_ck: int | None) -> int:
    if step2_ck is None:
        return 0
    return max(0, min(100, round((step2_ck - 200) * 100 / 60)))


@dataclass(frozen=True)
class Assessment:
    priority: str
    scenario: str | None
    nearest_scenario: str
    flags: tuple[str, ...]
    scores: Scores
    facts: Facts
    reasons: tuple[Reason, ...]
    plan: tuple[PlanStep, ...]
    faq: tuple[str, ...]

    def as_dict(self) -> dict:
        """A JSON-ready form: what `assess` prints and what a saved profile keeps."""
        return {
            "priority": self.priority,
            "scenario": self.scenario,
            "nearest_scenario": self.nearest_scenario,
            "flags": list(self.flags),
            "scores": self.scores.as_dict(),
            "facts": asdict(self.facts),
            "reasons": [asdict(reason) for reason in self.reasons],
            "plan": [asdict(step) for step in self.plan],
            "faq": list(self.faq),
        }


def assess(profile: ApplicantProfile, weighting: Weighting) -> Assessment:
    if profile.specialty != weighting.specialty:
        raise ValueError(f"weighting for {weighting.specialty!r} given for {profile.specialty!r}")
    facts = derive_facts(profile, weighting)
    priority = decide_priority(profile, weighting, facts)
    flags = raise_flags(profile, priority, facts)
    return Assessment(
        priority=priority,
        scenario=match_scenario(profile, priority, facts),
        nearest_scenario=nearest_scenario(profile, facts),
        flags=flags,
        scores=compute_scores(profile, weighting, facts),
        facts=facts,
        reasons=explain(profile, weighting, facts, priority, flags),
        plan=build_plan(profile, weighting, facts, priority, flags),
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
        + 2 * ("online_not_counted" in flags)
        + (profile.usce_observership_weeks > 0),
        "research-instead-of-usce": 3 * (facts.research_output > 0 and not facts.meaningful_usce),
        "competitive-specialty": 3 * (weighting.research_emphasis == "high"),
        "research-same-specialty": 3 * ("research_off_specialty" in flags)
        + (priority in ("research_block", "research_and_usce")),
        "usce-to-research": 2 * (priority in ("research_block", "research_and_usce", "balanced"))
        + ("can_stack" in flags),
    }
    return tuple(sorted(FAQ_ORDER, key=lambda slug: -relevance[slug]))
