"""The plan: dated steps from the month of `as_of` to a Match Day (plan-rules.md).

`build_plan` reads as the rules read: what the plan must hold (`needs`), the
Match it can reach (`layout`), each kind of step in its place (`steps`), and
the months in between filled so that none is left unexplained (P6).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from advisor.engine.applicant import ApplicantProfile, ProfileError
from advisor.engine.calendar import MatchCalendar, month_index
from advisor.engine.facts import Facts
from advisor.engine.plan import steps as make
from advisor.engine.plan.context import PlanContext
from advisor.engine.plan.cost import plan_cost
from advisor.engine.plan.layout import (
    MAX_YEARS_AHEAD,
    SCORE_LEAD_MONTHS,
    Layout,
    application_month,
    lay_out,
)
from advisor.engine.plan.model import Plan, PlanStep
from advisor.engine.plan.needs import Needs, plan_needs
from advisor.engine.plan.notes import moved_because, plan_notes, policy_check
from advisor.engine.weighting import Weighting

STEP3_MONTHS = 3  # preparing for and taking Step 3, after applying, before the rank list
# From a certificate in hand to a sitting: the FSMB checks graduation (up to 12 weeks),
# then a permit (about 2 weeks), while studying.
STEP3_READY_MONTHS = 6
URGENT_IDLE_MONTHS = 2  # more idle months than this after urgent rotations need filling (P14)

__all__ = ["Advice", "Plan", "PlanStep", "build_plan", "check_target"]

# What the advice is for an application in a given month: (facts, priority, flags).
Advice = tuple[Facts, str, tuple[str, ...]]
# The chain is at most a few years long, so a Match within 20 years always fits.
SEARCH_YEARS = 20


def check_target(profile: ApplicantProfile, calendar: MatchCalendar) -> None:
    """P5: a requested Match must still be open and at most 6 years ahead."""
    year = profile.target_match
    if year is None:
        return
    as_of = profile.as_of_month
    if year - as_of // 12 > MAX_YEARS_AHEAD:
        raise ProfileError(
            {"target_match": f"the {year} Match is more than {MAX_YEARS_AHEAD} years ahead"}
        )
    submit = calendar.cycle(year).submit_from
    if month_index(submit) < as_of:
        raise ProfileError(
            {
                "target_match": f"applications for the {year} Match opened in "
                f"{submit:%B %Y}; choose a later Match"
            }
        )


def build_plan(
    profile: ApplicantProfile,
    weighting: Weighting,
    calendar: MatchCalendar,
    advise: Callable[[int], Advice],
) -> tuple[Plan, Advice]:
    """The plan for the earliest Match (from the requested one) whose application month
    leaves room for what the advice for that month asks (P4). `advise` gives the advice
    for an application month: stale USCE and years past graduation depend on it."""
    check_target(profile, calendar)
    as_of = profile.as_of_month
    requested = profile.target_match
    first = requested or as_of // 12
    for target in range(first, first + SEARCH_YEARS):
        a = application_month(calendar, target)
        if a < as_of:
            continue
        facts, priority, flags = advise(a)
        needs = plan_needs(profile, weighting, facts, priority, flags)
        layout = lay_out(needs, profile, as_of=as_of, application=a, recency_gap=facts.recency_gap)
        if layout is not None:
            needs, layout = _preferred(needs, layout, profile, facts)
            break
    else:
        raise AssertionError("no Match within 20 years leaves room for the plan")
    cycle = calendar.cycle(target)
    ctx = PlanContext(
        profile,
        weighting,
        facts,
        priority,
        flags,
        needs,
        layout,
        cycle,
        calendar.policies,
        calendar.fees,
    )
    steps = _policies_once(sorted(_steps(ctx, as_of), key=PlanStep.sort_key), calendar)
    moved = None
    notes = plan_notes(ctx)
    if requested is not None and target != requested:
        moved = moved_because(ctx, requested, calendar.cycle(requested))
    elif requested is None and target != _first_open(calendar, as_of):
        # Nobody asked for a Match, but the nearest one is out of reach: say why.
        nearest = _first_open(calendar, as_of)
        notes = (moved_because(ctx, nearest, calendar.cycle(nearest)), *notes)
    plan = Plan(
        as_of=as_of,
        requested_match=requested,
        target_match=target,
        moved_because=moved,
        cycle=cycle,
        step2_pass_mark=facts.step2_pass_mark,
        steps=tuple(steps),
        notes=notes,
        policy_check=policy_check(ctx),
        application_service=weighting.application_service,
        cost=plan_cost(ctx, tuple(steps), calendar.fees),
    )
    return plan, (facts, priority, flags)


def _steps(ctx: PlanContext, as_of: int) -> list[PlanStep]:
    layout, needs = ctx.layout, ctx.needs
    a = layout.application
    steps = [make.exam_step(ctx, exam, when) for exam, when in layout.exams]
    free = layout.exams[-1][1][1] + 1 if layout.exams else as_of
    if needs.ecfmg:
        # Close to the application: ECFMG opens each Match's Pathways in the year before it;
        # OET has no window, so it starts once the exams are behind (the Pathway follows).
        start = max(free if free < a else as_of, a - 2)
        if not ctx.profile.oet_passed:
            start = min(start, free if free < a else as_of)
        steps.append(make.ecfmg_step(ctx, (start, a)))
    if layout.change_visa:
        steps.append(make.change_visa_step(ctx, layout.change_visa))
    if layout.arrange:
        steps.append(make.arrange_step(ctx, layout.arrange))
    if layout.usce:
        steps.append(make.usce_step(ctx, layout.usce))
    if needs.letters_missing:
        steps.append(make.letters_step(ctx, _letters_span(ctx, as_of)))
    if layout.research:
        if needs.research == "post":
            steps.append(make.current_post_step(ctx, layout.research))
        else:
            steps.append(make.research_step(ctx, layout.research))
    eras = max(month_index(ctx.cycle.eras_opens), as_of)
    if _wants_small_project(ctx):
        # Starts no later than the application work, which it runs alongside (P6).
        start = min(free, eras)
        steps.append(make.small_project_step(ctx, (start, max(start, a - 1))))
    steps.extend(_stay_current(ctx, as_of, steps))
    steps.append(make.prepare_application_step(ctx, (eras, max(a - 1, as_of, eras))))
    steps += [make.apply_step(ctx), make.interviews_step(ctx), make.match_step(ctx)]
    # After Match Day (P2, P18, P19): SOAP in Match Week, then what comes before 1 July;
    # an H-1B needs Step 3, after the ECFMG certificate it requires.
    steps += [make.soap_step(ctx), make.before_residency_step(ctx)]
    if ctx.profile.visa == "h1b" or (ctx.j1_blocked and not ctx.h1b_blocked):
        steps.append(make.step3_step(ctx, _step3_span(ctx, as_of)))
    steps.extend(_fill_gaps(ctx, as_of, steps))
    return steps


def _preferred(needs: Needs, layout: Layout, profile: ApplicantProfile, facts: Facts):
    """The Match is chosen on the fewest weeks the rules allow (P4); an urgent plan then
    books as many as fit before the same application, up to its preferred weeks (P8)."""
    if needs.usce_preferred <= needs.usce_weeks:
        return needs, layout
    more = needs.with_preferred_usce()
    a = layout.application
    fuller = lay_out(
        more, profile, as_of=profile.as_of_month, application=a, recency_gap=facts.recency_gap
    )
    if fuller is None:
        return needs, layout
    return more, fuller


def _step3_span(ctx: PlanContext, as_of: int) -> tuple[int, int]:
    """After the certificate (P18): with nothing more for the certificate to ask (no exam,
    no OET or Pathway), Step 3 comes before applying, so the pass is on the
    application; otherwise while interviewing."""
    a = ctx.layout.application
    ready = not ctx.needs.exams and not ctx.needs.ecfmg
    if ready and as_of + STEP3_MONTHS - 1 <= a - SCORE_LEAD_MONTHS:
        # Months for the FSMB's graduation check and the permit before the sitting.
        return as_of, min(as_of + STEP3_READY_MONTHS - 1, a - SCORE_LEAD_MONTHS)
    return a + 1, a + STEP3_MONTHS


def _first_open(calendar: MatchCalendar, as_of: int) -> int:
    """The nearest Match whose applications have not gone in yet."""
    year = as_of // 12
    while application_month(calendar, year) < as_of:
        year += 1
    return year


def _policies_once(steps: list[PlanStep], calendar: MatchCalendar) -> list[PlanStep]:
    """A policy that names countries is shown at every step it blocks (P18); one that
    concerns everyone who needs a visa (interview rules) only at the first, so the
    plan does not repeat it."""
    naming = {e.slug for e in calendar.policies if e.countries}
    shown: set[str] = set()
    kept = []
    for step in steps:
        policies = tuple(p for p in step.policies if p["slug"] in naming or p["slug"] not in shown)
        shown.update(p["slug"] for p in step.policies)
        kept.append(
            dataclasses.replace(step, policies=policies) if policies != step.policies else step
        )
    return kept


def _letters_span(ctx: PlanContext, as_of: int) -> tuple[int, int]:
    """P15: asked at the end of a rotation (or the month after); with a solid clinical
    file, past supervisors first, from now; with no rotation, within 2 months."""
    usce, a = ctx.layout.usce, ctx.layout.application
    if usce is None:
        return as_of, max(as_of, min(as_of + 1, a - 1))  # before the application (P3)
    end = min(usce[1] + 1, a - 1)
    return (as_of if ctx.facts.solid_usce else usce[1]), end


def _wants_small_project(ctx: PlanContext) -> bool:
    # P13: research already where it should be is kept going, not started again.
    keep_going = ctx.facts.research_output > 0 and not ctx.facts.research_short
    # A research priority whose block cannot start before applying (applications open
    # this very month) keeps a project going instead.
    no_room = ctx.priority == "research_block" and ctx.layout.research is None
    return ctx.priority == "balanced" or ctx.needs.research_later_note or keep_going or no_room


def _stay_current(ctx: PlanContext, as_of: int, steps: list[PlanStep]) -> list[PlanStep]:
    """P6a and P14: with a recency gap, clinical work starts now and runs until the US
    time; after urgent rotations, it bridges a long wait for the application."""
    layout, a = ctx.layout, ctx.layout.application
    found = []
    if ctx.needs.research == "post":
        # The post stands in for it, and no one is sent elsewhere while it runs (P11);
        # once it ends, clinical work resumes until the application (P6a, P14).
        post_end = layout.research[1]
        if post_end < a - 1:
            found.append(make.stay_current_step(ctx, (post_end + 1, a - 1)))
        return found
    if ctx.facts.recency_gap:
        in_us = [s.start for s in steps if s.in_us]
        end = (min(in_us) - 1) if in_us else a - 1
        found.append(make.stay_current_step(ctx, (as_of, max(as_of, end))))
    if (
        ctx.priority == "usce_urgent"
        and layout.usce
        and a - layout.usce[1] - 1 > URGENT_IDLE_MONTHS
    ):
        found.append(make.stay_current_step(ctx, (layout.usce[1] + 1, a - 1)))
    return found


def _fill_gaps(ctx: PlanContext, as_of: int, steps: list[PlanStep]) -> list[PlanStep]:
    """P6: any month before the application that no step covers gets clinical work."""
    covered = {m for s in steps for m in range(s.start, s.end + 1)}
    fillers, run_start = [], None
    for month in range(as_of, ctx.layout.application + 1):
        gap = month < ctx.layout.application and month not in covered
        if gap and run_start is None:
            run_start = month
        elif not gap and run_start is not None:
            fillers.append(make.stay_current_step(ctx, (run_start, month - 1)))
            run_start = None
    return fillers
