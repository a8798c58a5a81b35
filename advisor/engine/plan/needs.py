"""What the plan must hold, before any date: exams, rotations, research, visa.

Time, money and visa cap what is asked here (P7-P11); where a cap leaves the
applicant short, the shortfall is kept so that the plan can say so.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from advisor.engine.applicant import ApplicantProfile
from advisor.engine.facts import (
    ALL_LETTERS_STALE_YEARS,
    CLINICAL_FILE_AIM_WEEKS,
    ROTATION_WEEKS,
    Facts,
    round_up_to_rotations,
    usce_weeks_needed,
)
from advisor.engine.weighting import Weighting

EXAM_MONTHS = 3  # preparing for and taking one Step
TIGHT_BUDGET_WEEKS = 8  # one rotation of 4-8 weeks is what a tight budget allows (P9)
NO_TIME_WEEKS = 8  # 2 months: the least US time that changes the priority (P7)
MIN_RESEARCH_MONTHS = 6  # less than this shows no output (P4, P13)
RESEARCH_MONTHS = {"low": 6, "moderate": 9, "high": 12}


@dataclass(frozen=True)
class Needs:
    exams: tuple[str, ...]  # in the order they are taken: "step1", "step2_ck"
    step2_retake: bool
    ecfmg: bool
    usce_weeks: int  # the fewest the rules allow, after caps: what the Match is chosen on
    usce_preferred: int  # what the plan books where the calendar leaves room
    usce_need: int  # what the rules ask for, before caps
    usce_cap: str | None  # "time", "no_time" or "money" when a cap cut the weeks
    stacking: bool
    # "needed", "stacked", "optional", "post" (a US research post held now) or None
    research: str | None
    research_months: int
    research_in_us: bool
    change_visa: bool
    letters_missing: int
    research_later_note: bool  # a research priority that money keeps out of the plan (P9)
    us_months_left: int  # months in the US still free after the rotations
    # A post held now that the priority needs as research must have run this long by the
    # application (P4: 6 months, 12 for a specialty of high research emphasis); else 0.
    post_lead: int = 0
    # Needed research starts at least this long before the application (P4): six months
    # of a first research post in dermatology or neurosurgery show nothing.
    research_lead: int = MIN_RESEARCH_MONTHS

    def with_preferred_usce(self) -> Needs:
        return dataclasses.replace(
            self,
            usce_weeks=self.usce_preferred,
            us_months_left=self.us_months_left - (self.usce_preferred - self.usce_weeks) // 4,
        )

    @property
    def usce_months(self) -> int:
        return self.usce_weeks // ROTATION_WEEKS

    @property
    def research_in_chain(self) -> bool:
        """Needed and stacked research follow the rotations; optional research fits around."""
        return self.research in ("needed", "stacked")

    @property
    def in_us(self) -> bool:
        return self.usce_weeks > 0 or (self.research is not None and self.research_in_us)


def plan_needs(
    profile: ApplicantProfile,
    weighting: Weighting,
    facts: Facts,
    priority: str,
    flags: tuple[str, ...],
) -> Needs:
    tight = profile.budget == "tight"
    stacking = "can_stack" in flags
    need = usce_weeks_needed(facts, weighting)
    wanted = need
    if stacking:
        # P10: rotations bring the effective weeks to at least 12 before research.
        wanted = max(
            need, round_up_to_rotations(CLINICAL_FILE_AIM_WEEKS - facts.effective_usce_weeks)
        )
    preferred = wanted
    if priority == "usce_urgent":
        # P8: as much recent work as the months and money allow, up to 12 weeks; only
        # recent weeks count toward it. The Match is chosen on `wanted` (P4).
        recent = 0 if facts.usce_stale else facts.usce_weeks_counted
        preferred = max(wanted, round_up_to_rotations(CLINICAL_FILE_AIM_WEEKS - recent))
    caps = {"time": ROTATION_WEEKS * profile.months_available_in_us}
    if profile.months_available_in_us == 0:
        caps = {"no_time": NO_TIME_WEEKS}
    if profile.in_us_research_post:
        # Observing happens at the post's institution while the post runs: after a month
        # for the sponsor's approval and after any exam the rotations must follow (P3).
        exam_months = EXAM_MONTHS * len(_exams(profile, facts))
        caps = {"time": ROTATION_WEEKS * max(0, post_months(profile) - 1 - exam_months)}
    if tight:
        caps["money"] = TIGHT_BUDGET_WEEKS
    weeks, cap = wanted, None
    for reason, limit in caps.items():
        if limit < weeks:
            weeks, cap = limit, reason
    preferred = min(preferred, *caps.values())
    research = _research_kind(profile, weighting, facts, priority, stacking)
    months, in_us = _research_place(profile, weighting, research, weeks)
    return Needs(
        exams=_exams(profile, facts),
        step2_retake=profile.step2_ck is not None and not facts.step2_passed,
        ecfmg=not (profile.oet_passed and profile.pathway_met),
        usce_weeks=weeks,
        usce_preferred=max(weeks, preferred),
        usce_need=need,
        usce_cap=cap if weeks < need else None,
        stacking=stacking,
        research=research,
        post_lead=_post_lead(weighting, priority) if research == "post" else 0,
        research_lead=_research_lead(weighting),
        research_months=months,
        research_in_us=in_us,
        change_visa=research is not None and in_us and profile.visa == "b1b2",
        # P15 (v4): stale experience needs at least one fresh letter from the new rotation.
        letters_missing=_letters_missing(profile, weighting, facts),
        research_later_note=tight
        and priority in ("research_and_usce", "research_block")
        and research != "post",
        us_months_left=max(0, profile.months_available_in_us - weeks // ROTATION_WEEKS),
    )


def _exams(profile: ApplicantProfile, facts: Facts) -> tuple[str, ...]:
    exams = []
    if not profile.step1_passed:
        exams.append("step1")
    if not facts.step2_passed:
        exams.append("step2_ck")
    return tuple(exams)


def _research_lead(weighting: Weighting) -> int:
    return (
        RESEARCH_MONTHS["high"] if weighting.research_emphasis == "high" else (MIN_RESEARCH_MONTHS)
    )


def _post_lead(weighting: Weighting, priority: str) -> int:
    high = weighting.research_emphasis == "high"
    if priority == "research_and_usce" or (priority == "research_block" and high):
        return RESEARCH_MONTHS["high"] if high else MIN_RESEARCH_MONTHS
    return 0


def _letters_missing(profile: ApplicantProfile, weighting: Weighting, facts: Facts) -> int:
    """P15: letters short of the target; with stale experience at least one fresh letter,
    and a full set when every letter on file is years old."""
    missing = max(0, weighting.letters_target - profile.us_clinical_letters)
    if facts.usce_years_old >= ALL_LETTERS_STALE_YEARS:
        return weighting.letters_target
    return max(missing, int(facts.usce_stale))


def post_months(profile: ApplicantProfile) -> int:
    """How long a US research post held now runs in the plan: the months the applicant
    can spend in the US (they are there now, so at least this month)."""
    return max(1, profile.months_available_in_us)


def _research_kind(
    profile: ApplicantProfile, weighting: Weighting, facts: Facts, priority: str, stacking: bool
) -> str | None:
    if profile.in_us_research_post:
        return "post"  # paid and already held: P9's and P14's limits do not apply (P11)
    if profile.budget == "tight" or priority == "usce_urgent":
        return None  # unpaid months are not affordable (P9); urgent plans stay clinical (P14)
    high = weighting.research_emphasis == "high"
    if stacking and facts.research_short:
        return "stacked"
    if priority == "research_and_usce" or (priority == "research_block" and high):
        return "needed"
    if priority == "research_block":
        return "optional"
    academic_or_valued = profile.career_goal == "academic" or weighting.research_emphasis != "low"
    if priority in ("usce_first", "usce_letters") and facts.research_short and academic_or_valued:
        return "optional"
    return None


def _research_place(
    profile: ApplicantProfile, weighting: Weighting, research: str | None, usce_weeks: int
) -> tuple[int, bool]:
    """How long the block runs and whether it is in the US: only where the months in
    the US allow the whole block after the rotations, and a B1/B2 holder only for
    needed research, after changing visa (P11)."""
    if research is None:
        return 0, False
    if research == "post":
        return post_months(profile), True
    months = RESEARCH_MONTHS[weighting.research_emphasis]
    if research == "needed":
        months = RESEARCH_MONTHS["high"]
    us_left = profile.months_available_in_us - usce_weeks // ROTATION_WEEKS
    visa_allows = profile.visa != "b1b2" or research == "needed"
    lead = _research_lead(weighting)
    if research in ("needed", "stacked") and lead > MIN_RESEARCH_MONTHS:
        # Started `lead` months before applying, it runs on to the application month
        # (P13): in the US only if the months there cover all of it.
        return months, visa_allows and us_left >= lead + 1
    if research == "stacked" and us_left >= MIN_RESEARCH_MONTHS:
        return min(months, us_left), True
    return months, visa_allows and us_left >= months
