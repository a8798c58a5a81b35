"""Reads of applicant profiles."""

from django.shortcuts import get_object_or_404

from profiles.models import Profile


def profile_by_token(token: str) -> Profile:
    """The profile behind a private link, or 404 (saying nothing about why)."""
    return get_object_or_404(Profile.objects.select_related("specialty"), token=token)


def profiles_by_tokens(tokens: list[str]) -> list[Profile]:
    if not tokens:
        return []
    return list(Profile.objects.select_related("specialty").filter(token__in=tokens))
