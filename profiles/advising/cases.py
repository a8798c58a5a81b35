"""Keeps each share's copy of its profile (the case the group's list sorts and
filters on) true. Every write that changes what the list shows ends here:

- a profile saved (answers, advice, contact details, a sharing change that moved
  its version): `cases_refresh`;
- a share made: `case_values` fills it;
- a note written, changed or deleted: `case_notes_refresh` for that group;
- today's advice re-checked (profiles/advising/drift.py): `cases_set_drift`;
- a specialty renamed (advisor/admin.py): `cases_rename_specialty`;
- a share made or gone, however (signals below), and priorities or specialties
  changing: the group's tallies (`tally_move`), which the summary reads.

`tests/profiles/test_cases.py` walks each of these and compares the copies with
what they copy.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.db.models import Count, F, Max, Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from advisor.engine.content import PRIORITIES
from profiles.advising.models import NEVER, AdvisorNote, CaseTally, GroupShare
from profiles.models import Profile

# Higher is more urgent (an unknown priority 0): "most urgent first, newest first" is then
# descending on every column, which one row comparison can page through.
PRIORITY_RANKS = {slug: len(PRIORITIES) - place for place, slug in enumerate(PRIORITIES)}
DRIFT_RANKS = {"": 0, "other": 1, "plan": 2, "priority": 3}
GROUP_READS = (AdvisorNote.Visibility.GROUP, AdvisorNote.Visibility.APPLICANT)


def case_values(profile: Profile) -> dict:
    """What a share copies from its profile (its specialty must be loaded)."""
    return {
        "name": profile.name,
        "email": profile.email,
        "specialty_slug": profile.specialty.slug,
        "specialty_name": profile.specialty.name,
        "career_goal": profile.career_goal,
        "priority": profile.priority,
        "priority_rank": PRIORITY_RANKS.get(profile.priority, 0),
        "flags": profile.flags,
        "readiness": profile.readiness,
        "usce_half_weeks": 2 * profile.usce_hands_on_weeks + profile.usce_observership_weeks,
        "letters": profile.us_clinical_letters,
        "drift_rank": DRIFT_RANKS[profile.advice_drift],
        "profile_updated_at": profile.updated_at,
    }


def cases_refresh(profile: Profile) -> None:
    """Copy the profile into every share of it (one UPDATE), and move the groups'
    tallies when its priority or specialty changed."""
    shares = GroupShare.objects.filter(profile=profile)
    values = case_values(profile)
    after = (values["priority"], values["specialty_slug"], values["specialty_name"])
    before = list(shares.values_list("group_id", "priority", "specialty_slug", "specialty_name"))
    shares.update(**values)
    for group_id, *was in before:
        tally_move(group_id, tuple(was), after)


def case_notes_refresh(*, profile_id: int, group_id: int | None) -> None:
    """Count the notes the group reads on the profile, and find its last feedback."""
    if group_id is None:
        return
    notes = AdvisorNote.objects.filter(profile_id=profile_id, group_id=group_id)
    counts = notes.aggregate(
        read=Count("pk", filter=Q(visibility__in=GROUP_READS)),
        contact=Max("created_at", filter=Q(visibility=AdvisorNote.Visibility.APPLICANT)),
    )
    GroupShare.objects.filter(profile_id=profile_id, group_id=group_id).update(
        note_count=counts["read"], last_contact_at=counts["contact"] or NEVER
    )


def cases_set_drift(profile_ids: Iterable[int], drift: str) -> None:
    GroupShare.objects.filter(profile_id__in=list(profile_ids)).update(
        drift_rank=DRIFT_RANKS[drift]
    )


def cases_rename_specialty(*, slug: str, name: str) -> None:
    GroupShare.objects.filter(specialty_slug=slug).update(specialty_name=name)
    CaseTally.objects.filter(dimension="specialty", key=slug).update(label=name)


# --- the group's tallies: how many cases have each priority and each specialty -----


def tally_move(group_id: int, before: tuple | None, after: tuple | None) -> None:
    """A case left (`before`: its priority, specialty slug and name) or arrived
    (`after`), or both: the group's counts follow, by atomic increments."""
    if before == after:
        return
    for values, delta in ((before, -1), (after, 1)):
        if values is None:
            continue
        priority, slug, name = values
        _tally_add(group_id, "priority", priority, "", delta)
        _tally_add(group_id, "specialty", slug, name, delta)


def _tally_add(group_id: int, dimension: str, key: str, label: str, delta: int) -> None:
    rows = CaseTally.objects.filter(group_id=group_id, dimension=dimension, key=key)
    if rows.update(count=F("count") + delta) or delta < 0:
        return  # counted; a case leaving a tally that is gone (its group deleted) is moot
    try:
        with transaction.atomic():
            CaseTally.objects.create(
                group_id=group_id, dimension=dimension, key=key, label=label, count=delta
            )
    except IntegrityError:  # made meanwhile by another request: count on it
        rows.update(count=F("count") + delta)


def tallies_rebuild(group_ids: Iterable[int]) -> None:
    """Count the groups' cases again from scratch: after bulk writes that bypass the
    increments (seeding, moving shares between groups, the migration)."""
    for group_id in group_ids:
        cases = GroupShare.objects.filter(group_id=group_id).order_by()
        with transaction.atomic():
            CaseTally.objects.filter(group_id=group_id).delete()
            CaseTally.objects.bulk_create(
                [
                    CaseTally(group_id=group_id, dimension="priority", key=key, count=n)
                    for key, n in cases.values_list("priority").annotate(n=Count("pk"))
                ]
                + [
                    CaseTally(
                        group_id=group_id, dimension="specialty", key=slug, label=name, count=n
                    )
                    for slug, name, n in cases.values_list(
                        "specialty_slug", "specialty_name"
                    ).annotate(n=Count("pk"))
                ]
            )


def _tallied(share: GroupShare) -> tuple:
    return (share.priority, share.specialty_slug, share.specialty_name)


@receiver(post_save, sender=GroupShare)
def _case_made(sender, instance: GroupShare, created: bool, raw=False, **kwargs) -> None:
    if created and not raw:
        tally_move(instance.group_id, None, _tallied(instance))


@receiver(post_delete, sender=GroupShare)
def _case_gone(sender, instance: GroupShare, **kwargs) -> None:
    # Every way a share goes (withdrawn, the profile or group deleted) passes here.
    tally_move(instance.group_id, _tallied(instance), None)
