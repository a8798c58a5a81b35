"""Seed the Match cycles 2023-2027 and the USMLE Step 2 CK pass marks.

Every value is from shared/facts/match-calendar.md (collected 2026-11-25, so
`verified_on` is that day); tests/advisor/calendar_seed.py holds the same
values for tests without the database, and test_calendar_data.py checks that
the two agree.

Cycles (ERAS opens, applicants may submit, programs review from, rank list
deadline, Match Day; all US Eastern):
- 2023 and 2024: official (AAMC ERAS timeline for the ERAS dates, NRMP match
  calendars for the rank deadline and Match Day); source_url: NRMP.
- 2025: official / secondary; source_url: NRMP.
- 2026: official; ERAS dates from the AAMC ERAS timeline (source_url), Match
  Day from the NRMP release of 2026-03-09 (PR Newswire, link in the facts file).
- 2027: secondary / inferred: no official calendar was found by 2026-11-25,
  so the row is provisional and the page calls it an estimate. The dates are
  those of secondary pages and of the usual pattern (they agree); source_url
  is the AAMC ERAS timeline, the page to re-check first.
- Residency starts 1 July of the Match year (the pattern in the facts file).

Step 2 CK pass marks (source https://www.usmle.org/; the facts file marks
them secondary: several prep and news pages agree, no USMLE page was stored):
209 until 2022-06-30 (stored from 2000-01-01 to cover any older score), 214
from 2022-07-01, 218 from 2025-07-01.

Rows from a migration get no history by themselves; each gets a first
version here, as 0004 did for the specialties.
"""

from datetime import date

from django.db import migrations
from django.utils import timezone

ERAS = "https://students-residents.aamc.org/applying-residencies-eras/publication-chapters/eras-timeline"
NRMP = "https://www.nrmp.org/match-calendars/"
USMLE = "https://www.usmle.org/"
VERIFIED_ON = date(2026, 11, 25)
REASON = "Seeded from the facts file of 2026-11-25"

# match_year, eras_opens, submit_from, programs_review_from, rank_deadline, match_day
CYCLES = [
    (2023, "2022-06-08", "2022-09-07", "2022-09-28", "2023-03-01", "2023-03-17"),
    (2024, "2023-06-07", "2023-09-06", "2023-09-27", "2024-02-28", "2024-03-15"),
    (2025, "2024-06-05", "2024-09-04", "2024-09-25", "2025-03-05", "2025-03-21"),
    (2026, "2025-06-04", "2025-09-03", "2025-09-24", "2026-03-04", "2026-03-20"),
    (2027, "2026-06-03", "2026-09-02", "2026-09-23", "2027-03-03", "2027-03-19"),
]
PROVISIONAL_YEARS = {2027}

STEP2_CK_PASS_MARKS = [(209, "2000-01-01"), (214, "2022-07-01"), (218, "2025-07-01")]


def first_version(History, row, fields, now):
    History.objects.create(
        **{field: getattr(row, field) for field in fields},
        history_date=now,
        history_type="+",
        history_change_reason=REASON,
    )


def seed(apps, schema_editor):
    MatchCycle = apps.get_model("advisor", "MatchCycle")
    PassMark = apps.get_model("advisor", "PassMark")
    now = timezone.now()
    for year, eras, submit, review, rank, match in CYCLES:
        cycle, created = MatchCycle.objects.get_or_create(
            match_year=year,
            defaults={
                "eras_opens": date.fromisoformat(eras),
                "submit_from": date.fromisoformat(submit),
                "programs_review_from": date.fromisoformat(review),
                "rank_deadline": date.fromisoformat(rank),
                "match_day": date.fromisoformat(match),
                "residency_starts": date(year, 7, 1),
                "source_url": ERAS if year >= 2026 else NRMP,
                "verified_on": VERIFIED_ON,
                "provisional": year in PROVISIONAL_YEARS,
            },
        )
        if created:
            fields = [f.attname for f in MatchCycle._meta.concrete_fields]
            first_version(apps.get_model("advisor", "HistoricalMatchCycle"), cycle, fields, now)
    for score, effective_from in STEP2_CK_PASS_MARKS:
        mark, created = PassMark.objects.get_or_create(
            exam="step2_ck",
            effective_from=date.fromisoformat(effective_from),
            defaults={"score": score, "source_url": USMLE, "verified_on": VERIFIED_ON},
        )
        if created:
            fields = [f.attname for f in PassMark._meta.concrete_fields]
            first_version(apps.get_model("advisor", "HistoricalPassMark"), mark, fields, now)


def unseed(apps, schema_editor):
    years = [year for year, *_ in CYCLES]
    apps.get_model("advisor", "MatchCycle").objects.filter(match_year__in=years).delete()
    seeded_days = [day for _, day in STEP2_CK_PASS_MARKS]
    apps.get_model("advisor", "PassMark").objects.filter(
        exam="step2_ck", effective_from__in=seeded_days
    ).delete()
    for history in ("HistoricalMatchCycle", "HistoricalPassMark"):
        apps.get_model("advisor", history).objects.filter(history_change_reason=REASON).delete()


class Migration(migrations.Migration):
    dependencies = [("advisor", "0006_seed_specialty_figures")]

    operations = [migrations.RunPython(seed, unseed)]
