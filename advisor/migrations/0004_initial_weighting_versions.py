"""Give every existing specialty a first history row: the version assessments point to."""

from django.db import migrations
from django.utils import timezone

FIELDS = (
    "id",
    "name",
    "slug",
    "research_emphasis",
    "usce_target_weeks",
    "letters_target",
    "weight_usce",
    "weight_letters",
    "weight_research",
    "weight_recency",
    "weight_exam",
)


def record_versions(apps, schema_editor):
    Specialty = apps.get_model("advisor", "Specialty")
    History = apps.get_model("advisor", "HistoricalSpecialty")
    now = timezone.now()
    for specialty in Specialty.objects.all():
        if not History.objects.filter(id=specialty.id).exists():
            History.objects.create(
                **{field: getattr(specialty, field) for field in FIELDS},
                history_date=now,
                history_type="+",
                history_change_reason="Seeded weighting",
            )


class Migration(migrations.Migration):
    dependencies = [("advisor", "0003_historicalspecialty")]

    operations = [migrations.RunPython(record_versions, migrations.RunPython.noop)]
