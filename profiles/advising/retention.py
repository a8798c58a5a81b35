"""Retention: deleting what the site no longer needs to keep, run daily by
`manage.py retention` (a cron job or a systemd timer; see docs/advising.md, "Retention").

Five rules, each driven by a setting or by the row's own expiry:

- access record entries older than ACCESS_RECORD_DAYS;
- read-only links past their `expires_at` (they no longer open anything);
- abandoned profiles: shared with no group, with no live read-only link, and
  neither changed nor opened by their owner for UNSHARED_PROFILE_DAYS; their
  advice, notes, links and access record go with them (cascade);
- expired sessions: unfinished forms (drafts) and devices' remembered links
  past their expiry;
- long exports' files (and their jobs) past EXPORT_KEEP_HOURS.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from importlib import import_module

from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from profiles.advising.export_jobs import export_jobs_expire
from profiles.advising.models import AccessEvent, GroupShare, ReadOnlyLink
from profiles.models import Profile

# Rows per delete. Each batch is its own short transaction, so a long backlog
# (the first run, or after the job was forgotten for months) never holds one
# huge transaction or a long lock on tables the site writes to.
BATCH = 2000


@dataclass(frozen=True)
class RetentionReport:
    """How many rows each rule deleted, or would delete on a dry run."""

    access_events: int
    read_only_links: int
    profiles: int
    sessions: int
    export_files: int = 0
    dry_run: bool = False

    @property
    def total(self) -> int:
        return (
            self.access_events
            + self.read_only_links
            + self.profiles
            + self.sessions
            + self.export_files
        )


def retention_apply(
    *, now: datetime | None = None, dry_run: bool = False, batch_size: int = BATCH
) -> RetentionReport:
    """Delete everything past its retention period, `batch_size` rows at a time.

    ACCESS_RECORD_DAYS or UNSHARED_PROFILE_DAYS set to 0 means "keep forever":
    that rule deletes nothing. Links and sessions carry their own expiry date.
    With `dry_run`, nothing is deleted and the report counts what would be.
    `now` defaults to the current time.

    The rules run in this order so that a dry run counts exactly what a real
    run deletes: old access entries and expired links go before the profiles
    that would otherwise take them along (uncounted) in their cascade.
    """
    now = now or timezone.now()
    rules = {
        "access_events": old_access_events(now=now),
        "read_only_links": expired_read_only_links(now=now),
        "profiles": abandoned_profiles(now=now),
        "sessions": expired_sessions(now=now),
    }
    if dry_run:
        counts = {name: rows.count() for name, rows in rules.items()}
    else:
        counts = {
            name: _delete_in_batches(rows, batch_size=batch_size) for name, rows in rules.items()
        }
    counts["export_files"] = export_jobs_expire(now, dry_run=dry_run)
    return RetentionReport(**counts, dry_run=dry_run)


def old_access_events(*, now: datetime) -> QuerySet[AccessEvent]:
    if not settings.ACCESS_RECORD_DAYS:
        return AccessEvent.objects.none()
    return AccessEvent.objects.filter(at__lt=now - timedelta(days=settings.ACCESS_RECORD_DAYS))


def expired_read_only_links(*, now: datetime) -> QuerySet[ReadOnlyLink]:
    # `<=`: a link is live while `expires_at > now` (profiles/advising/sharing.py).
    return ReadOnlyLink.objects.filter(expires_at__lte=now)


def abandoned_profiles(*, now: datetime) -> QuerySet[Profile]:
    if not settings.UNSHARED_PROFILE_DAYS:
        return Profile.objects.none()
    cutoff = now - timedelta(days=settings.UNSHARED_PROFILE_DAYS)
    # Subqueries rather than joins: a LEFT JOIN would make the row lock taken
    # while deleting (FOR UPDATE) fail on PostgreSQL's nullable side.
    shared = GroupShare.objects.filter(profile=OuterRef("pk"))
    linked = ReadOnlyLink.objects.filter(profile=OuterRef("pk"), expires_at__gt=now)
    return Profile.objects.filter(
        Q(last_seen_at__isnull=True) | Q(last_seen_at__lt=cutoff),
        ~Exists(shared),
        ~Exists(linked),
        updated_at__lt=cutoff,
    )


def expired_sessions(*, now: datetime) -> QuerySet:
    store = import_module(settings.SESSION_ENGINE).SessionStore
    if not hasattr(store, "get_model_class"):
        return Session.objects.none()  # cache-backed sessions expire on their own
    # `<`, as Django's own clear_expired: a session loads while `expire_date > now`.
    return store.get_model_class().objects.filter(expire_date__lt=now)


def _delete_in_batches(rows: QuerySet, *, batch_size: int) -> int:
    """Delete every row of `rows`; returns how many went.

    Each batch re-reads its rows under a row lock before deleting them, so a
    profile its owner opens or shares while the job runs is not deleted on the
    strength of a read made a moment earlier.
    """
    deleted = 0
    while True:
        # No ORDER BY: any `batch_size` rows will do, and sorting a backlog is slow.
        batch = list(rows.order_by().values_list("pk", flat=True)[:batch_size])
        if not batch:
            return deleted
        with transaction.atomic():
            still = rows.order_by().filter(pk__in=batch).select_for_update()
            pks = list(still.values_list("pk", flat=True))
            rows.model.objects.filter(pk__in=pks).delete()
        deleted += len(pks)
        if len(batch) < batch_size:
            return deleted
