"""The advisor's caseload: the profiles shared with their groups, with what the
list shows and sorts on (notes they may read, last contact, whether today's advice
differs), and the profiles before and after one in the list's order."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from django.db.models import (
    Case,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from advisor.content import PRIORITIES
from profiles.advising.access import caseload, my_group_ids
from profiles.advising.models import AdvisorNote, GroupShare
from profiles.advising.notes import visible_notes_filter
from profiles.models import Profile

PRIORITY_RANK = Case(
    *[When(priority=slug, then=Value(rank)) for rank, slug in enumerate(PRIORITIES)],
    default=Value(len(PRIORITIES)),
    output_field=IntegerField(),
)
# Sorted with the biggest change first when descending.
DRIFT_RANK = Case(
    When(advice_drift="priority", then=Value(3)),
    When(advice_drift="plan", then=Value(2)),
    When(advice_drift="other", then=Value(1)),
    default=Value(0),
    output_field=IntegerField(),
)
# "Never" sorts before any real contact.
NEVER = datetime(1970, 1, 1, tzinfo=UTC)


def caseload_rows(user) -> QuerySet[Profile]:
    """The user's caseload with every column of the list, in one query."""
    visible = AdvisorNote.objects.filter(profile=OuterRef("pk")).filter(visible_notes_filter(user))
    note_count = visible.order_by().values("profile").annotate(n=Count("pk")).values("n")
    # Feedback from one of the user's groups that still has the profile shared.
    still_shared = GroupShare.objects.filter(profile=OuterRef("profile"), group=OuterRef("group"))
    contact = (
        AdvisorNote.objects.filter(
            Exists(still_shared),
            profile=OuterRef("pk"),
            visibility=AdvisorNote.Visibility.APPLICANT,
            group_id__in=my_group_ids(user),
        )
        .order_by("-created_at")
        .values("created_at")[:1]
    )
    return (
        caseload(user)
        .select_related("specialty")
        .annotate(
            specialty_name=F("specialty__name"),
            effective_usce=ExpressionWrapper(
                F("usce_hands_on_weeks") + F("usce_observership_weeks") / 2.0,
                output_field=FloatField(),
            ),
            priority_rank=PRIORITY_RANK,
            drift_rank=DRIFT_RANK,
            note_count=Coalesce(Subquery(note_count), 0),
            last_contact=Subquery(contact),
            last_contact_sort=Coalesce(Subquery(contact), Value(NEVER)),
        )
    )


def _keyset(ordering: list[str], row: Profile, *, after: bool) -> Q:
    """Rows after (or before) `row` in `ordering`, which ends with a unique key."""
    alternatives = Q(pk__in=[])
    equal = Q()
    for field in ordering:
        name = field.lstrip("-")
        value = getattr(row, name)
        descending = field.startswith("-")
        lookup = "lt" if descending == after else "gt"
        alternatives |= equal & Q(**{f"{name}__{lookup}": value})
        equal &= Q(**{name: value})
    return alternatives


def _reversed(ordering: list[str]) -> list[str]:
    return [field[1:] if field.startswith("-") else f"-{field}" for field in ordering]


@dataclass(frozen=True)
class Neighbours:
    previous: Profile | None
    next: Profile | None
    position: int | None  # 1-based place in the list; None when not in it
    total: int


def neighbours(rows: QuerySet[Profile], ordering: list[str], current: Profile) -> Neighbours:
    """The profiles before and after `current` in the list as sorted and filtered,
    found from its sort values (keyset), never by reading the list: three queries."""
    before = _keyset(ordering, current, after=False)
    previous = (
        rows.filter(before)
        .order_by(*_reversed(ordering))
        .select_related(None)
        .only("pk", "name")
        .first()
    )
    after = _keyset(ordering, current, after=True)
    following = (
        rows.filter(after).order_by(*ordering).select_related(None).only("pk", "name").first()
    )
    counts = rows.aggregate(
        total=Count("pk"),
        before=Count("pk", filter=before),
        here=Count("pk", filter=Q(pk=current.pk)),
    )
    # Not in the list when the filters no longer select it (a note changed "has notes").
    position = counts["before"] + 1 if counts["here"] else None
    return Neighbours(previous, following, position, counts["total"])
