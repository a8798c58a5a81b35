"""What the plan says about itself: why a Match moved, and what stays short."""

from __future__ import annotations

from advisor.engine.calendar import Cycle, month_index
from advisor.engine.plan.context import PlanContext, month_name
from advisor.engine.plan.layout import arrange_months
from advisor.engine.plan.needs import MIN_RESEARCH_MONTHS
from advisor.engine.policy import unnamed_country_rules
from advisor.engine.wording import count, join_and, weeks


def moved_because(ctx: PlanContext, requested: int, requested_cycle: Cycle) -> str:
    """Why the requested Match is out of reach, in the applicant's terms (P4)."""
    needs = ctx.needs
    parts = []
    if needs.exams:
        names = join_and(["Step 1" if e == "step1" else "Step 2 CK" for e in needs.exams])
        each = " each" if len(needs.exams) > 1 else ""
        parts.append(f"{names} (about 3 months{each}, with the score out 2 months before applying)")
    if ctx.layout.arrange:
        # The lead the chain needs, not the span: a visa interview is booked from now.
        parts.append(
            f"{count(arrange_months(ctx.profile), 'month')} to arrange your time in the US"
        )
    if needs.usce_weeks:
        parts.append(f"{weeks(needs.usce_weeks)} of rotations")
    if needs.research == "needed":
        parts.append(
            f"a research block started at least {needs.research_lead} months before applying"
            + (" (so that it shows output)" if needs.research_lead > MIN_RESEARCH_MONTHS else "")
        )
    elif needs.research == "stacked" and needs.research_lead > MIN_RESEARCH_MONTHS:
        parts.append(
            f"a research block started at least {needs.research_lead} months before applying "
            "(so that it shows output)"
        )
    elif needs.research == "stacked":
        parts.append("a research block started before applying")
    elif needs.research == "post" and needs.post_lead:
        parts.append(
            f"your research post running at least {needs.post_lead} months before you apply "
            "(so that it shows output)"
        )
    if not parts and needs.letters_missing:
        parts.append("asking for your letters before applications go in")
    if not parts:
        parts.append("what your plan holds")  # every chain has a step above; kept safe
    applying = month_name(month_index(requested_cycle.submit_from))
    listed = join_and(parts)
    verb = "do" if len(parts) > 1 else "does"
    return (
        f"{listed[0].upper()}{listed[1:]} {verb} not fit before {applying}, when applications for "
        f"the {requested} Match go in, so this plan aims at the {ctx.cycle.match_year} Match."
    )


def plan_notes(ctx: PlanContext) -> tuple[str, ...]:
    notes = []
    needs, profile = ctx.needs, ctx.profile
    short = needs.usce_need - needs.usce_weeks
    if needs.usce_cap == "money":
        notes.append(
            f"On a tight budget this plan holds one rotation of {weeks(needs.usce_weeks)}; "
            f"you would still be {weeks(short)} short of a solid clinical record. A second "
            "rotation, if money allows, closes the gap; a letter from it can still be added after "
            "you apply."
        )
    elif needs.usce_cap == "time" and needs.research == "post":
        room = (
            f"leaves room for {weeks(needs.usce_weeks)} of observing at your institution"
            if needs.usce_weeks
            else "leaves no room for observing at your institution"
        )
        notes.append(
            f"Your post, with the time in the US you gave, {room} after a month for your "
            f"sponsor's approval; you would still be {weeks(short)} short of a solid clinical "
            "record unless you stay longer."
        )
    elif needs.usce_cap == "time":
        notes.append(
            f"Your {count(profile.months_available_in_us, 'month')} in the US "
            f"{'fits' if profile.months_available_in_us == 1 else 'fit'} "
            f"{weeks(needs.usce_weeks)} of rotations; you would still be {weeks(short)} short "
            "of a solid clinical record unless you can stay longer."
        )
    elif needs.usce_cap == "no_time":
        notes.append(
            f"Even with the {weeks(needs.usce_weeks)} this plan asks for, you would be "
            f"{weeks(short)} short of a solid clinical record."
        )
    if needs.research_later_note:
        notes.append(
            "A research block is left out because months of unpaid work are not affordable on "
            "a tight budget. A paid research post (research assistant or coordinator) would "
            "let you add it later."
        )
    if ctx.needs_visitor_visa and ctx.layout.usce and ctx.visitor_visa_blocked:
        notes.append(
            "A visa rule on your nationality blocks new visitor visas, so the US steps of this "
            "plan are possible only with a valid US visa you already hold, or an exception. "
            "Check before you pay for anything; meanwhile clinical work at home and research "
            "with a US group, remotely, keep your application moving."
        )
    if _long_shot(ctx):
        goal = count(ctx.weighting.research_goal, "paper or abstract", "papers and abstracts")
        notes.append(
            f"Matched IMGs in {ctx.weighting.name} typically had about {goal}. Applying to the "
            f"{ctx.cycle.match_year} Match with less is a long shot: in this specialty many "
            "applicants spend a research year first. Talk it through with an advisor before "
            "you pay for applications."
        )
    return tuple(notes)


def _long_shot(ctx: PlanContext) -> bool:
    """A high-research specialty, research short, and no block under way before applying."""
    if ctx.weighting.research_emphasis != "high" or not ctx.facts.research_short:
        return False
    if ctx.needs.research_later_note:
        return False  # a later Match would not add unpaid research either; that note says why
    research = ctx.layout.research
    return research is None or ctx.layout.application - research[0] < ctx.needs.research_lead


def policy_check(ctx: PlanContext) -> str | None:
    """P18: with no citizenship given, say that visa rules naming countries exist (the
    newest one's date), rather than guess which apply."""
    if ctx.profile.citizenship is not None:
        return None
    rules = unnamed_country_rules(ctx.policy_events, ctx.profile.visa)
    if not rules:
        return None
    newest = max(rules, key=lambda e: e.effective_from)
    return (
        "Some US visa rules apply only to citizens of certain countries, such as "
        f'"{newest.title}" (since {newest.effective_from.day} '
        f"{newest.effective_from:%B %Y}). Add your citizenship to your answers to see whether "
        "one affects your plan, or check the State Department's pages for your country."
    )
