"""A group's caseload: its cases (each a share, holding the copy of its profile the
list sorts and filters on), read a page at a time by keyset, never by OFFSET or a
full count; and the cases before and after one in the list's order.

At a million cases every page is one index range of the group's rows: the sort
keys are indexed behind the group (profiles/advising/models.py, CASE_SORTS), the
page starts after the last row shown, and the count stops at COUNT_CAP.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import datetime

from django.db.models import QuerySet
from django.db.models.fields.tuple_lookups import Tuple, TupleGreaterThan, TupleLessThan

from profiles.advising.models import GroupShare

PER_PAGE = 25
# Counting past this many rows would read them all; the list says "more than".
COUNT_CAP = 10_000
DATETIMES = {"profile_updated_at", "last_contact_at"}
TEXTS = {"name", "specialty_name"}


def caseload_rows(group_id: int) -> QuerySet[GroupShare]:
    # No join to the profile: a row of the list reads its copy alone (the CSV adds
    # the profile's other columns itself, profiles/advising/export.py).
    return GroupShare.objects.filter(group_id=group_id)


def _key(field: str) -> str:
    return field.lstrip("-")


def _keyset(ordering: list[str], values: list, *, after: bool) -> TupleLessThan:
    """Rows after (or before) the row with `values` in `ordering`, which goes one way on
    every column and ends with a unique key: one row comparison, (a, b) > (x, y), which
    PostgreSQL reads as where the index range starts. The spelled-out form, (a > x) or
    (a = x and b > y), read the whole run of rows sharing `a` before the first row it
    wanted: 1.2 s for a profile's "next" in a run of 400,000 cases with no letters."""
    descending = {field.startswith("-") for field in ordering}
    if len(descending) != 1:
        raise ValueError(f"the list's sorts go one way on every column, not {ordering}")
    columns = Tuple(*[_key(field) for field in ordering])
    comparison = TupleLessThan if descending.pop() == after else TupleGreaterThan
    return comparison(columns, tuple(values))


def rows_after(rows: QuerySet[GroupShare], ordering: list[str], values: list) -> QuerySet:
    """`rows` past the row with `values`, in `ordering` (a background export's next chunk)."""
    return rows.filter(_keyset(ordering, values, after=True))


def _reversed(ordering: list[str]) -> list[str]:
    return [field[1:] if field.startswith("-") else f"-{field}" for field in ordering]


def sort_values(row: GroupShare, ordering: list[str]) -> list:
    return [getattr(row, _key(field)) for field in ordering]


# --- cursors: where a page starts, carried in the page links -----------------------


@dataclass(frozen=True)
class Cursor:
    values: list
    after: bool  # the page starts after these values (else it ends before them)
    start: int  # the number of the page's first row, for "26-50 of ..."


