"""Advisor notes: private to their author, or for the author's group, or for
the applicant too (who reads them as feedback on their result page)."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from profiles.advising.access import caseload, my_group_ids, shares_visible_to
from profiles.advising.access_record import access_record
from profiles.advising.cases import case_notes_refresh
from profiles.advising.models import AccessEvent, AdvisingGroup, AdvisorNote, GroupShare
from profiles.models import Profile

Visibility = AdvisorNote.Visibility
SHARED_VISIBILITIES = (Visibility.GROUP, Visibility.APPLICANT)


def visible_notes_filter(user) -> Q:
    """The notes `user` may read: their own, and group or applicant notes of one of
    their groups while the profile is still shared with that group."""
    still_shared = GroupShare.objects.filter(profile=OuterRef("profile"), group=OuterRef("group"))
    return Q(author=user) | Q(
        Exists(still_shared),
        visibility__in=SHARED_VISIBILITIES,
        group_id__in=my_group_ids(user),
    )


def notes_visible_to(user, profile: Profile) -> list[AdvisorNote]:
    return list(profile.notes.filter(visible_notes_filter(user)).select_related("author", "group"))


def feedback_for(profile: Profile) -> QuerySet[AdvisorNote]:
    """Notes written for the applicant, newest first: theirs to keep, even after
    they stop sharing with the group that wrote them."""
    return profile.notes.filter(visibility=Visibility.APPLICANT).select_related("author", "group")


@transaction.atomic
def note_add(
    *, profile: Profile, author, group: AdvisingGroup | None, visibility: str, text: str
) -> AdvisorNote:
    note = AdvisorNote.objects.create(
        profile=profile, author=author, group=group, visibility=visibility, text=text.strip()
    )
    case_notes_refresh(profile_id=profile.pk, group_id=note.group_id)
    access_record(profile=profile, action=AccessEvent.Action.NOTE_ADDED, actor=author, group=group)
    return note


def note_of_author(user, pk: int) -> AdvisorNote:
    """The user's own note on a profile still in their caseload, or 404. A note that
    belongs to a group is the author's to change only while they are in that group
    and the profile is shared with it: nobody may publish into a group they left,
    nor give an applicant new feedback from a group the applicant withdrew from."""
    group_still_mine = shares_visible_to(user).filter(
        profile=OuterRef("profile"), group=OuterRef("group")
    )
    note = (
        AdvisorNote.objects.select_related("profile", "group")
        .filter(pk=pk, author=user, profile__in=caseload(user))
        .filter(Q(group__isnull=True) | Exists(group_still_mine))
        .first()
    )
    if note is None:
        raise Http404("No such note.")
    return note


@transaction.atomic
def note_edit(*, note: AdvisorNote, text: str, visibility: str) -> AdvisorNote:
    note.text, note.visibility, note.updated_at = text.strip(), visibility, timezone.now()
    note.save(update_fields=["text", "visibility", "updated_at"])
    case_notes_refresh(profile_id=note.profile_id, group_id=note.group_id)
    access_record(
        profile=note.profile,
        action=AccessEvent.Action.NOTE_EDITED,
        actor=note.author,
        group=note.group,
    )
    return note


@transaction.atomic
def note_delete(*, note: AdvisorNote) -> None:
    access_record(
        profile=note.profile,
        action=AccessEvent.Action.NOTE_DELETED,
        actor=note.author,
        group=note.group,
    )
    note.delete()
    case_notes_refresh(profile_id=note.profile_id, group_id=note.group_id)
