"""Advising groups for advisors: making one, its code and link, members and managers,
renewing the code, leaving."""

import pytest
from django.test import Client
from django.urls import reverse

from profiles.advising.models import AdvisingGroup, Membership
from tests.profiles.factories import as_user, make_advisor, make_profile

pytestmark = pytest.mark.django_db
GROUPS = reverse("profiles:advisor_groups")


@pytest.fixture
def amal(django_user_model):
    return make_advisor(django_user_model, "amal", first_name="Amal", last_name="Hassan")


def make_group(client, name="Cairo mentors", about="Alumni office") -> AdvisingGroup:
    response = client.post(GROUPS, {"name": name, "about": about})
    assert response.status_code == 302
    return AdvisingGroup.objects.get(name=name)


def test_an_advisor_without_a_group_is_told_how_to_get_one(amal):
    body = as_user(amal).get(GROUPS).content.decode()
    assert "You are not in an advising group yet" in body
    listing = as_user(amal).get(reverse("profiles:advisor_list")).content.decode()
    assert "You are not in an advising group yet" in listing
    assert "ask a colleague who manages a group to invite you" in listing
    assert "No shared profiles match these filters" not in listing


def test_making_a_group_makes_its_maker_a_manager(amal):
    client = as_user(amal)
    group = make_group(client)
    assert group.memberships.get().user == amal and group.memberships.get().is_manager
    assert group.created_by == amal and len(group.join_code) == 8
    page = client.get(reverse("profiles:advisor_group", args=[group.pk])).content.decode()
    assert group.join_code_display in page
    assert f"/join/{group.join_code}/" in page and "Renew the code" in page
    assert "Cairo mentors" in client.get(GROUPS).content.decode()


