"""Reads of applicant profiles."""

from datetime import timedelta

from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404
from django.utils import timezone

from profiles.models import AccessEvent, AdvisorNote, GroupShare, Profile, ReadOnlyLink


def profile_by_token(token: str) -> Profile:
    """The profile behind a private link, or 404 (saying nothing about why)."""
    return get_object_or_404(
        Profile.objects.select_related("specialty", "stored_advice"), token=token
    )


def profile_for_result_page(token: str) -> Profile:
    """The profile behind a private link, knowing in the same query whether anything
    was shared, written or recorded about it: most profiles have none of these, and
    their result page then asks nothing more."""
    now = timezone.now()
    return get_object_or_404(
        Profile.objects.select_related("specialty", "stored_advice").annotate(
            has_shares=Exists(GroupShare.objects.filter(profile=OuterRef("pk"))),
            has_live_links=Exists(
                ReadOnlyLink.objects.filter(profile=OuterRef("pk"), expires_at__gt=now)
            ),
            has_feedback=Exists(
                AdvisorNote.objects.filter(profile=OuterRef("pk"), visibility="applicant")
            ),
            # An export is counted on the share (GroupShare.exported_times).
            has_record=Exists(AccessEvent.objects.filter(profile=OuterRef("pk")))
            | Exists(GroupShare.objects.filter(profile=OuterRef("pk"), exported_times__gt=0)),
        ),
        token=token,
    )


def profile_token_for(submission_key: str | None, made_within: float | None = None) -> str | None:
    """The token of the profile the form draft with this key made, if it made one
    (in the last `made_within` seconds, if given)."""
    if not submission_key:
        return None
    made = Profile.objects.filter(submission_key=submission_key)
    if made_within is not None:
        made = made.filter(created_at__gte=timezone.now() - timedelta(seconds=made_within))
    return made.values_list("token", flat=True).first()


def profiles_by_tokens(tokens: list[str]) -> list[Profile]:
    if not tokens:
        return []
    return list(Profile.objects.select_related("specialty").filter(token__in=tokens))
