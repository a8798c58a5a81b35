"""Reads of specialty weightings for the engine's callers."""

from advisor.applicant import ProfileError
from advisor.models import Specialty
from advisor.weighting import Weighting


def specialty_list() -> list[Specialty]:
    return list(Specialty.objects.order_by("name"))


def weightings_by_slug() -> dict[str, Weighting]:
    """Every specialty's weighting in one query, for batch assessment."""
    return {s.slug: s.as_weighting() for s in Specialty.objects.all()}


def weighting_for(slug: str) -> Weighting:
    specialty = Specialty.objects.filter(slug=slug).first()
    if specialty is None:
        raise ProfileError({"specialty": f"unknown specialty '{slug}'"})
    return specialty.as_weighting()
