"""Each share becomes its profile's case in the group's list: a copy of what the
list sorts and filters on, indexed behind the group; the profile keeps its four
scores beside readiness for the CSV. On PostgreSQL, name and e-mail searches get
trigram indexes (pg_trgm). Existing rows are filled from what they copy."""

import datetime

import django.utils.timezone
from django.db import migrations, models

PRIORITIES = (
    "usce_urgent",
    "usce_first",
    "usce_letters",
    "research_and_usce",
    "research_block",
    "balanced",
)
DRIFT_RANKS = {"": 0, "other": 1, "plan": 2, "priority": 3}
NEVER = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
TRIGRAM_INDEXES = (
    ("case_name_trgm", "name"),
    ("case_email_trgm", "email"),
)


def fill(apps, schema_editor):
    Profile = apps.get_model("profiles", "Profile")
    GroupShare = apps.get_model("profiles", "GroupShare")
    StoredAdvice = apps.get_model("profiles", "StoredAdvice")
    AdvisorNote = apps.get_model("profiles", "AdvisorNote")
    for advice in StoredAdvice.objects.only("profile_id", "assessment").iterator(chunk_size=500):
        scores = advice.assessment.get("scores") or {}
        Profile.objects.filter(pk=advice.profile_id).update(
            score_usce=scores.get("usce", 0),
            score_letters=scores.get("letters", 0),
            score_research=scores.get("research", 0),
            score_recency=scores.get("recency", 0),
        )
    shares = GroupShare.objects.select_related("profile__specialty")
    for share in shares.iterator(chunk_size=500):
        profile = share.profile
        notes = AdvisorNote.objects.filter(profile_id=profile.pk, group_id=share.group_id)
        contact = notes.filter(visibility="applicant").order_by("-created_at").first()
        GroupShare.objects.filter(pk=share.pk).update(
            name=profile.name,
            email=profile.email,
            specialty_slug=profile.specialty.slug,
            specialty_name=profile.specialty.name,
            career_goal=profile.career_goal,
            priority=profile.priority,
            priority_rank=PRIORITIES.index(profile.priority)
            if profile.priority in PRIORITIES
            else len(PRIORITIES),
            flags=profile.flags,
            readiness=profile.readiness,
            usce_half_weeks=2 * profile.usce_hands_on_weeks + profile.usce_observership_weeks,
            letters=profile.us_clinical_letters,
            drift_rank=DRIFT_RANKS.get(profile.advice_drift, 0),
            note_count=notes.filter(visibility__in=("group", "applicant")).count(),
            last_contact_at=contact.created_at if contact else NEVER,
            profile_updated_at=profile.updated_at,
        )


def trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return  # SQLite searches by scanning the group's rows: fine at its sizes
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, column in TRIGRAM_INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON profiles_groupshare "
            f"USING gin (UPPER({column}) gin_trgm_ops)"
        )


def drop_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, _ in TRIGRAM_INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("profiles", "0010_membership_invitations"),
    ]

    operations = [
        migrations.AddField(
            model_name="groupshare",
            name="career_goal",
            field=models.CharField(blank=True, max_length=12),
        ),
        migrations.AddField(
            model_name="groupshare",
            name="drift_rank",
            field=models.PositiveSmallIntegerField(default=0),
        ),
        migrations.AddField(
            model_name="groupshare",
            name="email",
            field=models.CharField(blank=True, max_length=254),
        ),
        migrations.AddField(
            model_name="groupshare",
            name="flags",
            field=models.CharField(blank=True, max_length=200),
        ),
        migrations.AddField(
            model_name="groupshare",
            name="last_contact_at",
            field=models.DateTimeField(
                default=datetime.datetime(1970, 1, 1, 0, 0, tzinfo=datetime.UTC)
            ),
        ),
        migrations.AddField(
            model_name="groupshare",
            name="letters",
            field=models.PositiveSmallIntegerField(default=0),
        ),
        migrations.AddField(
            model_name="groupshare",
            name="name",
            field=models.CharField(blank=True, max_length=120),
        ),
        migrations.AddField(
            model_name="groupshare",
            name="note_count",
            field=models.PositiveIntegerField(default=0),
        ),
        migrations.AddField(
            model_name="groupshare",
            name="priority",
            field=models.CharField(blank=True, max_length=20),
        ),
        migrations.AddField(
            model_name="groupshare",
            name="priority_rank",
            field=models.PositiveSmallIntegerField(default=0),
        ),
        migrations.AddField(
            model_name="groupshare",
            name="profile_updated_at",
            field=models.DateTimeField(default=django.utils.timezone.now),
        ),
        migrations.AddField(
            model_name="groupshare",
            name="readiness",
            field=models.PositiveSmallIntegerField(default=0),
        ),
        migrations.AddField(
            model_name="groupshare",
            name="specialty_name",
            field=models.CharField(blank=True, max_length=80),
        ),
        migrations.AddField(
            model_name="groupshare",
            name="specialty_slug",
            field=models.CharField(blank=True, max_length=80),
        ),
        migrations.AddField(
            model_name="groupshare",
            name="usce_half_weeks",
            field=models.PositiveIntegerField(default=0),
        ),
        migrations.AddField(
            model_name="profile",
            name="score_letters",
            field=models.PositiveSmallIntegerField(default=0),
        ),
        migrations.AddField(
            model_name="profile",
            name="score_recency",
            field=models.PositiveSmallIntegerField(default=0),
        ),
        migrations.AddField(
            model_name="profile",
            name="score_research",
            field=models.PositiveSmallIntegerField(default=0),
        ),
        migrations.AddField(
            model_name="profile",
            name="score_usce",
            field=models.PositiveSmallIntegerField(default=0),
        ),
        migrations.AddIndex(
            model_name="groupshare",
            index=models.Index(fields=["group", "name", "profile"], name="case_name"),
        ),
        migrations.AddIndex(
            model_name="groupshare",
            index=models.Index(
                fields=["group", "specialty_name", "name", "profile"], name="case_specialty"
            ),
        ),
        migrations.AddIndex(
            model_name="groupshare",
            index=models.Index(fields=["group", "usce_half_weeks", "profile"], name="case_usce"),
        ),
        migrations.AddIndex(
            model_name="groupshare",
            index=models.Index(fields=["group", "letters", "profile"], name="case_letters"),
        ),
        migrations.AddIndex(
            model_name="groupshare",
            index=models.Index(
                fields=["group", "priority_rank", "-profile_updated_at", "-profile"],
                name="case_priority",
            ),
        ),
        migrations.AddIndex(
            model_name="groupshare",
            index=models.Index(fields=["group", "readiness", "profile"], name="case_readiness"),
        ),
        migrations.AddIndex(
            model_name="groupshare",
            index=models.Index(fields=["group", "note_count", "profile"], name="case_notes"),
        ),
        migrations.AddIndex(
            model_name="groupshare",
            index=models.Index(fields=["group", "last_contact_at", "profile"], name="case_contact"),
        ),
        migrations.AddIndex(
            model_name="groupshare",
            index=models.Index(fields=["group", "drift_rank", "profile"], name="case_drift"),
        ),
        migrations.AddIndex(
            model_name="groupshare",
            index=models.Index(
                fields=["group", "profile_updated_at", "profile"], name="case_updated"
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.RunPython(trigram_indexes, drop_trigram_indexes),
    ]
