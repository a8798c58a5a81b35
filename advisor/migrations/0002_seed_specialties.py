"""Seed the twelve specialties of the advice rules.

Where the numbers come from (shared/seed/usce-vs-research.txt):
- Targets: 8 effective USCE weeks (the low end of the article's 8-12) and
  2 strong US clinical letters (the low end of its 2-3), for every specialty.
- Weights start from the article's relative values: USCE 90, US letters 85,
  research 60, home-country clinical 55. Research is lowered to 40 where the
  article says USCE usually wins (IM, FM, Psych, Peds), to 25 for
  transitional/preliminary years (clinical work and letters matter most), kept
  at 60 where research "has more weight" (Neurology, Pathology) and raised to
  85, level with letters, where both are needed (Radiology, Rad Onc, Derm,
  Neurosurgery, Ortho). Recency takes the home-clinical value, 55, because it
  measures clinical currency. The article gives the exam no number; 50 keeps
  it just below clinical currency.
"""

from django.db import migrations

RESEARCH_WEIGHT = {"low": 40, "moderate": 60, "high": 85}

SPECIALTIES = [
    ("Internal Medicine", "internal-medicine", "low"),
    ("Family Medicine", "family-medicine", "low"),
    ("Psychiatry", "psychiatry", "low"),
    ("Pediatrics", "pediatrics", "low"),
    ("Transitional / Preliminary Year", "transitional-preliminary", "low"),
    ("Neurology", "neurology", "moderate"),
    ("Pathology", "pathology", "moderate"),
    ("Radiology", "radiology", "high"),
    ("Radiation Oncology", "radiation-oncology", "high"),
    ("Dermatology", "dermatology", "high"),
    ("Neurosurgery", "neurosurgery", "high"),
    ("Orthopedic Surgery", "orthopedic-surgery", "high"),
]


def seed(apps, schema_editor):
    Specialty = apps.get_model("advisor", "Specialty")
    for name, slug, emphasis in SPECIALTIES:
        research = 25 if slug == "transitional-preliminary" else RESEARCH_WEIGHT[emphasis]
        Specialty.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "research_emphasis": emphasis,
                "usce_target_weeks": 8,
                "letters_target": 2,
                "weight_usce": 90,
                "weight_letters": 85,
                "weight_research": research,
                "weight_recency": 55,
                "weight_exam": 50,
            },
        )


def unseed(apps, schema_editor):
    Specialty = apps.get_model("advisor", "Specialty")
    Specialty.objects.filter(slug__in=[slug for _, slug, _ in SPECIALTIES]).delete()


class Migration(migrations.Migration):
    dependencies = [("advisor", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
