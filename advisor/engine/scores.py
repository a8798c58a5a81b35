"""The five 0-100 scores, capped so that they never read better than the advice.

Each only rises with more experience, letters or output, and never rises with
more years since graduation. The caps (S1, S2 of the plan rules) keep a
"USCE now" headline from sitting beside a readiness of 85.
"""

from __future__ import annotations

from dataclasses import dataclass

from advisor.engine.applicant import ApplicantProfile
from advisor.engine.facts import Facts
from advisor.engine.weighting import SCORE_PARTS, Weighting

OBSERVERSHIP_ONLY_CAP = 50  # S1: watching alone never completes the clinical file
NO_USCE_READINESS_CAP = 40  # S2
OPEN_FILE_READINESS_CAP = 70  # S2: clinical file not done, or a risk flag
FAILED_EXAM_READINESS_CAP = 30  # S2: Step 1 not passed or Step 2 CK below the pass mark
RISK_FLAGS = ("step2_below_median", "yog_cutoff_risk", "competitive_for_imgs")
STEP2_FLOOR, STEP2_TOP = 200, 260  # the exam score runs 0-100 across this range


@dataclass(frozen=True)
class Scores:
    usce: int
    letters: int
    research: int
    recency: int
    readiness: int

    def as_dict(self) -> dict[str, int]:
        # Flat values only: a shallow copy, not dataclasses.asdict's deep walk (9x slower).
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


def compute_scores(
    profile: ApplicantProfile, weighting: Weighting, facts: Facts, flags: tuple[str, ...]
) -> Scores:
    """USCE and letters reach 100 at the specialty's targets, because past them more
    of the same adds little. Readiness is the specialty-weighted mean of the parts;
    a Step 2 CK not yet taken is left out of the mean, not counted as 0."""
    usce = _ratio_score(facts.effective_usce_weeks, weighting.usce_target_weeks)
    if profile.usce_hands_on_weeks == 0:
        usce = min(usce, OBSERVERSHIP_ONLY_CAP)
    parts = {
        "usce": usce,
        "letters": _ratio_score(profile.us_clinical_letters, weighting.letters_target),
        "research": _research_score(profile, facts, weighting),
        "recency": _recency_score(profile, facts),
        "exam": _exam_score(profile.step2_ck),
    }
    counted = [p for p in SCORE_PARTS if parts[p] is not None]
    total_weight = sum(weighting.weight(p) for p in counted)
    weighted = sum(weighting.weight(p) * parts[p] for p in counted)
    readiness = round(weighted / total_weight) if total_weight else 0
    return Scores(
        usce=parts["usce"],
        letters=parts["letters"],
        research=parts["research"],
        recency=parts["recency"],
        readiness=min(readiness, readiness_cap(profile, facts, flags)),
    )


def readiness_cap(profile: ApplicantProfile, facts: Facts, flags: tuple[str, ...]) -> int:
    if not profile.step1_passed or "step2_below_pass" in flags:
        return FAILED_EXAM_READINESS_CAP
    if not facts.meaningful_usce:
        return NO_USCE_READINESS_CAP
    if not facts.clinical_file_done or any(flag in flags for flag in RISK_FLAGS):
        return OPEN_FILE_READINESS_CAP
    return 100


def scores_note(profile: ApplicantProfile) -> str | None:
    if profile.step2_ck is None:
        return (
            "Readiness leaves out Step 2 CK until you have a score, rather than counting it as 0."
        )
    return None


def _ratio_score(have: float, target: float) -> int:
    return round(100 * min(1.0, have / target)) if target > 0 else 100


def _research_score(profile: ApplicantProfile, facts: Facts, weighting: Weighting) -> int:
    # A paper is worth more than a poster; research in the target specialty and
    # at a US institution carries more weight with US programs.
    points = 25 * profile.research_publications + 10 * profile.research_abstracts
    relevance = 0.6 + 0.25 * profile.research_in_target_specialty + 0.15 * profile.research_us_based
    score = min(100, round(points * relevance))
    if facts.research_short:
        # v4: 100 only at the target; below it, at most the share of it reached (which
        # only rises with more output, so the score stays monotone).
        goal = weighting.research_goal
        score = min(score, 99, int(100 * facts.counted_research / goal) if goal else 99)
    return score


def _recency_score(profile: ApplicantProfile, facts: Facts) -> int:
    # Every year after the first costs less if the applicant kept working
    # clinically; home-country experience softens the gap a little, but a
    # recency gap caps the score because programs read it as a risk.
    years_out = max(0, profile.years_since_graduation - 1)
    penalty = years_out * (7 if profile.clinically_active else 12)
    score = max(0, min(100, round(100 - penalty + home_cushion(profile, penalty))))
    return min(score, 60) if facts.recency_gap else score


def home_cushion(profile: ApplicantProfile, penalty: float) -> float:
    """Points that clinical years at home give back to the recency score (at most 10)."""
    return min(10.0, 2 * profile.home_clinical_years) if penalty else 0


def _exam_score(step2_ck: int | None) -> int | None:
    if step2_ck is None:
        return None
    return max(0, min(100, round((step2_ck - STEP2_FLOOR) * 100 / (STEP2_TOP - STEP2_FLOOR))))
