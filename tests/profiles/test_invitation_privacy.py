"""Issue 24, finding 9: the invite form answers the same whether or not an advisor
account has what was typed, never invites a non-advisor (the superuser included), and
each advisor sends at most INVITATIONS_PER_DAY invitations a day."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse

from profiles.advising.invitations import INVITED
from profiles.advising.models import AdvisingGroup, Invitation, Membership
from tests.profiles.factories import as_user, make_advisor

pytestmark = pytest.mark.django_db


@pytest.fixture
def group(django_user_model):
    group = AdvisingGroup.objects.create(name="Cairo mentors")
    manager = make_advisor(django_user_model, "amal", first_name="Amal", last_name="Hassan")
    Membership.objects.create(group=group, user=manager, is_manager=True)
    make_advisor(
        django_user_model, "omar", email="omar@example.com", first_name="Omar", last_name="Farid"
    )
    django_user_model.objects.create_superuser("root", "root@example.com", "pw-long-enough-9")
    django_user_model.objects.create_user("visitor", "visitor@example.com", "pw-long-enough-3")
    group.manager = manager
    return group


def invite(group, typed, **fields):
    url = reverse("profiles:advisor_group_member_add", args=[group.pk])
    return as_user(group.manager).post(url, {"account": typed, **fields}, follow=True)


def answer_and_page(group, typed) -> tuple[int, str, str]:
    """The status, the message and the members' part of the page, with what was typed,
    the invitation's id and the (per-response) CSRF token replaced, so that pages for
    different typings compare."""
    response = invite(group, typed)
    [message] = [str(m) for m in response.context["messages"]]
    body = response.content.decode()
    members = body[body.index('id="members-heading"') : body.index("Invite a colleague")]
    members = re.sub(r"/invitations/\d+/", "/invitations/N/", members.replace(typed, "…"))
    members = re.sub(r'name="csrfmiddlewaretoken" value="\w+"', "csrf", members)
    return response.status_code, message.replace(typed, "…"), members


def test_the_answer_and_the_page_do_not_say_whether_an_account_exists(group):
    seen = {}
    for typed in ("omar", "omar@example.com", "root", "root@example.com", "visitor", "nobody"):
        seen[typed] = answer_and_page(group, typed)
        # Withdrawn again, so every typing meets the same page.
        group.invitations.filter(ended_at=None).update(ended_at=group.created_at)
    assert len(set(seen.values())) == 1, seen
    status, message, members = seen["nobody"]
    assert status == 200 and message == INVITED.format(typed="…", group="Cairo mentors")
    assert "Omar" not in members and "root" not in members


def test_only_advisors_are_invited_never_the_superuser(group, django_user_model):
    for typed in ("omar@example.com", "root", "visitor"):
        invite(group, typed)
    invited = Membership.objects.filter(group=group, accepted_at__isnull=True)
    assert list(invited.values_list("user__username", flat=True)) == ["omar"]
    assert group.invitations.count() == 3  # what the manager typed, every time


def test_the_manager_sees_what_was_typed_not_whom_it_reached(group):
    invite(group, "OMAR@example.com", is_manager="on")
    page = as_user(group.manager).get(reverse("profiles:advisor_group", args=[group.pk]))
    body = page.content.decode()
    assert "“OMAR@example.com”" in body and "as a manager" in body
    assert "Omar Farid" not in body and "invited, not joined yet" not in body


def test_an_invitation_cannot_be_probed_by_account_id(group):
    invite(group, "omar")
    omar = Membership.objects.get(group=group, accepted_at__isnull=True).user
    remove = reverse("profiles:advisor_group_member_remove", args=[group.pk, omar.pk])
    response = as_user(group.manager).post(remove, follow=True)
    assert not list(response.context["messages"])
    assert Membership.objects.filter(group=group, user=omar).exists()


def test_withdrawing_what_was_typed_ends_the_accounts_invitation(group):
    invite(group, "omar@example.com")
    invitation = group.invitations.get()
    url = reverse("profiles:advisor_group_invitation_withdraw", args=[group.pk, invitation.pk])
    assert as_user(group.manager).post(url).status_code == 302
    assert not Membership.objects.filter(group=group, accepted_at__isnull=True).exists()
    invitation.refresh_from_db()
    assert invitation.ended_at is not None


def test_whoever_accepts_appears_by_name(group, django_user_model):
    invite(group, "omar@example.com")
    omar = django_user_model.objects.get(username="omar")
    answer = reverse("profiles:advisor_group_invitation", args=[group.pk])
    assert as_user(omar).post(answer, {"answer": "accept"}).status_code == 302
    page = as_user(group.manager).get(reverse("profiles:advisor_group", args=[group.pk]))
    body = page.content.decode()
    assert "Omar Farid" in body and "“omar@example.com”" not in body


def test_invitations_are_limited_per_advisor_and_day(group, settings):
    settings.INVITATIONS_PER_DAY = 3
    for typed in ("omar", "nobody", "someone"):
        assert invite(group, typed).status_code == 200
    group.invitations.filter(typed="someone").update(ended_at=group.created_at)  # withdrawn
    refused = invite(group, "omar@example.com")
    body = refused.content.decode()
    assert refused.status_code == 429
    assert "You have sent 3 invitations in the last 24 hours" in body
    assert "you can send the next at" in body and "Nothing was sent" in body
    assert group.invitations.count() == 3
    assert Membership.objects.filter(group=group, accepted_at__isnull=True).count() == 1
    # The oldest leaves the last 24 hours: one more may go.
    oldest = group.invitations.order_by("invited_at").first()
    Invitation.objects.filter(pk=oldest.pk).update(
        invited_at=oldest.invited_at - timedelta(hours=24)
    )
    assert invite(group, "omar@example.com").status_code == 200
    assert group.invitations.count() == 4
