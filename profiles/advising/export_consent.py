"""An export's file dies with what it came from (issue 24, finding 7).

A file of profiles is personal data: it is deleted with its job (whatever deletes
the job: retention, an account or a group deleted), when a profile it names stops
being shared with the group, and when its advisor leaves the group; a download is
refused unless its advisor is still a member who accepted. Receivers, so that no
path that ends a share or a membership has to remember it.
"""

from __future__ import annotations

from django.db.models.signals import post_delete
from django.dispatch import receiver

from profiles.advising.access_record import access_record_share_ended
from profiles.advising.models import AdvisingGroup, ExportJob, GroupShare, Membership
from profiles.models import Profile


def export_files_delete(job: ExportJob) -> None:
    from profiles.advising.export_jobs import export_path  # the module imports this one

    export_path(job).unlink(missing_ok=True)
    export_path(job).with_suffix(".part").unlink(missing_ok=True)


def still_consented(job: ExportJob) -> bool:
    """Its advisor is still an accepted member of the group, and the file is whole. A
    profile that stopped being shared since took the group's files that may hold it
    with it (`_share_ended`)."""
    member = Membership.objects.filter(
        group_id=job.group_id, user_id=job.requested_by_id, accepted_at__isnull=False
    ).exists()
    return member and job.recorded_at is not None and job.finished_at is not None


@receiver(post_delete, sender=ExportJob)
def _job_deleted(sender, instance: ExportJob, **kwargs) -> None:
    export_files_delete(instance)


@receiver(post_delete, sender=GroupShare)
def _share_ended(sender, instance: GroupShare, origin=None, **kwargs) -> None:
    """The group's finished files that may hold the profile go: those recorded while
    it was shared, up to its last export (one being written leaves it out). Which
    profiles a file holds is not kept, so a file of a filtered list that left this
    one out goes too: consent errs on the applicant's side. The applicant's record
    keeps the share's exports as one entry, unless the profile itself is going."""
    if _deleting(origin, Profile):
        return
    access_record_share_ended(instance, group_gone=_deleting(origin, AdvisingGroup))
    if instance.last_exported_at is None:
        return
    done = ExportJob.objects.filter(
        group_id=instance.group_id,
        state=ExportJob.State.DONE,
        recorded_at__gte=instance.shared_at,
        recorded_at__lte=instance.last_exported_at,
    )
    for job in done:
        job.delete()


def _deleting(origin, model) -> bool:
    """Whether the deletion started from a `model` row or a query of them."""
    return isinstance(origin, model) or getattr(origin, "model", None) is model


@receiver(post_delete, sender=Membership)
def _member_left(sender, instance: Membership, **kwargs) -> None:
    for job in ExportJob.objects.filter(
        group_id=instance.group_id, requested_by_id=instance.user_id
    ):
        job.delete()
