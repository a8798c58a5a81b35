"""One function per kind of step: its title and words, from the applicant's answers.

Each returns a `PlanStep` for a span the layout has already chosen; nothing
here decides when. Words about a B1/B2 visa appear only to those who hold or
may use one (P11); every count goes through `advisor.engine.wording` (S3).
"""

from __future__ import annotations

from advisor.engine.calendar import month_index
from advisor.engine.facts import ATTEMPT_LIMIT
from advisor.engine.plan.context import RESIDENCY_CAS_SPECIALTIES, PlanContext, day, month_name
from advisor.engine.plan.layout import Span
from advisor.engine.plan.model import PlanStep
from advisor.engine.wording import count, join_and, span, weeks

COST_PER_ROTATION = "1,500-4,600"  # fees for 4 weeks (match-calendar.md: $1,499-4,599)


def exam_step(ctx: PlanContext, exam: str, when: Span) -> PlanStep:
    mark = ctx.facts.step2_pass_mark
    apply_month = month_name(ctx.layout.application)
    if exam == "step1":
        return PlanStep(
            "exam",
            *when,
            "Prepare for and pass USMLE Step 1",
            "About 3 months of study. Rotations and ECFMG certification both ask for a pass, "
            "so it comes before anything else.",
            exam="step1",
        )
    score = ctx.profile.step2_ck
    median = ctx.weighting.step2_median
    aim = f" Matched IMGs in {ctx.weighting.name} had a median of {median}." if median else ""
    if score is None:
        return PlanStep(
            "exam",
            *when,
            "Prepare for and take USMLE Step 2 CK",
            f"About 3 months of study, finished by {month_name(when[1])} so the score (about "
            f"4 weeks) is with programs before you apply in {apply_month}. The passing score "
            f"is {mark}.{aim} Many programs screen on this score.",
            exam="step2_ck",
        )
    return PlanStep(
        "exam",
        *when,
        "Retake USMLE Step 2 CK",
        f"Your {score} is below the passing score of {mark}. ECFMG certification and most "
        "programs need a pass; the failed attempt stays on your transcript and each Step "
        f"allows at most {ATTEMPT_LIMIT} attempts, so sit it again only when practice tests "
        f"are clearly above {mark}. Finish by {month_name(when[1])}, before any rotation.",
        exam="step2_ck",
    )


def ecfmg_step(ctx: PlanContext, when: Span) -> PlanStep:
    missing = []
    if not ctx.profile.oet_passed:
        missing.append("OET Medicine (the scores ECFMG accepts, in one sitting)")
    if not ctx.profile.pathway_met:
        missing.append(
            "the ECFMG Pathway that fits your licence and school, applied for as soon as "
            f"ECFMG opens it for the {ctx.cycle.match_year} Match"
        )
    title = {
        (False, False): "OET and your ECFMG Pathway",
        (True, False): "Your ECFMG Pathway",
        (False, True): "OET Medicine",
    }[(ctx.profile.oet_passed, ctx.profile.pathway_met)]
    them = "them" if len(missing) > 1 else "it"
    return PlanStep(
        "ecfmg",
        *when,
        title,
        f"Complete {join_and(missing)}. ECFMG (the body that certifies foreign graduates) "
        f"must report {them} as met by the rank list deadline, "
        f"{day(ctx.cycle.rank_deadline)}{ctx.estimated}; programs are more at ease when "
        "it is done by the time you apply.",
    )


def arrange_step(ctx: PlanContext, when: Span) -> PlanStep:
    if not ctx.layout.usce:
        return PlanStep(
            "arrange_us_time",
            *when,
            "Arrange your research post in the US",
            "Apply for research posts in these months, or sooner where a post you want opens "
            "earlier: offers, paperwork and visas take months. Ask who "
            "has taken IMGs before and what came of it (abstracts, papers, letters)."
            + _research_visa_words(ctx),
        )
    places = "rotations"
    if ctx.layout.research and ctx.layout.research_in_us:
        places = "rotations and the research post that follows them"
    detail = (
        f"Apply for {places} in these months, or sooner where a program you want opens its "
        "applications earlier: places, paperwork and visas take months. Ask each program "
        "whether it writes letters for visiting students."
    )
    return PlanStep(
        "arrange_us_time", *when, "Arrange your time in the US", detail + _visa_words(ctx)
    )


def _research_visa_words(ctx: PlanContext) -> str:
    if ctx.profile.visa in ("other", "b1b2"):
        return " A research post needs a J-1 or H-1B from the institution."
    if ctx.profile.visa in ("j1", "h1b"):
        return " Check with the institution that your current visa allows the post."
    return ""


