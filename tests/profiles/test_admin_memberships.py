"""Issue 24, finding 9: a member added (or changed) in the Django admin is recorded and
shown to the group, starts as an invitation, and the applicants sharing with the group
are told; a group renamed in the admin is told to them too."""

import pytest
from django.test import Client
from django.urls import reverse

from profiles.advising.models import AccessEvent, AdvisingGroup, Membership
from tests.profiles.factories import as_user, make_advisor, make_profile

pytestmark = pytest.mark.django_db


@pytest.fixture
def root(django_user_model):
    return django_user_model.objects.create_superuser(
        "root", "root@example.com", "pw-long-1", first_name="Sam", last_name="Okafor"
    )


@pytest.fixture
def office(django_user_model):
    group = AdvisingGroup.objects.create(name="Cairo career office")
    group.manager = make_advisor(django_user_model, "amal", first_name="Amal", last_name="Hassan")
    Membership.objects.create(group=group, user=group.manager, is_manager=True)
    group.profile = make_profile(name="Nora Neuro", shared_with=[group])
    return group


def admin_post(root, group, rows, name=None):
    """Save the group's admin page with `rows`: (membership or None, user, is_manager)."""
    data = {
        "name": name or group.name,
        "about": "",
        "memberships-TOTAL_FORMS": len(rows),
        "memberships-INITIAL_FORMS": sum(1 for m, _, _ in rows if m),
        "memberships-MIN_NUM_FORMS": 0,
        "memberships-MAX_NUM_FORMS": 1000,
    }
    for i, (membership, user, is_manager) in enumerate(rows):
        data |= {f"memberships-{i}-group": group.pk, f"memberships-{i}-user": user.pk}
        if membership:
            data[f"memberships-{i}-id"] = membership.pk
        if is_manager:
            data[f"memberships-{i}-is_manager"] = "on"
    client = Client()
    client.force_login(root)
    url = reverse("admin:profiles_advisinggroup_change", args=[group.pk])
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return response


def test_an_admin_adding_themselves_is_an_invitation_the_group_and_applicants_see(root, office):
    managing = office.memberships.get()
    admin_post(root, office, [(managing, office.manager, True), (None, root, False)])
    added = office.memberships.get(user=root)
    assert added.accepted_at is None and added.invited_by == root
    assert (added.admin_did, added.admin_name) == ("added", "Sam Okafor")
    # The group's members see it, by name, with the admin and the date.
    page = as_user(office.manager).get(reverse("profiles:advisor_group", args=[office.pk]))
    body = page.content.decode()
    assert f"Added by an admin (Sam Okafor) on {added.admin_at:%-d %b %Y}" in body
    assert "invited, not joined yet" in body
    # The applicant who shares with the group is told.
    [entry] = AccessEvent.objects.filter(action=AccessEvent.Action.ADMIN_ADDED)
    assert entry.profile == office.profile and entry.actor == root
    assert entry.actor_name == "Sam Okafor, an admin, invited Sam Okafor"
    result = Client().get(reverse("profiles:result", args=[office.profile.token]))
    assert "Cairo career office: Sam Okafor, an admin, invited Sam Okafor to join" in (
        result.content.decode()
    )
    # Until they accept, the admin reads none of the group's profiles.
    profile_url = reverse("profiles:advisor_profile", args=[office.profile.pk])
    assert as_user(root).get(profile_url).status_code == 404


def test_putting_someone_else_in_a_members_row_is_an_addition(root, office, django_user_model):
    omar = make_advisor(django_user_model, "omar", first_name="Omar", last_name="Farid")
    member = Membership.objects.create(group=office, user=omar)
    managing = office.memberships.get(user=office.manager)
    admin_post(root, office, [(managing, office.manager, True), (member, root, False)])
    swapped = office.memberships.get(user=root)
    assert swapped.accepted_at is None and swapped.admin_did == "added"
    assert AccessEvent.objects.filter(action="admin_added", actor=root).count() == 1


def test_a_change_made_in_the_admin_is_recorded(root, office, django_user_model):
    omar = make_advisor(django_user_model, "omar", first_name="Omar", last_name="Farid")
    member = Membership.objects.create(group=office, user=omar)
    managing = office.memberships.get(user=office.manager)
    admin_post(root, office, [(managing, office.manager, True), (member, omar, True)])
    member.refresh_from_db()
    assert member.is_manager and member.accepted_at is not None  # a member still
    assert (member.admin_did, member.admin_name) == ("made a manager", "Sam Okafor")
    managing.refresh_from_db()
    assert managing.admin_did == ""  # untouched rows are not stamped
    page = as_user(omar).get(reverse("profiles:advisor_group", args=[office.pk]))
    assert "Made a manager by an admin (Sam Okafor)" in page.content.decode()


def test_a_group_renamed_in_the_admin_is_told_to_its_applicants(root, office):
    managing = office.memberships.get()
    admin_post(root, office, [(managing, office.manager, True)], name="Cairo IMG office")
    [entry] = AccessEvent.objects.filter(action=AccessEvent.Action.RENAMED)
    assert entry.actor == root
    assert entry.actor_name == "the group “Cairo career office” is now called “Cairo IMG office”"
