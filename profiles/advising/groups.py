"""Advising groups: making them, their members, their join code."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone

from profiles.advising.access import ADVISORS_GROUP
from profiles.advising.models import (
    CODE_ALPHABET,
    CODE_LENGTH,
    AdvisingGroup,
    GroupShare,
    Membership,
    new_join_code,
)

NO_NAME = "An advisor who has not given a name"


def display_name(user) -> str:
    """How an advisor is named to applicants and colleagues: never the username, which
    is half of what logs in."""
    if user is None:
        return "A former advisor"
    return user.get_full_name() or NO_NAME


def join_code_normalised(typed: str) -> str | None:
    """The code in `typed` as stored ("abcd-2345" and "ABCD 2345" are one code), or
    None when it cannot be one (wrong length or a letter no code uses)."""
    if not typed.isascii():
        return None  # upper-casing "ß" would make "SS": no code has such letters
    code = "".join(ch for ch in typed.upper() if ch not in " -\t")
    if len(code) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in code):
        return None
    return code


def group_by_code(code: str) -> AdvisingGroup | None:
    """The group with this stored code; typed codes go through join_codes.py, which
    counts the misses."""
    return AdvisingGroup.objects.filter(join_code=code).first()


@transaction.atomic
def group_create(*, name: str, about: str, creator) -> AdvisingGroup:
    """A new group with its creator as its first manager."""
    group = AdvisingGroup.objects.create(name=name.strip(), about=about.strip(), created_by=creator)
    Membership.objects.create(group=group, user=creator, is_manager=True)
    return group


def group_update(*, group: AdvisingGroup, name: str, about: str) -> None:
    group.name, group.about = name.strip(), about.strip()
    group.save(update_fields=["name", "about"])


def group_renew_code(*, group: AdvisingGroup) -> str:
    """A new join code; the old one stops working. Shares made with it stay."""
    group.join_code = new_join_code()
    group.save(update_fields=["join_code"])
    return group.join_code


def member_add(
    *, group: AdvisingGroup, user, is_manager: bool = False, invited_by=None
) -> Membership:
    """A member at once (an admin's or the site's own doing), or, with `invited_by`,
    an invitation the advisor accepts or declines: nobody is shown to applicants as
    a member of a group they did not agree to join."""
    membership, created = Membership.objects.get_or_create(
        group=group,
        user=user,
        defaults={
            "is_manager": is_manager,
            "invited_by": invited_by,
            "accepted_at": None if invited_by else timezone.now(),
        },
    )
    if not created and is_manager and not membership.is_manager:
        membership.is_manager = True
        membership.save(update_fields=["is_manager"])
    return membership


def invitation_accept(*, group: AdvisingGroup, user) -> None:
    Membership.objects.filter(group=group, user=user, accepted_at__isnull=True).update(
        accepted_at=timezone.now()
    )


def invitation_decline(*, group: AdvisingGroup, user) -> None:
    Membership.objects.filter(group=group, user=user, accepted_at__isnull=True).delete()


def invitations_of(user) -> list[Membership]:
    return list(
        Membership.objects.filter(user=user, accepted_at__isnull=True)
        .select_related("group", "invited_by")
        .order_by("-added_at")
    )


def invitation_of(user, pk: int) -> AdvisingGroup:
    """A group that invited the user and is waiting for an answer, or 404."""
    waiting = Membership.objects.filter(group=OuterRef("pk"), user=user, accepted_at__isnull=True)
    return get_object_or_404(AdvisingGroup.objects.filter(Exists(waiting)), pk=pk)


class LastManager(Exception):
    """A group must keep someone who can manage it."""


@transaction.atomic
def member_remove(*, group: AdvisingGroup, user_id: int) -> bool:
    """Whether someone left (an accepted member, or an invitation withdrawn)."""
    memberships = Membership.objects.select_for_update().filter(group=group)
    leaving = memberships.filter(user_id=user_id).first()
    if leaving is None:
        return False
    managers = memberships.filter(is_manager=True, accepted_at__isnull=False)
    if leaving.is_manager and leaving.accepted_at and not managers.exclude(pk=leaving.pk):
        raise LastManager
    leaving.delete()
    return True


def groups_of(user) -> list[AdvisingGroup]:
    """The user's groups with their member and profile counts, and whether the user
    manages each: one query."""
    mine = Membership.objects.filter(group=OuterRef("pk"), user=user, accepted_at__isnull=False)
    members = Membership.objects.filter(group=OuterRef("pk"), accepted_at__isnull=False)
    shares = GroupShare.objects.filter(group=OuterRef("pk"))
    return list(
        AdvisingGroup.objects.filter(Exists(mine))
        .annotate(
            member_count=_count(members),
            profile_count=_count(shares),
            i_manage=Exists(mine.filter(is_manager=True)),
        )
        .order_by("name", "pk")
    )


def group_choices_of(user) -> list[tuple[str, str]]:
    """(id, name) of the user's groups, for the caseload's group filter."""
    mine = Membership.objects.filter(user=user, accepted_at__isnull=False)
    groups = AdvisingGroup.objects.filter(pk__in=mine.values("group_id")).order_by("name", "pk")
    return [(str(pk), name) for pk, name in groups.values_list("pk", "name")]


def _count(rows) -> Coalesce:
    # A subquery per group, not a join of members with shares (their product).
    counted = rows.order_by().values("group").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted), 0)


def group_of_member(user, pk: int) -> AdvisingGroup:
    """One of the user's groups, with `i_manage`, or 404 (another group's page
    says nothing, not even that it exists)."""
    mine = Membership.objects.filter(group=OuterRef("pk"), user=user, accepted_at__isnull=False)
    shares = GroupShare.objects.filter(group=OuterRef("pk"))
    return get_object_or_404(
        AdvisingGroup.objects.filter(Exists(mine)).annotate(
            i_manage=Exists(mine.filter(is_manager=True)), has_profiles=Exists(shares)
        ),
        pk=pk,
    )


class GroupInUse(Exception):
    """Profiles are shared with the group: closing it is their applicants' business."""


@transaction.atomic
def group_delete(*, group: AdvisingGroup) -> None:
    """Close a group nobody has shared with (one made by mistake, say). One with shared
    profiles stays: its applicants chose it, and an admin closes it if it must go."""
    locked = AdvisingGroup.objects.select_for_update().get(pk=group.pk)
    if locked.shares.exists():
        raise GroupInUse
    locked.delete()


def group_members(group: AdvisingGroup) -> list[Membership]:
    return list(
        group.memberships.select_related("user").order_by(
            "-is_manager", "user__first_name", "user__username"
        )
    )


def advisor_account(identifier: str):
    """The advisor account with this username or e-mail, or None. A superuser without
    the Advisors group is no advisor here: nobody can invite the admin's account."""
    identifier = identifier.strip()
    if not identifier:
        return None
    users = get_user_model().objects.filter(
        Q(username=identifier) | Q(email__iexact=identifier), is_active=True
    )
    users = users.filter(groups__name=ADVISORS_GROUP).distinct()
    found = list(users[:2])
    return found[0] if len(found) == 1 else None
