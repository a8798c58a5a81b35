"""Assessment around the engine: fetch the weighting, validate, assess."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from advisor.applicant import ApplicantProfile, parse_profile
from advisor.calendar import MatchCalendar
from advisor.engine import Assessment, assess
from advisor.weighting import Weighting


def assessment_from_data(
    data: Any,
    *,
    weightings: Mapping[str, Weighting],
    calendar: MatchCalendar,
    today: date | None = None,
) -> tuple[ApplicantProfile, Assessment]:
    """Validate raw profile values and assess them; raises `ProfileError` naming each field
    (a requested Match that is closed or too far ahead included)."""
    profile = parse_profile(data, known_specialties=weightings.keys(), today=today)
    return profile, assess(profile, weightings[profile.specialty], calendar)
