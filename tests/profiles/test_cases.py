"""Each share's copy of its profile (the case the group's list sorts, filters and
shows) stays true through every write that changes what it copies, and the one
writer (`cases_refresh`) is what writes it."""

import pytest
from django.test import Client
from django.urls import reverse

from advisor.models import Specialty
from profiles.advising.cases import COPIED, DRIFT_RANKS, PRIORITY_RANKS
from profiles.advising.drift import advice_drift_refresh
from profiles.advising.models import NEVER, AdvisingGroup, GroupShare
from profiles.advising.notes import note_add, note_delete, note_edit
from profiles.advising.sharing import share_with_group, share_withdraw
from profiles.models import Profile
from profiles.services import profile_set_email, profile_update
from tests.profiles.factories import make_advisor, make_profile, share_by_code

pytestmark = pytest.mark.django_db


def what_is_copied(profile: Profile) -> dict:
    """Each copied column as it should read, said here again in plain Python (not
    from COPIED), so a wrong declaration fails too."""
    return {
        "name": profile.name,
        "email": profile.email,
        "specialty_slug": profile.specialty.slug,
        "specialty_name": profile.specialty.name,
        "career_goal": profile.career_goal,
        "priority": profile.priority,
        "priority_rank": PRIORITY_RANKS.get(profile.priority, 0),
        "flags": profile.flags,
        "readiness": profile.readiness,
        "usce_half_weeks": 2 * profile.usce_hands_on_weeks + profile.usce_observership_weeks,
        "letters": profile.us_clinical_letters,
        "drift_rank": DRIFT_RANKS[profile.advice_drift],
        "profile_updated_at": profile.updated_at,
    }


# The list's cells a row shows from its copy, and what the profile says for each.
CELLS = ("reference", "effective_usce_weeks", "priority_label", "flag_labels", "advice_drift")


def copies(profile: Profile) -> dict[int, dict]:
    """Each share's copied columns, by group."""
    shares = GroupShare.objects.filter(profile=profile)
    return {share.group_id: {c: getattr(share, c) for c in COPIED} for share in shares}


def assert_cases_true(profile: Profile) -> None:
    profile = Profile.objects.select_related("specialty").get(pk=profile.pk)
    expected = what_is_copied(profile)
    assert set(expected) == set(COPIED)  # a column added to the copy is checked here too
    shares = GroupShare.objects.filter(profile=profile)
    assert shares.exists()
    for share in shares:
        assert {name: getattr(share, name) for name in expected} == expected, share.group
        assert {c: getattr(share, c) for c in CELLS} == {c: getattr(profile, c) for c in CELLS}


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


# --- every path that changes what a case copies ---------------------------------
# Each starts from Mei, shared with two groups, changes what the path changes, and
# checks every copied column of both shares (and the list's cells) against her
# profile, and that the columns the path should move did move.

ANSWERS = {"name", "career_goal", "specialty_slug", "specialty_name", "usce_half_weeks"}
ADVICE = {"letters", "priority", "priority_rank", "readiness", "flags", "profile_updated_at"}


def through_the_edit_page(client, profile, **_):
    from tests.profiles.test_result_pages import edit_data

    changes = {
        "goals-specialty": "psychiatry",
        "goals-career_goal": "academic",
        "usce-usce_hands_on_weeks": "12",
        "usce-usce_observership_weeks": "4",
        "usce-us_clinical_letters": "3",
        "logistics-name": "Mei Nguyen",
        "logistics-budget": "tight",
    }
    response = client.post(reverse("profiles:edit", args=[profile.token]),
                           edit_data(profile, **changes))  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:300]


def through_what_if_save(client, profile, **_):
    from profiles.what_if_form import saved_answers

    tried = {
        "specialty": "psychiatry",
        "career_goal": "academic",
        "usce_hands_on_weeks": "12",
        "usce_observership_weeks": "4",
        "us_clinical_letters": "3",
        "budget": "tight",
    }
    data = {**saved_answers(profile), "version": str(profile.version), **tried}
    response = client.post(reverse("profiles:what_if", args=[profile.token]), data)
    assert response.status_code == 302


def through_the_email_link(client, profile, **_):
    url = reverse("profiles:email_link", args=[profile.token])
    client.post(url, {"email": "mei@example.org", "keep": "on"})


def through_the_admin(client, profile, django_user_model, on_commit, **_):
    from tests.advisor.admin_saving import admin_save
    from tests.advisor.test_admin_impact import specialty_data

    root = django_user_model.objects.create_superuser("root", password="pw-long-1")
    admin = Client()
    admin.force_login(root)
    neurology = Specialty.objects.get(slug="neurology")
    url = reverse("admin:advisor_specialty_change", args=[neurology.pk])
    data = specialty_data(neurology, name="Adult Neurology", research_emphasis="high")
    with on_commit(execute=True):  # the drift refresh runs once the save is committed
        _, saved = admin_save(admin, url, data)
    assert saved.status_code == 302


def through_a_drift_refresh(client, profile, **_):
    Specialty.objects.filter(slug="neurology").update(research_emphasis="high")
    advice_drift_refresh()


def through_the_profile_page(client, profile, django_user_model, **_):
    """An advisor opening the profile re-checks its drift (a refresh was missed)."""
    Specialty.objects.filter(slug="neurology").update(research_emphasis="high")
    advisor = Client()
    group = AdvisingGroup.objects.get(name="One")
    advisor.force_login(make_advisor(django_user_model, "ana", groups=[group]))
    assert advisor.get(reverse("profiles:advisor_profile", args=[profile.pk])).status_code == 200


def withdrawn_and_shared_again(client, profile, **_):
    one = profile.shares.get(group__name="One")
    withdraw = reverse("profiles:share_withdraw", args=[profile.token, one.pk])
    assert client.post(withdraw).status_code == 302
    assert_cases_true(profile)  # the share left: the other's version moved on
    share_by_code(client, profile, one.group)


PATHS = {
    "edit page": (through_the_edit_page, ANSWERS | ADVICE),
    "what-if save": (through_what_if_save, (ANSWERS - {"name"}) | ADVICE),
    "e-mail link kept": (through_the_email_link, {"email", "profile_updated_at"}),
    "admin weighting and name": (through_the_admin, {"specialty_name", "drift_rank"}),
    "drift refresh": (through_a_drift_refresh, {"drift_rank"}),
    "advisor's profile page": (through_the_profile_page, {"drift_rank"}),
    "withdrawn and shared again": (withdrawn_and_shared_again, {"profile_updated_at"}),
}


@pytest.mark.parametrize("path", PATHS)
def test_every_path_keeps_every_copied_column_true(
    path, groups, client, django_user_model, django_capture_on_commit_callbacks
):
    profile = make_profile(
        name="Mei", specialty="neurology", usce_hands_on_weeks=6, us_clinical_letters=1,
        shared_with=groups,
    )  # fmt: skip
    assert_cases_true(profile)
    before = copies(profile)
    change, moves = PATHS[path]
    change(
        client=client,
        profile=profile,
        django_user_model=django_user_model,
        on_commit=django_capture_on_commit_callbacks,
    )
    assert_cases_true(profile)
    after = copies(profile)
    assert set(after) == set(before)  # still shared with both groups
    for group_id, copied in after.items():
        moved = {c for c in COPIED if copied[c] != before[group_id][c]}
        assert moves <= moved, (path, moves - moved)


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
