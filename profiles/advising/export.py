"""The caseload as CSV, in words a spreadsheet reader understands, safe to open
in a spreadsheet; every exported profile is written to the access record."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from decimal import Decimal

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from advisor.engine.answers import ANSWERS, YES_NO, is_asked
from advisor.engine.content import FLAG_LABELS, PRIORITIES
from advisor.engine.countries import country_name
from profiles.advising.cases import DRIFT_RANKS
from profiles.advising.models import GroupShare
from profiles.models import ADVICE_DRIFT_CHOICES

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CHUNK = 2000
BOM = "\ufeff"
END_OF_EXPORT = "End of export:"
CASE_COLUMNS = (
    "profile_id",
    "group_id",
    "name",
    "email",
    "specialty_name",
    "career_goal",
    "usce_half_weeks",
    "letters",
    "priority",
    "flags",
    "readiness",
    "note_count",
    "last_contact_at",
    "drift_rank",
    "profile_updated_at",
)
HEADER = [
    "Reference",
    "Name",
    "Email",
    # Every answer of the table, in its order, under its own header.
    *(answer.csv_header for answer in ANSWERS),
    "Years since graduation",
    "USCE weeks (observership counts half)",
    "Priority",
    "Flags",
    "USCE score",
    "Letters score",
    "Research score",
    "Recency score",
    "Readiness",
    "Target Match",
    "Plan cost from (USD)",
    "Plan cost to (USD)",
    "Notes",
    "Last contact",
    "Advice today",
    "Last updated",
    "Profile page",
]
DRIFT_LABELS = dict(ADVICE_DRIFT_CHOICES)


def spreadsheet_safe(value):
    """Text a spreadsheet would run as a formula is prefixed with ' so it stays text."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


PROFILE_COLUMNS = (
    *(answer.name for answer in ANSWERS if answer.kind != "slug"),
    "score_usce",
    "score_letters",
    "score_research",
    "score_recency",
    "planned_match",
    "plan_cost_low",
    "plan_cost_high",
)
DRIFTS = {rank: DRIFT_LABELS[drift] for drift, rank in DRIFT_RANKS.items()}


def answer_cells(case: GroupShare) -> list:
    """The profile's answers as a spreadsheet reads them: numbers as numbers, choices
    and yes/no in words, a question never asked (or an empty answer) as an empty cell."""
    profile = case.profile
    given = {
        answer.name: getattr(profile, answer.name) for answer in ANSWERS if answer.kind != "slug"
    }
    cells = []
    for answer in ANSWERS:
        if answer.kind == "slug":
            cells.append(case.specialty_name)
            continue
        value = given[answer.name]
        if value is None or not is_asked(answer, given):
            cells.append("")
        elif isinstance(value, bool):
            cells.append(YES_NO[value])
        elif answer.choices:
            cells.append(answer.choice_label(value))
        elif answer.kind == "country":
            cells.append(country_name(value))  # as read back; "download my data" has the code
        elif isinstance(value, Decimal):
            cells.append(f"{value.normalize():f}")
        else:
            cells.append(value)
    return cells


def case_row(case: GroupShare, *, site: str, this_year: int, group_id: int) -> list:
    profile = case.profile
    row = [
        f"#{case.profile_id}",
        case.name,
        case.email,
        *answer_cells(case),
        max(0, this_year - profile.graduation_year),
        f"{case.usce_half_weeks / 2:g}",
        PRIORITIES[case.priority].label if case.priority else "",
        "; ".join(FLAG_LABELS[f] for f in case.flags if f in FLAG_LABELS),
        profile.score_usce,
        profile.score_letters,
        profile.score_research,
        profile.score_recency,
        case.readiness,
        profile.planned_match or "",
        "" if profile.plan_cost_low is None else profile.plan_cost_low,
        "" if profile.plan_cost_high is None else profile.plan_cost_high,
        case.note_count,
        case.last_contact_at.date().isoformat() if case.contacted else "never",
        DRIFTS[case.drift_rank],
        case.profile_updated_at.date().isoformat(),
        f"{site}{reverse('profiles:advisor_profile', args=[case.profile_id])}?group={group_id}",
    ]
    return [spreadsheet_safe(cell) for cell in row]


class _Echo:
    def write(self, value):
        return value


def csv_first_line(writer) -> str:
    # The byte order mark tells Excel the file is UTF-8 (names such as "Aïcha" or
    # "عائشة" are garbled without it); other programs skip it.
    return BOM + writer.writerow(HEADER)


def csv_last_line(writer, written: int) -> str:
    """The line that says the file is whole. No thousands separator: the line stays
    one plain cell, unquoted."""
    return writer.writerow([f"{END_OF_EXPORT} {written} profile{'' if written == 1 else 's'}"])


def export_rows(cases: QuerySet[GroupShare]) -> QuerySet[GroupShare]:
    """`cases` with just the columns a CSV row reads."""
    return cases.select_related("profile").only(
        *CASE_COLUMNS, *(f"profile__{name}" for name in PROFILE_COLUMNS)
    )


def csv_writer():
    """A csv writer whose writerow returns the line instead of writing it."""
    return csv.writer(_Echo())


def csv_lines(
    cases: QuerySet[GroupShare], *, ordering: list[str], site: str, group_id: int | None
) -> Iterator[str]:
    """Stream rows in the list's order, read through the group's sort index by a
    server-side cursor (on PostgreSQL), so the rows never sit whole in memory nor in
    one sort. The last line counts the rows: a file without it was cut off."""
    writer = csv_writer()
    yield csv_first_line(writer)
    this_year = timezone.now().year
    written = 0
    lines = []
    for case in export_rows(cases).order_by(*ordering).iterator(chunk_size=CHUNK):
        lines.append(
            writer.writerow(case_row(case, site=site, this_year=this_year, group_id=group_id))
        )
        written += 1
        if len(lines) == CHUNK:
            yield "".join(lines)
            lines.clear()
    yield "".join(lines)
    yield csv_last_line(writer, written)
