"""The advisor's pages: the caseload, one profile, the CSV export, the summary."""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.paginator import EmptyPage, PageNotAnInteger
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from advisor.content import PRIORITIES
from advisor.selectors import specialty_list
from profiles.advising.access import advisor_required, caseload, my_shares_of
from profiles.advising.access_record import (
    access_record,
    access_record_export,
    exported_profiles,
)
from profiles.advising.caseload import caseload_rows, neighbours
from profiles.advising.comparison import compare_with_today
from profiles.advising.export import csv_lines
from profiles.advising.filters import LIST_PARAMS, ProfileFilter
from profiles.advising.forms import NoteForm
from profiles.advising.groups import group_choices_of
from profiles.advising.models import AccessEvent
from profiles.advising.notes import notes_visible_to
from profiles.advising.selectors import cohort_summary
from profiles.advising.tables import ProfileTable, ordering_for, sort_description, valid_sort
from profiles.models import Profile
from profiles.plan_page import plan_timeline
from profiles.result_page import result_context

PER_PAGE = 25
EN_DASH = "\u2013"


def _filtered(request: HttpRequest, rows) -> ProfileFilter:
    groups = group_choices_of(request.user)
    specialties = [(s.slug, s.name) for s in specialty_list()]
    return ProfileFilter(
        request.GET, queryset=rows, specialty_choices=specialties, group_choices=groups
    )


def list_query(request: HttpRequest, **changes) -> str:
    """The list's own parameters from this request (filters, sort, page), changed as
    given: what links between the list and its profiles carry."""
    params = {key: request.GET.get(key, "") for key in LIST_PARAMS}
    params.update({key: str(value) for key, value in changes.items()})
    return urlencode({key: value for key, value in params.items() if value})


@never_cache
@require_safe
@advisor_required
def profile_list(request: HttpRequest) -> HttpResponse:
    filterset = _filtered(request, caseload_rows(request.user))
    sort = valid_sort(request.GET.getlist("sort"))
    table = ProfileTable(filterset.qs, order_by=sort)
    table.request = request  # for the header links; not given to __init__, which would
    _paginate(table, request.GET.get("page"))  # also apply ?per_page= from the query
    # The row links carry the list's state; the table's template sees only the table.
    table.row_query = list_query(request, page=table.page.number)
    template = "profiles/advisor/list.html"
    if request.htmx and not request.htmx.history_restore_request:
        template += "#results"
    context = {
        "filter": filterset,
        "table": table,
        "results_line": _results_line(table, sort),
        "sort": sort,
        "export_query": list_query(request, page=""),
    }
    return render(request, template, context)


def _results_line(table: ProfileTable, sort: str) -> str:
    """What the list holds, said after every sort, page or filter change:
    "25 of 33 profiles, sorted by readiness, highest first"."""
    page = table.page
    total = page.paginator.count
    if total == 0:
        return "No shared profiles match these filters"
    first, last = page.start_index(), page.end_index()
    shown = f"{first}{EN_DASH}{last} of {total}" if total > PER_PAGE else total
    noun = "profile" if total == 1 else "profiles"
    return f"{shown} {noun}, {sort_description(sort)}"


def _paginate(table: ProfileTable, page: str | None) -> None:
    """A fixed page size: unlike django-tables2's default, ?per_page= is not honoured,
    so nobody can ask for ten thousand rows at once. A bad page number shows the
    nearest real page."""
    try:
        table.paginate(page=int(page or 1), per_page=PER_PAGE)
    except (ValueError, PageNotAnInteger):
        table.paginate(page=1, per_page=PER_PAGE)
    except EmptyPage:
        table.paginate(page=table.paginator.num_pages if int(page) > 1 else 1, per_page=PER_PAGE)


