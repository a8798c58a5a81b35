"""Why the engine concluded what it did, in sentences built from the applicant's own answers.

Reasons are written after the plan, so that none of them promises what the plan
does not hold (S4): stacking is mentioned only when the plan stacks, research
only where the plan has room for it.
"""

from __future__ import annotations

from dataclasses import dataclass

from advisor.engine.applicant import ApplicantProfile
from advisor.engine.calendar import month_label
from advisor.engine.facts import ATTEMPT_LIMIT, Facts, step2_taken_month
from advisor.engine.plan import Plan
from advisor.engine.scores import home_cushion
from advisor.engine.weighting import Weighting
from advisor.engine.wording import count, dollars, span, weeks


@dataclass(frozen=True)
class Reason:
    topic: str  # a fact ("usce", "letters", "exam", ...) or a flag name
    text: str


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
    plan: Plan,
) -> tuple[Reason, ...]:
    exam_first = bool(plan.steps) and plan.steps[0].kind == "exam"
    reasons = [_usce_reason(profile, weighting, facts, plan, exam_first=exam_first)]
    if facts.meaningful_usce:
        reasons.append(_letters_reason(profile, weighting, facts))
    if facts.recency_gap or priority == "usce_urgent":
        reasons.append(_recency_reason(profile))
    reasons.append(_exam_reason(profile, weighting, facts))
    if not profile.step1_passed:
        reasons.append(
            Reason(
                "exam",
                "You have not passed Step 1 yet. It comes first in your plan, before Step 2 CK "
                "and any rotation: both ask for it.",
            )
        )
    if round(profile.home_clinical_years, 1):
        reasons.append(_home_reason(profile))
    if priority in ("research_and_usce", "research_block", "balanced"):
        reasons.append(_specialty_reason(weighting))
    reasons.append(_research_reason(profile, weighting, facts))
    if priority == "research_block" and profile.career_goal == "academic":
        reasons.append(
            Reason("goal", "You aim at academic programs, where publications open doors.")
        )
    reasons.extend(
        _flag_reason(flag, profile, weighting, facts, plan)
        for flag in flags
        if flag != "recency_gap"
    )
    return tuple(reasons)


def research_named(profile: ApplicantProfile) -> str:
    """ "2 papers", "1 paper and 3 abstracts": the kinds as the applicant gave them."""
    named = []
    if profile.research_publications:
        named.append(count(profile.research_publications, "paper"))
    if profile.research_abstracts:
        named.append(
            count(profile.research_abstracts, "abstract or poster", "abstracts or posters")
        )
    return " and ".join(named)


def as_graduate(profile: ApplicantProfile) -> str:
    """Who may only observe, in words that fit their visa answer."""
    words = {
        "b1b2": "As a graduate on a visitor visa",
        "other": "As a graduate coming on a visitor visa, as most do,",
        "j1": "On your J-1",
        "h1b": "On your H-1B",
    }.get(profile.visa, "As a graduate on your visa")
    return words


