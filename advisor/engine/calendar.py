"""The Match calendar and the exam pass marks as plain values, and months to count with.

The dates themselves are data (the `MatchCycle` and `PassMark` rows an admin
edits); this module only knows how to read them and how the calendar usually
runs, for the years that have no row yet. Nothing here touches the database.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from advisor.engine.fees import FeeTable
from advisor.engine.policy import PolicyEvent

MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")
MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
WEDNESDAY, FRIDAY = 2, 4
CAS_DEADLINE_DAYS = 21  # ResidencyCAS: Sept 3 -> Sept 24 2025, Sept 4 -> Sept 25 2024


def month_index(value: str | date) -> int:
    """Months counted from year 0, so that month arithmetic is integer arithmetic."""
    if isinstance(value, date):
        return value.year * 12 + value.month - 1
    found = MONTH_RE.match(value)
    if not found or not 1 <= int(found[2]) <= 12:
        raise ValueError(f"not a month in the form YYYY-MM: {value!r}")
    return int(found[1]) * 12 + int(found[2]) - 1


@functools.lru_cache(maxsize=4096)  # a plan formats a few dozen months, the same ones
def month_str(index: int) -> str:
    """`2026-11`, the form the plan is stored and printed in."""
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def month_label(index: int) -> str:
    """`Nov 2026`, the form people read."""
    return f"{MONTH_ABBR[index % 12]} {index // 12}"


def month_start(index: int) -> date:
    return date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True)
class Cycle:
    """One Match: the dates an applicant plans around (all US Eastern)."""

    match_year: int
    eras_opens: date
    submit_from: date
    programs_review_from: date
    rank_deadline: date
    match_day: date
    residency_starts: date
    source_url: str = ""
    verified_on: date | None = None
    provisional: bool = False
    # True when no row exists and the dates follow the usual pattern.
    estimated: bool = False
    # ResidencyCAS (emergency medicine, OB-GYN) keeps its own last day for applications
    # and its own day programs start reading (application-facts.md 4b); None: not stored,
    # and `cas_dates` gives the usual pattern.
    cas_deadline: date | None = None
    cas_programs_review_from: date | None = None

    def cas_dates(self) -> tuple[date, date, bool]:
        """ResidencyCAS's deadline and first reading day, and whether they are estimates:
        the usual pattern is three weeks after submissions open, and 1 October."""
        if self.cas_deadline and self.cas_programs_review_from:
            return self.cas_deadline, self.cas_programs_review_from, False
        deadline = self.cas_deadline or self.submit_from + timedelta(days=CAS_DEADLINE_DAYS)
        review = self.cas_programs_review_from or date(self.submit_from.year, 10, 1)
        return deadline, review, True

    @property
    def application_month(self) -> int:
        return month_index(self.submit_from)

    def as_dict(self) -> dict:
        cas_deadline, cas_review, cas_estimated = self.cas_dates()
        return {
            "match_year": self.match_year,
            "eras_opens": self.eras_opens.isoformat(),
            "submit_from": self.submit_from.isoformat(),
            "programs_review_from": self.programs_review_from.isoformat(),
            "rank_deadline": self.rank_deadline.isoformat(),
            "match_day": self.match_day.isoformat(),
            "residency_starts": self.residency_starts.isoformat(),
            "provisional": self.provisional,
            "estimated": self.estimated,
            "source_url": self.source_url,
            "verified_on": self.verified_on.isoformat() if self.verified_on else None,
            "cas_deadline": cas_deadline.isoformat(),
            "cas_programs_review_from": cas_review.isoformat(),
            "cas_estimated": cas_estimated,
        }


@dataclass(frozen=True)
class PassMark:
    """A passing score in force from a date on (USMLE raises them now and then)."""

    exam: str
    score: int
    effective_from: date
    source_url: str = ""


# Used only when no pass mark is stored at all (an empty database in a test).
FALLBACK_STEP2_PASS = 218


@dataclass(frozen=True)
class MatchCalendar:
    """The dated facts an assessment reads: Match cycles, pass marks, visa policies,
    fees."""

    cycles: tuple[Cycle, ...] = ()
    pass_marks: tuple[PassMark, ...] = ()
    policies: tuple[PolicyEvent, ...] = ()
    fees: FeeTable = field(default_factory=FeeTable)

    def cycle(self, match_year: int) -> Cycle:
        for cycle in self.cycles:
            if cycle.match_year == match_year:
                return cycle
        return estimated_cycle(match_year)

    def pass_mark(self, exam: str, on: date) -> int:
        marks = sorted(
            (m for m in self.pass_marks if m.exam == exam and m.effective_from <= on),
            key=lambda m: m.effective_from,
        )
        if marks:
            return marks[-1].score
        return FALLBACK_STEP2_PASS


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    first = date(year, month, 1)
    offset = (weekday - first.weekday()) % 7
    return first + timedelta(days=offset + 7 * (n - 1))


def _weekday_on_or_after(day: date, weekday: int) -> date:
    return day + timedelta(days=(weekday - day.weekday()) % 7)


@functools.lru_cache(maxsize=64)  # pure, and asked for the same few years again and again
def estimated_cycle(match_year: int) -> Cycle:
    """The usual pattern (held 2022-2026): Match Day on the third Friday of March,
    rank lists due the Wednesday 16 days before, ERAS opening on the first
    Wednesday on or after 2 June, submissions from the first Wednesday of
    September, programs reading 21 days later, residency from 1 July."""
    match_day = _nth_weekday(match_year, 3, FRIDAY, 3)
    submit_from = _nth_weekday(match_year - 1, 9, WEDNESDAY, 1)
    return Cycle(
        match_year=match_year,
        eras_opens=_weekday_on_or_after(date(match_year - 1, 6, 2), WEDNESDAY),
        submit_from=submit_from,
        programs_review_from=submit_from + timedelta(days=21),
        rank_deadline=match_day - timedelta(days=16),
        match_day=match_day,
        residency_starts=date(match_year, 7, 1),
        provisional=True,
        estimated=True,
    )
