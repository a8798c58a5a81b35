"""An export's file dies with what it came from (issue 24, finding 7).

A file of profiles is personal data: it is deleted with its job (whatever deletes
the job: retention, an account or a group deleted), when a profile it names stops
being shared with the group, and when its advisor leaves the group; a download is
refused unless every profile it recorded is still shared and its advisor is still a
member who accepted. Receivers, so that no path that ends a share or a membership
has to remember it.
"""

from __future__ import annotations

from django.db.models.signals import post_delete
from django.dispatch import receiver

from profiles.advising.models import AccessEvent, ExportJob, GroupShare, Membership


def export_files_delete(job: ExportJob) -> None:
    from profiles.advising.export_jobs import export_path  # the module imports this one

    export_path(job).unlink(missing_ok=True)
    export_path(job).with_suffix(".part").unlink(missing_ok=True)


def still_consented(job: ExportJob) -> bool:
    """Its advisor is still an accepted member of the group, and no profile the file
    may hold stopped being shared with the group since the file was finished (one
    withdrawn while it was written is left out of it by the writer)."""
    member = Membership.objects.filter(
        group_id=job.group_id, user_id=job.requested_by_id, accepted_at__isnull=False
    ).exists()
    if not member or job.recorded_at is None or job.finished_at is None:
        return False
    recorded = AccessEvent.objects.filter(
        action=AccessEvent.Action.EXPORT, actor_id=job.requested_by_id, at=job.recorded_at
    ).values("profile_id")
    withdrawn = AccessEvent.objects.filter(
        action=AccessEvent.Action.UNSHARED,
        group_id=job.group_id,
        at__gte=job.finished_at,
        profile_id__in=recorded,
    )
    return not withdrawn.exists()


@receiver(post_delete, sender=ExportJob)
def _job_deleted(sender, instance: ExportJob, **kwargs) -> None:
    export_files_delete(instance)


@receiver(post_delete, sender=GroupShare)
def _share_ended(sender, instance: GroupShare, **kwargs) -> None:
    """The group's finished files that may hold the profile go (one being written
    leaves it out)."""
    named = AccessEvent.objects.filter(
        action=AccessEvent.Action.EXPORT, profile_id=instance.profile_id
    ).values("at")
    done = ExportJob.objects.filter(
        group_id=instance.group_id, recorded_at__in=named, state=ExportJob.State.DONE
    )
    for job in done:
        job.delete()


@receiver(post_delete, sender=Membership)
def _member_left(sender, instance: Membership, **kwargs) -> None:
    for job in ExportJob.objects.filter(
        group_id=instance.group_id, requested_by_id=instance.user_id
    ):
        job.delete()
