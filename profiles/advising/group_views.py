"""Advising groups for advisors: make one, see its join code and members, answer
an invitation, set the name applicants see, and (for its managers) rename it,
invite or remove members and renew the code."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from profiles.advising.access import advisor_required
from profiles.advising.forms import AdvisorNameForm, GroupForm, MemberAddForm
from profiles.advising.groups import (
    GroupInUse,
    LastManager,
    display_name,
    group_create,
    group_delete,
    group_members,
    group_of_member,
    group_renew_code,
    groups_of,
    invitation_accept,
    invitation_decline,
    invitation_of,
    invitations_of,
    member_add,
    member_remove,
)
from profiles.advising.invitations import (
    INVITED,
    InvitationsUsedUp,
    invitation_send,
    invitation_withdraw,
    invitations_accepted,
    invitations_waiting,
)
from profiles.advising.renames import RenamesUsedUp, advisor_rename, group_rename


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@advisor_required
def group_list(request: HttpRequest) -> HttpResponse:
    form = GroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        group = group_create(creator=request.user, **form.cleaned_data)
        messages.success(
            request,
            f"“{group.name}” is ready. Give applicants its code or link; invite colleagues below.",
        )
        return redirect("profiles:advisor_group", pk=group.pk)
    return _groups_page(request, form=form, status=400 if form.errors else 200)


def _groups_page(request, *, form=None, name_form=None, status=200):
    context = {
        "groups": groups_of(request.user),
        "invitations": invitations_of(request.user),
        "form": form or GroupForm(),
        "name_form": name_form or AdvisorNameForm(instance=request.user),
    }
    return render(request, "profiles/advisor/groups.html", context, status=status)


@never_cache
@require_POST
@advisor_required
def my_name(request: HttpRequest) -> HttpResponse:
    """The name applicants read on the consent page, feedback and "who looked"."""
    form = AdvisorNameForm(request.POST, instance=request.user)
    if form.is_valid():
        try:
            advisor_rename(user=request.user, **form.cleaned_data)
        except RenamesUsedUp as refusal:
            form.add_error("first_name", refusal.message)
    if form.errors:
        request.user.refresh_from_db(fields=["first_name", "last_name"])
        return _groups_page(request, name_form=form, status=400)
    messages.success(request, f"Applicants now see you as {display_name(request.user)}.")
    return redirect("profiles:advisor_groups")


@never_cache
@require_POST
@advisor_required
def invitation_answer(request: HttpRequest, pk: int) -> HttpResponse:
    """Join or decline; answered on the caseload (`then=list`), the advisor goes back
    to it, showing the group just joined."""
    group = invitation_of(request.user, pk)
    to_list = request.POST.get("then") == "list"
    if request.POST.get("answer") == "accept":
        invitation_accept(group=group, user=request.user)
        invitations_accepted(group=group, user=request.user)
        messages.success(
            request, f"You are a member of {group.name}: its profiles are in your list."
        )
        if to_list:
            return redirect(f"{reverse('profiles:advisor_list')}?group={group.pk}")
        return redirect("profiles:advisor_group", pk=group.pk)
    invitation_decline(group=group, user=request.user)
    messages.success(request, f"You declined to join {group.name}.")
    return redirect("profiles:advisor_list" if to_list else "profiles:advisor_groups")


def _group_page(request, group, *, edit_form=None, member_form=None, status=200):
    # Invitations a manager sent show as what they typed (`invitations`), never as the
    # account they reached: the page would otherwise say which accounts exist.
    members = [m for m in group_members(group) if m.accepted_at or m.admin_did]
    context = {
        "group": group,
        "members": members,
        "invitations": invitations_waiting(group) if group.i_manage else [],
        "join_url": request.build_absolute_uri(reverse("profiles:join", args=[group.join_code])),
        "edit_form": edit_form or GroupForm(instance=group),
        "member_form": member_form or MemberAddForm(),
    }
    return render(request, "profiles/advisor/group.html", context, status=status)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@advisor_required
def group_detail(request: HttpRequest, pk: int) -> HttpResponse:
    group = group_of_member(request.user, pk)
    if request.method != "POST":
        return _group_page(request, group)
    if not group.i_manage:
        return _not_a_manager(request, group)
    form = GroupForm(request.POST, instance=group)
    if form.is_valid():
        try:
            group_rename(group=group, actor=request.user, **form.cleaned_data)
        except RenamesUsedUp as refusal:
            form.add_error("name", refusal.message)
    if form.errors:
        group.refresh_from_db(fields=["name", "about"])  # the form set what it was given
        return _group_page(request, group, edit_form=form, status=400)
    messages.success(request, "The group's name and description are saved.")
    return redirect("profiles:advisor_group", pk=group.pk)


def _not_a_manager(request, group):
    messages.error(request, "Only the group's managers can change it.")
    return redirect("profiles:advisor_group", pk=group.pk)


@never_cache
@require_POST
@advisor_required
def group_member_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Invite by username or e-mail. The answer is the same whether or not an advisor
    account has what was typed (profiles/advising/invitations.py)."""
    group = group_of_member(request.user, pk)
    if not group.i_manage:
        return _not_a_manager(request, group)
    form = MemberAddForm(request.POST)
    if not form.is_valid():
        return _group_page(request, group, member_form=form, status=400)
    try:
        invitation = invitation_send(
            group=group,
            typed=form.cleaned_data["account"],
            is_manager=form.cleaned_data["is_manager"],
            invited_by=request.user,
        )
    except InvitationsUsedUp as refusal:
        form.add_error("account", refusal.message)
        return _group_page(request, group, member_form=form, status=429)
    messages.success(request, INVITED.format(typed=invitation.typed, group=group.name))
    return redirect("profiles:advisor_group", pk=group.pk)


