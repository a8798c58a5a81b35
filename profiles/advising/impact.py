"""What an admin's change to a specialty weighting or to a Match cycle would do to the
advice applicants were already given, before it is saved (the admin's preview,
advisor/admin.py).

Each saved profile is assessed twice from the answers it was saved with, planning from
the month it was planned from: once with today's values, once with the proposed
ones. Comparing the two (not the stored advice) keeps rule changes made since the
profile was saved out of the count: what differs comes from the proposed change alone.

Measured on SQLite: about 0.55 ms a profile. Over every profile, a calendar change
took 28.4 s at 93,250 profiles against a worker's 30 s (issue 24, finding 8), so the
preview works out the IMPACT_PREVIEW_SAMPLE most recently saved profiles of the scope
(the plans applicants are acting on now) and counts the rest without reading them:
its cost does not grow with the profiles saved. Once saved, every profile is
re-checked in the background (profiles/advising/rechecks.py), which gives the full
count of advice that changed.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Exists, OuterRef, QuerySet

from advisor.engine.applicant import ProfileError
from advisor.engine.assessment import Assessment
from advisor.engine.calendar import Cycle, MatchCalendar
from advisor.engine.content import PRIORITIES
from advisor.engine.fees import Fee, FeeTable
from advisor.engine.weighting import Weighting
from advisor.models import Specialty
from advisor.selectors import match_calendar, weighting_of, weightings_by_slug
from profiles.advising.comparison import plan_changes, reassess
from profiles.models import GroupShare, StoredAdvice


@dataclass(frozen=True)
class PriorityMove:
    """So many profiles would be told `now` first instead of `was` (priority slugs)."""

    was: str
    now: str
    profiles: int

    @property
    def was_label(self) -> str:
        return PRIORITIES[self.was].label

    @property
    def now_label(self) -> str:
        return PRIORITIES[self.now].label


@dataclass(frozen=True)
class Impact:
    """Counts of saved profiles; each `*_shared` counts those of them shared with at
    least one advising group. `total` is every saved profile in the scope; the counts
    are of the `checked` (and `not_checked`) most recent of them."""

    total: int = 0
    checked: int = 0
    checked_shared: int = 0
    priority_changed: int = 0
    priority_changed_shared: int = 0
    target_changed: int = 0
    target_changed_shared: int = 0
    # Any change an advisor would see in the plan: steps, weeks, months, dates, cost.
    plan_changed: int = 0
    plan_changed_shared: int = 0
    cost_changed: int = 0  # the plan's total cost, low or high end
    cost_changed_shared: int = 0
    # Saved before the answers were kept with the advice, or no longer readable.
    not_checked: int = 0
    priority_moves: tuple[PriorityMove, ...] = ()  # most profiles first
    new_specialty: bool = False

    @property
    def sampled(self) -> bool:
        """Only the most recent profiles were worked out."""
        return self.total > self.checked + self.not_checked

    @property
    def advice_changes(self) -> bool:
        return bool(self.priority_changed or self.target_changed or self.plan_changed)


def weighting_impact(*, specialty_id: int | None, proposed: Weighting) -> Impact:
    """The saved profiles of one specialty, under its saved weighting and under
    `proposed`. A specialty not yet saved (`specialty_id` None) has no profiles."""
    if specialty_id is None:
        return Impact(new_specialty=True)
    current = weighting_of(Specialty.objects.get(pk=specialty_id))
    calendar = match_calendar()
    return _impact(
        StoredAdvice.objects.filter(profile__specialty_id=specialty_id),
        before=({current.specialty: current}, calendar),
        after=({current.specialty: proposed}, calendar),
    )


def calendar_impact(*, proposed: MatchCalendar) -> Impact:
    """Every saved profile, under today's Match calendar and under `proposed`."""
    weightings = weightings_by_slug()
    return _impact(
        StoredAdvice.objects.all(),
        before=(weightings, match_calendar()),
        after=(weightings, proposed),
    )


def fee_impact(*, proposed: FeeTable) -> Impact:
    """Every saved profile, under today's fees and under `proposed`: how many plans'
    totals the change moves."""
    calendar = match_calendar()
    weightings = weightings_by_slug()
    return _impact(
        StoredAdvice.objects.all(),
        before=(weightings, calendar),
        after=(weightings, dataclasses.replace(calendar, fees=proposed)),
    )


def fees_with(table: FeeTable, fee: Fee | None, *, replaces: Fee | None) -> FeeTable:
    """`table` with `replaces` (the saved row) taken out and `fee` (the edited one, or
    None for a deletion) put in."""
    kept = [f for f in table.fees if f != replaces]
    return FeeTable(tuple(kept + ([fee] if fee else [])))


def _plan_differs(was: Assessment, now: Assessment) -> bool:
    """As the advisors' comparison sees it (`plan_changes`): any step moved, added or
    dropped, other weeks or months, the cycle's dates, the cost."""
    summary, steps = plan_changes(was.plan.as_dict(), now.plan.as_dict())
    return bool(summary or steps)


def _total(assessment: Assessment) -> tuple[int, int] | None:
    cost = assessment.plan.cost
    return (cost.low, cost.high) if cost else None


def calendar_with_cycle(
    calendar: MatchCalendar, cycle: Cycle, *, replaces: int | None = None
) -> MatchCalendar:
    """`calendar` with `cycle` in place of the one for its year, or added; `replaces`
    is the year the edited row had before, when the edit changes the year."""
    kept = [c for c in calendar.cycles if c.match_year not in (cycle.match_year, replaces)]
    cycles = sorted([*kept, cycle], key=lambda c: c.match_year)
    return dataclasses.replace(calendar, cycles=tuple(cycles))


Values = tuple[dict[str, Weighting], MatchCalendar]


def _impact(scope: QuerySet[StoredAdvice], *, before: Values, after: Values) -> Impact:
    shared = GroupShare.objects.filter(profile_id=OuterRef("profile_id"))
    # Only the answers are read: the rest of the stored document is most of its size.
    # The newest first, down the primary key's index: reading the sample costs the
    # same at 200 profiles as at 200,000.
    rows = (
        scope.annotate(shared=Exists(shared))
        .values_list("profile__specialty__slug", "assessment__input", "shared")
        .order_by("-profile_id")[: settings.IMPACT_PREVIEW_SAMPLE]
    )
    counts: Counter[str] = Counter(total=scope.count())
    moves: Counter[tuple[str, str]] = Counter()
    for slug, answers, is_shared in rows:
        outcome = _compare({"input": answers}, slug, before, after) if answers else None
        if outcome is None:
            counts["not_checked"] += 1
            continue
        was, now = outcome
        changed = {
            "checked": True,
            "priority_changed": was.priority != now.priority,
            "target_changed": was.plan.target_match != now.plan.target_match,
            "plan_changed": _plan_differs(was, now),
            "cost_changed": _total(was) != _total(now),
        }
        for name, happened in changed.items():
            counts[name] += happened
            counts[f"{name}_shared"] += happened and is_shared
        if changed["priority_changed"]:
            moves[was.priority, now.priority] += 1
    return Impact(
        **counts,
        priority_moves=tuple(PriorityMove(was, now, n) for (was, now), n in moves.most_common()),
    )


def _compare(
    stored: dict, slug: str, before: Values, after: Values
) -> tuple[Assessment, Assessment] | None:
    try:
        was, _ = reassess(stored, before[0][slug], before[1])
        now, _ = reassess(stored, after[0][slug], after[1])
    except ProfileError:
        # Answers a newer release no longer accepts: counted, not guessed at.
        return None
    return was, now
