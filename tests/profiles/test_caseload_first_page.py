"""The caseload as a new advisor first meets it: invitations to answer there, an
empty list that says why and what to do, and rows whose cells carry their column's
name for the phone's cards."""

import re

import pytest
from django.urls import reverse

from profiles.advising.groups import member_add
from profiles.advising.models import AdvisingGroup, Membership
from profiles.advising.tables import COLUMNS, sort_choices
from tests.profiles.factories import as_user, default_group, make_advisor, make_profile

pytestmark = pytest.mark.django_db
LIST = reverse("profiles:advisor_list")


@pytest.fixture
def newcomer(django_user_model):
    """An advisor in no group, invited to one by its manager."""
    manager = make_advisor(django_user_model, "mo", first_name="Mo", last_name="Said")
    group = AdvisingGroup.objects.create(name="Cairo mentors")
    member_add(group=group, user=manager, is_manager=True)
    make_profile(name="Uma Urgent", shared_with=[group])
    user = make_advisor(django_user_model, "nia", email="nia@example.com")
    member_add(group=group, user=user, invited_by=manager)
    return user


def test_an_invitation_is_on_the_first_page_and_joining_shows_its_profiles(newcomer):
    client = as_user(newcomer)
    body = client.get(LIST).content.decode()
    assert "You are invited to join a group" in body
    assert "Cairo mentors" in body and "from Mo Said" in body
    assert "No shared profiles match these filters" not in body
    assert "Join the group that invited you, above" in body
    group = AdvisingGroup.objects.get(name="Cairo mentors")
    answer = reverse("profiles:advisor_group_invitation", args=[group.pk])
    assert f'action="{answer}"' in body and 'name="then" value="list"' in body
    joined = client.post(answer, {"answer": "accept", "then": "list"})
    assert joined.status_code == 302 and joined.url == f"{LIST}?group={group.pk}"
    after = client.get(joined.url).content.decode()
    assert "Uma Urgent" in after and "You are a member of Cairo mentors" in after
    assert "You are invited" not in after


def test_an_invitation_declined_from_the_list_goes_back_to_it(newcomer):
    client = as_user(newcomer)
    group = AdvisingGroup.objects.get(name="Cairo mentors")
    answer = reverse("profiles:advisor_group_invitation", args=[group.pk])
    declined = client.post(answer, {"answer": "decline", "then": "list"})
    assert declined.url == LIST
    assert not Membership.objects.filter(user=newcomer).exists()
    body = client.get(LIST).content.decode()
    assert "You declined to join Cairo mentors" in body
    assert "ask a colleague who manages a group to invite you" in body and "nia@example.com" in body


def test_answering_on_my_groups_still_goes_to_the_group(newcomer):
    client = as_user(newcomer)
    group = AdvisingGroup.objects.get(name="Cairo mentors")
    answer = reverse("profiles:advisor_group_invitation", args=[group.pk])
    joined = client.post(answer, {"answer": "accept"})
    assert joined.url == reverse("profiles:advisor_group", args=[group.pk])


def test_a_member_with_an_invitation_sees_both(advisor_client, advisor, django_user_model):
    make_profile(name="Tia Test", shared=True)
    other = AdvisingGroup.objects.create(name="Lagos circle")
    member_add(group=other, user=advisor, invited_by=None)
    Membership.objects.filter(group=other).update(accepted_at=None)
    body = advisor_client.get(LIST).content.decode()
    assert "Tia Test" in body and "Lagos circle" in body and "You are invited" in body
    # The htmx fragment (filters, paging) is the results alone.
    fragment = advisor_client.get(LIST, {"q": "tia"}, HTTP_HX_REQUEST="true").content.decode()
    assert "Tia Test" in fragment and "You are invited" not in fragment


def test_an_empty_group_says_how_profiles_reach_it(advisor_client):
    body = advisor_client.get(LIST).content.decode()
    assert "No profiles are shared with Test advising group yet." in body
    assert reverse("profiles:advisor_group", args=[default_group().pk]) in body
    filtered = advisor_client.get(LIST, {"q": "nobody"}).content.decode()
    assert "No shared profiles match these filters." in filtered and "clear them all" in filtered


def test_every_cell_is_named_for_the_phone_by_its_column(advisor_client):
    make_profile(name="Tia Test", shared=True)
    body = advisor_client.get(LIST).content.decode()
    row = re.search(r'<tr role="row" id="case-\d+">(.*?)</tr>', body, re.S).group(1)
    labels = re.findall(r'<td role="cell"[^>]* data-label="([^"]+)"', row)
    assert labels == [column.header for column in COLUMNS]
    assert "caseload.css" in body


def test_the_phone_sort_menu_offers_every_sort_and_keeps_the_filters(advisor_client):
    make_profile(name="Tia Test", shared=True)
    assert [value for value, _ in sort_choices()] == [
        key for column in COLUMNS for key in (column.key, f"-{column.key}")
    ]
    body = advisor_client.get(LIST, {"notes": "without", "sort": "-readiness"}).content.decode()
    menu = re.search(r'<form[^>]*class="caseload-sort[^"]*">(.*?)</form>', body, re.S).group(1)
    assert '<input type="hidden" name="notes" value="without">' in menu
    assert '<option value="-readiness" selected>Readiness, highest first</option>' in menu
