"""The caseload's columns: their headers, what each sorts on, and how the results
line names each sort. Every sort key is a column of the case (GroupShare) indexed
behind the group, and every sort ends on the profile, so the order is total:
pages never overlap and "next profile" is well defined."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    key: str  # the ?sort= value
    header: str
    ordering: tuple[str, ...]  # ascending; the descending sort reverses every field
    words: tuple[str, str, str]  # (name, ascending, descending) for the results line
    numeric: bool = False


_NUMBER = ("lowest first", "highest first")
_DATE = ("oldest first", "newest first")
_TEXT = ("A to Z", "Z to A")
COLUMNS = (
    Column("name", "Applicant", ("name", "profile_id"), ("name", *_TEXT)),
    Column(
        "specialty",
        "Specialty",
        ("specialty_name", "name", "profile_id"),
        ("specialty", *_TEXT),
    ),
    Column(
        "effective_usce",
        "USCE weeks",
        ("usce_half_weeks", "profile_id"),
        ("USCE weeks", *_NUMBER),
        numeric=True,
    ),
    Column(
        "us_clinical_letters",
        "Letters",
        ("letters", "profile_id"),
        ("letters", *_NUMBER),
        numeric=True,
    ),
    Column(
        "priority",
        "Priority",
        ("-priority_rank", "-profile_updated_at", "-profile_id"),
        ("priority", "most urgent first", "least urgent first"),
    ),
    Column("readiness", "Readiness", ("readiness", "profile_id"), ("readiness", *_NUMBER), True),
    Column(
        "note_count",
        "Group notes",
        ("note_count", "profile_id"),
        ("group notes", "fewest first", "most first"),
        numeric=True,
    ),
    Column(
        "last_contact",
        "Last contact",
        ("last_contact_at", "profile_id"),
        ("last contact", "longest ago first", "most recent first"),
    ),
    Column(
        "advice",
        "Advice today",
        ("drift_rank", "profile_id"),
        ("advice today", "unchanged first", "biggest change first"),
    ),
    Column(
        "updated_at",
        "Last updated",
        ("profile_updated_at", "profile_id"),
        ("last updated", *_DATE),
    ),
)
BY_KEY = {column.key: column for column in COLUMNS}
DEFAULT_SORT = "priority"


def valid_sort(requested: list[str]) -> str:
    """The first sort key the list has (`readiness`, `-readiness`); the default else."""
    for key in requested:
        if key.lstrip("-") in BY_KEY:
            return key
    return DEFAULT_SORT


def ordering_for(sort: str) -> list[str]:
    fields = BY_KEY[sort.lstrip("-")].ordering
    if not sort.startswith("-"):
        return list(fields)
    return [field[1:] if field.startswith("-") else f"-{field}" for field in fields]


def sort_choices() -> list[tuple[str, str]]:
    """Every sort, both ways, as the phone's "Sort by" menu names it (the table's
    headers are hidden there): ("-readiness", "Readiness, highest first")."""
    choices = []
    for column in COLUMNS:
        _, ascending, descending = column.words
        choices.append((column.key, f"{column.header}, {ascending}"))
        choices.append((f"-{column.key}", f"{column.header}, {descending}"))
    return choices


def column_labels() -> dict[str, str]:
    """Each column's header by its key: the labels a row's cells carry when the
    table reads as cards on a phone."""
    return {column.key: column.header for column in COLUMNS}


def sort_description(sort: str) -> str:
    """ "sorted by readiness, highest first" for `-readiness`."""
    name, ascending, descending = BY_KEY[sort.lstrip("-")].words
    return f"sorted by {name}, {descending if sort.startswith('-') else ascending}"


@dataclass(frozen=True)
class Header:
    column: Column
    sort: str | None  # "ascending" or "descending" when the list is sorted by it
    link_sort: str  # what selecting it sorts by


def headers(sort: str) -> list[Header]:
    found = []
    for column in COLUMNS:
        if sort == column.key:
            found.append(Header(column, "ascending", f"-{column.key}"))
        elif sort == f"-{column.key}":
            found.append(Header(column, "descending", column.key))
        else:
            found.append(Header(column, None, column.key))
    return found
