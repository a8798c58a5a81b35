"""Keeps each share's copy of its profile (the case the group's list sorts, filters
and shows) true. `cases_refresh` is the only writer of the copied columns (COPIED),
and everything that changes what they copy calls it:

- a profile saved: its answers and advice (the edit page, the what-if panel:
  profiles/services.py), the e-mail it keeps (profiles/link_email.py), its version
  (a share made or withdrawn, a read-only link: profiles/advising/sharing.py);
- a share made: it is made empty, then filled here;
- today's advice re-checked (profiles/advising/drift.py, and a profile's page);
- a specialty renamed in the admin (advisor/admin.py);
- demo data (profiles/demo.py, profiles/demo_bulk.py).

The group's tallies (which the summary reads) follow the copies here, and a share's
going in the signal below. Notes are the group's, not the profile's: a note written,
changed or deleted counts again in `case_notes_refresh`.

`tests/profiles/test_cases.py` walks each path and compares the copies with what
they copy.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.db.models import (
    Case,
    Count,
    F,
    Max,
    OuterRef,
    PositiveSmallIntegerField,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.signals import post_delete
from django.dispatch import receiver

from profiles.advising.models import (
    DRIFT_RANKS,
    NEVER,
    PRIORITY_RANKS,
    AdvisorNote,
    CaseTally,
    GroupShare,
)
from profiles.models import Profile

GROUP_READS = (AdvisorNote.Visibility.GROUP, AdvisorNote.Visibility.APPLICANT)


def _ranked(field: str, ranks: dict[str, int]) -> Case:
    whens = [When(**{field: key}, then=Value(rank)) for key, rank in ranks.items()]
    return Case(*whens, default=Value(0), output_field=PositiveSmallIntegerField())


# What each copied column of a share holds, as an expression over its profile: the one
# declaration of the copy.
COPIED = {
    "name": F("name"),
    "email": F("email"),
    "specialty_slug": F("specialty__slug"),
    "specialty_name": F("specialty__name"),
    "career_goal": F("career_goal"),
    "priority": F("priority"),
    "priority_rank": _ranked("priority", PRIORITY_RANKS),
    "flags": F("flags"),
    "readiness": F("readiness"),
    # Hands-on weeks count in full, observership weeks half: twice that, a whole number.
    "usce_half_weeks": 2 * F("usce_hands_on_weeks") + F("usce_observership_weeks"),
    "letters": F("us_clinical_letters"),
    "drift_rank": _ranked("advice_drift", DRIFT_RANKS),
    "profile_updated_at": F("updated_at"),
}


@transaction.atomic
def cases_refresh(*, profile_ids: Iterable[int] | QuerySet) -> None:
    """Copy these profiles (ids, or a query of them) into every share of them, and move
    the groups' tallies where a priority or specialty changed.

    One UPDATE however many shares, each value read from the profile's row as it is
    now, never from an object in memory that may be behind it. The shares are locked
    first, so two refreshes of one profile move its tallies once each, in turn."""
    if not isinstance(profile_ids, QuerySet):
        profile_ids = list(profile_ids)
    shares = GroupShare.objects.filter(profile_id__in=profile_ids)
    before = _tallied(shares.select_for_update())
    profile = Profile.objects.filter(pk=OuterRef("profile_id")).order_by()
    shares.update(**{column: Subquery(profile.values(v=value)) for column, value in COPIED.items()})
    _tallies_follow(before, _tallied(shares))


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


# --- the group's tallies: how many cases have each priority and each specialty -----

# (group, priority, specialty slug, specialty name) of each share, by its id.
Tallied = dict[int, tuple[int, str, str, str]]


def _tallied(shares: QuerySet[GroupShare]) -> Tallied:
    """What the tallies count of each share. A share made but not yet copied (no
    specialty: every profile has one) is not counted yet. In the shares' order, so
    two refreshes that lock some of the same shares lock them in the same order."""
    rows = shares.exclude(specialty_slug="").order_by("pk")
    columns = ("pk", "group_id", "priority", "specialty_slug", "specialty_name")
    return {pk: tuple(row) for pk, *row in rows.values_list(*columns)}


def _tallies_follow(before: Tallied, after: Tallied) -> None:
    """Cases left (`before`) and arrived (`after`): each group's counts move by their
    difference, one atomic increment per count that changes. A specialty renamed
    (the same slug, a new name) takes its new name on every group's tally."""
    moves: Counter[tuple[int, str, str]] = Counter()
    for sign, cases in ((-1, before), (1, after)):
        for group_id, priority, slug, _name in cases.values():
            moves[group_id, "priority", priority] += sign
            moves[group_id, "specialty", slug] += sign
    names = {slug: name for _, _, slug, name in after.values()}
    for (group_id, dimension, key), delta in moves.items():
        if delta:
            label = names.get(key, "") if dimension == "specialty" else ""
            _tally_add(group_id, dimension, key, label, delta)
    renamed = {
        slug: name
        for pk, (_, _, slug, name) in after.items()
        if pk in before and before[pk][2] == slug and before[pk][3] != name
    }
    for slug, name in renamed.items():
        CaseTally.objects.filter(dimension="specialty", key=slug).update(label=name)


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
    increments (moving shares between groups, the migration)."""
    for group_id in group_ids:
        cases = GroupShare.objects.filter(group_id=group_id).exclude(specialty_slug="").order_by()
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


@receiver(post_delete, sender=GroupShare)
def _case_gone(sender, instance: GroupShare, **kwargs) -> None:
    # Every way a share goes (withdrawn, the profile or group deleted) passes here.
    row = (instance.group_id, instance.priority, instance.specialty_slug, instance.specialty_name)
    if instance.specialty_slug:
        _tallies_follow({instance.pk: row}, {})
