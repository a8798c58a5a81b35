"""Telling applicants when a name they consented under changes: a group renamed, an
advisor of the group giving another name, or a member added by an admin.

Each change writes one entry to the access record of every profile shared with the
groups concerned ("who has seen your profile" on the applicant's page), in a single
INSERT ... SELECT: a rename costs one statement however many profiles are shared,
and no row passes through Python. Names may change RENAMES_PER_DAY times a day."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models import CharField, DateTimeField, F, IntegerField, QuerySet, Value
from django.utils import timezone

from advisor.accounts.throttle import throttle_count
from profiles.advising.groups import display_name, group_update
from profiles.advising.models import AccessEvent, AdvisingGroup, GroupShare, Membership

Action = AccessEvent.Action
RENAMES_USED_UP = (
    "This name has changed {limit} times in the last day, the most allowed (applicants "
    "who share are told of each change): try again tomorrow."
)
# Two names and some words in AccessEvent.actor_name (150 characters).
NAME_ROOM = 55


class RenamesUsedUp(Exception):
    """The name changed RENAMES_PER_DAY times in the last day."""

    @property
    def message(self) -> str:
        return RENAMES_USED_UP.format(limit=settings.RENAMES_PER_DAY)


@transaction.atomic
def group_rename(*, group: AdvisingGroup, name: str, about: str, actor) -> None:
    """Save the group's name and description; a new name is told to the applicants
    who share with the group. Raises RenamesUsedUp, saving nothing, past the limit."""
    old_name = AdvisingGroup.objects.values_list("name", flat=True).get(pk=group.pk)
    if name.strip() != old_name and not rename_allowed(group=group):
        raise RenamesUsedUp
    group_update(group=group, name=name, about=about)
    group_renamed(group=group, old_name=old_name, actor=actor)


@transaction.atomic
def advisor_rename(*, user, first_name: str, last_name: str) -> None:
    """Save the name applicants see for `user`; a new one is told to the applicants
    who share with the user's groups. Raises RenamesUsedUp, saving nothing, past the
    limit."""
    old_name = display_name(get_user_model().objects.get(pk=user.pk))
    user.first_name, user.last_name = first_name.strip(), last_name.strip()
    if display_name(user) != old_name and not rename_allowed(user=user):
        raise RenamesUsedUp
    user.save(update_fields=["first_name", "last_name"])
    advisor_renamed(user=user, old_name=old_name)


def rename_allowed(*, group: AdvisingGroup | None = None, user=None) -> bool:
    """Count one change of the group's or the user's name; False, counting nothing,
    past RENAMES_PER_DAY in a day."""
    key = f"rename-group:{group.pk}" if group is not None else f"rename-advisor:{user.pk}"
    return throttle_count(key=key, limit=settings.RENAMES_PER_DAY, window=timedelta(days=1))


def group_renamed(*, group: AdvisingGroup, old_name: str, actor) -> int:
    """`group` is now called `group.name`: each applicant sharing with it is told."""
    if old_name == group.name:
        return 0
    text = f"the group “{_clip(old_name)}” is now called “{_clip(group.name)}”"
    return _record_for_shares(
        GroupShare.objects.filter(group=group), action=Action.RENAMED, actor=actor, text=text
    )


def advisor_renamed(*, user, old_name: str) -> int:
    """`user` gave another name: each applicant sharing with a group they are an
    accepted member of is told, once per group (the entry names the group)."""
    new_name = display_name(user)
    if old_name == new_name:
        return 0
    joined = Membership.objects.filter(user=user, accepted_at__isnull=False)
    shares = GroupShare.objects.filter(group__in=joined.values("group_id"))
    text = f"the advisor “{_clip(old_name)}” is now called “{_clip(new_name)}”"
    return _record_for_shares(shares, action=Action.RENAMED, actor=user, text=text)


def member_added_by_admin(*, membership: Membership, admin) -> int:
    """An admin invited `membership.user` to the group in the Django admin: each
    applicant sharing with the group is told who, and by whom."""
    text = f"{_clip(display_name(admin))}, an admin, invited {_clip(display_name(membership.user))}"
    shares = GroupShare.objects.filter(group_id=membership.group_id)
    return _record_for_shares(shares, action=Action.ADMIN_ADDED, actor=admin, text=text)


def _record_for_shares(shares: QuerySet[GroupShare], *, action: str, actor, text: str) -> int:
    """One access-record entry per share in `shares`, in one statement. Columns this
    does not name (counts the record may grow) take their field's default."""
    given = {
        "at": Value(timezone.now(), output_field=DateTimeField()),
        "profile": F("profile_id"),
        "action": Value(action, output_field=CharField()),
        "actor": Value(actor.pk if actor else None, output_field=IntegerField()),
        "actor_name": Value(text, output_field=CharField()),
        "group": F("group_id"),
        "group_name": F("group__name"),
    }
    fields = [field for field in AccessEvent._meta.concrete_fields if not field.primary_key]
    selected = {
        f"record_{field.name}": given.get(field.name)
        or Value(field.get_default(), output_field=field)
        for field in fields
    }
    rows = shares.order_by().annotate(**selected).values_list(*selected)
    select, params = rows.query.sql_with_params()
    table = connection.ops.quote_name(AccessEvent._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {table} ({columns}) {select}", params)
        return cursor.rowcount


def _clip(name: str) -> str:
    return name if len(name) <= NAME_ROOM else name[: NAME_ROOM - 1] + "…"
