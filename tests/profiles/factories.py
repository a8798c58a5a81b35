"""Profiles for tests, made the way the site makes them (through the service)."""

from advisor.models import Specialty
from profiles.services import profile_create


def make_profile(**answers):
    defaults = {
        "specialty": Specialty.objects.get(slug=answers.pop("specialty", "internal-medicine")),
        "graduation_year": 2025,
    }
    return profile_create(answers={**defaults, **answers})