def _visa_words(ctx: PlanContext) -> str:
    visa = ctx.profile.visa
    research_in_us = ctx.layout.research is not None and ctx.layout.research_in_us
    if visa == "b1b2":
        return " A B1/B2 visa usually covers short hands-on rotations; check each program's rules."
    if visa == "other":
        words = " If you need a visa, B1/B2 often covers short rotations"
        if research_in_us:
            words += "; a research post needs a J-1 or H-1B from the institution"
        return words + "."
    if visa in ("j1", "h1b"):
        return " Check with each host that your current visa allows this kind of work."
    return ""


def change_visa_step(ctx: PlanContext, when: Span) -> PlanStep:
    return PlanStep(
        "change_visa",
        *when,
        "Change to a visa that allows research",
        "A B1/B2 visa does not cover a research post. Look for an offer from an institution "
        "that sponsors a J-1 or H-1B, and allow time for the paperwork before the post starts.",
    )


def usce_step(ctx: PlanContext, when: Span) -> PlanStep:
    n = ctx.needs.usce_weeks
    target = ctx.weighting.usce_target_weeks
    title = f"{weeks(n)} of hands-on US rotations"
    if ctx.profile.budget == "tight":
        title = f"One {n}-week hands-on US rotation"
    elif ctx.needs.letters_missing and n <= 4:
        title = "A rotation chosen for letters"
    elif ctx.priority == "usce_urgent":
        title = f"Hands-on US rotations: {weeks(n)}"
    when_placed = (
        "first, so that research can follow"
        if ctx.needs.research_in_chain
        else "placed close to your application so the work and the letters are recent"
    )
    parts = [
        f"Clerkships, externships or sub-internships where you are part of the team, {when_placed}."
    ]
    if ctx.profile.budget == "tight":
        parts.append(
            "One rotation at a hospital known to write letters gives the most for the money."
        )
    total = ctx.facts.effective_usce_weeks + n
    goal = span(target, 12, "week") if target < 12 else weeks(target)
    if ctx.profile.usce_hands_on_weeks < 4 <= n and ctx.facts.effective_usce_weeks >= target:
        observed = weeks(ctx.facts.effective_usce_weeks)
        parts.append(
            f"Your observerships count as {observed}; hands-on work is what completes the record."
        )
    elif ctx.facts.effective_usce_weeks:
        parts.append(
            f"With what you have, this brings you to {weeks(total)}; programs look for {goal}."
        )
    else:
        parts.append(f"Programs look for {goal} of this kind of work.")
    parts.append(f"Expect about ${COST_PER_ROTATION} per 4 weeks in fees, plus travel and housing.")
    if ctx.profile.months_available_in_us == 0:
        us = ctx.layout.usce[1] - ctx.layout.usce[0] + 1
        parts.append(
            f"You said you cannot spend time in the US yet; this plan still asks for "
            f"{count(us, 'month')} in the US, because hands-on US work is the one thing "
            "that moves your application forward."
        )
    return PlanStep("usce", *when, title, " ".join(parts), in_us=True, weeks=n)


def letters_step(ctx: PlanContext, when: Span) -> PlanStep:
    missing = ctx.needs.letters_missing
    if ctx.facts.solid_usce:
        how = (
            "Ask the US attendings who supervised you before, now; ask the attending of your "
            "next rotation before it ends."
        )
    else:
        how = (
            "Ask the attendings who supervised you before the rotation ends, while they "
            "remember your work."
        )
    noun = "more US clinical letter" if ctx.profile.us_clinical_letters else "US clinical letter"
    return PlanStep(
        "letters",
        *when,
        f"Ask for {count(missing, noun)}",
        f"{how} Writers upload them through the AAMC Letter Writer Portal; each program "
        "reads up to 4.",
    )