def test_a_group_needs_a_name(amal):
    response = as_user(amal).post(GROUPS, {"name": "  ", "about": "x"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Give the group a name applicants will recognise." in body
    assert 'value="x"' in body and not AdvisingGroup.objects.exists()


def test_managers_invite_advisors_who_join_by_accepting(amal, django_user_model):
    client = as_user(amal)
    group = make_group(client)
    make_profile(name="Mei Nguyen", shared_with=[group])
    omar = make_advisor(
        django_user_model, "omar", email="omar@example.com", first_name="Omar", last_name="F"
    )
    django_user_model.objects.create_user("visitor", password="pw-long-enough-3")
    add = reverse("profiles:advisor_group_member_add", args=[group.pk])
    response = client.post(add, {"account": "OMAR@example.com"}, follow=True)
    assert (
        "If an advisor account has the username or e-mail “OMAR@example.com”, it now has "
        "an invitation to Cairo mentors" in response.content.decode()
    )
    invited = group.memberships.get(user=omar)
    assert invited.accepted_at is None and invited.invited_by == amal
    # Until Omar accepts: no profiles for him, and applicants are not shown his name.
    omar_client = as_user(omar)
    assert "Mei Nguyen" not in omar_client.get(reverse("profiles:advisor_list")).content.decode()
    consent = Client().get(
        reverse("profiles:share", args=[make_profile().token]), {"code": group.join_code}
    )
    assert "Omar F" not in consent.content.decode()
    page = omar_client.get(GROUPS).content.decode()
    assert (
        "You are invited to join a group" in page
        and "Cairo mentors" in page
        and "from Amal Hassan" in page
    )
    answer = reverse("profiles:advisor_group_invitation", args=[group.pk])
    assert omar_client.post(answer, {"answer": "accept"}).status_code == 302
    assert "Mei Nguyen" in omar_client.get(reverse("profiles:advisor_list")).content.decode()
    consent = Client().get(
        reverse("profiles:share", args=[make_profile().token]), {"code": group.join_code}
    )
    assert "Omar F" in consent.content.decode()
    # Not an advisor: the same answer (tests/profiles/test_invitation_privacy.py), no member.
    assert client.post(add, {"account": "visitor"}).status_code == 302
    assert group.memberships.count() == 2


def test_an_invitation_can_be_declined(amal, django_user_model):
    client = as_user(amal)
    group = make_group(client)
    omar = make_advisor(django_user_model, "omar")
    client.post(reverse("profiles:advisor_group_member_add", args=[group.pk]), {"account": "omar"})
    answer = reverse("profiles:advisor_group_invitation", args=[group.pk])
    assert as_user(omar).post(answer, {"answer": "decline"}).status_code == 302
    assert not group.memberships.filter(user=omar).exists()
    assert as_user(omar).post(answer, {"answer": "accept"}).status_code == 404


def test_advisors_give_the_name_applicants_see(amal, django_user_model):
    nameless = make_advisor(django_user_model, "zed.login")
    client = as_user(nameless)
    page = client.get(GROUPS).content.decode()
    assert "You have not given a name" in page
    url = reverse("profiles:advisor_name")
    refused = client.post(url, {"first_name": "", "last_name": "Z"})
    assert refused.status_code == 400 and "Enter your first name" in refused.content.decode()
    assert client.post(url, {"first_name": "Zed", "last_name": "Zulu"}).status_code == 302
    nameless.refresh_from_db()
    assert nameless.get_full_name() == "Zed Zulu"


def test_a_username_is_never_shown_to_applicants(django_user_model):
    group = AdvisingGroup.objects.create(name="G")
    make_advisor(django_user_model, "ana.login", groups=[group])
    profile = make_profile(shared_with=[group])
    consent = (
        Client()
        .get(reverse("profiles:share", args=[make_profile().token]), {"code": group.join_code})
        .content.decode()
    )
    assert "ana.login" not in consent and "An advisor who has not given a name" in consent
    viewer = as_user(django_user_model.objects.get(username="ana.login"))
    viewer.get(reverse("profiles:advisor_profile", args=[profile.pk]))
    result = Client().get(reverse("profiles:result", args=[profile.token])).content.decode()
    assert "ana.login" not in result and "An advisor who has not given a name (G)" in result


def test_a_member_who_is_not_a_manager_cannot_change_the_group(amal, django_user_model):
    group = make_group(as_user(amal))
    omar = make_advisor(django_user_model, "omar", groups=[group])
    client = as_user(omar)
    code = group.join_code
    client.post(reverse("profiles:advisor_group_code", args=[group.pk]))
    client.post(reverse("profiles:advisor_group", args=[group.pk]), {"name": "Mine now"})
    remove = reverse("profiles:advisor_group_member_remove", args=[group.pk, amal.pk])
    response = client.post(remove, follow=True)
    assert "Only the group&#x27;s managers can change it." in response.content.decode()
    group.refresh_from_db()
    assert (group.join_code, group.name) == (code, "Cairo mentors")
    assert group.memberships.count() == 2
    page = client.get(reverse("profiles:advisor_group", args=[group.pk])).content.decode()
    assert "Renew the code" not in page and "Leave the group" in page


def test_renewing_the_code_stops_the_old_one(amal):
    client = as_user(amal)
    group = make_group(client)
    old = group.join_code
    client.post(reverse("profiles:advisor_group_code", args=[group.pk]))
    group.refresh_from_db()
    assert group.join_code != old
    assert Client().get(reverse("profiles:join", args=[old])).status_code == 404


def test_the_last_manager_cannot_leave_a_group_with_members(amal, django_user_model):
    client = as_user(amal)
    group = make_group(client)
    make_advisor(django_user_model, "omar", groups=[group])
    leave = reverse("profiles:advisor_group_member_remove", args=[group.pk, amal.pk])
    response = client.post(leave, follow=True)
    assert "A group needs a manager" in response.content.decode()
    assert Membership.objects.filter(group=group, user=amal).exists()


def test_leaving_a_group_takes_its_profiles_out_of_the_list(amal, django_user_model):
    client = as_user(amal)
    group = make_group(client)
    omar = make_advisor(django_user_model, "omar")
    Membership.objects.create(group=group, user=omar, is_manager=True)
    make_profile(name="Mei Nguyen", shared_with=[group])
    assert "Mei Nguyen" in client.get(reverse("profiles:advisor_list")).content.decode()
    leave = reverse("profiles:advisor_group_member_remove", args=[group.pk, amal.pk])
    response = client.post(leave)
    assert response["Location"] == GROUPS
    assert "Mei Nguyen" not in client.get(reverse("profiles:advisor_list")).content.decode()
    assert client.get(reverse("profiles:advisor_group", args=[group.pk])).status_code == 404


def test_managers_rename_a_group(amal):
    client = as_user(amal)
    group = make_group(client)
    url = reverse("profiles:advisor_group", args=[group.pk])
    assert client.post(url, {"name": "Cairo IMG mentors", "about": "x"}).status_code == 302
    group.refresh_from_db()
    assert group.name == "Cairo IMG mentors"
    refused = client.post(url, {"name": "", "about": "y"})
    assert refused.status_code == 400 and "Give the group a name" in refused.content.decode()
    group.refresh_from_db()
    assert group.name == "Cairo IMG mentors" and group.about == "x"


def test_a_manager_makes_a_member_a_manager(amal, django_user_model):
    client = as_user(amal)
    group = make_group(client)
    omar = make_advisor(django_user_model, "omar", groups=[group])
    page = client.get(reverse("profiles:advisor_group", args=[group.pk])).content.decode()
    assert "Make manager" in page
    make_manager = reverse("profiles:advisor_group_member_manager", args=[group.pk, omar.pk])
    client.post(make_manager)
    assert group.memberships.get(user=omar).is_manager
    leave = reverse("profiles:advisor_group_member_remove", args=[group.pk, amal.pk])
    assert client.post(leave)["Location"] == GROUPS  # someone else manages it now


def test_two_groups_never_share_a_name(amal):
    client = as_user(amal)
    first = make_group(client, name="Cairo mentors")
    again = client.post(GROUPS, {"name": "  cairo MENTORS ", "about": ""})
    body = again.content.decode()
    assert again.status_code == 400
    assert "A group is already called “cairo MENTORS”" in body
    assert "already exists" not in body and "Constraint" not in body
    second = make_group(client, name="Cairo mentors, Giza branch")
    rename = client.post(
        reverse("profiles:advisor_group", args=[second.pk]), {"name": "CAIRO mentors"}
    )
    assert rename.status_code == 400
    assert (
        client.post(
            reverse("profiles:advisor_group", args=[first.pk]), {"name": "Cairo Mentors"}
        ).status_code
        == 302
    )  # its own name, in other letters


def test_a_group_nobody_shared_with_can_be_closed(amal, django_user_model):
    client = as_user(amal)
    group = make_group(client)
    make_advisor(django_user_model, "omar", groups=[group])
    listing = client.get(GROUPS).content.decode()
    assert '<td class="text-end">2</td>' in listing  # members, the advisor included
    page = client.get(reverse("profiles:advisor_group", args=[group.pk])).content.decode()
    assert "Close this group" in page
    used = make_group(client, name="In use")
    make_profile(shared_with=[used])
    page = client.get(reverse("profiles:advisor_group", args=[used.pk])).content.decode()
    assert "Close this group" not in page
    refused = client.post(reverse("profiles:advisor_group_close", args=[used.pk]), follow=True)
    assert "Profiles are shared with this group, so it stays" in refused.content.decode()
    assert client.post(reverse("profiles:advisor_group_close", args=[group.pk])).status_code == 302
    assert list(AdvisingGroup.objects.values_list("name", flat=True)) == ["In use"]
