"""The applicant's pages behind their private link: result, edit, delete, and the
plan as a calendar file (the what-if panel is in what_if_views, sharing in
profiles/advising/sharing_views)."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe
from django_htmx.http import HttpResponseClientRedirect

from advisor.engine.applicant import ProfileError
from profiles.advising.sharing_page import sharing_context
from profiles.answer_summary import profile_answer_sections
from profiles.device_memory import forget_profile, remembered_tokens
from profiles.do_now import do_now
from profiles.edit_form import ProfileEditForms
from profiles.plan_calendar import PlanHasNoDates, plan_ics
from profiles.plan_fields import add_engine_errors
from profiles.result_page import result_context
from profiles.selectors import profile_by_token, profile_for_result_page
from profiles.services import StaleEdit, profile_delete, profile_seen, profile_update
from profiles.what_if_form import what_if_context, what_if_initial_form


def page_redirect(request: HttpRequest, url: str) -> HttpResponse:
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


def result_page_context(
    request, profile, *, what_if_form=None, preview=None, link_form=None
) -> dict:
    """Everything the result page shows; the what-if panel's state and the read-only
    link form's when given."""
    if what_if_form is None:
        what_if_form = what_if_initial_form(profile)
    return {
        "profile": profile,
        **result_context(profile.assessment, profile.weighting),
        "do_now": do_now(profile.assessment["plan"], timezone.localdate()),
        **what_if_context(what_if_form, preview),
        **sharing_context(request, profile, link_form=link_form),
        "share_url": request.build_absolute_uri(reverse("profiles:result", args=[profile.token])),
        "remembered_here": profile.token in remembered_tokens(request.session),
        "answers_used": profile_answer_sections(profile),
    }


@never_cache  # private: no shared cache may keep it
@require_safe
def result(request: HttpRequest, token: str) -> HttpResponse:
    profile = profile_for_result_page(token)
    profile_seen(profile=profile)
    return render(request, "profiles/result.html", result_page_context(request, profile))


@never_cache  # private: no shared cache may keep it
@require_http_methods(["GET", "HEAD", "POST"])
def edit(request: HttpRequest, token: str) -> HttpResponse:
    profile = profile_by_token(token)
    forms = ProfileEditForms(profile=profile, data=request.POST or None)
    changed_elsewhere = None
    if request.method == "POST" and forms.is_valid():
        try:
            profile_update(
                profile=profile,
                answers=forms.cleaned_data,
                expected_version=posted_version(request),
            )
        except ProfileError as error:
            add_engine_errors(forms.forms, error)
            profile.refresh_from_db()  # profile_update set the refused answers on it
        except StaleEdit as stale:
            # Nothing saved. The page keeps what this person typed, says which saved
            # answers differ from it, and carries the new version: saving again is a
            # deliberate choice to replace them.
            profile = stale.current
            changed_elsewhere = forms.differences_from(profile)
        else:
            messages.success(request, "Your answers are saved and your advice is up to date.")
            return redirect("profiles:result", token=profile.token)
    context = {"profile": profile, "forms": forms, "changed_elsewhere": changed_elsewhere}
    return render(request, "profiles/edit.html", context)


def posted_version(request: HttpRequest) -> int:
    """The profile version the submitted page was built on (0, never current, when
    the page carried none)."""
    posted = request.POST.get("version", "")
    return int(posted) if posted.isascii() and posted.isdigit() and len(posted) < 10 else 0


@never_cache  # private: no shared cache may keep it
@require_safe
def plan_calendar(request: HttpRequest, token: str) -> HttpResponse:
    """The saved plan as an .ics file: the same link rule as the result page."""
    profile = profile_by_token(token)
    plan = profile.assessment["plan"]
    try:
        body = plan_ics(plan=plan, profile_id=profile.pk, stamp=timezone.now())
    except PlanHasNoDates:
        raise Http404("This plan was saved before plans had dates.") from None
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    filename = f"img-plan-match-{plan['target_match']}.ics"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@never_cache  # private: no shared cache may keep it
@require_http_methods(["GET", "HEAD", "POST"])
def delete(request: HttpRequest, token: str) -> HttpResponse:
    profile = profile_by_token(token)
    if request.method == "POST":
        profile_delete(profile=profile)
        forget_profile(request.session, token)
        messages.success(request, "Your profile and its advice are deleted.")
        return redirect("home")
    return render(request, "profiles/delete.html", {"profile": profile})
