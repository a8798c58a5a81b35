"""The stored plan as pages show it: dated steps, the Match's milestones, a short summary.

Pure functions on the plan exactly as it was stored (plain JSON), so a result
saved last year still shows last year's dates after an admin edits a cycle.
Plans saved before plans had dates are a list of numbered months; they still
render, as "Months 1-3". Plans saved before visa policies were shown have no
`policies` on their steps and no `policy_check`; they render without them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from advisor.engine.calendar import MONTH_ABBR, month_index, month_label
from advisor.engine.policy import STATUSES
from profiles.cost_page import CostView, plan_cost

EN_DASH = "\u2013"  # between the months of a range, as printed calendars do
WEEKDAY_ABBR = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
ESTIMATE_NOTE = "Dates estimated from the usual calendar; check ERAS and NRMP"
MILESTONE_KINDS = ("apply", "interviews", "match")


@dataclass(frozen=True)
class PolicyNotice:
    """A visa policy under the step it concerns, as the plan stored it (P18)."""

    slug: str
    title: str
    summary: str
    effective: str  # "since 1 Jan 2026", or "from 1 Jan 2026" while still ahead
    status_label: str  # "in force, challenged in court"
    source_url: str = ""  # empty unless a web address
    checked_on: str = ""  # "7 Dec 2026"


@dataclass(frozen=True)
class TimelineStep:
    kind: str
    months: str  # "Dec 2026 to Feb 2027" (an en dash), "Sep 2027", or "Months 1-3" on old plans
    title: str
    detail: str
    in_us: bool = False
    length: str = ""  # "12 weeks", "6 months"
    mark: str = ""  # the milestone this step is: "Match Day: Fri 17 Mar 2028"
    year: int | None = None  # of the start month, for the year headings
    start: str = ""  # "2026-12", for <time datetime>
    end: str = ""
    policies: tuple[PolicyNotice, ...] = ()

    @property
    def milestone(self) -> bool:
        return self.kind in MILESTONE_KINDS


@dataclass(frozen=True)
class PlanTimeline:
    steps: tuple[TimelineStep, ...]
    dated: bool = False
    as_of: str = ""  # "Nov 2026"
    target_match: int | None = None
    requested_match: int | None = None
    moved_because: str | None = None
    application_month: str = ""  # "Sep 2027"
    submit_from: str = ""  # "Wed 1 Sep 2027"
    interview_season: str = ""  # "Oct 2027 to Jan 2028" (an en dash)
    rank_deadline: str = ""
    match_day: str = ""  # "Fri 17 Mar 2028"
    us_months: int = 0
    notes: tuple[str, ...] = ()
    provisional: bool = False
    source_url: str = ""
    step2_pass_mark: int | None = None
    policy_check: str = ""  # with no citizenship given: rules naming countries exist
    cost: CostView | None = None  # what the plan costs (P20); none on older plans

    @property
    def us_months_text(self) -> str:
        if not self.us_months:
            return "No time in the US"
        return f"{plural(self.us_months, 'month')} in the US"


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def month_range(start: str, end: str) -> str:
    """`Dec 2026 to Feb 2027` (with an en dash), or `Sep 2027` within one month."""
    first, last = month_index(start), month_index(end)
    if first == last:
        return month_label(first)
    return f"{month_label(first)} {EN_DASH} {month_label(last)}"


def day_label(iso_date: str) -> str:
    """`Fri 17 Mar 2028`: written out here so the words never depend on the server's locale."""
    day = date.fromisoformat(iso_date)
    return f"{WEEKDAY_ABBR[day.weekday()]} {day.day} {MONTH_ABBR[day.month - 1]} {day.year}"


def date_label(iso_date: str) -> str:
    """`1 Jan 2026`, locale-free like `day_label`."""
    day = date.fromisoformat(iso_date)
    return f"{day.day} {MONTH_ABBR[day.month - 1]} {day.year}"


