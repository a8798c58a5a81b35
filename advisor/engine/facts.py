"""What the answers mean, before any advice: the derived facts of the advice rules.

Every other part of the engine (priority, plan, reasons, scores) reads these,
so they live in a module of their own that imports none of them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from advisor.engine.applicant import ApplicantProfile
from advisor.engine.weighting import Weighting

MEANINGFUL_USCE_WEEKS = 4  # below this, a short observership or online course is all there is
SOLID_HANDS_ON_WEEKS = 4  # observerships alone never complete the clinical file
OBSERVERSHIP_FACTOR = 0.5  # watching counts half as much as hands-on work
OFF_SPECIALTY_FACTOR = 0.5  # research outside the target specialty counts half
ROTATION_WEEKS = 4  # rotations are booked in 4-week blocks
CLINICAL_FILE_AIM_WEEKS = 12  # the top of the article's 8-12 weeks
ATTEMPT_LIMIT = 4  # USMLE attempts per Step, for applications from July 2021
# A preliminary year leads to another specialty: research there is for that one.
ADVANCED_TRACK = "transitional-preliminary"


@dataclass(frozen=True)
class Facts:
    effective_usce_weeks: float
    meaningful_usce: bool
    solid_usce: bool
    letters_enough: bool
    recency_gap: bool
    research_output: int
    counted_research: float
    research_short: bool
    step2_pass_mark: int
    step2_passed: bool

    @property
    def clinical_file_done(self) -> bool:
        return self.solid_usce and self.letters_enough

    def as_dict(self) -> dict:
        # Flat values only: a shallow copy, not dataclasses.asdict's deep walk (9x slower).
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


def derive_facts(profile: ApplicantProfile, weighting: Weighting, *, step2_pass_mark: int) -> Facts:
    effective = profile.usce_hands_on_weeks + OBSERVERSHIP_FACTOR * profile.usce_observership_weeks
    yog = profile.years_since_graduation
    output = profile.research_publications + profile.research_abstracts
    counted = output if profile.research_in_target_specialty else OFF_SPECIALTY_FACTOR * output
    return Facts(
        effective_usce_weeks=effective,
        meaningful_usce=effective >= MEANINGFUL_USCE_WEEKS,
        solid_usce=effective >= weighting.usce_target_weeks
        and profile.usce_hands_on_weeks >= SOLID_HANDS_ON_WEEKS,
        letters_enough=profile.us_clinical_letters >= weighting.letters_target,
        recency_gap=yog >= 5 or (yog >= 4 and not profile.clinically_active),
        research_output=output,
        counted_research=counted,
        research_short=counted < weighting.research_goal,
        step2_pass_mark=step2_pass_mark,
        step2_passed=profile.step2_ck is not None and profile.step2_ck >= step2_pass_mark,
    )


def round_up_to_rotations(weeks: float) -> int:
    """Weeks booked as whole 4-week rotations."""
    return ROTATION_WEEKS * math.ceil(max(0.0, weeks) / ROTATION_WEEKS)


def usce_weeks_needed(facts: Facts, weighting: Weighting) -> int:
    """*need* of the plan rules: the USCE weeks the plan must add."""
    if facts.clinical_file_done:
        return 0
    if facts.solid_usce:
        return ROTATION_WEEKS  # one rotation chosen for its letters
    return max(
        ROTATION_WEEKS,
        round_up_to_rotations(weighting.usce_target_weeks - facts.effective_usce_weeks),
    )
