"""The priority sort goes one way on every column: priority_rank now counts up to the
most urgent (it counted down), so the list pages by one row comparison."""

from django.db import migrations, models
from django.db.models import F

# The six priorities when this ran: a rank r becomes 6 - r (the unknown, 6, becomes 0),
# and the same turns it back.
PRIORITY_COUNT = 6


def turn_ranks(apps, schema_editor):
    GroupShare = apps.get_model("profiles", "GroupShare")
    GroupShare.objects.update(priority_rank=PRIORITY_COUNT - F("priority_rank"))


class Migration(migrations.Migration):
    dependencies = [
        ("profiles", "0012_case_tallies"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="groupshare",
            name="case_priority",
        ),
        migrations.RunPython(turn_ranks, turn_ranks, elidable=False),
        migrations.AddIndex(
            model_name="groupshare",
            index=models.Index(
                fields=["group", "priority_rank", "profile_updated_at", "profile"],
                name="case_priority",
            ),
        ),
    ]
