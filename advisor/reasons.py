"""Why the engine concluded what it did, in sentences built from the applicant's own answers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from advisor.applicant import ApplicantProfile
from advisor.weighting import Weighting

if TYPE_CHECKING:
    from advisor.engine import Facts


@dataclass(frozen=True)
class Reason:
    topic: str  # a fact ("usce", "letters", "recency", "specialty", "goal") or a flag name
    text: str


def weeks(n: float) -> str:
    n = int(n) if float(n).is_integer() else n
    return f"{n} week" if n == 1 else f"{n} weeks"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def describe_usce(profile: ApplicantProfile, facts: Facts) -> str:
    parts = []
    if profile.usce_hands_on_weeks:
        parts.append(f"{weeks(profile.usce_hands_on_weeks)} of hands-on USCE")
    if profile.usce_observership_weeks:
        parts.append(f"{weeks(profile.usce_observership_weeks)} of observership")
    if profile.usce_online_weeks:
        parts.append(f"{weeks(profile.usce_online_weeks)} of online rotations")
    if not parts:
        return "You have no US clinical experience yet"
    said = f"You have {' and '.join(parts)}"
    if profile.usce_observership_weeks or profile.usce_online_weeks:
        said += f", which we count as {weeks(facts.effective_usce_weeks)}"
    return said


def explain(
    profile: ApplicantProfile,
    weighting: Weighting,
    facts: Facts,
    priority: str,
    flags: tuple[str, ...],
) -> tuple[Reason, ...]:
    target = weighting.usce_target_weeks
    reasons = [_usce_reason(profile, facts, target)]
    if facts.meaningful_usce:
        reasons.append(_letters_reason(profile, weighting, facts))
    if facts.recency_gap or priority == "usce_urgent":
        reasons.append(_recency_reason(profile))
    if priority in ("research_and_usce", "research_block", "balanced"):
        reasons.append(_specialty_reason(weighting))
    if priority == "research_block" and profile.career_goal == "academic":
        reasons.append(
            Reason("goal", "You aim at academic programs, where publications open doors.")
        )
    reasons.extend(
        _flag_reason(flag, profile, weighting) for flag in flags if flag != "recency_gap"
    )
    return tuple(reasons)


def _usce_reason(profile: ApplicantProfile, facts: Facts, target: int) -> Reason:
    said = describe_usce(profile, facts)
    if not facts.meaningful_usce:
        return Reason(
            "usce",
            f"{said}. Programs want to see at least 4 weeks of real US clinical work, and "
            f"{target}-12 weeks of hands-on experience is the aim, so this comes first.",
        )
    if not facts.solid_usce:
        return Reason(
            "usce",
            f"{said}: a real start, but short of the {weeks(target)} that make a solid "
            "clinical record for this specialty.",
        )
    return Reason(
        "usce",
        f"{said}, at or past the {weeks(target)} this specialty looks for. More of the "
        "same adds less from here.",
    )


def _letters_reason(profile: ApplicantProfile, weighting: Weighting, facts: Facts) -> Reason:
    have, need = profile.us_clinical_letters, weighting.letters_target
    if facts.letters_enough:
        return Reason(
            "letters", f"You have {_plural(have, 'strong US clinical letter')}; {need} is the aim."
        )
    return Reason(
        "letters",
        f"You have {_plural(have, 'strong US clinical letter')} and need {need}. Letters "
        "come from attendings who supervised your clinical work, so the next rotation "
        "should be chosen with letters in mind.",
    )


def _recency_reason(profile: ApplicantProfile) -> Reason:
    yog = profile.years_since_graduation
    active = (
        "you have worked clinically in the last year"
        if profile.clinically_active
        else "you have not worked clinically in the last year"
    )
    return Reason(
        "recency",
        f"You graduated {_plural(yog, 'year')} ago and {active}. Programs will ask whether "
        "your clinical skills are current; recent US clinical work is the best answer, "
        "and research does not answer it.",
    )


def _specialty_reason(weighting: Weighting) -> Reason:
    wording = {
        "high": "counts research heavily: a serious research year is close to expected",
        "moderate": "gives research real weight next to clinical experience",
        "low": "values clinical experience most; research mainly helps at academic programs",
    }[weighting.research_emphasis]
    return Reason("specialty", f"{weighting.name} {wording}.")


def _flag_reason(flag: str, profile: ApplicantProfile, weighting: Weighting) -> Reason:
    text = {
        "observership_weak": (
            f"Your {weeks(profile.usce_observership_weeks)} of observership count half: "
            "programs value hands-on work where you were part of the team."
        ),
        "online_not_counted": (
            f"Your {weeks(profile.usce_online_weeks)} of online rotations do not count "
            "as US clinical experience."
        ),
        "budget_tight": (
            "Money is tight, so aim for one 4-8 week hands-on rotation at a hospital "
            "known to write letters; a long unpaid research post is hard to sustain."
        ),
        "visa_limits_research": (
            "You plan to use a B1/B2 visa, which suits short rotations; research posts "
            "usually need a J-1 or H-1B."
        ),
        "can_stack": (
            f"With {profile.months_available_in_us} months available in the US you can "
            "stack both: clinical work first, then research with clinical half-days."
        ),
        "research_off_specialty": (
            f"Most of your research is outside {weighting.name}; work in your target "
            "specialty counts for more."
        ),
    }[flag]
    return Reason(flag, text)
