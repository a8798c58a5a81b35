"""Profiles, advising groups and advisors for tests, made the way the site makes
them (through the services)."""

from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from advisor.models import Specialty
from profiles.advising.access import ADVISORS_GROUP
from profiles.advising.groups import member_add
from profiles.advising.models import AdvisingGroup
from profiles.advising.sharing import share_with_group
from profiles.services import profile_create

TEST_GROUP = "Test advising group"


def default_group() -> AdvisingGroup:
    """The group `make_profile(shared=True)` shares with, and the `advisor` fixture's."""
    group = AdvisingGroup.objects.filter(name=TEST_GROUP).first()
    return group or AdvisingGroup.objects.create(name=TEST_GROUP)


def make_profile(*, shared: bool = False, shared_with=(), **answers):
    """A profile from these answers; `shared=True` shares it with the test group,
    `shared_with` with the groups given."""
    defaults = {
        "specialty": Specialty.objects.get(slug=answers.pop("specialty", "internal-medicine")),
        "graduation_year": 2025,
    }
    profile = profile_create(answers={**defaults, **answers})
    for group in ([default_group()] if shared else []) + list(shared_with):
        share_with_group(profile=profile, group=group)
    return profile


def make_advisor(django_user_model, username: str, *, groups=(), **fields):
    """An advisor account, a member of `groups`."""
    fields.setdefault("password", "pw-long-enough-1")
    user = django_user_model.objects.create_user(username, **fields)
    user.groups.add(Group.objects.get(name=ADVISORS_GROUP))
    for group in groups:
        member_add(group=group, user=user)
    return user


def share_by_code(client, profile, group):
    """Share `profile` with `group` as its owner does: the code, then consent."""
    url = reverse("profiles:share", args=[profile.token])
    response = client.post(url, {"code": group.join_code})
    assert response.status_code == 302, response.content.decode()[:500]
    return response


def as_user(user) -> Client:
    """A test client logged in as `user`, beside the default one."""
    client = Client()
    client.force_login(user)
    return client