def plan_timeline(plan: dict | list, *, budget: str | None = None) -> PlanTimeline:
    """What the page shows for a stored plan, old (a list) or dated (an object);
    `budget`, the applicant's answer, puts the cheapest form beside a tight one."""
    if isinstance(plan, list):
        return PlanTimeline(steps=tuple(_numbered_step(step) for step in plan))
    calendar = plan.get("calendar") or {}
    as_of = month_index(plan["as_of"])
    steps = tuple(_dated_step(step, calendar, as_of) for step in plan["steps"])
    interviews = [step for step in steps if step.kind == "interviews"]
    return PlanTimeline(
        steps=steps,
        dated=True,
        as_of=month_label(as_of),
        target_match=plan.get("target_match"),
        requested_match=plan.get("requested_match"),
        moved_because=plan.get("moved_because"),
        application_month=_month_of(calendar.get("submit_from")),
        submit_from=_day_of(calendar.get("submit_from")),
        interview_season=interviews[0].months if interviews else "",
        rank_deadline=_day_of(calendar.get("rank_deadline")),
        match_day=_day_of(calendar.get("match_day")),
        us_months=plan.get("us_months", 0),
        notes=tuple(plan.get("notes") or ()),
        provisional=bool(calendar.get("provisional")),
        source_url=calendar.get("source_url") or "",
        step2_pass_mark=plan.get("step2_pass_mark"),
        policy_check=plan.get("policy_check") or "",
        cost=plan_cost(plan, budget=budget),
    )


def _policy_notice(stored: dict, as_of: int) -> PolicyNotice:
    effective_from = stored["effective_from"]
    ahead = month_index(date.fromisoformat(effective_from)) > as_of
    source_url = stored.get("source_url") or ""
    status = stored.get("status", "")
    return PolicyNotice(
        slug=stored.get("slug", ""),
        title=stored["title"],
        summary=stored.get("summary", ""),
        effective=f"{'from' if ahead else 'since'} {date_label(effective_from)}",
        status_label=stored.get("status_label") or STATUSES.get(status, status),
        # Admin data, but a link is only ever to a web page.
        source_url=source_url if source_url.startswith(("https://", "http://")) else "",
        checked_on=date_label(stored["checked_on"]) if stored.get("checked_on") else "",
    )


def _dated_step(step: dict, calendar: dict, as_of: int) -> TimelineStep:
    return TimelineStep(
        kind=step.get("kind", ""),
        months=month_range(step["start"], step["end"]),
        title=step["title"],
        detail=step["detail"],
        in_us=bool(step.get("in_us")),
        length=_length(step),
        mark=_mark(step.get("kind", ""), calendar),
        year=month_index(step["start"]) // 12,
        start=step["start"],
        end=step["end"],
        policies=tuple(_policy_notice(p, as_of) for p in step.get("policies") or ()),
    )


def _length(step: dict) -> str:
    if step.get("weeks"):
        return plural(step["weeks"], "week")
    if step.get("months"):
        return plural(step["months"], "month")
    if step.get("kind") in MILESTONE_KINDS:
        return ""  # a date, not a stretch of time
    months = month_index(step["end"]) - month_index(step["start"]) + 1
    return plural(months, "month") if months > 1 else ""


def _mark(kind: str, calendar: dict) -> str:
    if kind == "apply":
        submit = _day_of(calendar.get("submit_from"))
        return f"Application month: you can submit from {submit}"
    if kind == "interviews":
        deadline = _day_of(calendar.get("rank_deadline"))
        return f"Interview season; rank list due {deadline}" if deadline else "Interview season"
    if kind == "match":
        return f"Match Day: {_day_of(calendar.get('match_day'))}"
    return ""


def _day_of(iso_date: str | None) -> str:
    return day_label(iso_date) if iso_date else ""


def _month_of(iso_date: str | None) -> str:
    return month_label(month_index(date.fromisoformat(iso_date))) if iso_date else ""


def _numbered_step(step: dict) -> TimelineStep:
    first, last = step["start_month"], step["end_month"]
    months = f"Month {first}" if first == last else f"Months {first}-{last}"
    return TimelineStep(kind="", months=months, title=step["title"], detail=step["detail"])
