"""Flags are a JSON list on a profile and on its cases: any number of them fit and
read back as saved, the caseload's flag filter matches whole flags only, and
migration 0016 turns the old ",a,b," strings into lists (and back)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from advisor.engine.content import FLAG_LABELS
from profiles.advising.cases import cases_refresh
from profiles.advising.models import GroupShare
from profiles.models import Profile
from tests.profiles.factories import make_profile
from tests.profiles.test_default_group_migration import migrate

# Every flag there is, and more still to come, twenty in all at least: far past the 200
# characters of old.
TO_COME = max(1, 20 - len(FLAG_LABELS))
TWENTY = [*FLAG_LABELS, *(f"a_flag_still_to_come_{n}" for n in range(TO_COME))]


@pytest.mark.django_db
def test_twenty_flags_save_and_read_back_as_the_same_list():
    assert len(TWENTY) >= 20 and len(f",{','.join(TWENTY)},") > 200
    profile = make_profile(shared=True)
    profile.flags = TWENTY
    profile.save()  # PostgreSQL refused this into the old column
    cases_refresh(profile_ids=[profile.pk])
    assert Profile.objects.get(pk=profile.pk).flags == TWENTY
    case = GroupShare.objects.get(profile=profile)
    assert case.flags == TWENTY
    assert case.flag_labels == list(FLAG_LABELS.values())  # the ones with words


@pytest.fixture
def flagged(advisor):
    tight = make_profile(name="Tia Tight", budget="tight", shared=True)
    near = make_profile(name="Nia Near", shared=True)
    # Names that hold "budget_tight" without being it.
    Profile.objects.filter(pk=near.pk).update(flags=["budget_tight_soon", "not_budget_tight"])
    cases_refresh(profile_ids=[near.pk])
    make_profile(name="Uma Urgent", graduation_year=2018, shared=True)
    assert "budget_tight" in tight.flags
    return Profile.objects.all()


@pytest.mark.django_db
def test_the_flag_filter_lists_exactly_the_profiles_with_that_flag(advisor_client, flagged):
    response = advisor_client.get(reverse("profiles:advisor_list"), {"flag": "budget_tight"})
    assert [case.name for case in response.context["page"].rows] == ["Tia Tight"]
    for flag in {*FLAG_LABELS, "budget_tight_soon"}:
        having = {p.name for p in flagged if flag in p.flags}
        assert {p.name for p in Profile.objects.filter(flags__holds=flag)} == having, flag
        cases = GroupShare.objects.filter(flags__holds=flag)
        assert {case.name for case in cases} == having, flag


@pytest.mark.django_db
def test_on_postgresql_the_flag_filter_is_containment_on_a_gin_index():
    if connection.vendor != "postgresql":
        pytest.skip("GIN indexes and @> are PostgreSQL's; SQLite looks through the list")
    assert " @> " in str(GroupShare.objects.filter(flags__holds="budget_tight").query)
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'case_flags'")
        [(definition,)] = cursor.fetchall()
    assert "profiles_groupshare USING gin (flags jsonb_path_ops)" in definition


BEFORE = [("profiles", "0015_export_jobs")]
AFTER = [("profiles", "0016_flags_as_lists")]


@pytest.mark.usefixtures("seeded_transactional_db")
def test_the_migration_turns_flag_strings_into_lists_and_back():
    apps = migrate(BEFORE)
    try:
        specialty = apps.get_model("advisor", "Specialty").objects.first()
        group = apps.get_model("profiles", "AdvisingGroup").objects.create(name="G")
        strings = {}
        for n, flags in enumerate([",budget_tight,recency_gap,", ",can_stack,", ""]):
            profile = apps.get_model("profiles", "Profile").objects.create(
                specialty=specialty, graduation_year=2020 + n, flags=flags
            )
            apps.get_model("profiles", "GroupShare").objects.create(
                profile=profile, group=group, flags=flags
            )
            strings[profile.pk] = flags

        apps = migrate(AFTER)
        lists = {pk: [f for f in text.split(",") if f] for pk, text in strings.items()}
        assert lists[min(lists)] == ["budget_tight", "recency_gap"]
        assert flags_by_profile(apps) == (lists, lists)

        apps = migrate(BEFORE)
        assert flags_by_profile(apps) == (strings, strings)
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def flags_by_profile(apps) -> tuple[dict, dict]:
    profiles = apps.get_model("profiles", "Profile").objects.values_list("pk", "flags")
    shares = apps.get_model("profiles", "GroupShare").objects.values_list("profile_id", "flags")
    return dict(profiles), dict(shares)