@never_cache
@require_safe
@advisor_required
def export_csv(request: HttpRequest) -> HttpResponse:
    """The list as filtered and sorted, every page of it. Every profile in it is
    written to the access record before the first row goes out. With a filter the
    list ignores as invalid, nothing is exported: the list says what is wrong."""
    filterset = _filtered(request, caseload_rows(request.user))
    if not filterset.is_valid():
        return redirect(f"{reverse('profiles:advisor_list')}?{list_query(request, page='')}")
    stamp = timezone.now().strftime("%Y-%m-%d")
    disposition = f'attachment; filename="shared-profiles-{stamp}.csv"'
    if request.method == "HEAD":  # asks about the file, sends nothing: records nothing
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = disposition
        return response
    sort = valid_sort(request.GET.getlist("sort"))
    group = filterset.form.cleaned_data.get("group")
    at = access_record_export(
        profiles=filterset.qs, actor=request.user, group_id=int(group) if group else None
    )
    profiles = exported_profiles(filterset.qs, actor=request.user, at=at)
    profiles = profiles.select_related("stored_advice").order_by(*ordering_for(sort))
    site = request.build_absolute_uri("/").rstrip("/")
    response = StreamingHttpResponse(
        csv_lines(profiles, site=site), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = disposition
    return response


def caseload_row(user, pk: int) -> Profile:
    """One profile of the caseload with its list columns and stored advice, or 404."""
    rows = caseload_rows(user).select_related("weighting_version", "stored_advice")
    return get_object_or_404(rows, pk=pk)


def detail_context(request: HttpRequest, profile: Profile) -> dict:
    """What a profile's page shows besides the notes form."""
    shares = my_shares_of(request.user, profile)
    comparison = compare_with_today(profile)
    if comparison.drift != profile.advice_drift:
        # A refresh was missed (a release changed the rules): keep the list honest.
        Profile.objects.filter(pk=profile.pk).update(advice_drift=comparison.drift)
    filterset = _filtered(request, caseload_rows(request.user))
    sort = valid_sort(request.GET.getlist("sort"))
    nav = neighbours(filterset.qs, ordering_for(sort), profile)
    page = (nav.position - 1) // PER_PAGE + 1 if nav.position else request.GET.get("page", "")
    return {
        "profile": profile,
        **result_context(profile.assessment, profile.weighting),
        "comparison": comparison,
        "today_headline": PRIORITIES[comparison.today.priority].headline,
        "today_plan": plan_timeline(comparison.today.as_dict()["plan"]),
        "shares": shares,
        "notes": notes_visible_to(request.user, profile),
        "nav": nav,
        "list_query": list_query(request, page=page),
        "item_query": list_query(request),
    }


@never_cache
@require_safe
@advisor_required
def profile_detail(request: HttpRequest, pk: int) -> HttpResponse:
    profile = caseload_row(request.user, pk)
    context = detail_context(request, profile)
    access_record(
        profile=profile,
        action=AccessEvent.Action.VIEW,
        actor=request.user,
        group=viewing_group(request, context["shares"]),
    )
    groups = [share.group for share in context["shares"]]
    context["note_form"] = NoteForm(groups=groups)
    return render(request, "profiles/advisor/profile.html", context)


def viewing_group(request: HttpRequest, shares):
    """The group the advisor came through: the list's group filter when it names one
    of the profile's shares, else the first by name."""
    wanted = request.GET.get("group", "")
    for share in shares:
        if str(share.group_id) == wanted:
            return share.group
    return shares[0].group if shares else None


@never_cache
@require_safe
@advisor_required
def summary(request: HttpRequest) -> HttpResponse:
    cohort = cohort_summary(caseload(request.user))
    total = sum(row["count"] for row in cohort["by_priority"])
    charts = [
        ("By priority", _with_percent(cohort["by_priority"], total), "priority"),
        ("By specialty", _with_percent(cohort["by_specialty"], total), "specialty"),
    ]
    return render(request, "profiles/advisor/summary.html", {"charts": charts, "total": total})


def _with_percent(rows: list[dict], total: int) -> list[dict]:
    """Bar lengths as shares of all the profiles, so one count draws one length in
    both charts side by side."""
    return [{**row, "percent": round(100 * row["count"] / total) if total else 0} for row in rows]
