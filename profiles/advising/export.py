"""The caseload as CSV, in words a spreadsheet reader understands, safe to open
in a spreadsheet; every exported profile is written to the access record."""

from __future__ import annotations

import csv
from collections.abc import Iterator

from django.db.models import QuerySet
from django.urls import reverse

from advisor.content import PRIORITIES
from profiles.models import ADVICE_DRIFT_CHOICES, Profile

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CHUNK = 1000
BOM = "\ufeff"
HEADER = [
    "Reference",
    "Name",
    "Email",
    "Specialty",
    "Career goal",
    "Years since graduation",
    "USCE weeks (observership counts half)",
    "Hands-on weeks",
    "Observership weeks",
    "US clinical letters",
    "Publications",
    "Abstracts",
    "Step 2 CK",
    "Priority",
    "Flags",
    "USCE score",
    "Letters score",
    "Research score",
    "Recency score",
    "Readiness",
    "Target Match",
    "Notes",
    "Last contact",
    "Advice today",
    "Last updated",
    "Profile page",
]
DRIFT_LABELS = dict(ADVICE_DRIFT_CHOICES)


def spreadsheet_safe(value):
    """Text a spreadsheet would run as a formula is prefixed with ' so it stays text."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def profile_row(profile: Profile, *, site: str) -> list:
    scores = profile.assessment.get("scores", {})
    contact = getattr(profile, "last_contact", None)
    row = [
        profile.reference,
        profile.name,
        profile.email,
        profile.specialty.name,
        profile.get_career_goal_display(),
        profile.years_since_graduation,
        f"{profile.effective_usce_weeks:g}",
        profile.usce_hands_on_weeks,
        profile.usce_observership_weeks,
        profile.us_clinical_letters,
        profile.research_publications,
        profile.research_abstracts,
        "" if profile.step2_ck is None else profile.step2_ck,
        PRIORITIES[profile.priority].label if profile.priority else "",
        "; ".join(profile.flag_labels),
        scores.get("usce"),
        scores.get("letters"),
        scores.get("research"),
        scores.get("recency"),
        scores.get("readiness"),
        profile.planned_match or "",
        getattr(profile, "note_count", ""),
        contact.date().isoformat() if contact else "never",
        DRIFT_LABELS[profile.advice_drift],
        profile.updated_at.date().isoformat(),
        site + reverse("profiles:advisor_profile", args=[profile.pk]),
    ]
    return [spreadsheet_safe(cell) for cell in row]


class _Echo:
    def write(self, value):
        return value


def csv_lines(profiles: QuerySet[Profile], *, site: str) -> Iterator[str]:
    """Stream rows so a list of thousands never sits whole in memory."""
    writer = csv.writer(_Echo())
    # The byte order mark tells Excel the file is UTF-8 (names such as "Aïcha" or
    # "عائشة" are garbled without it); other programs skip it.
    yield BOM + writer.writerow(HEADER)
    for profile in profiles.iterator(chunk_size=CHUNK):
        yield writer.writerow(profile_row(profile, site=site))
