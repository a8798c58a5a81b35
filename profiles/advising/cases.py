"""Keeps each share's copy of its profile (the case the group's list sorts and
filters on) true. Every write that changes what the list shows ends here:

- a profile saved (answers, advice, contact details, a sharing change that moved
  its version): `cases_refresh`;
- a share made: `case_values` fills it;
- a note written, changed or deleted: `case_notes_refresh` for that group;
- today's advice re-checked (profiles/advising/drift.py): `cases_set_drift`;
- a specialty renamed (advisor/admin.py): `cases_rename_specialty`.

`tests/profiles/test_cases.py` walks each of these and compares the copies with
what they copy.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Count, Max, Q

from advisor.content import PRIORITIES
from profiles.advising.models import NEVER, AdvisorNote, GroupShare
from profiles.models import Profile

PRIORITY_RANKS = {slug: rank for rank, slug in enumerate(PRIORITIES)}
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
        "priority_rank": PRIORITY_RANKS.get(profile.priority, len(PRIORITIES)),
        "flags": profile.flags,
        "readiness": profile.readiness,
        "usce_half_weeks": 2 * profile.usce_hands_on_weeks + profile.usce_observership_weeks,
        "letters": profile.us_clinical_letters,
        "drift_rank": DRIFT_RANKS[profile.advice_drift],
        "profile_updated_at": profile.updated_at,
    }


def cases_refresh(profile: Profile) -> None:
    """Copy the profile into every share of it: one UPDATE."""
    GroupShare.objects.filter(profile=profile).update(**case_values(profile))


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
