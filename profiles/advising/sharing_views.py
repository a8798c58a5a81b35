"""The applicant's side of advising: share with a group after reading who is in it
and what they will see, withdraw, read-only links, feedback and who looked, and
"download my data". Everything here is reached through the private link."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from advisor.accounts.client_address import client_address
from profiles.advising import IN_CARD
from profiles.advising.access_record import access_record_link_view
from profiles.advising.forms import JoinCodeForm, ReadOnlyLinkForm
from profiles.advising.join_codes import code_guesses_left, group_by_typed_code
from profiles.advising.my_data import my_data
from profiles.advising.sharing import (
    TooManyLinks,
    TooManyLinksToday,
    TooManySharesToday,
    consent_details,
    read_only_link_by_token,
    read_only_link_create,
    read_only_link_revoke,
    share_asked_for,
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
REFUSED = "too_many"  # the error code of a limit's refusal: answered 429
TOO_MANY_LOOKUPS = (
    "Too many wrong group codes were tried from your network in the last hour, so this "
    "link is not checked here. If the code is right, it still works from your advice."
)
TOO_MANY_FOR_THIS_ADVICE = (
    "{count} wrong group codes were tried with this advice in the last week, so it checks "
    "no more for now; nothing was shared. Check the code with your advisor."
)
TOO_MANY_SHARES = (
    "{count} profiles were shared with {group} from your network in the last day, as "
    "many as one network may share with a group in a day. Nothing was shared: try "
    "again tomorrow."
)


def asked_by_a_person(request: HttpRequest) -> bool:
    """Whether a code in this request is someone's own doing, so that a miss may count.

    A POST is (Django's CSRF check refuses one sent by another site). A GET is, unless
    the browser says otherwise: another site can make its visitors' browsers fetch any
    of our URLs (as an image, a frame, a script, or a redirect they never clicked), and
    each wrong code would count against the visitor's network. Browsers name such
    fetches in the Sec-Fetch-* headers: only a page opened as a page counts, and, from
    another site, only one the person clicked (a group link in an e-mail). Clients that
    send no such headers (older browsers, link checkers) are taken at their word.
    """
    if request.method == "POST":
        return True
    headers = request.headers
    if headers.get("Sec-Fetch-Mode", "navigate") != "navigate":
        return False
    if headers.get("Sec-Fetch-Dest", "document") != "document":
        return False
    from_elsewhere = headers.get("Sec-Fetch-Site") in ("cross-site", "same-site")
    return not from_elsewhere or headers.get("Sec-Fetch-User") == "?1"


def _code_checked(request: HttpRequest, form: JoinCodeForm, profile=None):
    """The group behind a valid form's code, or None with the reason on the form."""
    address = client_address(request)
    if not code_guesses_left(address=address, profile=profile):
        refused = TOO_MANY_LOOKUPS
        if profile is not None:
            refused = TOO_MANY_FOR_THIS_ADVICE.format(count=settings.JOIN_CODE_MISSES_PER_PROFILE)
        form.add_error("code", ValidationError(refused, code=REFUSED))
        return None
    group = group_by_typed_code(code=form.cleaned_data["code"], address=address, profile=profile)
    if group is None:
        form.add_error("code", NO_SUCH_CODE.format(code=form.data.get("code", "").strip()))
    return group


def _code_page(request: HttpRequest, profile, form: JoinCodeForm) -> HttpResponse:
    status = 429 if form.has_error("code", REFUSED) else (400 if form.errors else 200)
    context = {"profile": profile, "form": form}
    return render(request, "profiles/share_code.html", context, status=status)


@never_cache  # private: no shared cache may keep it
@require_http_methods(["GET", "HEAD", "POST"])
def share(request: HttpRequest, token: str) -> HttpResponse:
    """GET with a code: the consent page (or the code again, with what is wrong).
    POST: share, once the applicant has read it."""
    profile = profile_by_token(token)
    data = request.POST if request.method == "POST" else request.GET
    if "code" in data and not asked_by_a_person(request):
        # Not looked up, so nothing counted: the code waits in the form for a click.
        form = JoinCodeForm(initial={"code": data["code"][:40]})
        return _code_page(request, profile, form)
    form = JoinCodeForm(data if "code" in data else None)
    group = _code_checked(request, form, profile) if form.is_valid() else None
    if group is None:
        return _code_page(request, profile, form)
    if request.method == "POST":
        try:
            share_asked_for(profile=profile, group=group, address=client_address(request))
        except TooManySharesToday:
            count = settings.SHARES_PER_ADDRESS_PER_DAY
            refused = TOO_MANY_SHARES.format(count=count, group=group.name)
            form.add_error("code", ValidationError(refused, code=REFUSED))
            return _code_page(request, profile, form)
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
    """Where a group's link leads: what the group is, and how to share with it. When
    the code cannot be checked here (another site fetched the link, or the network
    missed too many codes), the page says so and leads to the applicant's advice,
    where the share page checks it for their profile."""
    form = JoinCodeForm({"code": code})
    if not form.is_valid():
        return render(request, "profiles/join.html", {"form": form}, status=404)
    remembered = profiles_by_tokens(remembered_tokens(request.session))
    context = {"form": form, "remembered": remembered, "code": form.cleaned_data["code"]}
    if not asked_by_a_person(request):
        return render(request, "profiles/join.html", {**context, "unchecked": True})
    group = _code_checked(request, form)
    if form.has_error("code", REFUSED):
        context |= {"unchecked": True}
        return render(request, "profiles/join.html", context, status=429)
    context |= {"group": group}
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
