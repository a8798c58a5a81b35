"""Seed how applying works per specialty, and the ResidencyCAS dates of the 2025 and
2026 Matches; record a version of each changed row.

From shared/facts/application-facts.md (stored 2026-12-07), the table the tests
hold too (tests/advisor/profile_strategies.py, MECHANICS):

- Section 4a: the application service (emergency medicine and OB-GYN apply
  through ResidencyCAS, every other seeded specialty through ERAS), the
  standardized letter (SLOE for EM and OB-GYN, SLOR for orthopedic surgery),
  and whether positions start at PGY-2 (most in radiology, radiation oncology
  and dermatology; some in neurology and anesthesiology).
- Section 5: how many programs IMGs typically apply to. The facts file's
  inferred planning rule gives 50-100 for the core specialties, and EM's
  ResidencyCAS average is 46 applications. The other ranges (60-100, 80-120)
  and the backup specialties are not figures from a source but the project's
  own reading, as the tests' table sets them; an admin can change them.
- `mechanics_source`: the page each specialty's row in 4a names (CORD for EM,
  CREOG for OB-GYN, AAIM for internal medicine, the AAMC signaling table for
  the rest).
- Section 4b: ResidencyCAS's deadline and first reading day, 25 September and
  1 October 2024 (2025 Match), 24 September and 1 October 2025 (2026 Match).
  2027 is left empty: no official dates yet, so the plan estimates them.

Migrations do not trigger django-simple-history, so each changed row gets its
version here, as 0006 did: new profiles then point to the version holding
these values, while stored ones keep theirs.
"""

from datetime import date

from django.db import migrations
from django.utils import timezone

CHECKED_ON = date(2026, 12, 7)
REASON = "How applying works, from the facts file of 2026-12-07"
AAMC = "https://students-residents.aamc.org/applying-residencies-eras/program-signaling-2025-myeras-application-season"
SOURCES = {
    "emergency-medicine": "https://www.cordem.org/resources/ascem",
    "obstetrics-gynecology": "https://www.acog.org/education-and-events/creog/transition-to-residency",
    "internal-medicine": "https://www.im.org/resources/tiered-signaling",
}

# slug: (service, standardized letter, advanced positions, (programs low, high), backup slug)
MECHANICS = {
    "internal-medicine": ("eras", "", "none", (50, 100), ""),
    "family-medicine": ("eras", "", "none", (50, 100), ""),
    "psychiatry": ("eras", "", "none", (50, 100), ""),
    "pediatrics": ("eras", "", "none", (50, 100), ""),
    "transitional-preliminary": ("eras", "", "none", (50, 100), ""),
    "emergency-medicine": ("residencycas", "SLOE", "none", (40, 60), ""),
    "obstetrics-gynecology": ("residencycas", "SLOE", "none", (60, 100), "family-medicine"),
    "neurology": ("eras", "", "some", (50, 100), ""),
    "pathology": ("eras", "", "none", (50, 100), ""),
    "anesthesiology": ("eras", "", "some", (50, 100), "internal-medicine"),
    "radiology": ("eras", "", "most", (60, 100), "internal-medicine"),
    "radiation-oncology": ("eras", "", "most", (60, 100), "internal-medicine"),
    "dermatology": ("eras", "", "most", (80, 120), "internal-medicine"),
    "neurosurgery": ("eras", "", "none", (80, 120), "general-surgery"),
    "orthopedic-surgery": ("eras", "SLOR", "none", (80, 120), "general-surgery"),
    "general-surgery": ("eras", "", "none", (80, 120), "family-medicine"),
}
# Match year: (ResidencyCAS deadline, programs start reading)
CAS_DATES = {
    2025: (date(2024, 9, 25), date(2024, 10, 1)),
    2026: (date(2025, 9, 24), date(2025, 10, 1)),
}
UNSEEDED = {
    "application_service": "eras",
    "standardized_letter": "",
    "advanced_positions": "none",
    "programs_low": None,
    "programs_high": None,
    "backup_specialty": None,
    "mechanics_source": "",
    "mechanics_checked_on": None,
}


def _version(apps, model_name, row, now):
    Model = apps.get_model("advisor", model_name)
    fields = [f.attname for f in Model._meta.concrete_fields]
    apps.get_model("advisor", f"Historical{model_name}").objects.create(
        **{field: getattr(row, field) for field in fields},
        history_date=now,
        history_type="~",
        history_change_reason=REASON,
    )


def seed(apps, schema_editor):
    Specialty = apps.get_model("advisor", "Specialty")
    MatchCycle = apps.get_model("advisor", "MatchCycle")
    now = timezone.now()
    # An admin may have deleted a seeded specialty: seed only what exists.
    by_slug = {s.slug: s for s in Specialty.objects.filter(slug__in=MECHANICS)}
    for slug, specialty in by_slug.items():
        service, letter, advanced, (low, high), backup = MECHANICS[slug]
        specialty.application_service = service
        specialty.standardized_letter = letter
        specialty.advanced_positions = advanced
        specialty.programs_low, specialty.programs_high = low, high
        specialty.backup_specialty = by_slug.get(backup)
        specialty.mechanics_source = SOURCES.get(slug, AAMC)
        specialty.mechanics_checked_on = CHECKED_ON
        specialty.save()
        _version(apps, "Specialty", specialty, now)
    for cycle in MatchCycle.objects.filter(match_year__in=CAS_DATES):
        cycle.cas_deadline, cycle.cas_programs_review_from = CAS_DATES[cycle.match_year]
        cycle.save()
        _version(apps, "MatchCycle", cycle, now)


def unseed(apps, schema_editor):
    apps.get_model("advisor", "Specialty").objects.filter(slug__in=MECHANICS).update(**UNSEEDED)
    apps.get_model("advisor", "MatchCycle").objects.filter(match_year__in=CAS_DATES).update(
        cas_deadline=None, cas_programs_review_from=None
    )
    for history in ("HistoricalSpecialty", "HistoricalMatchCycle"):
        apps.get_model("advisor", history).objects.filter(history_change_reason=REASON).delete()


class Migration(migrations.Migration):
    dependencies = [("advisor", "0012_specialty_mechanics_and_cas_dates")]

    operations = [migrations.RunPython(seed, unseed)]
