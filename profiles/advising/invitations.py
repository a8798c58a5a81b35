"""A manager inviting a colleague: one answer whether or not an advisor account has
what was typed, and at most INVITATIONS_PER_DAY invitations a day per manager.

The manager's side of an invitation is an `Invitation` (what they typed), written in
every case; the account's side, when an advisor account has that username or e-mail,
is a Membership waiting for its answer. The group's page lists the typed rows, never
the waiting memberships, so nothing on it changes with the account's existence: the
manager learns who it reached only if that person joins. A decline is not shown
either (the row waits until the manager withdraws it)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from profiles.advising.groups import advisor_account, member_add
from profiles.advising.models import AdvisingGroup, Invitation, Membership

DAY = timedelta(hours=24)
INVITED = (
    "If an advisor account has the username or e-mail “{typed}”, it now has an "
    "invitation to {group}: they join (and applicants see their name) once they accept "
    "on their “My groups” page."
)
USED_UP = (
    "You have sent {limit} invitations in the last 24 hours, the most a day: you can "
    "send the next at {next_at:%H:%M} on {next_at.day} {next_at:%B} ({zone}). Nothing was sent."
)


class InvitationsUsedUp(Exception):
    """The manager sent INVITATIONS_PER_DAY invitations in the last 24 hours."""

    def __init__(self, next_at: datetime):
        super().__init__(next_at)
        self.next_at = next_at

    @property
    def message(self) -> str:
        next_at = timezone.localtime(self.next_at)
        return USED_UP.format(
            limit=settings.INVITATIONS_PER_DAY, next_at=next_at, zone=next_at.tzname()
        )


@transaction.atomic
def invitation_send(
    *, group: AdvisingGroup, typed: str, is_manager: bool, invited_by
) -> Invitation:
    """Invite whoever has the username or e-mail `typed`, if an advisor account does.

    Everything the manager can observe is the same either way: the typed row is
    written, the day's count goes up by one, the answer is `INVITED`. An account
    already in the group is left as it is (a manager is made with "Make manager").
    Raises InvitationsUsedUp, writing nothing, past the day's limit."""
    now = timezone.now()
    # The inviter's row lock makes two requests at once count one after the other.
    get_user_model().objects.select_for_update().filter(pk=invited_by.pk).first()
    mine = Invitation.objects.filter(invited_by=invited_by)
    mine.filter(ended_at__isnull=False, invited_at__lte=now - DAY).delete()  # counted out
    today = mine.filter(invited_at__gt=now - DAY).order_by("invited_at")
    if today.count() >= settings.INVITATIONS_PER_DAY:
        raise InvitationsUsedUp(today.values_list("invited_at", flat=True)[0] + DAY)
    invitation = Invitation.objects.create(
        group=group, typed=typed, is_manager=is_manager, invited_by=invited_by, invited_at=now
    )
    account = advisor_account(typed)
    if account is not None:
        existing = Membership.objects.filter(group=group, user=account).first()
        if existing is None or existing.accepted_at is None:
            member_add(group=group, user=account, is_manager=is_manager, invited_by=invited_by)
    return invitation


def invitations_waiting(group: AdvisingGroup) -> list[Invitation]:
    """The group's invitations as their managers see them: what was typed."""
    waiting = group.invitations.filter(ended_at__isnull=True).select_related("invited_by")
    return list(waiting.order_by("-invited_at", "-pk"))


@transaction.atomic
def invitation_withdraw(*, group: AdvisingGroup, pk: int) -> bool:
    """End a waiting invitation and the account's side of it, if there is one."""
    invitation = group.invitations.select_for_update().filter(pk=pk, ended_at=None).first()
    if invitation is None:
        return False
    invitation.ended_at = timezone.now()
    invitation.save(update_fields=["ended_at"])
    account = advisor_account(invitation.typed)
    if account is not None:
        # An invitation an admin made is the admin's to withdraw (profiles/admin.py).
        Membership.objects.filter(
            group=group, user=account, accepted_at__isnull=True, admin_did=""
        ).delete()
    return True


def invitations_accepted(*, group: AdvisingGroup, user) -> None:
    """`user` joined: the typed rows that reached them stop waiting (the member list
    now shows them, by their own choice)."""
    reached = Q(typed=user.get_username())
    if user.email:
        reached |= Q(typed__iexact=user.email)
    group.invitations.filter(reached, ended_at__isnull=True).update(ended_at=timezone.now())
