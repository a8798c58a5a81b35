"""One function per kind of step: its title and words, from the applicant's answers.

Each returns a `PlanStep` for a span the layout has already chosen; nothing
here decides when. Words about a B1/B2 visa appear only to those who hold or
may use one (P11); every count goes through `advisor.engine.wording` (S3).
"""

from __future__ import annotations

from datetime import timedelta

from advisor.engine.calendar import month_index, month_label
from advisor.engine.facts import (
    ADVANCED_TRACK,
    ATTEMPT_LIMIT,
    ATTEMPTS_IN_A_YEAR,
    FOURTH_AFTER_FIRST_MONTHS,
    FOURTH_AFTER_LAST_MONTHS,
    step2_taken_month,
)
from advisor.engine.plan.context import PlanContext, day, month_name
from advisor.engine.plan.layout import Span
from advisor.engine.plan.model import PlanStep
from advisor.engine.plan.programs import RISK_FLAGS, programs_to_apply
from advisor.engine.policy import H1B, J1, VISITOR_VISA
from advisor.engine.wording import count, dollars, join_and, span, weeks

HOST_LEAD_MONTHS = 6  # hosts fill their places 3-6 months ahead (application-facts.md 7)
EXAM_NAMES = {"step1": "Step 1", "step2_ck": "Step 2 CK", "step3": "Step 3"}


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
    taken = month_label(step2_taken_month(ctx.profile))
    then = ctx.facts.step2_mark_taken
    return PlanStep(
        "exam",
        *when,
        "Retake USMLE Step 2 CK",
        f"Your {score} (taken {taken}) is below the passing score of {then} in force then. "
        "ECFMG certification and most programs need a pass, and the failed attempt stays on "
        f"your transcript. The rules: at most {ATTEMPTS_IN_A_YEAR} attempts at a Step within "
        f"12 months, a 4th at least {FOURTH_AFTER_FIRST_MONTHS} months after the first and "
        f"{FOURTH_AFTER_LAST_MONTHS} months after the last, and {ATTEMPT_LIMIT} attempts in "
        f"all. Sit it again only when practice tests are clearly above {mark}, today's "
        f"passing score. Finish by {month_name(when[1])}, before any rotation."
        + _last_attempts_warning(ctx),
        exam="step2_ck",
    )


