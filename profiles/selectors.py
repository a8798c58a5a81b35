"""Reads of applicant profiles."""

from django.db.models import (
    Case,
    Count,
    ExpressionWrapper,
    F,
    FloatField,
    IntegerField,
    QuerySet,
    Value,
    When,
)
from django.shortcuts import get_object_or_404

from advisor.content import PRIORITIES
from advisor.models import Specialty
from profiles.models import AdvisorNote, Profile


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


# --- advisors: only profiles whose owner chose to share them -----------------

PRIORITY_RANK = Case(
    *[When(priority=slug, then=Value(rank)) for rank, slug in enumerate(PRIORITIES)],
    default=Value(len(PRIORITIES)),
    output_field=IntegerField(),
)


def shared_profiles() -> QuerySet[Profile]:
    """Shared profiles with what the advisor list sorts on, specialty joined in."""
    return (
        Profile.objects.filter(shared_with_advisors=True)
        .select_related("specialty")
        .annotate(
            effective_usce=ExpressionWrapper(
                F("usce_hands_on_weeks") + F("usce_observership_weeks") / 2.0,
                output_field=FloatField(),
            ),
            priority_rank=PRIORITY_RANK,
        )
    )


def shared_profile(pk: int) -> Profile:
    """A shared profile by id, or 404: unshared ones do not exist for advisors."""
    return get_object_or_404(
        Profile.objects.select_related("specialty", "weighting_version", "stored_advice"),
        pk=pk,
        shared_with_advisors=True,
    )


def profile_notes(profile: Profile) -> list[AdvisorNote]:
    return list(profile.notes.select_related("author"))


def specialty_choices() -> list[tuple[str, str]]:
    return list(Specialty.objects.order_by("name").values_list("slug", "name"))


def cohort_summary() -> dict[str, list[dict]]:
    """How shared profiles split by priority and by specialty: two grouped queries."""
    shared = Profile.objects.filter(shared_with_advisors=True)
    counts = dict(shared.values_list("priority").annotate(n=Count("id")).order_by())
    by_priority = [
        {"slug": slug, "label": PRIORITIES[slug].headline, "count": counts.get(slug, 0)}
        for slug in PRIORITIES
    ]
    by_specialty = [
        {"slug": row["specialty__slug"], "label": row["specialty__name"], "count": row["n"]}
        for row in shared.values("specialty__slug", "specialty__name")
        .annotate(n=Count("id"))
        .order_by("-n", "specialty__name")
    ]
    return {"by_priority": by_priority, "by_specialty": by_specialty}
