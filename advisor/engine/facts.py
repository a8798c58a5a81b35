"""What the answers mean, before any advice: the derived facts of the advice rules.

Every other part of the engine (priority, plan, reasons, scores) reads these,
so they live in a module of their own that imports none of them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from advisor.engine.applicant import ApplicantProfile
from advisor.engine.calendar import month_index
from advisor.engine.weighting import Weighting

MEANINGFUL_USCE_WEEKS = 4  # below this, a short observership or online course is all there is
SOLID_HANDS_ON_WEEKS = 4  # observerships alone never complete the clinical file
OBSERVERSHIP_FACTOR = 0.5  # watching counts half as much as hands-on work
OFF_SPECIALTY_FACTOR = 0.5  # research outside the target specialty counts half
ROTATION_WEEKS = 4  # rotations are booked in 4-week blocks
CLINICAL_FILE_AIM_WEEKS = 12  # the top of the article's 8-12 weeks
ATTEMPT_LIMIT = 4  # USMLE attempts per Step, for applications from July 2021
ATTEMPTS_IN_A_YEAR = 3  # at the same Step within 12 months
FOURTH_AFTER_FIRST_MONTHS = 12  # a 4th attempt waits this long after the first
FOURTH_AFTER_LAST_MONTHS = 6  # and this long after the most recent
STALE_AFTER_YEARS = 2  # experience (and its letters) over a year old when programs read it
# From here no letter on file speaks of recent work: the plan asks for a full set anew.
ALL_LETTERS_STALE_YEARS = 3
# A graduate who may only observe has done what their status allows at 12 weeks.
OBSERVE_ONLY_SOLID_WEEKS = 12
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
    step2_pass_mark: int  # in force as of the plan's start: what a retake must reach
    step2_mark_taken: int  # in force in the month the score was earned: what judges it
    step2_passed: bool
    graduation_year: int
    years_at_application: int  # as programs count it, in the application month's year
    hands_on_allowed: bool
    observe_only: bool
    usce_stale: bool
    usce_years_old: int  # at the application: its year less the year the experience ended
    usce_weeks_counted: float  # toward a solid record: effective, or all weeks if observe-only
    usce_aim_weeks: int  # what makes it solid: the specialty's target, or 12 if observe-only

    @property
    def clinical_file_done(self) -> bool:
        return self.solid_usce and self.letters_enough

    def as_dict(self) -> dict:
        # Flat values only: a shallow copy, not dataclasses.asdict's deep walk (9x slower).
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


def hands_on_allowed(profile: ApplicantProfile) -> bool:
    """A student may take elective clerkships (on a B-1 too); a US citizen or permanent
    resident may take externships. A graduate on a visitor visa may only observe, and a
    J-1 or H-1B allows what its sponsor permits: observing, not patient care."""
    return profile.student or profile.visa == "citizen_or_resident"


def usce_age(profile: ApplicantProfile, application_month: int) -> int:
    """Calendar years from the end of the US experience to the application (0: none)."""
    if profile.usce_hands_on_weeks + profile.usce_observership_weeks == 0:
        return 0
    last = profile.usce_last_year
    if last is None:
        last = profile.as_of_month // 12
    return max(0, application_month // 12 - last)


def usce_is_stale(profile: ApplicantProfile, application_month: int) -> bool:
    """Some US experience, ended two or more calendar years before the application's."""
    return usce_age(profile, application_month) >= STALE_AFTER_YEARS


def derive_facts(
    profile: ApplicantProfile,
    weighting: Weighting,
    *,
    step2_pass_mark: int,
    step2_mark_taken: int | None = None,
    application_month: int | None = None,
) -> Facts:
    """The facts for an application in `application_month` (P4: facts that depend on
    it, stale USCE and years past graduation, are judged for each candidate Match).
    Without it, as if applying now; without `step2_mark_taken`, the score was earned
    under today's mark."""
    if step2_mark_taken is None:
        step2_mark_taken = step2_pass_mark
    if application_month is None:
        application_month = profile.as_of_month
    hands_on, observed = profile.usce_hands_on_weeks, profile.usce_observership_weeks
    effective = hands_on + OBSERVERSHIP_FACTOR * observed
    yog = profile.years_since_graduation
    output = profile.research_publications + profile.research_abstracts
    counted = output if profile.research_in_target_specialty else OFF_SPECIALTY_FACTOR * output
    allowed = hands_on_allowed(profile)
    stale = usce_is_stale(profile, application_month)
    graduated = profile.as_of_month // 12 - yog
    solid = not stale and (
        (effective >= weighting.usce_target_weeks and hands_on >= SOLID_HANDS_ON_WEEKS)
        or (not allowed and hands_on + observed >= OBSERVE_ONLY_SOLID_WEEKS)
    )
    score = profile.step2_ck
    return Facts(
        effective_usce_weeks=effective,
        meaningful_usce=effective >= MEANINGFUL_USCE_WEEKS,
        solid_usce=solid,
        letters_enough=profile.us_clinical_letters >= weighting.letters_target and not stale,
        recency_gap=yog >= 5 or (yog >= 4 and not profile.clinically_active),
        research_output=output,
        counted_research=counted,
        research_short=counted < weighting.research_goal,
        step2_pass_mark=step2_pass_mark,
        step2_mark_taken=step2_mark_taken,
        step2_passed=score is not None and score >= step2_mark_taken,
        graduation_year=graduated,
        years_at_application=0 if profile.student else max(0, application_month // 12 - graduated),
        hands_on_allowed=allowed,
        observe_only=not allowed,
        usce_stale=stale,
        usce_years_old=usce_age(profile, application_month),
        usce_weeks_counted=effective if allowed else hands_on + observed,
        usce_aim_weeks=weighting.usce_target_weeks if allowed else OBSERVE_ONLY_SOLID_WEEKS,
    )


def step2_taken_month(profile: ApplicantProfile) -> int:
    """The month the Step 2 CK score was earned; not given, the plan's first month."""
    if profile.step2_ck_taken is None:
        return profile.as_of_month
    return month_index(profile.step2_ck_taken)


def round_up_to_rotations(weeks: float) -> int:
    """Weeks booked as whole 4-week rotations."""
    return ROTATION_WEEKS * math.ceil(max(0.0, weeks) / ROTATION_WEEKS)


def usce_weeks_needed(facts: Facts, weighting: Weighting) -> int:
    """*need* of the plan rules: the USCE weeks the plan must add."""
    if facts.clinical_file_done:
        return 0
    if facts.solid_usce:
        return ROTATION_WEEKS  # one rotation chosen for its letters (or a fresh one)
    if facts.usce_stale and facts.usce_weeks_counted >= facts.usce_aim_weeks:
        return ROTATION_WEEKS  # enough weeks, but old: one recent rotation renews them
    # P8: an observe-only graduate counts weeks, not effective weeks, toward 12.
    return max(
        ROTATION_WEEKS,
        round_up_to_rotations(facts.usce_aim_weeks - facts.usce_weeks_counted),
    )
