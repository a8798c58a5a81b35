"""CSV of the advisor list, safe to open in a spreadsheet."""

import csv
from collections.abc import Iterable, Iterator

from django.db.models import QuerySet

from profiles.models import Profile

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
HEADER = [
    "id",
    "name",
    "email",
    "specialty",
    "career_goal",
    "years_since_graduation",
    "effective_usce_weeks",
    "hands_on_weeks",
    "observership_weeks",
    "us_clinical_letters",
    "publications",
    "abstracts",
    "step2_ck",
    "priority",
    "flags",
    "score_usce",
    "score_letters",
    "score_research",
    "score_recency",
    "score_readiness",
    "updated_at",
]


def spreadsheet_safe(value):
    """Text a spreadsheet would run as a formula is prefixed with ' so it stays text."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def profile_row(profile: Profile) -> list:
    scores = profile.assessment.get("scores", {})
    row = [
        profile.pk,
        profile.name,
        profile.email,
        profile.specialty.name,
        profile.career_goal,
        profile.years_since_graduation,
        f"{profile.effective_usce_weeks:g}",
        profile.usce_hands_on_weeks,
        profile.usce_observership_weeks,
        profile.us_clinical_letters,
        profile.research_publications,
        profile.research_abstracts,
        "" if profile.step2_ck is None else profile.step2_ck,
        profile.priority,
        " ".join(flag for flag in profile.flags.split(",") if flag),
        scores.get("usce"),
        scores.get("letters"),
        scores.get("research"),
        scores.get("recency"),
        scores.get("readiness"),
        profile.updated_at.isoformat(timespec="seconds"),
    ]
    return [spreadsheet_safe(cell) for cell in row]


class _Echo:
    def write(self, value):
        return value


def csv_lines(profiles: QuerySet[Profile] | Iterable[Profile]) -> Iterator[str]:
    """Stream rows so a list of thousands never sits whole in memory."""
    writer = csv.writer(_Echo())
    yield writer.writerow(HEADER)
    rows = profiles.iterator(chunk_size=1000) if isinstance(profiles, QuerySet) else profiles
    for profile in rows:
        yield writer.writerow(profile_row(profile))
