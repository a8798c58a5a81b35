"""The what-if panel behind the private link: preview other answers, save them if wanted.

GET previews (the panel's form, in place with htmx); POST saves the answers it
carries, which are the panel's own inputs, after checking them again: invalid
answers are refused with their errors by field, never saved. Without JavaScript
the panel always posts (so its CSRF token stays out of the address bar), and
"Show the advice" marks the post as a preview.
"""

import copy

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from advisor.engine.applicant import ProfileError
from advisor.engine.assessment import Assessment
from profiles.models import Profile
from profiles.plan_fields import add_engine_errors
from profiles.selectors import profile_by_token
from profiles.services import StaleEdit, profile_update, profile_what_if
from profiles.views import page_redirect, posted_version, result_page_context
from profiles.what_if_form import PREVIEW_FIELD, WhatIfForm, what_if_context


@never_cache  # private: no shared cache may keep it
@require_http_methods(["GET", "HEAD", "POST"])
def what_if(request: HttpRequest, token: str) -> HttpResponse:
    profile = profile_by_token(token)
    posted = request.method == "POST"
    form = WhatIfForm(
        profile=profile,
        data=request.POST if posted else request.GET,
        version=page_version(request, profile),
    )
    # Saving answers that match the saved ones would only make other open pages stale.
    saving = posted and PREVIEW_FIELD not in request.POST and bool(form.changed_answers())
    preview = None
    try:
        if form.is_valid() and saving:
            profile_update(
                profile=profile, answers=form.cleaned_data, expected_version=form.version
            )
            messages.success(request, "Saved. Your advice below now uses these answers.")
            return page_redirect(request, reverse("profiles:result", args=[profile.token]))
        if form.is_valid():
            preview = preview_advice(profile, form.cleaned_data)
    except ProfileError as error:
        add_engine_errors([form], error)
        profile.refresh_from_db()  # profile_update set the refused answers on it
    except StaleEdit:
        # Nothing saved; the panel keeps the page's version, so Save stays off (and
        # says why) until the page is reloaded with the answers saved elsewhere.
        profile.refresh_from_db()
    if request.htmx:
        context = {"profile": profile, "what_if_fragment": True, **what_if_context(form, preview)}
        return render(request, "profiles/_what_if.html#what-if-panel", context)
    context = result_page_context(request, profile, what_if_form=form, preview=preview)
    return render(request, "profiles/result.html", context)


def page_version(request: HttpRequest, profile: Profile) -> int:
    """The profile version the page was built on. Previews carry it along, so a page
    older than the saved answers shows that before anyone tries to save from it."""
    if request.method == "POST":
        return posted_version(request)
    shown = request.GET.get("version", "")
    if shown.isascii() and shown.isdigit() and len(shown) < 10:
        return int(shown)
    return profile.version


def preview_advice(profile: Profile, answers: dict) -> Assessment:
    """Today's advice with the panel's answers, nothing saved.

    `profile_what_if` weighs the advice with the saved specialty's weighting, and the
    engine refuses a specialty without its own, so the preview runs on an unsaved copy
    holding the specialty tried.
    """
    trying = copy.copy(profile)
    trying.specialty = answers["specialty"]
    changes = {name: value for name, value in answers.items() if name != "specialty"}
    return profile_what_if(profile=trying, changes=changes)
