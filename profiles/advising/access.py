"""Who may use the advisor pages, and which profiles each advisor may see.

An advisor account (a member of the Django group "Advisors", or a superuser)
opens the advisor area; what it shows is only what applicants shared with the
advising groups the advisor belongs to. A superuser is no exception: the admin
reviews the access record, not the profiles.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, QuerySet
from django.shortcuts import get_object_or_404

from profiles.advising.models import GroupShare, Membership
from profiles.models import Profile

ADVISORS_GROUP = "Advisors"


def is_advisor(user) -> bool:
    if not user.is_authenticated:
        return False
    return user.is_superuser or user.groups.filter(name=ADVISORS_GROUP).exists()


def advisor_required(view):
    """Anonymous visitors go to the login page; other logged-in users get a 403."""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_advisor(request.user):
            raise PermissionDenied("Advisor pages are for advisors.")
        return view(request, *args, **kwargs)

    return guarded


def my_group_ids(user) -> QuerySet:
    """The ids of the user's advising groups (invitations not yet accepted are not),
    as a subquery."""
    return Membership.objects.filter(user=user, accepted_at__isnull=False).values("group_id")


def shares_visible_to(user) -> QuerySet[GroupShare]:
    return GroupShare.objects.filter(group_id__in=my_group_ids(user))


def caseload(user) -> QuerySet[Profile]:
    """Every profile shared with one of the user's groups, once each."""
    return Profile.objects.filter(Exists(shares_visible_to(user).filter(profile=OuterRef("pk"))))


def caseload_profile(user, pk: int) -> Profile:
    """A profile in the user's caseload, or 404 whether it exists or not."""
    return get_object_or_404(
        caseload(user).select_related("specialty", "weighting_version", "stored_advice"), pk=pk
    )


def my_shares_of(user, profile: Profile) -> list[GroupShare]:
    """The shares through which the user sees `profile`, by group name."""
    return list(
        shares_visible_to(user)
        .filter(profile=profile)
        .select_related("group")
        .order_by("group__name", "group_id")
    )
