"""Advising groups: making them, their members, their join code."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.shortcuts import get_object_or_404

from advisor.accounts.throttle import client_network, throttle_count
from profiles.advising.access import ADVISORS_GROUP
from profiles.advising.models import (
    CODE_ALPHABET,
    CODE_LENGTH,
    AdvisingGroup,
    Membership,
    new_join_code,
)


def display_name(user) -> str:
    """How an advisor is named to applicants and colleagues."""
    if user is None:
        return "(deleted account)"
    return user.get_full_name() or user.get_username()


def join_code_normalised(typed: str) -> str | None:
    """The code in `typed` as stored ("abcd-2345" and "ABCD 2345" are one code), or
    None when it cannot be one (wrong length or a letter no code uses)."""
    code = "".join(ch for ch in typed.upper() if ch not in " -\t")
    if len(code) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in code):
        return None
    return code


def code_lookup_allowed(*, address: str | None) -> bool:
    """Codes are looked up at most JOIN_CODE_LOOKUPS_PER_ADDRESS times an hour from
    one network: a code shows a group's name and members, so guessing is kept slow."""
    return throttle_count(
        key=f"join-code-from:{client_network(address)}",
        limit=settings.JOIN_CODE_LOOKUPS_PER_ADDRESS,
        window=timedelta(hours=1),
    )


def group_by_code(code: str) -> AdvisingGroup | None:
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


def member_add(*, group: AdvisingGroup, user, is_manager: bool = False) -> Membership:
    membership, created = Membership.objects.get_or_create(
        group=group, user=user, defaults={"is_manager": is_manager}
    )
    if not created and is_manager and not membership.is_manager:
        membership.is_manager = True
        membership.save(update_fields=["is_manager"])
    return membership


class LastManager(Exception):
    """A group must keep someone who can manage it."""


@transaction.atomic
def member_remove(*, group: AdvisingGroup, user_id: int) -> None:
    memberships = Membership.objects.select_for_update().filter(group=group)
    leaving = memberships.filter(user_id=user_id).first()
    if leaving is None:
        return
    if leaving.is_manager and not memberships.filter(is_manager=True).exclude(pk=leaving.pk):
        raise LastManager
    leaving.delete()


def groups_of(user) -> list[AdvisingGroup]:
    """The user's groups with their member and profile counts, and whether the user
    manages each: one query."""
    mine = Membership.objects.filter(group=OuterRef("pk"), user=user)
    return list(
        AdvisingGroup.objects.filter(memberships__user=user)
        .annotate(
            member_count=Count("memberships", distinct=True),
            profile_count=Count("shares", distinct=True),
            i_manage=Exists(mine.filter(is_manager=True)),
        )
        .order_by("name", "pk")
    )


def group_of_member(user, pk: int) -> AdvisingGroup:
    """One of the user's groups, with `i_manage`, or 404 (another group's page
    says nothing, not even that it exists)."""
    mine = Membership.objects.filter(group=OuterRef("pk"), user=user)
    return get_object_or_404(
        AdvisingGroup.objects.filter(Exists(mine)).annotate(
            i_manage=Exists(mine.filter(is_manager=True))
        ),
        pk=pk,
    )


def group_members(group: AdvisingGroup) -> list[Membership]:
    return list(
        group.memberships.select_related("user").order_by(
            "-is_manager", "user__first_name", "user__username"
        )
    )


def advisor_account(identifier: str):
    """The advisor account with this username or e-mail, or None."""
    identifier = identifier.strip()
    if not identifier:
        return None
    users = get_user_model().objects.filter(
        Q(username=identifier) | Q(email__iexact=identifier), is_active=True
    )
    users = users.filter(Q(is_superuser=True) | Q(groups__name=ADVISORS_GROUP)).distinct()
    found = list(users[:2])
    return found[0] if len(found) == 1 else None
