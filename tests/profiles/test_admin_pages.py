"""Admin pages for advising groups, shares and the access record."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from profiles.admin import LAST_MANAGER_MESSAGE
from profiles.models import AccessEvent, AdvisingGroup, GroupShare, Membership, Profile
from tests.profiles.factories import make_profile

pytestmark = pytest.mark.django_db

APPLICANT = "Nora Neuro"


@pytest.fixture
def root(django_user_model):
    return django_user_model.objects.create_superuser("root", "root@example.com", "pw-long-1")


@pytest.fixture
def root_client(root):
    client = Client()
    client.force_login(root)
    return client


@pytest.fixture
def office(root, advisor):
    """A group with two members (one manager), one shared profile and one view of it."""
    group = AdvisingGroup.objects.create(name="Cairo career office")
    Membership.objects.create(group=group, user=root, is_manager=True)
    Membership.objects.create(group=group, user=advisor)
    profile = make_profile(name=APPLICANT, specialty="neurology")
    GroupShare.objects.create(profile=profile, group=group)
    AccessEvent.objects.create(
        profile=profile,
        action=AccessEvent.Action.VIEW,
        actor=advisor,
        actor_name="Ana Advisor",
        group=group,
        group_name=group.name,
    )
    return group


def get(client, name: str, *args, **query):
    return client.get(reverse(f"admin:profiles_{name}", args=args), query)


def test_groups_list_their_member_and_share_counts(root_client, office):
    AdvisingGroup.objects.create(name="Lagos mentoring")
    page = get(root_client, "advisinggroup_changelist", q="cairo")
    assert page.status_code == 200
    row = page.context["cl"].result_list.get()
    assert (row.name, row.member_count, row.share_count) == ("Cairo career office", 2, 1)
    assert office.join_code_display in page.content.decode()


def test_a_groups_page_lists_its_members(root_client, office, advisor):
    page = get(root_client, "advisinggroup_change", office.pk)
    assert page.status_code == 200
    body = page.content.decode()
    assert 'name="memberships-TOTAL_FORMS"' in body and "ana" in body
    assert get(root_client, "advisinggroup_add").status_code == 200


def test_a_group_keeps_a_manager(root_client, office):
    members = list(office.memberships.order_by("pk"))
    data = {
        "name": office.name,
        "about": "",
        "memberships-TOTAL_FORMS": len(members),
        "memberships-INITIAL_FORMS": len(members),
        "memberships-MIN_NUM_FORMS": 0,
        "memberships-MAX_NUM_FORMS": 1000,
    }
    for i, member in enumerate(members):
        data |= {
            f"memberships-{i}-id": member.pk,
            f"memberships-{i}-group": office.pk,
            f"memberships-{i}-user": member.user_id,
        }  # no is_manager: every box unticked
    url = reverse("admin:profiles_advisinggroup_change", args=[office.pk])
    response = root_client.post(url, data)
    assert response.status_code == 200 and LAST_MANAGER_MESSAGE in response.content.decode()
    assert office.memberships.filter(is_manager=True).count() == 1
    data["memberships-0-is_manager"] = "on"
    assert root_client.post(url, data).status_code == 302


def test_shares_are_listed_by_group_and_specialty_without_names(root_client, office):
    share = GroupShare.objects.get()
    by_group = get(root_client, "groupshare_changelist", group__id__exact=office.pk)
    by_specialty = get(
        root_client,
        "groupshare_changelist",
        profile__specialty__id__exact=share.profile.specialty_id,
    )
    for page in (by_group, by_specialty):
        assert list(page.context["cl"].result_list) == [share]
        assert f"#{share.profile_id}" in page.content.decode()
        assert APPLICANT not in page.content.decode()
    other = get(root_client, "groupshare_changelist", group__id__exact=office.pk + 1)
    assert list(other.context["cl"].result_list) == []


def test_a_share_is_read_only(root_client, office):
    share = GroupShare.objects.get()
    page = get(root_client, "groupshare_change", share.pk)
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    assert get(root_client, "groupshare_add").status_code == 403
    assert get(root_client, "groupshare_delete", share.pk).status_code == 403


def test_the_access_record_is_searched_and_filtered(root_client, office):
    event = AccessEvent.objects.get()
    queries = [
        {"q": "ana"},
        {"action__exact": "view"},
        {"group__id__exact": office.pk},
        # As the date filter's "Today" link asks.
        {"at__gte": str(event.at.replace(hour=0, minute=0, second=0, microsecond=0))},
    ]
    for query in queries:
        page = get(root_client, "accessevent_changelist", **query)
        assert list(page.context["cl"].result_list) == [event], query
        body = page.content.decode()
        assert "Ana Advisor" in body and f"#{event.profile_id}" in body
        assert APPLICANT not in body
    nobody = get(root_client, "accessevent_changelist", action__exact="export")
    assert list(nobody.context["cl"].result_list) == []


def test_the_access_record_cannot_be_added_to_or_changed(root_client, office):
    event = AccessEvent.objects.get()
    assert get(root_client, "accessevent_add").status_code == 403
    page = get(root_client, "accessevent_change", event.pk)
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    url = reverse("admin:profiles_accessevent_change", args=[event.pk])
    assert root_client.post(url, {"actor_name": "someone else"}).status_code == 403
    event.refresh_from_db()
    assert event.actor_name == "Ana Advisor"


def test_only_a_superuser_deletes_from_the_access_record(root_client, office, django_user_model):
    event = AccessEvent.objects.get()
    staff = django_user_model.objects.create_user("sam", password="pw-long-2", is_staff=True)
    staff.user_permissions.set(Permission.objects.filter(codename__endswith="_accessevent"))
    staff_client = Client()
    staff_client.force_login(staff)
    assert get(staff_client, "accessevent_changelist").status_code == 200
    assert get(staff_client, "accessevent_delete", event.pk).status_code == 403
    assert get(root_client, "accessevent_delete", event.pk).status_code == 200
    url = reverse("admin:profiles_accessevent_delete", args=[event.pk])
    assert root_client.post(url, {"post": "yes"}).status_code == 302
    assert not AccessEvent.objects.exists()


def test_profiles_themselves_have_no_admin_page():
    assert Profile not in admin.site._registry


def test_the_access_record_is_searched_by_profile_reference(root_client):
    from profiles.advising.models import AccessEvent
    from tests.profiles.factories import make_profile

    wanted, other = make_profile(), make_profile()
    AccessEvent.objects.create(profile=wanted, action="view", actor_name="Amal Hassan")
    AccessEvent.objects.create(profile=other, action="view", actor_name="Omar Farouk")
    url = reverse("admin:profiles_accessevent_changelist")
    body = root_client.get(url, {"q": str(wanted.pk)}).content.decode()
    assert "Amal Hassan" in body and "Omar Farouk" not in body
