"""Seed the NRMP figures per specialty and add four specialties; record a version of each.

Where the numbers come from (shared/spec/advice-rules.md, "Seeded per-specialty
data", taken from shared/facts/match-calendar.md, collected 2026-11-25): NRMP
Charting Outcomes: Non-U.S. IMGs 2026 (July 2026), read through a third-party
extraction, so the facts file marks them secondary.

- `research_target`: median publications + median abstracts of matched non-US
  IMGs: family medicine 2+1=3, pediatrics 2+1=3, emergency medicine 2+1=3,
  psychiatry 3+1=4, internal medicine 3+2=5, OB-GYN 3+2=5, anesthesiology
  4+3=7, neurology 5+3=8, pathology 7+3=10, radiology 6+5=11, general surgery
  8+4=12. Dermatology 20: the report gives no matched median, but even
  unmatched dermatology applicants had 12 publications, so the advice rules
  set 20. Left empty where the report gives no figure (transitional /
  preliminary year, radiation oncology, neurosurgery, orthopedic surgery): the
  emphasis default then applies (low 3, high 12), which is what the advice
  rules' table shows for them, and it follows the emphasis if an admin changes it.
- `step2_median`: median Step 2 CK of matched non-US IMGs; empty where the
  report suppresses it (dermatology) or has no row.
- `img_match_rate`: % of non-US IMGs who matched to the specialty as their
  preferred one ("diagnostic radiology" for radiology; dermatology 5 of 30).

The four new specialties (emergency medicine, OB-GYN, anesthesiology, general
surgery) are not in the article; advice-rules.md sets their research emphasis
from the research output of their matched non-US IMGs. Their targets and
weights follow 0002_seed_specialties: 8 USCE weeks, 2 letters, USCE 90,
letters 85, recency 55, exam 50, research 40 / 60 / 85 by emphasis.

Migrations do not trigger django-simple-history, so each new or changed
specialty gets its history row here, as 0004 did: new profiles then point to
the version holding these figures, while stored ones keep theirs.
"""

from decimal import Decimal

from django.db import migrations
from django.utils import timezone

SOURCE = "NRMP Charting Outcomes: Non-U.S. IMGs 2026 (July 2026), via a third-party extraction"
# Said on the admin form where a row's figures differ from the plain report.
NOTES = {
    "dermatology": SOURCE + "; research target 20 from the advice rules (no matched median "
    "published; even unmatched applicants had 12 publications)",
    "no figures": SOURCE + ": no figures for this specialty; the research target follows "
    "the emphasis",
}
REASON = "Seeded NRMP Charting Outcomes figures"
RESEARCH_WEIGHT = {"low": 40, "moderate": 60, "high": 85}

NEW_SPECIALTIES = [
    ("Emergency Medicine", "emergency-medicine", "low"),
    ("Obstetrics and Gynecology", "obstetrics-gynecology", "low"),
    ("Anesthesiology", "anesthesiology", "moderate"),
    ("General Surgery", "general-surgery", "high"),
]

# slug: (research_target, step2_median, img_match_rate %); None = no figure published.
FIGURES = {
    "family-medicine": (3, 230, "53.9"),
    "pediatrics": (3, 240, "68.5"),
    "emergency-medicine": (3, 243, "54.1"),
    "psychiatry": (4, 241, "58.4"),
    "internal-medicine": (5, 251, "48.5"),
    "obstetrics-gynecology": (5, 242, "32.8"),
    "transitional-preliminary": (None, None, None),
    "anesthesiology": (7, 255, "38.7"),
    "neurology": (8, 252, "41.9"),
    "pathology": (10, 244, "45.1"),
    "radiology": (11, 250, "58.3"),
    "general-surgery": (12, 256, "28.6"),
    "radiation-oncology": (None, None, None),
    "neurosurgery": (None, None, None),
    "orthopedic-surgery": (None, None, None),
    "dermatology": (20, None, "16.7"),
}


def seed(apps, schema_editor):
    Specialty = apps.get_model("advisor", "Specialty")
    History = apps.get_model("advisor", "HistoricalSpecialty")
    for name, slug, emphasis in NEW_SPECIALTIES:
        Specialty.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "research_emphasis": emphasis,
                "usce_target_weeks": 8,
                "letters_target": 2,
                "weight_usce": 90,
                "weight_letters": 85,
                "weight_research": RESEARCH_WEIGHT[emphasis],
                "weight_recency": 55,
                "weight_exam": 50,
            },
        )
    fields = [f.attname for f in Specialty._meta.concrete_fields]
    now = timezone.now()
    # An admin may have deleted or renamed a seeded specialty: seed only what exists.
    for specialty in Specialty.objects.filter(slug__in=FIGURES):
        research_target, step2_median, rate = FIGURES[specialty.slug]
        specialty.research_target = research_target
        specialty.step2_median = step2_median
        specialty.img_match_rate = None if rate is None else Decimal(rate)
        has_figures = research_target is not None or rate is not None
        specialty.figures_source = NOTES.get(
            specialty.slug if has_figures else "no figures", SOURCE
        )
        specialty.save()
        is_new = not History.objects.filter(id=specialty.id).exists()
        History.objects.create(
            **{field: getattr(specialty, field) for field in fields},
            history_date=now,
            history_type="+" if is_new else "~",
            history_change_reason=REASON,
        )


def unseed(apps, schema_editor):
    Specialty = apps.get_model("advisor", "Specialty")
    History = apps.get_model("advisor", "HistoricalSpecialty")
    History.objects.filter(history_change_reason=REASON).delete()
    Specialty.objects.filter(slug__in=[slug for _, slug, _ in NEW_SPECIALTIES]).delete()


class Migration(migrations.Migration):
    dependencies = [("advisor", "0005_specialty_figures_and_match_calendar")]

    operations = [migrations.RunPython(seed, unseed)]
