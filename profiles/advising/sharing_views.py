"""The applicant's side of advising: share with a group after reading who is in it
and what they will see, withdraw, read-only links, feedback and who looked, and
"download my data". Everything here is reached through the private link."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from advisor.accounts.client_address import client_address
from profiles.advising import IN_CARD
from profiles.advising.access_record import access_record_link_view
from profiles.advising.forms import JoinCodeForm, ReadOnlyLinkForm
from profiles.advising.groups import code_guess_missed, code_guesses_used_up, group_by_code
from profiles.advising.my_data import my_data
from profiles.advising.sharing import (
    TooManyLinks,
    TooManyLinksToday,
    consent_details,
    read_only_link_by_token,
    read_only_link_create,
    read_only_link_revoke,
    share_with_group,
    share_withdraw,
)
from profiles.answer_summary import profile_answer_sections
from profiles.device_memory import remembered_tokens
from profiles.result_page import result_context
from profiles.selectors import profile_by_token, profiles_by_tokens
from profiles.views import page_redirect, result_page_context

NO_SUCH_CODE = (
    "No group has the code “{code}”. Check it with your advisor: codes are 8 letters and "
    "digits, and a group can renew its code."
)
TOO_MANY_LOOKUPS = (
    "Too many wrong group codes were tried from your network in the last hour. Try again "
    "later; nothing was shared."
)


def _code_checked(request: HttpRequest, form: JoinCodeForm):
    """The group behind a valid form's code, or None with the reason on the form."""
    address = client_address(request)
    if code_guesses_used_up(address=address):
        form.add_error("code", TOO_MANY_LOOKUPS)
        return None
    group = group_by_code(form.cleaned_data["code"])
    if group is None:
        code_guess_missed(address=address)
        form.add_error("code", NO_SUCH_CODE.format(code=form.data.get("code", "").strip()))
    return group


@never_cache  # private: no shared cache may keep it
@require_http_methods(["GET", "HEAD", "POST"])
def share(request: HttpRequest, token: str) -> HttpResponse:
    """GET with a code: the consent page (or the code again, with what is wrong).
    POST: share, once the applicant has read it."""
    profile = profile_by_token(token)
    data = request.POST if request.method == "POST" else request.GET
    form = JoinCodeForm(data if "code" in data else None)
    group = _code_checked(request, form) if form.is_valid() else None
    if group is None:
        status = 429 if TOO_MANY_LOOKUPS in str(form.errors) else (400 if form.errors else 200)
        context = {"profile": profile, "form": form}
        return render(request, "profiles/share_code.html", context, status=status)
    if request.method == "POST":
        share_with_group(profile=profile, group=group)
        messages.success(
            request,
            f"Your profile is shared with {group.name}. You can stop sharing at any time here.",
            extra_tags=IN_CARD,
        )
        return redirect(f"{profile_url(profile)}#sharing")
    context = {"profile": profile, "code": group.join_code, **consent_details(group)}
    return render(request, "profiles/share_consent.html", context)


@never_cache
@require_POST
def withdraw(request: HttpRequest, token: str, share_id: int) -> HttpResponse:
    profile = profile_by_token(token)
    group = share_withdraw(profile=profile, share_id=share_id)
    if group is not None:
        messages.success(
            request,
            f"{group.name} can no longer see your profile. Feedback they wrote for you stays.",
            extra_tags=IN_CARD,
        )
    return page_redirect(request, f"{profile_url(profile)}#sharing")


def profile_url(profile) -> str:
    return reverse("profiles:result", args=[profile.token])


@never_cache
@require_POST
def link_create(request: HttpRequest, token: str) -> HttpResponse:
    profile = profile_by_token(token)
    form = ReadOnlyLinkForm(request.POST)
    if form.is_valid():
        try:
            link = read_only_link_create(profile=profile, label=form.cleaned_data["label"])
        except TooManyLinks:
            form.add_error(
                "label",
                f"You have {settings.READ_ONLY_LINKS_PER_PROFILE} read-only links already: "
                "revoke one first.",
            )
        except TooManyLinksToday:
            form.add_error(
                "label",
                f"You made {settings.READ_ONLY_LINKS_PER_DAY} read-only links in the last day: "
                "make the next one tomorrow.",
            )
        else:
            messages.success(
                request,
                f"The read-only link for “{link.label}” is ready below.",
                extra_tags=IN_CARD,
            )
            return redirect(f"{profile_url(profile)}#sharing")
    context = result_page_context(request, profile, link_form=form)
    return render(request, "profiles/result.html", context, status=400)


@never_cache
@require_POST
def link_revoke(request: HttpRequest, token: str, link_id: int) -> HttpResponse:
    profile = profile_by_token(token)
    link = read_only_link_revoke(profile=profile, link_id=link_id)
    if link is not None:
        messages.success(
            request, f"The read-only link for “{link.label}” no longer works.", extra_tags=IN_CARD
        )
    return redirect(f"{profile_url(profile)}#sharing")


@never_cache  # private: no shared cache may keep it
@require_safe
def read_only(request: HttpRequest, token: str) -> HttpResponse:
    """The advice as the applicant sees it, without anything that changes it."""
    link = read_only_link_by_token(token)
    profile = link.profile
    access_record_link_view(link)
    context = {
        "profile": profile,
        "link": link,
        **result_context(profile.assessment, profile.weighting),
        "answers_used": profile_answer_sections(profile),
    }
    return render(request, "profiles/read_only.html", context)


@never_cache
@require_safe
def join(request: HttpRequest, code: str) -> HttpResponse:
    """Where a group's link leads: what the group is, and how to share with it."""
    form = JoinCodeForm({"code": code})
    group = _code_checked(request, form) if form.is_valid() else None
    remembered = profiles_by_tokens(remembered_tokens(request.session)) if group else []
    context = {"group": group, "form": form, "remembered": remembered}
    return render(request, "profiles/join.html", context, status=200 if group else 404)


@never_cache  # private: no shared cache may keep it
@require_safe
def download_my_data(request: HttpRequest, token: str) -> HttpResponse:
    profile = profile_by_token(token)
    response = JsonResponse(
        my_data(profile), json_dumps_params={"indent": 2, "ensure_ascii": False}
    )
    response["Content-Disposition"] = 'attachment; filename="my-img-advice.json"'
    return response
