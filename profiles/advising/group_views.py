"""Advising groups for advisors: make one, see its join code and members, answer
an invitation, set the name applicants see, and (for its managers) rename it,
invite or remove members and renew the code."""

from __future__ import annotations

from django.contrib import messages
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
    advisor_account,
    display_name,
    group_create,
    group_delete,
    group_members,
    group_of_member,
    group_renew_code,
    group_update,
    groups_of,
    invitation_accept,
    invitation_decline,
    invitation_of,
    invitations_of,
    member_add,
    member_remove,
)


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
    if not form.is_valid():
        return _groups_page(request, name_form=form, status=400)
    form.save()
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
    context = {
        "group": group,
        "members": group_members(group),
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
    if not form.is_valid():
        group.refresh_from_db(fields=["name", "about"])  # the form set what it was given
        return _group_page(request, group, edit_form=form, status=400)
    group_update(group=group, **form.cleaned_data)
    messages.success(request, "The group's name and description are saved.")
    return redirect("profiles:advisor_group", pk=group.pk)


def _not_a_manager(request, group):
    messages.error(request, "Only the group's managers can change it.")
    return redirect("profiles:advisor_group", pk=group.pk)


@never_cache
@require_POST
@advisor_required
def group_member_add(request: HttpRequest, pk: int) -> HttpResponse:
    group = group_of_member(request.user, pk)
    if not group.i_manage:
        return _not_a_manager(request, group)
    form = MemberAddForm(request.POST)
    if form.is_valid():
        user = advisor_account(form.cleaned_data["account"])
        if user is None:
            form.add_error(
                "account",
                f"No advisor account has the username or e-mail “{form.cleaned_data['account']}”. "
                "An admin creates advisor accounts.",
            )
        else:
            was = group.memberships.filter(user=user).first()
            membership = member_add(
                group=group,
                user=user,
                is_manager=form.cleaned_data["is_manager"],
                invited_by=request.user,
            )
            messages.success(request, _member_added(membership, group, was=was))
            return redirect("profiles:advisor_group", pk=group.pk)
    return _group_page(request, group, member_form=form, status=400)


def _member_added(membership, group, *, was) -> str:
    name = display_name(membership.user)
    if was is not None and was.is_manager == membership.is_manager:
        state = "a member" if was.accepted_at else "invited"
        return f"{name} is already {state}: nothing changed."
    if membership.accepted_at is None:
        return (
            f"{name} is invited to {group.name}: they join (and applicants see their name) "
            "once they accept on their “My groups” page."
        )
    if was is not None:
        return f"{name} is now a manager of {group.name}."
    return f"{name} is now a member of {group.name}."


@never_cache
@require_POST
@advisor_required
def group_member_remove(request: HttpRequest, pk: int, user_id: int) -> HttpResponse:
    group = group_of_member(request.user, pk)
    leaving_myself = user_id == request.user.pk
    if not group.i_manage and not leaving_myself:
        return _not_a_manager(request, group)
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
