"""The access record: every advisor view, export and note, and views through
read-only links, with who, when, what and which group."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import connection
from django.db.models import CharField, Count, DateTimeField, IntegerField, Max, QuerySet, Value
from django.utils import timezone

from profiles.advising.groups import display_name
from profiles.advising.models import AccessEvent, AdvisingGroup, GroupShare, ReadOnlyLink
from profiles.models import Profile

Action = AccessEvent.Action
# One entry an hour for a read-only link: whoever holds it may reload at will,
# and the record must stay small whatever an anonymous visitor does.
LINK_VIEW_EVERY = timedelta(hours=1)


def access_record(
    *, profile: Profile, action: str, actor, group: AdvisingGroup | None
) -> AccessEvent:
    return AccessEvent.objects.create(
        profile=profile,
        action=action,
        actor=actor,
        actor_name=display_name(actor),
        group=group,
        group_name=group.name if group else "",
    )


def access_record_export(*, cases: QuerySet[GroupShare], actor) -> tuple[datetime, int]:
    """One entry per case in `cases` (an export of one group's list): written by a
    single INSERT ... SELECT, so recording an export of a million rows costs one
    statement and no row passes through Python. Returns the entries' time, which
    `exported_cases` reads them back by, and how many there are."""
    at = timezone.now()
    rows = (
        cases.order_by()
        .annotate(
            record_at=Value(at, output_field=DateTimeField()),
            record_action=Value(Action.EXPORT, output_field=CharField()),
            record_actor=Value(actor.pk, output_field=IntegerField()),
            record_actor_name=Value(display_name(actor), output_field=CharField()),
        )
        .values_list(
            "record_at",
            "profile_id",
            "record_action",
            "record_actor",
            "record_actor_name",
            "group_id",
            "group__name",
        )
    )
    select, params = rows.query.sql_with_params()
    table = connection.ops.quote_name(AccessEvent._meta.db_table)
    columns = "at, profile_id, action, actor_id, actor_name, group_id, group_name"
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {table} ({columns}) {select}", params)
        return at, cursor.rowcount


def exported_cases(cases: QuerySet[GroupShare], *, actor, at: datetime) -> QuerySet[GroupShare]:
    """`cases` narrowed to those the export recorded at `at`: a profile shared after
    the record was written is not in the file, so the file never holds a profile the
    record does not name."""
    recorded = AccessEvent.objects.filter(action=Action.EXPORT, actor=actor, at=at)
    return cases.filter(profile_id__in=recorded.values("profile_id"))


def access_record_link_view(link: ReadOnlyLink) -> None:
    """A view through a read-only link, at most once an hour per link."""
    now = timezone.now()
    if link.last_recorded_at and now - link.last_recorded_at < LINK_VIEW_EVERY:
        return
    updated = ReadOnlyLink.objects.filter(pk=link.pk, last_recorded_at=link.last_recorded_at)
    if not updated.update(last_recorded_at=now):
        return  # another request recorded this hour's view
    AccessEvent.objects.create(
        profile_id=link.profile_id,
        action=Action.LINK_VIEW,
        actor=None,
        actor_name=link.label,
        at=now,
    )


APPLICANT = "The applicant"


def access_record_sharing(*, profile: Profile, group: AdvisingGroup, shared: bool) -> None:
    """The applicant shared with `group`, or stopped: who could read the profile when."""
    AccessEvent.objects.create(
        profile=profile,
        action=Action.SHARED if shared else Action.UNSHARED,
        actor=None,
        actor_name=APPLICANT,
        group=group,
        group_name=group.name,
    )


@dataclass(frozen=True)
class WhoLooked:
    """What the applicant reads: one line per person, group and kind of access."""

    actor_name: str
    group_name: str
    action: str
    times: int
    last: datetime

    @property
    def action_label(self) -> str:
        return Action(self.action).label


def who_looked(profile: Profile, *, limit: int = 20) -> list[WhoLooked]:
    """Who viewed, exported or wrote about the profile, newest first, grouped so
    that twenty reloads read as one line: one query."""
    rows = (
        AccessEvent.objects.filter(profile=profile)
        .values("actor_name", "group_name", "action")
        .annotate(times=Count("pk"), last=Max("at"))
        .order_by("-last")[:limit]
    )
    return [WhoLooked(**row) for row in rows]
