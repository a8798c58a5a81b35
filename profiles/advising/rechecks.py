"""Re-checking saved advice after an admin's save, out of the request (issue 24,
finding 8): at 93,250 profiles the re-check took 25.6 s of a worker's 30. The save
writes an AdviceRecheck; once committed, `manage.py refresh_advice_drift <id>` runs
it in a process of its own (advisor/background.py), reporting its progress and, at
the end, how many profiles' marks changed."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from advisor.background import start_detached
from advisor.models import AdviceRecheck
from profiles.advising.drift import advice_drift_refresh
from profiles.models import Profile

logger = logging.getLogger(__name__)
State = AdviceRecheck.State
# A re-check not heard from for this long is not running any more.
STALLED_AFTER = timedelta(minutes=2)


def recheck_start(*, specialty_id: int | None, cause: str, user) -> AdviceRecheck:
    """A re-check of one specialty's profiles (or all), started once the caller's
    transaction commits, so it reads the values just saved."""
    recheck = AdviceRecheck.objects.create(
        specialty_id=specialty_id, cause=cause[:200], requested_by=user
    )
    if settings.RECHECKS_IN_PROCESS:
        transaction.on_commit(lambda: _in_process(recheck.pk), robust=True)
    else:
        transaction.on_commit(lambda: recheck_run(recheck.pk), robust=True)
    return recheck


def _in_process(pk: int) -> None:
    if not start_detached("refresh_advice_drift", pk):
        AdviceRecheck.objects.filter(pk=pk).update(state=State.FAILED, finished_at=timezone.now())


def recheck_run(pk: int) -> None:
    """Run the re-check, if it is still waiting."""
    now = timezone.now()
    if not AdviceRecheck.objects.filter(pk=pk, state=State.WAITING).update(
        state=State.RUNNING, heartbeat_at=now
    ):
        return
    recheck = AdviceRecheck.objects.get(pk=pk)
    scope = Profile.objects.all()
    if recheck.specialty_id is not None:
        scope = scope.filter(specialty_id=recheck.specialty_id)
    AdviceRecheck.objects.filter(pk=pk).update(profiles_total=scope.count())

    def progress(checked: int, changed: int) -> None:
        AdviceRecheck.objects.filter(pk=pk).update(
            profiles_checked=checked, marks_changed=changed, heartbeat_at=timezone.now()
        )

    try:
        advice_drift_refresh(profiles=scope, progress=progress)
    except Exception:
        logger.exception("Re-check %s stopped", pk)
        AdviceRecheck.objects.filter(pk=pk).update(state=State.FAILED, finished_at=timezone.now())
        return
    AdviceRecheck.objects.filter(pk=pk).update(state=State.DONE, finished_at=timezone.now())


def recheck_stalled(recheck: AdviceRecheck, now: datetime | None = None) -> bool:
    """Unfinished, and not heard from in STALLED_AFTER: its process is gone."""
    unfinished = recheck.state in (State.WAITING, State.RUNNING)
    return unfinished and (now or timezone.now()) - recheck.heartbeat_at > STALLED_AFTER