def cursor_text(values: list, *, after: bool, start: int) -> str:
    plain = [v.isoformat() if isinstance(v, datetime) else v for v in values]
    raw = json.dumps({"v": plain, "a": after, "s": start}, separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def cursor_read(text: str, ordering: list[str]) -> Cursor | None:
    """The cursor in a page link, or None (the first page) for anything else: a
    cursor is only a place in the list, so a bad one costs nothing but the place."""
    if not text or len(text) > 1000:
        return None
    try:
        data = json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
        values, after, start = data["v"], data["a"], data["s"]
        if not isinstance(values, list) or len(values) != len(ordering):
            return None
        if not isinstance(after, bool) or not isinstance(start, int) or not 1 <= start <= 10**9:
            return None
        return Cursor([_typed(f, v) for f, v in zip(ordering, values, strict=True)], after, start)
    except (ValueError, TypeError, KeyError, binascii.Error, UnicodeDecodeError):
        return None


def _typed(field: str, value):
    name = _key(field)
    if name in DATETIMES:
        parsed = datetime.fromisoformat(value)
        if parsed.tzinfo is None:
            raise ValueError("a time without its zone")
        if not 1900 <= parsed.year <= 9000:  # near the edges, UTC overflows the database's type
            raise ValueError("not a time in the list")
        return parsed
    if name in TEXTS:
        if not isinstance(value, str) or len(value) > 254 or "\x00" in value:
            raise ValueError("not a name")
        value.encode("utf-8")  # a lone surrogate raises (UnicodeEncodeError: a ValueError)
        return value
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value < 2**62:
        raise ValueError("not a count")
    return value


# --- pages -------------------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    rows: list[GroupShare]
    start: int
    total: int
    total_capped: bool  # more than COUNT_CAP rows: `total` is the cap
    next_cursor: str | None
    previous_cursor: str | None

    @property
    def end(self) -> int:
        return self.start + len(self.rows) - 1


def caseload_page(rows: QuerySet[GroupShare], ordering: list[str], cursor: Cursor | None) -> Page:
    """One page of `rows` in `ordering`, starting where `cursor` says: two queries
    (the page, one row more to know there is a next; the capped count)."""
    if cursor is None:
        found = list(rows.order_by(*ordering)[: PER_PAGE + 1])
        start, after = 1, True
    elif cursor.after:
        page = rows.filter(_keyset(ordering, cursor.values, after=True))
        found = list(page.order_by(*ordering)[: PER_PAGE + 1])
        start, after = cursor.start, True
    else:
        page = rows.filter(_keyset(ordering, cursor.values, after=False))
        found = list(page.order_by(*_reversed(ordering))[: PER_PAGE + 1])[::-1]
        start, after = max(1, cursor.start), False
    more = len(found) > PER_PAGE
    if more:
        found = found[1:] if not after else found[:PER_PAGE]
    if not after and not more:
        start = 1  # back at the top, whatever the numbers said
    counted = rows.order_by()[: COUNT_CAP + 1].count()
    has_next = more if after else True
    has_previous = start > 1 if after else more or start > 1
    if not found:
        has_next = False
    return Page(
        rows=found,
        start=start,
        total=min(counted, COUNT_CAP),
        total_capped=counted > COUNT_CAP,
        next_cursor=cursor_text(
            sort_values(found[-1], ordering), after=True, start=start + len(found)
        )
        if has_next
        else None,
        previous_cursor=cursor_text(
            sort_values(found[0], ordering), after=False, start=max(1, start - PER_PAGE)
        )
        if has_previous and found
        else None,
    )


# --- a case's neighbours, for "previous" and "next" on its page ----------------------


@dataclass(frozen=True)
class Neighbours:
    previous: GroupShare | None
    next: GroupShare | None
    position: int | None  # 1-based place in the list; None when not in it, or past the cap
    total: int
    total_capped: bool


def neighbours(rows: QuerySet[GroupShare], ordering: list[str], current: GroupShare) -> Neighbours:
    """The cases before and after `current` in the list as sorted and filtered,
    found from its sort values (keyset): four queries, none reading the list."""
    values = sort_values(current, ordering)
    before = rows.filter(_keyset(ordering, values, after=False))
    previous = before.order_by(*_reversed(ordering)).first()
    following = rows.filter(_keyset(ordering, values, after=True)).order_by(*ordering).first()
    in_list = rows.filter(pk=current.pk).exists()
    ahead = before.order_by()[: COUNT_CAP + 1].count()
    counted = rows.order_by()[: COUNT_CAP + 1].count()
    position = ahead + 1 if in_list and ahead < COUNT_CAP else None
    return Neighbours(previous, following, position, min(counted, COUNT_CAP), counted > COUNT_CAP)


def page_holding(
    rows: QuerySet[GroupShare],
    ordering: list[str],
    current: GroupShare,
    *,
    position: int | None,
    came_from: str,
) -> tuple[str, bool]:
    """Where "back to the list" goes from `current`'s page: the cursor of a page of
    the list, and whether that page shows the case.

    The page the advisor left (`came_from`, its cursor) while the case is still on
    it, so they find the same rows; else the page of PER_PAGE rows that a reader
    paging from the top meets it on ("" for the first). A case not in the list as
    filtered, or past COUNT_CAP (no `position`), goes back to the page they left.
    At most two queries."""
    cursor = cursor_read(came_from, ordering)
    if cursor is not None and _on_page(rows, ordering, cursor, current):
        return came_from, True
    if position is None:
        return (came_from if cursor is not None else ""), False
    start = (position - 1) // PER_PAGE * PER_PAGE + 1
    if start == 1:
        return "", True
    before = rows.filter(_keyset(ordering, sort_values(current, ordering), after=False))
    # The last row of the page before: position - start rows above the one just before.
    above = position - start
    edge = next(iter(before.order_by(*_reversed(ordering))[above : above + 1]), None)
    if edge is None:  # rows left the list meanwhile: its top is as near as any
        return "", False
    return cursor_text(sort_values(edge, ordering), after=True, start=start), True


def _on_page(rows: QuerySet, ordering: list[str], cursor: Cursor, current: GroupShare) -> bool:
    """Whether the page `cursor` opens holds `current`: one query for its ids."""
    page = rows.filter(_keyset(ordering, cursor.values, after=cursor.after))
    page = page.order_by(*(ordering if cursor.after else _reversed(ordering)))
    return current.pk in set(page.values_list("pk", flat=True)[:PER_PAGE])
