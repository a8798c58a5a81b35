"""CSV files of lists too long to send while the advisor waits (over EXPORT_MAX_ROWS):
started from the list (profiles/advising/export_views.py), recorded and written a
chunk at a time in the list's order, downloaded by their advisor only, deleted
after EXPORT_KEEP_HOURS by the retention command.

Each runs in a process of its own (`manage.py run_export_job`, advisor/background.py),
started by the request: 800,000 rows take 80 s, far past a worker's 30 s timeout,
which cuts a streaming request off. If it dies, the job's heartbeat stops and the
job reads as stopped, with no file.
"""

from __future__ import annotations

import logging
import secrets
from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils import timezone

from advisor.background import start_detached
from advisor.private_files import open_private, private_folder
from profiles.advising.access_record import access_record_export, exported_cases
from profiles.advising.caseload import rows_after, sort_values
from profiles.advising.export import (
    CHUNK,
    case_row,
    csv_first_line,
    csv_last_line,
    csv_writer,
    export_rows,
)
from profiles.advising.list_state import list_state_of
from profiles.advising.models import ExportJob, Membership

logger = logging.getLogger(__name__)
State = ExportJob.State
# A job not heard from for this long is not being written any more.
STALLED_AFTER = timedelta(minutes=2)
UNFINISHED = (State.WAITING, State.RUNNING)


class ExportRefused(Exception):
    """Why an export cannot start now, in words for the advisor."""


def export_path(job: ExportJob) -> Path:
    return Path(settings.EXPORT_DIR) / job.file_name


def export_job_start(
    *, user, group_id: int, ordering: list[str], query: str, description: str, site: str
) -> ExportJob:
    """Start writing the file of the list `query` asks for. One export at a time per
    advisor: each is a minute of a core and a file of a few hundred megabytes."""
    running = export_jobs_of(user).filter(state__in=UNFINISHED)
    if any(not job_stalled(job) for job in running):
        raise ExportRefused(
            "Your last export is still being written: download it, or wait for it to "
            "finish, before starting another."
        )
    job = ExportJob.objects.create(
        group_id=group_id,
        requested_by=user,
        query=query[:2000],
        description=description[:300],
        ordering=",".join(ordering),
        site=site[:200],
        file_name=f"{secrets.token_hex(16)}.csv",
    )
    if settings.EXPORT_JOBS_IN_PROCESS:
        transaction.on_commit(lambda: _in_process(job.pk))
    else:
        export_job_run(job.pk)
        job.refresh_from_db()
    return job


def _in_process(pk: int) -> None:
    if not start_detached("run_export_job", pk):
        # The job says it stopped; the page does not fail.
        ExportJob.objects.filter(pk=pk).update(state=State.FAILED, finished_at=timezone.now())


def export_job_run(pk: int) -> None:
    """Write the job's file, if it is still waiting. The rows are the cases the
    access record names for it that are still shared with the group and still in
    the list, in the list's order; a case withdrawn meanwhile is left out."""
    now = timezone.now()
    if not ExportJob.objects.filter(pk=pk, state=State.WAITING).update(
        state=State.RUNNING, heartbeat_at=now
    ):
        return
    job = ExportJob.objects.select_related("requested_by", "group").get(pk=pk)
    final = export_path(job)
    part = final.with_suffix(".part")
    try:
        state = list_state_of(job.requested_by, QueryDict(job.query), group_id=job.group_id)
        if state.group_id != job.group_id:
            raise PermissionError("the advisor has left the group")
        _record(job, state.rows)
        private_folder(final.parent)
        written = _write(job, state.rows, part)
        part.replace(final)
        finished = timezone.now()
        ExportJob.objects.filter(pk=pk).update(
            state=State.DONE, rows_written=written, heartbeat_at=finished, finished_at=finished
        )
    except Exception:
        logger.exception("Export job %s stopped", pk)
        part.unlink(missing_ok=True)
        ExportJob.objects.filter(pk=pk).update(state=State.FAILED, finished_at=timezone.now())


def _record(job: ExportJob, rows: QuerySet) -> None:
    """The export goes to the access record, and every case of the list has its export
    tally moved on, before a row is read, as for a download: one statement over the
    cases (seconds at 800,000 rows, so here and not in the request that started
    the job)."""
    at, count = access_record_export(
        cases=rows, actor=job.requested_by, group_id=job.group_id, group_name=job.group.name
    )
    job.recorded_at, job.rows_expected = at, count
    ExportJob.objects.filter(pk=job.pk).update(
        recorded_at=at, rows_expected=count, heartbeat_at=timezone.now()
    )


def _write(job: ExportJob, rows: QuerySet, part: Path) -> int:
    """The list as asked (its filters read again, as the advisor may see it now),
    a chunk at a time in its order, less any case the record did not count for this
    export (one shared, or come to match, since)."""
    ordering = job.ordering.split(",")
    cases = export_rows(exported_cases(rows, at=job.recorded_at)).order_by(*ordering)
    writer = csv_writer()
    this_year = timezone.now().year
    written, last = 0, None
    with open_private(part, "w", encoding="utf-8", newline="") as out:
        out.write(csv_first_line(writer))
        while True:
            chunk = list((cases if last is None else rows_after(cases, ordering, last))[:CHUNK])
            if not chunk:
                break
            last = sort_values(chunk[-1], ordering)
            lines = [
                writer.writerow(
                    case_row(case, site=job.site, this_year=this_year, group_id=job.group_id)
                )
                for case in chunk
            ]
            out.write("".join(lines))
            written += len(lines)
            ExportJob.objects.filter(pk=job.pk).update(
                rows_written=written, heartbeat_at=timezone.now()
            )
        out.write(csv_last_line(writer, written))
    return written


def job_stalled(job: ExportJob, now: datetime | None = None) -> bool:
    """Unfinished, and not heard from in STALLED_AFTER: its writer is gone."""
    now = now or timezone.now()
    return job.state in UNFINISHED and job.heartbeat_at < now - STALLED_AFTER


def job_expired(job: ExportJob, now: datetime | None = None) -> bool:
    now = now or timezone.now()
    return job.created_at < now - timedelta(hours=settings.EXPORT_KEEP_HOURS)


def export_jobs_of(user) -> QuerySet[ExportJob]:
    """The user's exports of groups they still belong to, newest first."""
    # Accepted memberships only: a member removed and invited again has no exports
    # until they accept (and those of before were deleted when they left).
    groups = Membership.objects.filter(user=user, accepted_at__isnull=False).values("group_id")
    return (
        ExportJob.objects.filter(requested_by=user, group_id__in=groups)
        .select_related("group")
        .order_by("-created_at")
    )


def export_jobs_expire(now: datetime, *, dry_run: bool = False) -> int:
    """Delete the exports past EXPORT_KEEP_HOURS, their files with them."""
    old = ExportJob.objects.filter(created_at__lt=now - timedelta(hours=settings.EXPORT_KEEP_HOURS))
    if dry_run:
        return old.count()
    deleted = 0
    for job in old.iterator():
        job.delete()  # its files with it (export_consent)
        deleted += 1
    # A writer killed mid-file leaves a .part that nothing else removes: once its job
    # is stalled it is deleted, as the page says ("nothing partial is kept").
    for job in ExportJob.objects.filter(state__in=UNFINISHED):
        if job_stalled(job, now):
            export_path(job).with_suffix(".part").unlink(missing_ok=True)
    return deleted
