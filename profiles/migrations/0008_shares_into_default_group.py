"""Profiles shared "with advisors on this site" before advising groups existed go to
one default group whose members are every advisor of that time (and the site's
superusers, as managers), so nobody loses access and nothing is lost. Notes written
then were read by every advisor: they become notes for that group.
docs/advising.md says how to split the group."""

import secrets

from django.db import migrations

DEFAULT_GROUP = "Advisors on this site"
# As profiles.advising.models.new_join_code makes them (copied: migrations stay
# as they were written when the code moves on).
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"


def new_join_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))


ADVISORS = "Advisors"


def into_default_group(apps, schema_editor):
    Profile = apps.get_model("profiles", "Profile")
    AdvisingGroup = apps.get_model("profiles", "AdvisingGroup")
    Membership = apps.get_model("profiles", "Membership")
    GroupShare = apps.get_model("profiles", "GroupShare")
    AdvisorNote = apps.get_model("profiles", "AdvisorNote")
    StoredAdvice = apps.get_model("profiles", "StoredAdvice")
    User = apps.get_model(*_user_model().split("."))

    for advice in StoredAdvice.objects.only("profile_id", "assessment").iterator(chunk_size=500):
        plan = advice.assessment.get("plan")
        if isinstance(plan, dict) and plan.get("target_match"):
            Profile.objects.filter(pk=advice.profile_id).update(planned_match=plan["target_match"])

    shared = Profile.objects.filter(shared_with_advisors=True)
    advisors = User.objects.filter(groups__name=ADVISORS).distinct()
    if not shared.exists() and not advisors.exists() and not AdvisorNote.objects.exists():
        return  # a new site: groups are made by the people who run them
    group = AdvisingGroup.objects.create(
        name=DEFAULT_GROUP,
        about="Every advisor who had an account on this site before advising groups.",
        join_code=new_join_code(),
    )
    for user in advisors:
        Membership.objects.create(group=group, user=user, is_manager=user.is_superuser)
    for user in User.objects.filter(is_superuser=True).exclude(pk__in=advisors.values("pk")):
        Membership.objects.create(group=group, user=user, is_manager=True)
    GroupShare.objects.bulk_create(
        [
            GroupShare(profile_id=pk, group=group, shared_at=updated)
            for pk, updated in shared.values_list("pk", "updated_at").iterator(chunk_size=2000)
        ],
        batch_size=2000,
    )
    AdvisorNote.objects.update(group=group, visibility="group")


def back_to_a_flag(apps, schema_editor):
    Profile = apps.get_model("profiles", "Profile")
    GroupShare = apps.get_model("profiles", "GroupShare")
    Profile.objects.filter(pk__in=GroupShare.objects.values("profile_id")).update(
        shared_with_advisors=True
    )


def _user_model() -> str:
    from django.conf import settings

    return settings.AUTH_USER_MODEL


class Migration(migrations.Migration):
    dependencies = [
        ("profiles", "0007_advising_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(into_default_group, back_to_a_flag)]
