"""One profile of the caseload: what the applicant was told beside today's advice,
the notes the advisor may read, and "previous / next" in the list it came from."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from profiles.advising.access import advisor_required, caseload, my_shares_of
from profiles.advising.access_record import access_record
from profiles.advising.caseload import PER_PAGE, neighbours, page_holding
from profiles.advising.cases import cases_refresh
from profiles.advising.comparison import compare_with_today
from profiles.advising.forms import NoteForm
from profiles.advising.list_state import list_query, list_state
from profiles.advising.models import AccessEvent
from profiles.advising.notes import notes_visible_to
from profiles.answer_summary import profile_answer_sections
from profiles.models import Profile
from profiles.plan_page import plan_timeline
from profiles.result_page import result_context

PROFILE_PAGE = "profiles/advisor/profile.html"


def caseload_row(user, pk: int) -> Profile:
    """A profile shared with one of the user's groups, with its stored advice, or 404."""
    rows = caseload(user).select_related("specialty", "weighting_version", "stored_advice")
    return get_object_or_404(rows, pk=pk)


def detail_context(request: HttpRequest, profile: Profile) -> dict:
    """What a profile's page shows besides the notes form."""
    shares = my_shares_of(request.user, profile)
    share = _share_in_view(request, shares)
    comparison = compare_with_today(profile)
    if comparison.drift != profile.advice_drift:
        # A refresh was missed (a release changed the rules): keep the list honest.
        Profile.objects.filter(pk=profile.pk).update(advice_drift=comparison.drift)
        cases_refresh(profile_ids=[profile.pk])
    state = list_state(request, group_id=share.group_id)
    nav = neighbours(state.rows, state.ordering, share)
    here = {"group": share.group_id}
    # Back to the page of the list the advisor left, with this profile's row in view.
    after, shown = page_holding(
        state.rows,
        state.ordering,
        share,
        position=nav.position,
        came_from=request.GET.get("after", "")[:1000],
    )
    return {
        "profile": profile,
        "answer_sections": profile_answer_sections(profile),
        **result_context(profile.assessment, profile.weighting),
        "comparison": comparison,
        "today_headline": comparison.today.headline.text,
        "today_plan": plan_timeline(comparison.today.as_dict()["plan"]),
        "shares": shares,
        "share": share,
        "notes": notes_visible_to(request.user, profile),
        "nav": nav,
        "per_page": PER_PAGE,
        "list_query": list_query(request, **here, after=after),
        "list_fragment": f"case-{profile.pk}" if shown else "",
        # Previous, next and the notes form keep the page the advisor came from.
        "item_query": list_query(request, **here),
    }


def _share_in_view(request: HttpRequest, shares):
    """The share of the group whose list the advisor came from, if the profile is in
    it; else the first of the advisor's groups it is shared with."""
    wanted = request.GET.get("group", "")
    for share in shares:
        if str(share.group_id) == wanted:
            return share
    return shares[0]


def profile_page(request: HttpRequest, profile: Profile, *, note_form=None, status=200):
    """A profile's whole page for an advisor, and the access record of that read.

    The only way the page is rendered (the profile itself, a note refused on it): so
    every read is recorded by construction, not by each view remembering to."""
    context = detail_context(request, profile)
    access_record(
        profile=profile,
        action=AccessEvent.Action.VIEW,
        actor=request.user,
        group=context["share"].group,
    )
    groups = [share.group for share in context["shares"]]
    context["note_form"] = note_form or NoteForm(groups=groups)
    return render(request, PROFILE_PAGE, context, status=status)


@never_cache
@require_safe
@advisor_required
def profile_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return profile_page(request, caseload_row(request.user, pk))
