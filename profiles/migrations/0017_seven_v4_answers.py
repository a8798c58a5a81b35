"""The seven answers of advice rules v4 (student, Step 2 CK month, failed attempts, last
US rotation's year, US research post, visa interview wait, citizenship) as columns.

Saved profiles get the answer's default (no, 0) or nothing (the nullable ones) and keep
their stored advice as it was made: nothing here re-runs the engine, and the advice
drift check (profiles/advising/drift.py) tells advisors when today's would differ."""

import django.core.validators
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("profiles", "0016_flags_as_lists"),
    ]

    operations = [
        migrations.AddField(
            model_name="profile",
            name="citizenship",
            field=models.CharField(blank=True, max_length=2, null=True),
        ),
        migrations.AddField(
            model_name="profile",
            name="exam_failures",
            field=models.PositiveSmallIntegerField(default=0),
        ),
        migrations.AddField(
            model_name="profile",
            name="in_us_research_post",
            field=models.BooleanField(default=False),
        ),
        migrations.AddField(
            model_name="profile",
            name="step2_ck_taken",
            field=models.CharField(blank=True, max_length=7, null=True),
        ),
        migrations.AddField(
            model_name="profile",
            name="student",
            field=models.BooleanField(default=False),
        ),
        migrations.AddField(
            model_name="profile",
            name="usce_last_year",
            field=models.PositiveSmallIntegerField(
                blank=True,
                null=True,
                validators=[
                    django.core.validators.MinValueValidator(1960),
                    django.core.validators.MaxValueValidator(2100),
                ],
            ),
        ),
        migrations.AddField(
            model_name="profile",
            name="visa_wait_months",
            field=models.PositiveSmallIntegerField(default=0),
        ),
    ]
