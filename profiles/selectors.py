"""Reads of applicant profiles."""

from django.shortcuts import get_object_or_404

from profiles.models import Profile


def profile_by_token(token: str) -> Profile:
    """The profile behind a private link, or 404 (saying nothing about why)."""
    return get_object_or_404(
        Profile.objects.select_related("specialty", "stored_advice"), token=token
    )


def profile_token_for(submission_key: str | None) -> str | None:
    """The token of the profile the form draft with this key made, if it made one."""
    if not submission_key:
        return None
    made = Profile.objects.filter(submission_key=submission_key).values_list("token", flat=True)
    return made.first()


def profiles_by_tokens(tokens: list[str]) -> list[Profile]:
    if not tokens:
        return []
    return list(Profile.objects.select_related("specialty").filter(token__in=tokens))