def research_step(ctx: PlanContext, when: Span) -> PlanStep:
    months = when[1] - when[0] + 1
    where = (
        f"in the US, in {ctx.specialty}"
        if ctx.layout.research_in_us
        else f"at home or remotely with a US group, in {ctx.specialty}"
    )
    output = ctx.facts.research_output
    aim = "Aim for an abstract or poster, a paper submitted, and a letter from your mentor."
    if output:
        have = count(output, "paper or abstract", "papers and abstracts")
        aim = (
            f"Add to your {have}: new abstracts, a paper submitted, and a letter from your mentor."
        )
    parts = [f"A research post {where}. {aim}"]
    kind = ctx.needs.research
    if kind == "stacked":
        parts.append(
            "Keep one or two clinical half-days a week so your clinical work stays current."
        )
    if kind == "optional":
        parts.append("It helps, but it does not hold back your application.")
    if when[1] > ctx.layout.application:
        parts.append(
            "It runs on past your application: send programs an update when new work is accepted."
        )
    if ctx.layout.research_in_us and ctx.profile.visa in ("other", "b1b2"):
        parts.append(
            "The institution will need to sponsor a J-1 or H-1B for it; a J-1 may carry a "
            "two-year home-country rule that later limits an H-1B, so ask before you sign."
        )
    return PlanStep(
        "research",
        *when,
        f"Research block: {count(months, 'month')}",
        " ".join(parts),
        in_us=ctx.layout.research_in_us,
        months=months,
    )


def small_project_step(ctx: PlanContext, when: Span) -> PlanStep:
    if ctx.needs.research_later_note:
        title = "A small project instead of a research block"
        detail = (
            "Months of unpaid research are not affordable on a tight budget. A case report or "
            "a remote chart review in " + ctx.specialty + " fits around paid work."
        )
    elif ctx.facts.research_output and not ctx.facts.research_short:
        title = "Keep your research going"
        detail = (
            "Your research is where matched applicants in this specialty usually are: keep it "
            "going with a case report or quality-improvement project, rather than starting a "
            "new block."
        )
    else:
        title = "A small project"
        detail = (
            f"A case report or quality-improvement project in {ctx.specialty}, alongside your "
            "other work."
        )
        if not ctx.facts.recency_gap:
            detail += " More rotations add little now."
    return PlanStep("small_project", *when, title, detail)


def stay_current_step(ctx: PlanContext, when: Span) -> PlanStep:
    if ctx.profile.clinically_active:
        return PlanStep(
            "stay_current",
            *when,
            "Keep working clinically",
            "Clinical work anywhere, at home too, keeps your skills and your file current "
            "until the next step.",
        )
    return PlanStep(
        "stay_current",
        *when,
        "Resume clinical work",
        "Resume clinical work now, at home if that is where you are: paid or volunteer "
        "hospital work shows programs your skills are current and closes the gap they ask about.",
    )


def prepare_application_step(ctx: PlanContext, when: Span) -> PlanStep:
    filters = "graduation-year and score cut-offs"
    sponsor = " You need no visa sponsorship, so that filter does not narrow your list."
    if ctx.profile.visa != "citizen_or_resident":
        filters = "visa sponsorship and by graduation-year and score cut-offs"
        sponsor = " Many programs sponsor only a J-1; fewer sponsor an H-1B."
    if ctx.profile.visa == "h1b":
        sponsor += (
            " An H-1B for residency needs Step 3 passed, and many programs want it by Match Day."
        )
    return PlanStep(
        "prepare_application",
        *when,
        "Prepare your application",
        f"ERAS, the AAMC's application service, opens {day(ctx.cycle.eras_opens)}"
        f"{ctx.estimated}. Write the application and personal statement, get your letters "
        f"uploaded, and build a program list filtered by {filters}.{sponsor}",
    )


def apply_step(ctx: PlanContext) -> PlanStep:
    a = ctx.layout.application
    route = "through ERAS"
    if ctx.weighting.specialty in RESIDENCY_CAS_SPECIALTIES:
        route = "through ERAS (some programs in this specialty use ResidencyCAS instead)"
    return PlanStep(
        "apply",
        a,
        a,
        f"Apply for the {ctx.cycle.match_year} Match",
        f"Submit {route} from {day(ctx.cycle.submit_from)}{ctx.estimated}, the first day "
        "applications reach programs; they start reading on "
        f"{day(ctx.cycle.programs_review_from)}.",
    )


def interviews_step(ctx: PlanContext) -> PlanStep:
    a = ctx.layout.application
    end = max(a + 1, month_index(f"{ctx.cycle.match_year:04d}-01"))
    return PlanStep(
        "interviews",
        a + 1,
        end,
        "Interview season",
        "Register with the NRMP, which runs the Match (registration opens in mid-September), "
        "and "
        f"certify your rank list by the rank list deadline, {day(ctx.cycle.rank_deadline)}"
        f"{ctx.estimated}.",
    )


def match_step(ctx: PlanContext) -> PlanStep:
    m = month_index(ctx.cycle.match_day)
    return PlanStep(
        "match",
        m,
        m,
        "Match Day",
        f"Results on {day(ctx.cycle.match_day)}{ctx.estimated}; residency starts "
        f"{day(ctx.cycle.residency_starts)}.",
    )