def _last_attempts_warning(ctx: PlanContext) -> str:
    if ctx.profile.exam_failures < 2:
        return ""
    return (
        f" You have failed {count(ctx.profile.exam_failures, 'attempt')} already: check how "
        "many you have left at this Step. Another failure could mean a 12-month wait, or no "
        "attempts left, so book it only when you are ready."
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
    order = ""
    if not ctx.profile.oet_passed and not ctx.profile.pathway_met:
        order = (
            " Take OET first: it has test dates all year and results in about three weeks. "
            "The Pathway waits until ECFMG opens it, usually in the summer before the Match."
        )
    return PlanStep(
        "ecfmg",
        *when,
        title,
        f"Complete {join_and(missing)}.{order} ECFMG (the body that certifies foreign graduates) "
        f"must report {them} as met by the rank list deadline, "
        f"{day(ctx.cycle.rank_deadline)}{ctx.estimated}; programs are more at ease when "
        "it is done by the time you apply.",
    )


def arrange_step(ctx: PlanContext, when: Span) -> PlanStep:
    if ctx.needs.research == "post":
        return PlanStep(
            "arrange_us_time",
            *when,
            "Ask to observe clinics at your institution",
            "Ask your research mentor and your visa sponsor (the international office) to "
            "approve observing in the clinics of your own institution. A research post does "
            "not allow patient care, so it is observing only; the attendings you observe "
            "can write letters about what they saw.",
        )
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
    places = SETTING_PLURAL[ctx.setting]
    if ctx.layout.research and ctx.layout.research_in_us:
        places += " and the research post that follows them"
    first_in_us = when[1] + 1
    book_from = max(when[0], first_in_us - HOST_LEAD_MONTHS)
    start_words = "now" if book_from == when[0] else f"from {month_name(book_from)}"
    detail = (
        f"Apply for {places} {start_words}: places fill 3-6 months ahead, and paperwork and "
        "visas take months. Apply to more than one program, so that a place that falls "
        "through leaves you another. Ask each program whether it writes letters for visitors."
        + _while_studying(ctx, when)
    )
    return PlanStep(
        "arrange_us_time",
        *when,
        "Arrange your time in the US",
        detail + _visa_words(ctx) + _visa_wait_words(ctx, when),
        policies=ctx.policies(VISITOR_VISA) if ctx.needs_visitor_visa else (),
    )


VISA_NAMES = {"j1": "J-1", "h1b": "H-1B"}
# What a rotation is called, by what the applicant's status allows (P11, S5).
SETTING_PLURAL = {
    "clerkship": "elective clerkships",
    "externship": "hands-on rotations",
    "observership": "observerships",
    "own_institution": "observing at your institution",
}


def _while_studying(ctx: PlanContext, when: Span) -> str:
    """Booking runs beside exam study (P4): say so, so that it is not put off."""
    studying = [e for e, (start, end) in ctx.layout.exams if start <= when[1] and end >= when[0]]
    if not studying:
        return ""
    names = join_and([EXAM_NAMES[e] for e in studying])
    return f" Do this while you study for {names}: the rotations start once the exam is behind you."


def _standard_letter_words(ctx: PlanContext) -> str:
    """P15: a specialty with a standardized letter asks for it from its own rotations."""
    letter = ctx.weighting.standardized_letter
    if not letter:
        return ""
    name = ctx.weighting.name
    words = (
        f" Programs in {name} expect a {letter} (a standardized letter) written by {name} "
        f"faculty: choose rotations in {name} at hosts that write one."
    )
    if ctx.setting in ("observership", "own_institution"):
        words += (
            f" A {letter} grades work on the rotation, and observers seldom get one: ask "
            "each host before you book whether it writes one for visitors."
        )
    return words


def _visa_wait_words(ctx: PlanContext, when: Span) -> str:
    wait = ctx.profile.visa_wait_months
    if not ctx.needs_visitor_visa or not wait:
        return ""
    return (
        f" You said a visa interview is {count(wait, 'month')} away where you live: book it "
        "now, before anything else. The rotations start only once the visa is in hand, and "
        "waits change; check the State Department's published wait for your embassy."
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
    if visa in ("b1b2", "other"):
        if ctx.profile.student:
            words = (
                " As a student of a foreign medical school you may take an elective clerkship "
                "on a B-1 visa when your school approves it as part of your studies"
            )
        elif visa == "other":
            words = (
                " If you come on a visitor visa (B1/B2), as most do, you may observe but not "
                "take part in patient care"
            )
        else:
            words = " A visitor visa (B1/B2) lets a graduate observe, not take part in patient care"
        if research_in_us:
            words += "; a research post needs a J-1 or H-1B from the institution"
        return words + "."
    if visa == "j1":
        return (
            " Your J-1 allows what its sponsor approves, which is observing, never patient "
            "care: ask your sponsor before you accept."
        )
    if visa == "h1b":
        return (
            " Your H-1B covers the job it was granted for, not patient care elsewhere: "
            "observe only, unpaid, and ask your employer before you accept."
        )
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
    setting = ctx.setting
    noun = SETTING_PLURAL[setting]
    title = f"{weeks(n)} of {noun}" if setting != "own_institution" else f"{weeks(n)} {noun}"
    if ctx.profile.budget == "tight" and setting != "own_institution":
        title = f"One {n}-week {SETTING_ONE[setting]}"
    elif ctx.needs.letters_missing and n <= 4:
        title = f"A {SETTING_ONE[setting]} chosen for letters"
        if ctx.facts.usce_stale:
            title = f"A recent {SETTING_ONE[setting]}, with a fresh letter"
    if ctx.needs.research_in_chain:
        when_placed = "first, so that research can follow"
    elif ctx.layout.late_usce:
        when_placed = (
            "as early as the rest of your plan allows, which is after June. New interns "
            "start in July, and many hosts take no visitors then: confirm your dates with "
            "the host. A letter asked for now may reach programs after they start reading, "
            "so ask early; letters can still be added after you apply"
        )
    else:
        when_placed = (
            "ending by June of the year you apply, before new interns start in July, so "
            "the work is recent and letters are in before programs read applications"
        )
    parts = [f"{SETTING_WORDS[setting]}, {when_placed}."]
    if setting != "own_institution" and ctx.weighting.specialty != ADVANCED_TRACK:
        parts.append(
            f"Choose {ctx.weighting.name} where you can: letters from the specialty you apply "
            "to count most."
        )
    if setting == "observership" and ctx.profile.visa in ("b1b2", "other"):
        parts.append(
            (
                "On a visitor visa, as most observers are, a graduate may observe but not take "
                "part in patient care. "
                if ctx.profile.visa == "other"
                else "A visitor visa does not cover patient care for a graduate: observing is "
                "what it allows. "
            )
            + 'Offers of paid "hands-on" places to graduates on a visitor visa put '
            "you at risk with the visa and with licensing boards; hands-on work becomes "
            "lawful with a US licence or training post, or for a student on an elective."
        )
    elif setting == "observership":
        parts.append(
            f"Your {VISA_NAMES[ctx.profile.visa]} does not cover patient care here: observe, "
            "and ask the attendings you work with for letters."
        )
    if setting == "clerkship":
        parts.append(
            "An elective is open to you only while you are enrolled: book it before you "
            "graduate. After graduating, a visitor visa allows observing only."
        )
    parts.extend(_blocked_words(ctx))
    if ctx.weighting.standardized_letter:
        parts.append(_standard_letter_words(ctx).strip())
    if ctx.facts.usce_stale:
        last = ctx.profile.usce_last_year or ctx.profile.as_of_month // 12
        parts.append(
            f"Your earlier US experience ended in {last}: this makes your experience recent "
            "again and brings a fresh letter."
        )
    if ctx.profile.budget == "tight":
        parts.append(
            "One rotation at a hospital known to write letters gives the most for the money."
        )
    target = ctx.facts.usce_aim_weeks
    total = ctx.facts.usce_weeks_counted + n
    goal = span(target, 12, "week") if target < 12 else weeks(target)
    if ctx.facts.usce_stale:
        pass  # said above: what counts now is that it is recent
    elif ctx.facts.observe_only:
        have = ctx.profile.usce_hands_on_weeks + ctx.profile.usce_observership_weeks
        if have:
            parts.append(
                f"With the {weeks(have)} you have, this brings you to {weeks(total)}; "
                f"{weeks(target)} complete your record as far as your status allows."
            )
        elif n >= target:
            parts.append(
                f"{weeks(target)} complete your clinical record as far as your status allows."
            )
        else:
            parts.append(
                f"It is a start: {weeks(target)} complete your clinical record as far as your "
                "status allows (see the note below the plan)."
            )
    elif (
        ctx.profile.usce_hands_on_weeks < 4 <= n
        and ctx.facts.effective_usce_weeks >= ctx.weighting.usce_target_weeks
    ):
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
    if setting != "own_institution":
        parts.append(_fee_words(ctx, setting))
    if ctx.profile.months_available_in_us == 0 and setting != "own_institution":
        us = ctx.layout.usce[1] - ctx.layout.usce[0] + 1
        parts.append(
            f"You said you cannot spend time in the US yet; this plan still asks for "
            f"{count(us, 'month')} in the US, because recent US clinical work is the one thing "
            "that moves your application forward."
        )
    return PlanStep(
        "usce",
        *when,
        title,
        " ".join(parts),
        in_us=True,
        weeks=n,
        setting=setting,
        policies=ctx.policies(VISITOR_VISA) if ctx.needs_visitor_visa else (),
    )


def _fee_words(ctx: PlanContext, setting: str) -> str:
    """The fee range per 4 weeks, from the admin's fee rows (P20)."""
    item = "observership_fees" if setting == "observership" else "hands_on_fees"
    fee = ctx.fees.get(item)
    if fee is None:
        return "Hosts charge fees, plus travel and housing: see what this plan costs."
    return (
        f"Hosts charge about {dollars(fee.low, fee.high)} per 4 weeks, plus travel and "
        "housing: see what this plan costs, below the plan."
    )


def _blocked_words(ctx: PlanContext) -> list[str]:
    """A rule on the applicant's nationality that blocks the visa this step needs."""
    if not ctx.needs_visitor_visa:
        return []
    if not ctx.visitor_visa_blocked:
        return []
    return [
        "A visa rule on your nationality (below) blocks new visitor visas: this is possible "
        "only with a valid US visa you already hold, or a waiver. Check before you pay for "
        "anything."
    ]


SETTING_ONE = {
    "clerkship": "US clerkship",
    "externship": "hands-on US rotation",
    "observership": "US observership",
    "own_institution": "period observing at your institution",
}
SETTING_WORDS = {
    "clerkship": "Elective clerkships or sub-internships where you are part of the team, "
    "arranged through your school",
    "externship": "Hands-on rotations (externships) where you are part of the team",
    "observership": "Observerships: you follow an attending and watch care, without treating "
    "patients",
    "own_institution": "Observing in the clinics of the institution where you hold your post, "
    "without treating patients",
}


def letters_step(ctx: PlanContext, when: Span) -> PlanStep:
    missing = ctx.needs.letters_missing
    if ctx.facts.solid_usce:
        how = (
            "Ask the US attendings who supervised you before, now; ask the attending of your "
            "next rotation before it ends."
        )
    elif ctx.setting in ("observership", "own_institution"):
        how = (
            "Ask the attendings you observed with before your observing ends, while they "
            "remember you."
        ) + (" Ask your research mentor too." if ctx.needs.research == "post" else "")
    else:
        how = (
            "Ask the attendings who supervised you before the rotation ends, while they "
            "remember your work."
        )
    noun = "more US clinical letter" if ctx.profile.us_clinical_letters else "US clinical letter"
    title = f"Ask for {count(missing, noun)}"
    if ctx.facts.usce_stale and ctx.profile.us_clinical_letters:
        noun = "fresh US clinical letter"
        title = f"Ask for {count(missing, noun)}"
        how = (
            "Your letters come from experience that will be over a year old when programs "
            "read them: ask the attendings of your new rotation before it ends."
        )
    letter = ctx.weighting.standardized_letter
    if letter:
        how += (
            f" In {ctx.weighting.name}, programs expect a {letter}, the specialty's "
            f"standardized letter, from {ctx.weighting.name} faculty you worked with."
        )
    portal = (
        "Writers upload them through the AAMC Letter Writer Portal"
        if ctx.weighting.application_service == "eras"
        else "Writers upload them to ResidencyCAS"
    )
    return PlanStep(
        "letters",
        *when,
        title,
        f"{how} {portal}; you can assign up to 4 letters to each program.",
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
            "Keep near clinics: observe a half-day or two a week where the post allows it. "
            "A research fellow without a US licence may not treat patients."
            if ctx.layout.research_in_us
            else "Keep one or two clinical half-days a week at home so your clinical work "
            "stays current."
        )
    if kind == "optional" and ctx.weighting.research_emphasis == "high":
        parts.append(
            f"Started this close to applying it shows little by then, and {ctx.specialty} "
            "weighs research highly: it keeps your file growing through the interview season."
        )
    elif kind == "optional":
        parts.append("It helps, but it does not hold back your application.")
    if when[1] > ctx.layout.application:
        parts.append(
            "It runs on past your application: send programs an update when new work is accepted."
        )
    if ctx.layout.research_in_us and ctx.profile.visa in ("other", "b1b2"):
        parts.append(
            "The institution will need to sponsor a J-1 or H-1B for it, and a new J-1 means a "
            "visa interview in your home country: leave time for it between the rotations "
            "and the post. A research J-1 may carry a two-year home-country rule that later "
            "limits an H-1B, and the State Department has advised ECFMG against sponsoring "
            "people who switch from another J-1 category to the J-1 for residency: ask both "
            "before you sign."
        )
    if ctx.layout.research_in_us and ctx.profile.visa == "h1b":
        parts.append(
            "Your H-1B is tied to your employer: research elsewhere needs the new institution "
            "to file its own H-1B petition (a change of employer), and unpaid work outside "
            "your job is not allowed. Agree it with both before you sign."
        )
    needs_j1 = ctx.layout.research_in_us and ctx.profile.visa in ("other", "b1b2")
    return PlanStep(
        "research",
        *when,
        f"Research block: {count(months, 'month')}"
        if when[1] <= ctx.layout.application
        else f"Research block, to {month_name(when[1])}",
        " ".join(parts),
        in_us=ctx.layout.research_in_us,
        months=months,
        policies=ctx.policies(J1) if needs_j1 else (),
    )


def current_post_step(ctx: PlanContext, when: Span) -> PlanStep:
    """P11: a US research post held now is the plan's research; nobody is sent home."""
    months = when[1] - when[0] + 1
    ends = (
        "until you apply"
        if when[1] >= ctx.layout.application - 1
        else f"for {count(months, 'month')}"
    )
    output = ctx.facts.research_output
    aim = "Turn it into output programs can read: an abstract or poster, a paper submitted."
    if output and not ctx.facts.research_short:
        aim = "Your output is where matched applicants usually are: keep it coming."
    none_said = ""
    if ctx.profile.months_available_in_us == 0:
        none_said = (
            " You said you have no months to spend in the US, but you hold this post there "
            f"now, so the plan counts {count(months, 'month')} in the US for it."
        )
    return PlanStep(
        "research",
        *when,
        "Your current research post in the US",
        f"Keep your post in the US {ends}, in {ctx.specialty} if you can steer it there. "
        f"{aim} Ask your mentor for a letter. Your visa covers the research, not patient "
        f"care: any clinical time is observing, approved by your sponsor.{none_said}",
        in_us=True,
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
    if ctx.needs.research == "post":
        return PlanStep(
            "stay_current",
            *when,
            "Resume clinical work",
            "When your post ends, resume clinical work wherever you may practise: paid or "
            "volunteer hospital work shows programs your skills are current.",
        )
    if ctx.profile.student:
        return PlanStep(
            "stay_current",
            *when,
            "Finish your clinical rotations at school",
            "Your final-year rotations keep your clinical skills current until the next "
            "step; ask your school early which electives it approves abroad.",
        )
    if ctx.profile.visa in ("j1", "h1b"):
        return PlanStep(
            "stay_current",
            *when,
            "Keep working clinically" if ctx.profile.clinically_active else "Resume clinical work",
            ("Keep up" if ctx.profile.clinically_active else "Resume")
            + " clinical work where you may lawfully practise: it keeps your skills and your "
            f"file current. In the US your {VISA_NAMES[ctx.profile.visa]} and a licence decide "
            "what that is; outside it, your own licence.",
        )
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
        if ctx.j1_blocked:
            sponsor = (
                " A visa rule on your nationality (below) blocks the J-1 for now, so look for "
                "programs that sponsor an H-1B, and ask each one before you apply."
            )
    if ctx.profile.visa == "h1b":
        sponsor += (
            " An H-1B for residency needs Step 3 passed, and many programs want it by Match Day."
        )
    residency_visas = ctx.policies(J1) + tuple(
        p for p in ctx.policies(H1B) if p not in ctx.policies(J1)
    )
    return PlanStep(
        "prepare_application",
        *when,
        "Prepare your application",
        f"{_service_opens(ctx)} Write the application and personal statement, get your "
        f"letters uploaded, and build a program list filtered by {filters}.{sponsor}"
        + _how_many_programs(ctx)
        + _pgy1_words(ctx),
        policies=residency_visas,
    )


def _service_opens(ctx: PlanContext) -> str:
    w = ctx.weighting
    if w.application_service == "residencycas":
        return (
            f"Programs in {w.name} take applications through ResidencyCAS, not ERAS. It "
            f"opens in early June, about when ERAS does: {day(ctx.cycle.eras_opens)}"
            f"{ctx.estimated}."
        )
    return (
        f"ERAS, the AAMC's application service, opens {day(ctx.cycle.eras_opens)}{ctx.estimated}."
    )


def _how_many_programs(ctx: PlanContext) -> str:
    """P17: how widely IMGs in this specialty apply (wider with what makes programs
    screen an applicant out, as the cost counts it), and a backup where few match."""
    w = ctx.weighting
    words = ""
    found = programs_to_apply(w.programs_low, w.programs_high, ctx.flags)
    if found:
        many = span(found.base_low, found.base_high, "program")
        words = f" IMGs in {w.name} typically apply to {many}."
        if found.widened:
            because = join_and([RISK_FLAGS[r] for r in found.risks])
            words += (
                f" With {because}, plan on {span(found.low, found.high, 'program')}: more "
                "programs will screen you out."
            )
    if "competitive_for_imgs" in ctx.flags:
        backup = w.backup_specialty or "a specialty where more IMGs match"
        words += (
            f" Few IMGs match in {w.name}: apply to {backup} as well, as a backup, in the "
            "same season, and rank those programs after your first choice. Check which "
            "service its programs use (ERAS or ResidencyCAS): another service means a second "
            "application, with its own fees and letters."
        )
    return words


def _pgy1_words(ctx: PlanContext) -> str:
    """P17: where positions start at PGY-2, the first year is a separate application."""
    advanced = ctx.weighting.advanced_positions
    if advanced == "most":
        return (
            f" Most {ctx.weighting.name} positions start in the second year (PGY-2): apply "
            "separately for a first year (a preliminary or transitional year) in the same "
            "season, and rank those programs on a supplemental list."
        )
    if advanced == "some":
        return (
            f" Some {ctx.weighting.name} positions start in the second year (PGY-2): for "
            "those, you also apply for a first year (a preliminary or transitional year) "
            "in the same season."
        )
    return ""


def apply_step(ctx: PlanContext) -> PlanStep:
    a = ctx.layout.application
    if ctx.weighting.application_service == "residencycas":
        deadline, review, guessed = ctx.cycle.cas_dates()
        note = " (estimated)" if guessed or ctx.cycle.estimated else ctx.estimated
        words = (
            f"Submit through ResidencyCAS from {day(ctx.cycle.submit_from)}{ctx.estimated}. "
            f"ResidencyCAS has a deadline, {day(deadline)}{note}: later applications are not "
            f"sent. Programs start reading on {day(review)}{note}."
        )
    else:
        words = (
            f"Submit through ERAS from {day(ctx.cycle.submit_from)}{ctx.estimated}, the first "
            "day applications reach programs; they start reading on "
            f"{day(ctx.cycle.programs_review_from)}{ctx.estimated}."
        )
    return PlanStep("apply", a, a, f"Apply for the {ctx.cycle.match_year} Match", words)


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


def step3_step(ctx: PlanContext, when: Span) -> PlanStep:
    """P18: an H-1B residency needs Step 3 passed, which needs the ECFMG certificate."""
    parts = []
    if ctx.j1_blocked and ctx.profile.visa != "h1b":
        parts.append(
            "A visa rule on your nationality blocks the J-1 for now, so plan on an H-1B for "
            "residency."
        )
    parts.append(
        "An H-1B for residency needs Step 3 passed, and Step 3 needs your ECFMG certificate first."
    )
    if when[1] < ctx.layout.application:
        parts.append(
            "Your certificate's requirements are met: once ECFMG has issued it, apply to the "
            "FSMB for Step 3 (checking your graduation can take up to 12 weeks, the permit "
            f"about 2 more) and sit it by {month_name(when[1])}, so that the pass is on your "
            "application; programs that sponsor an H-1B look for it."
        )
    else:
        parts.append(
            "Study while you interview and sit it once the certificate is issued, by "
            f"{month_name(when[1])}: many programs that sponsor an H-1B want the result "
            f"before the rank list deadline, {day(ctx.cycle.rank_deadline)}{ctx.estimated}."
        )
    if ctx.profile.visa != "h1b":
        parts.append("Step 3 is given only in the US: sitting it means a trip for the test day.")
        if ctx.visitor_visa_blocked:
            parts.append(
                "The rule on your nationality blocks new visitor visas too: check how you "
                "could travel for it before you count on this route."
            )
    return PlanStep(
        "exam", *when, "Prepare for and take USMLE Step 3", " ".join(parts), exam="step3"
    )


def soap_step(ctx: PlanContext) -> PlanStep:
    """P2, P19: Match Week's SOAP, for the applicant who does not match."""
    m = month_index(ctx.cycle.match_day)
    monday = ctx.cycle.match_day - timedelta(days=4)
    return PlanStep(
        "soap",
        m,
        m,
        "If you do not match: SOAP in Match Week",
        f"On {day(monday)}{ctx.estimated} you learn whether you matched. If not, the "
        "Supplemental Offer and Acceptance Program runs until Thursday: apply to programs "
        "with unfilled places and take offers in rounds. Have your documents ready and "
        "stay reachable that week; if SOAP brings nothing, fix what held you back and "
        "apply again when the next season opens.",
    )


def before_residency_step(ctx: PlanContext) -> PlanStep:
    """P18, P19: from the month after Match Day to June, what must be done by 1 July."""
    start = month_index(ctx.cycle.match_day) + 1
    end = month_index(f"{ctx.cycle.match_year:04d}-06")
    parts = [
        f"Residency starts {day(ctx.cycle.residency_starts)}. By then: the full ECFMG "
        "certificate, and the training licence of the state your program is in (apply as "
        "soon as you match: some boards take months)."
    ]
    if ctx.profile.student:
        parts.append(
            "ECFMG needs your diploma for the certificate: send it as soon as you have it."
        )
    if ctx.j1_blocked and ctx.h1b_blocked:
        parts.append(
            "Your visa for residency: a visa rule on your nationality (below) blocks both the "
            "J-1 and a new H-1B for now. Unless it changes or you qualify for an exception, "
            "a US residency cannot start: check its status before you pay for applications, "
            "and again before you rank programs."
        )
    elif ctx.j1_blocked:
        parts.append(
            "Your visa for residency: a visa rule on your nationality (below) blocks the J-1 "
            "for now, so it is an H-1B from a program that sponsors one, with Step 3 passed "
            "(see the Step 3 step). Check the rule's status again before you rank programs."
        )
    elif ctx.profile.visa == "h1b":
        parts.append(
            "Your visa for residency: you hold an H-1B, so a program that sponsors one files "
            "a petition for you as your new employer, from inside the US, with Step 3 passed; "
            "the payment on new petitions (below, if shown) is aimed at people outside the "
            "US, but ask the program. The usual route for IMGs, the J-1 through ECFMG (with a "
            "Statement of Need from your home country's health ministry), would bring its "
            "two-year home rule."
        )
    elif ctx.profile.visa == "j1":
        parts.append(
            "Your visa for residency: the J-1 that ECFMG sponsors is a different J-1 category "
            "from yours, and the State Department has advised ECFMG against sponsoring people "
            "who switch categories, so ask ECFMG early (that J-1 also needs a Statement of "
            "Need from your home country's health ministry); or an H-1B where the program "
            "sponsors it, which needs Step 3 passed first (and is closed while a two-year "
            "home rule applies to you)."
        )
    elif ctx.profile.visa != "citizen_or_resident":
        parts.append(
            "Your visa for residency: usually the J-1 that ECFMG sponsors (your program opens "
            "the case; you need a Statement of Need from your home country's health ministry, "
            "the slowest part, so ask for it early), or an H-1B where the program sponsors "
            "it, which needs Step 3 passed first."
        )
    residency_visas = ctx.policies(J1) + tuple(
        p for p in ctx.policies(H1B) if p not in ctx.policies(J1)
    )
    return PlanStep(
        "before_residency",
        start,
        max(start, end),
        "Before residency starts",
        " ".join(parts),
        policies=residency_visas if ctx.profile.visa != "citizen_or_resident" else (),
    )
