""" "Do this now": what the stored plan asks for this month, and the next date to keep.

Derived from the plan as stored, never written separately, so it cannot say
something the plan does not: the steps under way in the current month (or, in a
month no step covers, the next to start), and the nearest deadline ahead, from the
steps' ends and the Match's dates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from advisor.engine.calendar import month_index, month_label, month_start
from profiles.plan_page import day_label, month_range

# Milestones are deadlines, not work to do this month.
NOT_WORK = ("apply", "soap", "match")


@dataclass(frozen=True)
class NowStep:
    kind: str
    text: str  # "Arrange your time in the US: apply to hosts for Mar 2027 to May 2027"
    until: str  # "until Feb 2027", or "" for a single month


@dataclass(frozen=True)
class Deadline:
    day: date
    text: str  # "Have your US time booked by"
    when: str  # "Apr 2027", or "Wed 1 Sep 2027"


@dataclass(frozen=True)
class DoNow:
    month: str  # "Dec 2026": the month "now" means
    starting_later: bool  # no step covers this month: `steps` are the next to start
    starts: str  # the month `steps` start in ("Mar 2027"): this month unless starting later
    steps: tuple[NowStep, ...]
    deadline: Deadline | None


def do_now(plan: dict | list, today: date) -> DoNow | None:
    """None for plans saved before plans had dates, or once the plan is behind."""
    if not isinstance(plan, dict) or not plan.get("steps"):
        return None
    current = max(month_index(today), month_index(plan["as_of"]))
    work = [s for s in plan["steps"] if s["kind"] not in NOT_WORK]
    under_way = [s for s in work if _start(s) <= current <= _end(s)]
    starting_later = not under_way
    if starting_later:
        ahead = [s for s in work if _start(s) > current]
        if not ahead:
            return None
        first = min(_start(s) for s in ahead)
        under_way = [s for s in ahead if _start(s) == first]
    usce = next((s for s in plan["steps"] if s["kind"] == "usce"), None)
    return DoNow(
        month=month_label(current),
        starting_later=starting_later,
        starts=month_label(min(_start(s) for s in under_way) if starting_later else current),
        steps=tuple(_now_step(s, usce) for s in under_way),
        deadline=_next_deadline(plan, max(today, month_start(current))),
    )


def _start(step: dict) -> int:
    return month_index(step["start"])


def _end(step: dict) -> int:
    return month_index(step["end"])


def _now_step(step: dict, usce: dict | None) -> NowStep:
    text = step["title"]
    if step["kind"] == "arrange_us_time" and usce is not None:
        # What the arranging is for, with its dates: hosts fill places months ahead.
        text = f"{text}: apply to hosts for {month_range(usce['start'], usce['end'])}"
    until = "" if _start(step) == _end(step) else f"until {month_label(_end(step))}"
    return NowStep(step["kind"], text, until)


def _next_deadline(plan: dict, after: date) -> Deadline | None:
    found = []
    for step in plan["steps"]:
        end = month_start(_end(step) + 1) - timedelta(days=1)  # its last day
        when = month_label(_end(step))
        if step["kind"] == "arrange_us_time":
            found.append(Deadline(end, "Have your US time booked by", when))
        elif step["kind"] == "exam":
            exam = {"step1": "Step 1", "step2_ck": "Step 2 CK", "step3": "Step 3"}
            name = exam.get(step.get("exam") or "", "the exam")
            found.append(Deadline(end, f"Sit {name} by the end of", when))
    calendar = plan.get("calendar") or {}
    service = "ResidencyCAS" if plan.get("application_service") == "residencycas" else "ERAS"
    dated = [
        ("eras_opens", f"{service} opens"),
        ("submit_from", "Applications go to programs from"),
        ("rank_deadline", "Rank list due"),
        ("match_day", "Match Day"),
    ]
    if service == "ResidencyCAS":
        dated.insert(2, ("cas_deadline", "Last day to submit through ResidencyCAS"))
    for field, text in dated:
        if calendar.get(field):
            day = date.fromisoformat(calendar[field])
            found.append(Deadline(day, text, day_label(calendar[field])))
    ahead = sorted((d for d in found if d.day >= after), key=lambda d: d.day)
    return ahead[0] if ahead else None
