"""Each share's copy of its profile (the case the group's list sorts and filters on)
stays true through every write that changes what it copies."""

import pytest
from django.test import Client
from django.urls import reverse

from advisor.models import Specialty
from profiles.advising.cases import DRIFT_RANKS, case_values
from profiles.advising.drift import advice_drift_refresh
from profiles.advising.models import NEVER, AdvisingGroup, GroupShare
from profiles.advising.notes import note_add, note_delete, note_edit
from profiles.advising.sharing import share_with_group, share_withdraw
from profiles.models import Profile
from profiles.services import profile_set_email, profile_update
from tests.profiles.factories import make_advisor, make_profile

pytestmark = pytest.mark.django_db


def assert_cases_true(profile: Profile) -> None:
    profile = Profile.objects.select_related("specialty").get(pk=profile.pk)
    expected = case_values(profile)
    for share in GroupShare.objects.filter(profile=profile):
        copied = {name: getattr(share, name) for name in expected}
        assert copied == expected, share.group


@pytest.fixture
def groups():
    return AdvisingGroup.objects.create(name="One"), AdvisingGroup.objects.create(name="Two")


def test_a_new_share_copies_its_profile(groups):
    profile = make_profile(name="Mei", email="mei@example.com", usce_observership_weeks=3)
    share_with_group(profile=profile, group=groups[0])
    assert_cases_true(profile)
    assert GroupShare.objects.get().usce_half_weeks == 3


def test_edits_reach_every_share(groups):
    profile = make_profile(name="Mei", shared_with=groups)
    profile_update(
        profile=profile,
        answers={"name": "Mei N", "usce_hands_on_weeks": 8, "us_clinical_letters": 2},
    )
    assert_cases_true(profile)
    profile_set_email(profile=profile, email="mei@example.org")
    assert_cases_true(profile)
    share_withdraw(profile=profile, share_id=profile.shares.get(group=groups[1]).pk)
    assert_cases_true(profile)  # the version moved on: the other case's date too


def test_the_edit_and_what_if_pages_refresh_the_cases(groups, client):
    from tests.profiles.test_result_pages import edit_data

    profile = make_profile(us_clinical_letters=1, shared_with=groups)
    data = edit_data(profile, **{"usce-us_clinical_letters": "3", "logistics-name": "New Name"})
    assert client.post(reverse("profiles:edit", args=[profile.token]), data).status_code == 302
    assert_cases_true(profile)
    assert set(GroupShare.objects.values_list("name", flat=True)) == {"New Name"}


def test_notes_counts_and_last_contact_follow_the_notes(groups, django_user_model):
    author = make_advisor(django_user_model, "amal", groups=groups)
    profile = make_profile(shared_with=groups)
    one = GroupShare.objects.get(group=groups[0])
    assert (one.note_count, one.last_contact_at) == (0, NEVER)
    private = note_add(
        profile=profile, author=author, group=groups[0], visibility="private", text="p"
    )
    feedback = note_add(
        profile=profile, author=author, group=groups[0], visibility="applicant", text="f"
    )
    one.refresh_from_db()
    assert one.note_count == 1 and one.last_contact_at == feedback.created_at
    assert GroupShare.objects.get(group=groups[1]).note_count == 0  # another group's notes
    note_edit(note=private, text="now for the group", visibility="group")
    one.refresh_from_db()
    assert one.note_count == 2
    note_delete(note=feedback)
    one.refresh_from_db()
    assert (one.note_count, one.last_contact_at) == (1, NEVER)


def test_sharing_again_brings_back_the_groups_notes(groups, django_user_model):
    author = make_advisor(django_user_model, "amal", groups=groups)
    profile = make_profile(shared_with=[groups[0]])
    note_add(profile=profile, author=author, group=groups[0], visibility="group", text="g")
    share_withdraw(profile=profile, share_id=profile.shares.get().pk)
    share_with_group(profile=profile, group=groups[0])
    assert GroupShare.objects.get().note_count == 1


def test_a_drift_refresh_reaches_the_cases(groups):
    profile = make_profile(
        specialty="neurology", usce_hands_on_weeks=6, us_clinical_letters=1, shared_with=groups
    )
    Specialty.objects.filter(slug="neurology").update(research_emphasis="high")
    advice_drift_refresh()
    assert set(GroupShare.objects.values_list("drift_rank", flat=True)) == {DRIFT_RANKS["priority"]}
    assert_cases_true(profile)


def test_a_specialty_renamed_in_the_admin_is_renamed_in_the_cases(groups, django_user_model):
    from tests.advisor.admin_saving import admin_save
    from tests.advisor.test_admin_impact import specialty_data

    profile = make_profile(specialty="neurology", shared_with=groups)
    root = django_user_model.objects.create_superuser("root", password="pw-long-1")
    client = Client()
    client.force_login(root)
    neurology = Specialty.objects.get(slug="neurology")
    url = reverse("admin:advisor_specialty_change", args=[neurology.pk])
    data = specialty_data(neurology, name="Adult Neurology")
    _, saved = admin_save(client, url, data)
    assert saved.status_code == 302
    assert set(GroupShare.objects.values_list("specialty_name", flat=True)) == {"Adult Neurology"}
    assert_cases_true(profile)


def test_the_bulk_seeding_writes_the_case_columns_in_their_order():
    from profiles.demo_bulk import CASE_FIELDS

    assert tuple(case_values(make_profile()).keys()) == CASE_FIELDS


def recount(group) -> dict:
    from collections import Counter

    cases = list(group.shares.values_list("priority", "specialty_slug"))
    return {
        "priority": dict(Counter(p for p, _ in cases)),
        "specialty": dict(Counter(s for _, s in cases)),
    }


def tallied(group) -> dict:
    from profiles.advising.models import CaseTally

    found = {"priority": {}, "specialty": {}}
    for dimension, key, n in CaseTally.objects.filter(group=group, count__gt=0).values_list(
        "dimension", "key", "count"
    ):
        found[dimension][key] = n
    return found


def test_the_groups_tallies_follow_every_change(groups, client, django_user_model):
    from django.core.management import call_command

    from profiles.demo import demo_profiles_create

    one, two = groups
    demo_profiles_create(count=40, seed=8, groups=[one])
    people = [make_profile(specialty="neurology", shared_with=[one, two]) for _ in range(3)]
    assert tallied(one) == recount(one) and tallied(two) == recount(two)
    profile_update(profile=people[0], answers={"usce_hands_on_weeks": 12, "us_clinical_letters": 3})
    profile_update(
        profile=people[1], answers={"specialty": Specialty.objects.get(slug="psychiatry")}
    )
    share_withdraw(profile=people[2], share_id=people[2].shares.get(group=two).pk)
    client.post(reverse("profiles:delete", args=[people[0].token]))
    assert tallied(one) == recount(one) and tallied(two) == recount(two)
    call_command("move_shares", "--from", "One", "--to", "Two", "--specialty", "neurology",
                 stdout=None)  # fmt: skip
    assert tallied(one) == recount(one) and tallied(two) == recount(two)
    summary = Client()
    summary.force_login(make_advisor(django_user_model, "viewer", groups=[two]))
    body = summary.get(reverse("profiles:advisor_summary")).content.decode()
    assert f"{two.shares.count()} shared profile" in body