@never_cache
@require_POST
@advisor_required
def group_member_manager(request: HttpRequest, pk: int, user_id: int) -> HttpResponse:
    """Make a member (one who joined) a manager."""
    group = group_of_member(request.user, pk)
    if not group.i_manage:
        return _not_a_manager(request, group)
    membership = group.memberships.filter(user_id=user_id, accepted_at__isnull=False).first()
    if membership is not None:
        member_add(group=group, user=membership.user, is_manager=True)
        messages.success(
            request, f"{display_name(membership.user)} is now a manager of {group.name}."
        )
    return redirect("profiles:advisor_group", pk=group.pk)


@never_cache
@require_POST
@advisor_required
def group_invitation_withdraw(request: HttpRequest, pk: int, invitation_pk: int) -> HttpResponse:
    group = group_of_member(request.user, pk)
    if not group.i_manage:
        return _not_a_manager(request, group)
    if invitation_withdraw(group=group, pk=invitation_pk):
        messages.success(request, "The invitation is withdrawn.")
    return redirect("profiles:advisor_group", pk=group.pk)


@never_cache
@require_POST
@advisor_required
def group_member_remove(request: HttpRequest, pk: int, user_id: int) -> HttpResponse:
    group = group_of_member(request.user, pk)
    leaving_myself = user_id == request.user.pk
    if not group.i_manage and not leaving_myself:
        return _not_a_manager(request, group)
    if not leaving_myself and not _listed(group, user_id):
        # A waiting invitation a manager sent is withdrawn as what they typed:
        # removing it by account id would tell them whom it reached.
        return redirect("profiles:advisor_group", pk=group.pk)
    try:
        removed = member_remove(group=group, user_id=user_id)
    except LastManager:
        messages.error(
            request, "A group needs a manager: make someone else a manager before this one goes."
        )
        return redirect("profiles:advisor_group", pk=group.pk)
    if leaving_myself:
        messages.success(
            request, f"You left {group.name}; its profiles are no longer in your list."
        )
        return redirect("profiles:advisor_groups")
    if removed:
        messages.success(request, "Removed: they no longer see this group's profiles.")
    return redirect("profiles:advisor_group", pk=group.pk)


def _listed(group, user_id: int) -> bool:
    """Whether the group's page lists this account (as `_group_page` chooses)."""
    memberships = group.memberships.filter(user_id=user_id)
    return memberships.filter(Q(accepted_at__isnull=False) | ~Q(admin_did="")).exists()


@never_cache
@require_POST
@advisor_required
def group_code_renew(request: HttpRequest, pk: int) -> HttpResponse:
    group = group_of_member(request.user, pk)
    if not group.i_manage:
        return _not_a_manager(request, group)
    group_renew_code(group=group)
    messages.success(
        request,
        "The group has a new code and link; the old ones no longer work. Profiles already "
        "shared stay shared.",
    )
    return redirect("profiles:advisor_group", pk=group.pk)


@never_cache
@require_POST
@advisor_required
def group_close(request: HttpRequest, pk: int) -> HttpResponse:
    group = group_of_member(request.user, pk)
    if not group.i_manage:
        return _not_a_manager(request, group)
    try:
        group_delete(group=group)
    except GroupInUse:
        messages.error(
            request,
            "Profiles are shared with this group, so it stays: an admin can close it.",
        )
        return redirect("profiles:advisor_group", pk=group.pk)
    messages.success(request, f"{group.name} is closed.")
    return redirect("profiles:advisor_groups")
