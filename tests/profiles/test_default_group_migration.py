"""The move to advising groups loses nothing: profiles shared "with advisors on this
site" land in a default group whose members are the advisors of that time, and
their notes become notes for that group."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("profiles", "0007_advising_groups")]
AFTER = [("profiles", "0009_shared_flag_removed")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.usefixtures("seeded_transactional_db")
def test_shared_profiles_and_their_notes_go_to_a_default_group():
    apps = migrate(BEFORE)
    try:
        User = apps.get_model("auth", "User")
        Group = apps.get_model("auth", "Group")
        Profile = apps.get_model("profiles", "Profile")
        StoredAdvice = apps.get_model("profiles", "StoredAdvice")
        AdvisorNote = apps.get_model("profiles", "AdvisorNote")
        specialty = apps.get_model("advisor", "Specialty").objects.first()
        advisor = User.objects.create(username="ana")
        advisor.groups.add(Group.objects.get(name="Advisors"))
        User.objects.create(username="root", is_superuser=True)
        User.objects.create(username="visitor")
        shared = Profile.objects.create(
            specialty=specialty, graduation_year=2020, shared_with_advisors=True
        )
        private = Profile.objects.create(specialty=specialty, graduation_year=2021)
        StoredAdvice.objects.create(profile=shared, assessment={"plan": {"target_match": 2028}})
        StoredAdvice.objects.create(profile=private, assessment={"plan": [{"step": "old"}]})
        AdvisorNote.objects.create(profile=shared, author=advisor, text="Seen by all advisors")

        apps = migrate(AFTER)
        AdvisingGroup = apps.get_model("profiles", "AdvisingGroup")
        [group] = AdvisingGroup.objects.all()
        assert group.name == "Advisors on this site"
        members = {m.user.username: m.is_manager for m in group.memberships.all()}
        assert members == {"ana": False, "root": True}
        assert list(group.shares.values_list("profile_id", flat=True)) == [shared.pk]
        note = apps.get_model("profiles", "AdvisorNote").objects.get()
        assert (note.group_id, note.visibility) == (group.pk, "group")
        Profile = apps.get_model("profiles", "Profile")
        assert Profile.objects.get(pk=shared.pk).planned_match == 2028
        assert Profile.objects.get(pk=private.pk).planned_match is None
        assert len(group.join_code) == 8
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


@pytest.mark.usefixtures("seeded_transactional_db")
def test_a_new_site_gets_no_default_group():
    try:
        migrate(BEFORE)
        apps = migrate(AFTER)
        assert not apps.get_model("profiles", "AdvisingGroup").objects.exists()
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
