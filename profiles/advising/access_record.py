"""The access record: every advisor view, export and note, and views through
read-only links, with who, when, what and which group."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import F, Max, QuerySet, Sum
from django.utils import timezone

from profiles.advising.groups import display_name
from profiles.advising.models import (
    AccessEvent,
    AdvisingGroup,
    ExportJob,
    GroupShare,
    ReadOnlyLink,
)
from profiles.models import Profile

Action = AccessEvent.Action
# One entry an hour for a read-only link: whoever holds it may reload at will,
# and the record must stay small whatever an anonymous visitor does.
LINK_VIEW_EVERY = timedelta(hours=1)
# Exports one advisor may make in this long: EXPORTS_PER_DAY.
EXPORT_QUOTA_WINDOW = timedelta(days=1)


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


def access_record_export(
    *, cases: QuerySet[GroupShare], actor, group_id: int, group_name: str
) -> tuple[datetime, int]:
    """An export of `cases` (one group's list) by `actor`: one entry with the number
    of profiles, and each case's export tally moved on, by one UPDATE (no row per
    profile, and none passes through Python). Returns the export's time, which
    `exported_cases` reads the cases back by, and how many there are."""
    at = timezone.now()
    name = display_name(actor)
    count = GroupShare.objects.filter(pk__in=cases.order_by().values("pk")).update(
        exported_times=F("exported_times") + 1, last_exported_at=at, last_exported_by=name
    )
    AccessEvent.objects.create(
        at=at,
        action=Action.EXPORT,
        actor=actor,
        actor_name=name,
        group_id=group_id,
        group_name=group_name,
        profiles=count,
    )
    return at, count


def exported_cases(cases: QuerySet[GroupShare], *, at: datetime) -> QuerySet[GroupShare]:
    """`cases` narrowed to those the export recorded at `at` counted (or a later one
    did): a profile shared, or come to match the list's filters, after the record was
    written is not in the file, so the file never holds a profile not counted."""
    return cases.filter(last_exported_at__gte=at)


def exports_today(actor, *, now: datetime | None = None) -> tuple[int, datetime | None]:
    """How many exports `actor` made in the last day (files still being set up
    included), and when the oldest of them leaves the count."""
    since = (now or timezone.now()) - EXPORT_QUOTA_WINDOW
    recorded = AccessEvent.objects.filter(
        actor=actor, action=Action.EXPORT, profile__isnull=True, at__gte=since
    ).values_list("at", flat=True)
    # A background export is recorded by its writer: until then, its job counts.
    waiting = ExportJob.objects.filter(
        requested_by=actor, recorded_at__isnull=True, created_at__gte=since
    ).values_list("created_at", flat=True)
    made = list(recorded.order_by().union(waiting.order_by(), all=True))
    return len(made), (min(made) + EXPORT_QUOTA_WINDOW if made else None)


def export_quota_left(actor) -> tuple[bool, datetime | None]:
    """Whether `actor` may export now; if not, from when."""
    made, frees_at = exports_today(actor)
    return made < settings.EXPORTS_PER_DAY, frees_at


def access_record_share_ended(share: GroupShare, *, group_gone: bool) -> None:
    """The applicant's record keeps the exports of an ending share: one entry for all
    of them, named after the last advisor who exported it."""
    if not share.exported_times:
        return
    AccessEvent.objects.create(
        profile_id=share.profile_id,
        at=share.last_exported_at,
        action=Action.EXPORT,
        actor=None,
        actor_name=share.last_exported_by,
        group_id=None if group_gone else share.group_id,
        group_name=AdvisingGroup.objects.filter(pk=share.group_id)
        .values_list("name", flat=True)
        .first()
        or "",
        times=share.exported_times,
    )


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


def who_looked(
    profile: Profile, *, limit: int = 20, shares: list[GroupShare] | None = None
) -> list[WhoLooked]:
    """Who viewed, exported or wrote about the profile, newest first, grouped so
    that twenty reloads read as one line: one query, and one for the export tallies
    of the profile's shares unless the caller has them (`shares`, with their group)."""
    rows = (
        AccessEvent.objects.filter(profile=profile)
        .values("actor_name", "group_name", "action")
        .annotate(times=Sum("times"), last=Max("at"))
        .order_by("-last")[:limit]
    )
    looked = [WhoLooked(**row) for row in rows]
    if shares is None:
        shares = list(profile.shares.filter(exported_times__gt=0).select_related("group"))
    looked += [
        WhoLooked(
            actor_name=share.last_exported_by,
            group_name=share.group.name,
            action=Action.EXPORT,
            times=share.exported_times,
            last=share.last_exported_at,
        )
        for share in shares
        if share.exported_times
    ]
    looked.sort(key=lambda row: row.last, reverse=True)
    return looked[:limit]