def _usce_reason(
    profile: ApplicantProfile, weighting: Weighting, facts: Facts, plan: Plan, *, exam_first: bool
) -> Reason:
    said = describe_usce(profile, facts)
    target = weighting.usce_target_weeks
    aim = span(target, 12, "week") if target < 12 else weeks(target)
    when = "It comes right after the exam." if exam_first else "It comes first."
    if not facts.meaningful_usce:
        if facts.observe_only:
            return Reason(
                "usce",
                f"{said}. Programs look for US clinical experience. {as_graduate(profile)} "
                "you may observe but not treat patients: "
                f"{weeks(facts.usce_aim_weeks)} of observerships are the aim, and all your "
                f"status allows. {when}",
            )
        return Reason(
            "usce",
            f"{said}. Programs want to see at least 4 weeks of real US clinical work, and "
            f"{aim} of hands-on experience is the aim. {when}",
        )
    if facts.usce_stale:
        last = profile.usce_last_year or profile.as_of_month // 12
        age = plan.cycle.application_month // 12 - last
        return Reason(
            "usce",
            f"{said}, ending in {last}. When programs read your application in "
            f"{plan.cycle.submit_from.year} it will be {count(age, 'year')} old, and so will "
            "its letters: programs read such experience as past, not current. A recent "
            "rotation with fresh letters renews both.",
        )
    if facts.observe_only and not facts.solid_usce:
        counted = profile.usce_hands_on_weeks + profile.usce_observership_weeks
        return Reason(
            "usce",
            f"{said}. {as_graduate(profile)} you may observe but not treat patients, so "
            f"{weeks(facts.usce_aim_weeks)} of observing complete your record as far as your "
            f"status allows; you have {weeks(counted)} of them.",
        )
    if facts.observe_only and profile.usce_hands_on_weeks < 4:
        return Reason(
            "usce",
            f"{said}: as complete as your status allows, since {as_graduate(profile)[0].lower()}"
            f"{as_graduate(profile)[1:]} you may observe but not treat patients.",
        )
    if profile.usce_hands_on_weeks < 4 and facts.effective_usce_weeks >= target:
        return Reason(
            "usce",
            f"{said}, but fewer than 4 of them hands-on. Watching alone does not complete a "
            "clinical record: programs look for weeks where you were part of the team.",
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
    letters = count(have, "strong US clinical letter")
    if facts.usce_stale and have:
        return Reason(
            "letters",
            f"You have {letters}; programs look for {need}, and recent ones: letters from "
            "experience over a year old need fresh ones beside them.",
        )
    if facts.letters_enough:
        return Reason("letters", f"You have {letters}; programs look for {need}.")
    return Reason(
        "letters",
        f"You have {letters}; programs look for {need}. Letters come from attendings who "
        "supervised your clinical work, so the next rotation should be chosen with letters "
        "in mind.",
    )


def _recency_reason(profile: ApplicantProfile) -> Reason:
    yog = profile.years_since_graduation
    if profile.clinically_active:
        return Reason(
            "recency",
            f"You graduated {count(yog, 'year')} ago. Your clinical work in the last year "
            "helps; programs still ask about the years since graduation, and recent US "
            "clinical work answers them best. Research alone does not.",
        )
    return Reason(
        "recency",
        f"You graduated {count(yog, 'year')} ago and have not worked clinically in the last "
        "year. Programs will ask whether your clinical skills are current; recent clinical "
        "work, in the US above all, is the best answer, and research alone does not answer it.",
    )


def _exam_reason(profile: ApplicantProfile, weighting: Weighting, facts: Facts) -> Reason:
    score, mark, median = profile.step2_ck, facts.step2_pass_mark, weighting.step2_median
    if score is None:
        return Reason(
            "exam",
            "You have not taken Step 2 CK yet. Your plan books it before any rotation, and "
            "readiness leaves it out until you have a score.",
        )
    taken = month_label(step2_taken_month(profile))
    then = facts.step2_mark_taken
    if not facts.step2_passed:
        return Reason(
            "exam",
            f"Your Step 2 CK of {score}, taken {taken}, is below the passing score of {then} "
            "in force then. ECFMG certification and most programs need a pass; the failed "
            f"attempt stays on your transcript, and each Step allows at most {ATTEMPT_LIMIT} "
            "attempts. Your plan books a retake before any rotation, and readiness stays low "
            "until you pass.",
        )
    passes = f"passes (the mark is {mark})"
    if then != mark:
        passes = (
            f"passed under the mark of its day ({then} in {taken}; {mark} now), and a passed "
            "Step stands: it is never retaken"
        )
    if median is None:
        return Reason(
            "exam",
            f"Your Step 2 CK of {score} {passes}. No median for matched "
            f"IMGs in {weighting.name} is published, so readiness counts it on its own.",
        )
    if score < median:
        return Reason(
            "exam",
            f"Your Step 2 CK of {score} {passes}. Matched IMGs in {weighting.name} had a "
            f"median of {median}, and many programs screen on the score: apply broadly. It "
            "keeps your overall readiness at 70 or below.",
        )
    return Reason(
        "exam",
        f"Your Step 2 CK of {score} is at or above the median of matched IMGs in "
        f"{weighting.name} ({median}): a strength that counts in readiness.",
    )


def _home_reason(profile: ApplicantProfile) -> Reason:
    years = count(round(profile.home_clinical_years, 1), "year")
    penalty = max(0, profile.years_since_graduation - 1)
    if home_cushion(profile, penalty):
        effect = "It softens the time since graduation a little in the recency score"
    else:
        effect = "Your graduation is recent, so it does not change the recency score"
    return Reason(
        "home",
        f"You have {years} of clinical work outside the US. {effect}; programs still weigh "
        "US clinical work more.",
    )


def _specialty_reason(weighting: Weighting) -> Reason:
    wording = {
        "high": "counts research heavily: a serious research year is close to expected",
        "moderate": "gives research real weight next to clinical experience",
        "low": "values clinical experience most; research mainly helps at academic programs",
    }[weighting.research_emphasis]
    return Reason("specialty", f"{weighting.name} {wording}.")


def _research_reason(profile: ApplicantProfile, weighting: Weighting, facts: Facts) -> Reason:
    goal = count(weighting.research_goal, "paper or abstract", "papers and abstracts")
    estimate = ""
    if weighting.research_target is None:
        estimate = " (our estimate: no figure is published for this specialty)"
    if not facts.research_output:
        return Reason(
            "research",
            f"You have no research output yet; matched IMGs in {weighting.name} typically had "
            f"about {goal}{estimate}.",
        )
    have = research_named(profile)
    counted = ""
    if not profile.research_in_target_specialty:
        counted = f" (we count {facts.counted_research:g}, as most of it is in another field)"
    side = "below" if facts.research_short else "at or above"
    return Reason(
        "research",
        f"You have {have}{counted}: {side} what matched IMGs in {weighting.name} "
        f"typically had, about {goal}{estimate}.",
    )


def _flag_reason(
    flag: str, profile: ApplicantProfile, weighting: Weighting, facts: Facts, plan: Plan
) -> Reason:
    if flag == "can_stack":
        return Reason("can_stack", _stacking_words(profile, plan))
    if flag == "budget_tight":
        return Reason("budget_tight", _budget_words(plan))
    years_out = facts.years_at_application
    # Built lazily: some texts only make sense (and format) when their flag is up.
    texts = {
        "observership_weak": lambda: (
            f"Your {weeks(profile.usce_observership_weeks)} of observership count half in the "
            "scores. "
            + (
                "Observing is what your status allows, so the plan builds on it."
                if facts.observe_only
                else "Without hands-on weeks they do not complete your clinical record."
            )
        ),
        "online_not_counted": lambda: (
            f"Your {weeks(profile.usce_online_weeks)} of online rotations do not count "
            "as US clinical experience."
        ),
        "visa_limits_research": lambda: (
            "You plan to use a B1/B2 visa, which covers observing; research posts in the "
            "US need a J-1 or H-1B."
        ),
        "research_off_specialty": lambda: (
            f"Most of your research is outside {weighting.name}; work in your target "
            "specialty counts for more."
        ),
        "step2_below_pass": lambda: (
            "A retake comes first: ECFMG certification and most programs need a pass "
            f"(today's passing score is {facts.step2_pass_mark})."
        ),
        "step2_below_median": lambda: (
            f"Your Step 2 CK is below the median of matched IMGs in {weighting.name}: apply "
            "broadly, including programs that take many IMGs."
        ),
        "yog_cutoff_risk": lambda: (
            f"When you apply for the {plan.target_match} Match, in "
            f"{plan.cycle.submit_from.year}, you will be {count(years_out, 'year')} past "
            f"graduation as programs count it (you graduated in {facts.graduation_year}); many "
            "filter on graduation year (often at 3-5 years), so check each program's cut-off "
            "before you apply."
        ),
        "usce_stale": lambda: (
            f"Your US clinical experience will be about {count(facts.usce_years_old, 'year')} "
            "old when programs read it: the plan adds recent US clinical time and fresh letters."
        ),
        "exam_failures": lambda: _failures_words(profile, facts),
        "observe_only": lambda: (
            f"{as_graduate(profile)} you may observe in US hospitals but not treat "
            "patients, so the US time in your plan is observership. Hands-on work becomes "
            "lawful with a US licence or a training post (residency itself), or for a student "
            "on an approved elective."
        ),
        "j1_home_rule": lambda: (
            "You hold a J-1: check your DS-2019 and visa for the two-year home-residency rule. "
            "If it applies, an H-1B residency is closed to you until you meet it or get a "
            "waiver. The J-1 for residency through ECFMG is a different J-1 category, and the "
            "State Department has advised ECFMG against sponsoring people who switch between "
            "categories: ask ECFMG and your sponsor now whether that route is open to you."
        ),
        "competitive_for_imgs": lambda: (
            f"Only {weighting.img_match_rate:g}% of non-US IMGs who preferred {weighting.name} "
            "matched into it in 2026: apply broadly and name a backup specialty."
        ),
    }
    return Reason(flag, texts[flag]())


def _failures_words(profile: ApplicantProfile, facts: Facts) -> str:
    failed = profile.exam_failures
    if profile.step2_ck is not None and not facts.step2_passed:
        failed = max(failed, 1)
    return (
        f"{count(failed, 'failed USMLE attempt')} on your transcript: many programs screen out "
        "any failed attempt. Apply broadly, to programs that say they consider them, and name "
        "a backup specialty."
    )


def _budget_words(plan: Plan) -> str:
    """S4: what the money allows, as this plan holds it."""
    rotations = plan.of_kind("usce")
    research = "" if plan.has("research") else ", and no unpaid research block"
    total = ""
    if plan.cost and plan.cost.high:
        # P20: the whole plan's cost beside the budget, from the admin's fee rows.
        total = (
            f" All told it costs about {dollars(plan.cost.low, plan.cost.high)} from now to "
            f"Match Day; the low end, ${plan.cost.low:,}, is its cheapest form."
        )
    if not rotations:
        return f"Money is tight: your plan has no paid rotation{research}.{total}"
    step = rotations[0]
    kind = {
        "clerkship": "clerkship",
        "externship": "hands-on rotation",
        "observership": "observership",
        "own_institution": "period observing at your institution",
    }.get(step.setting or "", "rotation")
    return (
        f"Money is tight, so your plan holds one {step.weeks}-week {kind} at a hospital known "
        f"to write letters{research}.{total}"
    )


def _stacking_words(profile: ApplicantProfile, plan: Plan) -> str:
    months = count(profile.months_available_in_us, "month")
    research = plan.of_kind("research")
    if profile.in_us_research_post:
        return (
            f"With your post and {months} in the US you can do both: keep your research going "
            "and observe in the clinics of your institution for letters."
        )
    if research:
        where = "in the US" if research[0].in_us else "from home"
        near = (
            "observing in clinics where the post allows"
            if research[0].in_us
            else ("clinical half-days")
        )
        return (
            f"With {months} available in the US you can do both: rotations first, then "
            f"{count(research[0].months, 'month')} of research {where}, {near}."
        )
    return (
        f"With {months} available in the US you have room for rotations up to 12 weeks; "
        "your research is already where it should be, so no research block is needed."
    )
