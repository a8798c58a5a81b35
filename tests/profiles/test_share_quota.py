"""Issue 24, finding 9: one address knowing a group's code could add 60 made-up
profiles an hour to its list, kept for as long as they stay shared. New shares into
a group from one network are now limited per day (SHARES_PER_ADDRESS_PER_DAY)."""

from datetime import timedelta

import pytest
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from advisor.accounts.models import ThrottleCount
from profiles.advising.models import AdvisingGroup, GroupShare
from tests.profiles.factories import make_profile, share_by_code

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("three_a_day")]


@pytest.fixture
def three_a_day():
    with override_settings(SHARES_PER_ADDRESS_PER_DAY=3):
        yield


@pytest.fixture
def group():
    return AdvisingGroup.objects.create(name="Cairo mentors")


def share(client: Client, profile, group):
    return client.post(reverse("profiles:share", args=[profile.token]), {"code": group.join_code})


def test_a_network_shares_a_few_new_profiles_a_day_with_one_group(client, group):
    shared = [make_profile() for _ in range(3)]
    for profile in shared:
        share_by_code(client, profile, group)
    late = make_profile()
    refused = share(client, late, group)
    body = refused.content.decode()
    assert refused.status_code == 429
    assert "3 profiles were shared with Cairo mentors from your network in the last day" in body
    assert "Nothing was shared" in body
    assert not late.shares.exists() and group.shares.count() == 3
    # Sharing again what is shared counts nothing and still works.
    assert share(client, shared[0], group).status_code == 302
    assert GroupShare.objects.filter(group=group).count() == 3


def test_other_groups_and_other_networks_have_their_own_count(client, group):
    for _ in range(3):
        share_by_code(client, make_profile(), group)
    other_group = AdvisingGroup.objects.create(name="Lagos mentors")
    share_by_code(client, make_profile(), other_group)
    elsewhere = Client(REMOTE_ADDR="198.51.100.7")
    share_by_code(elsewhere, make_profile(), group)
    assert group.shares.count() == 4 and other_group.shares.count() == 1


def test_the_count_ends_with_its_day(client, group):
    for _ in range(3):
        share_by_code(client, make_profile(), group)
    assert share(client, make_profile(), group).status_code == 429
    ThrottleCount.objects.update(window_ends=timezone.now() - timedelta(seconds=1))
    assert share(client, make_profile(), group).status_code == 302


def test_a_refused_share_writes_nothing(client, group):
    for _ in range(3):
        share_by_code(client, make_profile(), group)
    rows = ThrottleCount.objects.count()
    for _ in range(5):
        assert share(client, make_profile(), group).status_code == 429
    assert ThrottleCount.objects.count() == rows and group.shares.count() == 3
