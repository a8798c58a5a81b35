"""What an applicant shares, and with whom: advising groups (by their code) and
read-only links for one person. Every change moves the profile's version on, so
a page opened before it cannot silently undo it."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.shortcuts import get_object_or_404
from django.utils import timezone

from advisor.accounts.throttle import client_network, throttle_count
from profiles.advising.access_record import access_record_sharing
from profiles.advising.cases import case_notes_refresh, cases_refresh
from profiles.advising.groups import display_name
from profiles.advising.models import AdvisingGroup, GroupShare, ReadOnlyLink
from profiles.models import Profile


class TooManySharesToday(Exception):
    """SHARES_PER_ADDRESS_PER_DAY new shares came into the group from the network in
    the last day. Profiles are kept while shared, so anyone who knows a group's code
    could otherwise fill its list with up to PROFILES_PER_ADDRESS made-up ones an hour."""


class TooManyLinks(Exception):
    """The profile already has READ_ONLY_LINKS_PER_PROFILE live links."""


class TooManyLinksToday(Exception):
    """The profile made READ_ONLY_LINKS_PER_DAY links in the last day: each link
    opened adds to the access record, so making and revoking links without end
    would grow it without end."""


def _version_moves_on(profile: Profile) -> None:
    Profile.objects.filter(pk=profile.pk).update(
        version=F("version") + 1, updated_at=timezone.now()
    )
    profile.refresh_from_db(fields=["version", "updated_at"])
    cases_refresh(profile_ids=[profile.pk])


@transaction.atomic
def share_with_group(*, profile: Profile, group: AdvisingGroup) -> GroupShare:
    share, created = GroupShare.objects.get_or_create(profile=profile, group=group)
    if created:
        _version_moves_on(profile)  # which copies the profile into the new share too
        # Shared with the group before: the notes it wrote then are its again.
        case_notes_refresh(profile_id=profile.pk, group_id=group.pk)
        access_record_sharing(profile=profile, group=group, shared=True)
    return share


@transaction.atomic
def share_asked_for(*, profile: Profile, group: AdvisingGroup, address: str | None) -> GroupShare:
    """The applicant's own share, asked for from `address`: a new one counts against
    the network's daily quota for this group (TooManySharesToday once it is used up);
    sharing again what is already shared counts nothing."""
    existing = GroupShare.objects.filter(profile=profile, group=group).first()
    if existing is not None:
        return existing
    if not throttle_count(
        key=f"shares-into:{group.pk}:from:{client_network(address)}",
        limit=settings.SHARES_PER_ADDRESS_PER_DAY,
        window=timedelta(days=1),
    ):
        raise TooManySharesToday
    return share_with_group(profile=profile, group=group)


@transaction.atomic
def share_withdraw(*, profile: Profile, share_id: int) -> AdvisingGroup | None:
    """Stop sharing with one group: its members lose the profile at once (their
    list, export, summary and the profile's page all go through the share).
    Returns the group, or None when there was no such share."""
    share = GroupShare.objects.select_related("group").filter(pk=share_id, profile=profile).first()
    if share is None:
        return None
    share.delete()
    _version_moves_on(profile)
    access_record_sharing(profile=profile, group=share.group, shared=False)
    return share.group


def profile_shares(profile: Profile) -> list[GroupShare]:
    return list(profile.shares.select_related("group").order_by("shared_at", "pk"))


def consent_details(group: AdvisingGroup) -> dict:
    """What the consent screen names: the group, who is in it."""
    members = (
        group.memberships.filter(accepted_at__isnull=False)
        .select_related("user")
        .order_by("user__first_name", "user__last_name", "user__pk")
    )
    return {"group": group, "members": [display_name(m.user) for m in members]}


@transaction.atomic
def read_only_link_create(*, profile: Profile, label: str) -> ReadOnlyLink:
    # The row lock makes two tabs count one after the other.
    Profile.objects.select_for_update().filter(pk=profile.pk).first()
    now = timezone.now()
    live = profile.read_only_links.filter(expires_at__gt=now)
    if live.count() >= settings.READ_ONLY_LINKS_PER_PROFILE:
        raise TooManyLinks
    if not throttle_count(
        key=f"read-only-links-for:{profile.pk}",
        limit=settings.READ_ONLY_LINKS_PER_DAY,
        window=timedelta(days=1),
    ):
        raise TooManyLinksToday
    link = ReadOnlyLink.objects.create(
        profile=profile,
        label=label.strip(),
        expires_at=now + timedelta(days=settings.READ_ONLY_LINK_DAYS),
    )
    _version_moves_on(profile)
    return link


@transaction.atomic
def read_only_link_revoke(*, profile: Profile, link_id: int) -> ReadOnlyLink | None:
    link = ReadOnlyLink.objects.filter(pk=link_id, profile=profile).first()
    if link is None:
        return None
    link.delete()
    _version_moves_on(profile)
    return link


def live_read_only_links(profile: Profile) -> list[ReadOnlyLink]:
    return list(profile.read_only_links.filter(expires_at__gt=timezone.now()))


def read_only_link_by_token(token: str) -> ReadOnlyLink:
    """A live read-only link and its profile, or 404 (expired links say nothing more)."""
    return get_object_or_404(
        ReadOnlyLink.objects.select_related("profile__specialty", "profile__stored_advice"),
        token=token,
        expires_at__gt=timezone.now(),
    )
