"""What an applicant was told, against what today's weighting and Match calendar would
tell them: the priority, the scores and flags, and the plan."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from advisor.engine.applicant import ProfileError, parse_profile
from advisor.engine.assessment import Assessment, assess
from advisor.engine.calendar import MatchCalendar
from advisor.engine.content import PRIORITIES
from advisor.engine.weighting import Weighting
from advisor.engine.wording import dollars
from advisor.selectors import match_calendar, weighting_of
from profiles.models import Profile
from profiles.plan_page import day_label, month_range

# The cycle's dates whose change an advisor should hear about.
CALENDAR_DATES = (
    ("submit_from", "applications open"),
    ("rank_deadline", "rank list deadline"),
    ("match_day", "Match Day"),
)


@dataclass(frozen=True)
class Comparison:
    today: Assessment
    weighting_changed: bool
    changed_on: datetime | None
    differences: tuple[str, ...]  # priority, scores, flags
    plan_summary: tuple[str, ...] = ()  # the Match aimed at, USCE weeks, research, dates
    plan_steps: tuple[str, ...] = ()  # each step that moved, came or went
    priority_changed: bool = False

    @property
    def plan_differences(self) -> tuple[str, ...]:
        return self.plan_summary + self.plan_steps

    @property
    def advice_differs(self) -> bool:
        return bool(self.differences or self.plan_differences)

    @property
    def only_plan_differs(self) -> bool:
        return not self.differences and bool(self.plan_differences)

    @property
    def drift(self) -> str:
        """As Profile.advice_drift keeps it."""
        return drift_of(
            priority=self.priority_changed,
            plan=bool(self.plan_differences),
            other=bool(self.differences),
        )


def drift_of(*, priority: bool, plan: bool, other: bool) -> str:
    """The biggest kind of difference: "priority", "plan", "other" (scores or
    flags), or "" when today's advice is the one the applicant was told."""
    if priority:
        return "priority"
    if plan:
        return "plan"
    return "other" if other else ""


def compare_with_today(profile: Profile) -> Comparison:
    """Re-assess the stored answers, planning from the month they were planned from, under
    today's weighting and calendar: any difference comes from those alone."""
    weighting = weighting_of(profile.specialty)
    stored = profile.assessment
    today, refused = reassess(stored, weighting, match_calendar())
    # Advice stored before a field existed says nothing about it: compare what it kept.
    stored_weighting = profile.weighting
    weighting_changed = any(
        stored_weighting.get(name, value) != value for name, value in weighting.as_dict().items()
    )
    changed_on = None
    if weighting_changed:
        latest = profile.specialty.history.order_by("-history_date").only("history_date").first()
        changed_on = latest.history_date if latest else None
    summary, steps = plan_changes(stored["plan"], today.as_dict()["plan"])
    return Comparison(
        today,
        weighting_changed,
        changed_on,
        tuple(advice_changes(stored, today)),
        plan_summary=tuple(refused + summary),
        plan_steps=tuple(steps),
        priority_changed=today.priority != stored["priority"],
    )


def reassess(
    stored: dict, weighting: Weighting, calendar: MatchCalendar
) -> tuple[Assessment, list[str]]:
    """The stored answers assessed again, from the month they were planned from; and,
    when the Match they asked for can no longer be aimed at, why."""
    applicant = parse_profile(stored["input"])
    try:
        return assess(applicant, weighting, calendar), []
    except ProfileError as error:
        # An admin moved a cycle's dates so that the requested Match had closed by then.
        refused = [f"Match {applicant.target_match} can no longer be aimed at ({error})"]
        applicant = dataclasses.replace(applicant, target_match=None)
        return assess(applicant, weighting, calendar), refused


def advice_changes(stored: dict, today: Assessment) -> list[str]:
    """Priority, scores and flags that differ, in an advisor's words."""
    differences = []
    if today.priority != stored["priority"]:
        differences.append(
            f"Priority: {PRIORITIES[stored['priority']].label} → {PRIORITIES[today.priority].label}"
        )
    for name, value in today.scores.as_dict().items():
        if value != stored["scores"][name]:
            differences.append(f"{name.capitalize()} score: {stored['scores'][name]} → {value}")
    if list(today.flags) != stored["flags"]:
        differences.append(
            f"Flags: {', '.join(stored['flags']) or 'none'} → {', '.join(today.flags) or 'none'}"
        )
    return differences


def advice_drift(stored: dict, weighting: Weighting, calendar: MatchCalendar) -> str:
    """How today's advice differs from the stored one (see `drift_of`)."""
    today, refused = reassess(stored, weighting, calendar)
    summary, steps = plan_changes(stored["plan"], today.as_dict()["plan"])
    return drift_of(
        priority=today.priority != stored["priority"],
        plan=bool(refused or summary or steps),
        other=bool(advice_changes(stored, today)),
    )


def plan_changes(before: dict | list, after: dict) -> tuple[list[str], list[str]]:
    """How two stored plans differ, in an advisor's words: first the Match aimed at,
    the USCE weeks, research months and the cycle's dates; then each step that moved.
    When only steps moved, the first part says how many."""
    if isinstance(before, list):
        return [f"now a dated plan to the {after['target_match']} Match"], []
    changes = []
    if before["target_match"] != after["target_match"]:
        changes.append(f"target Match {before['target_match']} → {after['target_match']}")
    for total, label, unit in (
        (_usce_weeks, "USCE", "weeks"),
        (_research_months, "research", "months"),
    ):
        if total(before) != total(after):
            changes.append(f"{label} {total(before)} → {total(after)} {unit}")
    if before["calendar"]["match_year"] == after["calendar"]["match_year"]:
        for field, label in CALENDAR_DATES:
            was, now = before["calendar"][field], after["calendar"][field]
            if was != now:
                changes.append(f"{label} {day_label(was)} → {day_label(now)}")
    # Plans stored before they had a cost say nothing about it.
    was, now = before.get("cost"), after.get("cost")
    if was and now and (was["low"], was["high"]) != (now["low"], now["high"]):
        changes.append(
            f"cost {dollars(was['low'], was['high'])} → {dollars(now['low'], now['high'])}"
        )
    steps = _step_changes(before["steps"], after["steps"])
    if steps and not changes:
        changes.append(f"{len(steps)} step{'' if len(steps) == 1 else 's'} moved")
    return changes, steps


def _usce_weeks(plan: dict) -> int:
    return sum(step.get("weeks", 0) for step in plan["steps"] if step["kind"] == "usce")


def _research_months(plan: dict) -> int:
    return sum(step.get("months", 0) for step in plan["steps"] if step["kind"] == "research")


def _step_changes(before: list[dict], after: list[dict]) -> list[str]:
    """Steps paired by kind, in order (the first rotation with the first rotation)."""
    old, new = _by_kind(before), _by_kind(after)
    changes = []
    for kind in dict.fromkeys([*old, *new]):
        for was, now in zip(old[kind], new[kind], strict=False):
            if (was["start"], was["end"]) != (now["start"], now["end"]):
                changes.append(f"{now['title']}: {_months(was)} → {_months(now)}")
        changes.extend(f"New step: {s['title']}, {_months(s)}" for s in new[kind][len(old[kind]) :])
        changes.extend(f"Dropped: {s['title']}, {_months(s)}" for s in old[kind][len(new[kind]) :])
    return changes


def _by_kind(steps: list[dict]) -> dict[str, list[dict]]:
    grouped: dict[str, list[dict]] = defaultdict(list)
    for step in steps:
        grouped[step["kind"]].append(step)
    return grouped


def _months(step: dict) -> str:
    return month_range(step["start"], step["end"])
