"""The caseload pages: a group's list, its CSV, its summary."""

from __future__ import annotations

from urllib.parse import parse_qsl

from django.conf import settings
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from profiles.advising.access import advisor_required
from profiles.advising.access_record import (
    access_record_export,
    export_quota_left,
    exported_cases,
)
from profiles.advising.caseload import caseload_page, cursor_read
from profiles.advising.export import csv_lines
from profiles.advising.export_views import export_offer, export_quota_page
from profiles.advising.groups import invitations_of
from profiles.advising.list_state import (
    ListState,
    current_group,
    group_remember,
    list_query,
    list_state,
)
from profiles.advising.selectors import cohort_summary
from profiles.advising.tables import column_labels, headers, sort_choices, sort_description

EN_DASH = "\u2013"


@never_cache
@require_safe
@advisor_required
def profile_list(request: HttpRequest) -> HttpResponse:
    state = list_state(request)
    group_remember(request, state.group_id)
    page = caseload_page(
        state.rows, state.ordering, cursor_read(request.GET.get("after", ""), state.ordering)
    )
    template = "profiles/advisor/list.html"
    fragment = request.htmx and not request.htmx.history_restore_request
    if fragment:
        template += "#results"
    here = {"group": state.group_id or ""}
    context = {
        "state": state,
        "filter": state.filterset,
        "page": page,
        "headers": headers(state.sort),
        "labels": column_labels(),
        "sort_choices": sort_choices(),
        "results_line": _results_line(page, state),
        # Answered here, on the page a new advisor lands on, not only on "My groups".
        "invitations": [] if fragment else invitations_of(request.user),
        # Links keep the group, filters and sort; a sort link starts the list again.
        "row_query": list_query(request, **here),
        # Reversed once, not once a row: "/advisor/profiles/" then the id.
        "profile_path": reverse("profiles:advisor_profile", args=[0])[:-2],
        "sort_query": list_query(request, after="", sort="", **here),
        "sort_keeps": parse_qsl(list_query(request, after="", sort="", **here)),
        "export_query": list_query(request, after="", **here),
        "next_query": list_query(request, after=page.next_cursor or "", **here),
        "previous_query": list_query(request, after=page.previous_cursor or "", **here),
    }
    return render(request, template, context)


def _results_line(page, state: ListState) -> str:
    """What the list holds, said after every sort, page or filter change:
    "26-50 of 33 profiles, sorted by readiness, highest first"."""
    if not page.rows:
        if state.filtered:
            return "No shared profiles match these filters"
        if state.group_id is None:
            return "No profiles yet: you are not in an advising group"
        if page.start > 1:
            return "This page is past the end of the list"
        return f"No profiles are shared with {state.group_name} yet"
    sort = state.sort
    total = f"more than {page.total:,}" if page.total_capped else f"{page.total:,}"
    shown = f"{page.start:,}{EN_DASH}{page.end:,} of {total}"
    if page.start == 1 and not page.next_cursor:
        shown = total
    noun = "profile" if page.total == 1 and not page.total_capped else "profiles"
    return f"{shown} {noun}, {sort_description(sort)}"


@never_cache
@require_safe
@advisor_required
def export_csv(request: HttpRequest) -> HttpResponse:
    """The list as filtered and sorted, every row of it. Every profile in it is
    written to the access record before the first row goes out; the last line says
    the file is complete, so a cut-off download never passes for a whole one. With
    a filter the list ignores as invalid, nothing is exported. A list of more than
    EXPORT_MAX_ROWS rows is offered as a file written in the background (measured:
    800,000 rows take about a minute, twice a worker's 30 seconds)."""
    state = list_state(request)
    back = f"{reverse('profiles:advisor_list')}?{list_query(request, after='')}"
    if state.group_id is None or not state.filterset.is_valid():
        # In no group (the list says so and what to do), or a filter it ignores.
        return redirect(back)
    limit = settings.EXPORT_MAX_ROWS
    if state.rows.order_by()[: limit + 1].count() > limit:
        return export_offer(request, state, list_query(request, after="", group=state.group_id))
    stamp = timezone.now().strftime("%Y-%m-%d")
    disposition = f'attachment; filename="shared-profiles-{stamp}.csv"'
    if request.method == "HEAD":  # asks about the file, sends nothing: records nothing
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = disposition
        return response
    allowed, frees_at = export_quota_left(request.user)
    if not allowed:
        return export_quota_page(request, frees_at=frees_at, back=back)
    at, _ = access_record_export(
        cases=state.rows, actor=request.user, group_id=state.group_id, group_name=state.group_name
    )
    cases = exported_cases(state.rows, at=at)
    site = request.build_absolute_uri("/").rstrip("/")
    response = StreamingHttpResponse(
        csv_lines(cases, ordering=state.ordering, site=site, group_id=state.group_id),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = disposition
    return response


@never_cache
@require_safe
@advisor_required
def summary(request: HttpRequest) -> HttpResponse:
    groups, group_id = current_group(request)
    group_remember(request, group_id)
    cohort = cohort_summary(group_id)
    total = sum(row["count"] for row in cohort["by_priority"])
    charts = [
        ("By priority", _with_percent(cohort["by_priority"], total), "priority"),
        ("By specialty", _with_percent(cohort["by_specialty"], total), "specialty"),
    ]
    state = {
        "groups": groups,
        "group_id": group_id,
        "group_name": dict(groups).get(str(group_id), ""),
    }
    context = {"charts": charts, "total": total, "state": state}
    return render(request, "profiles/advisor/summary.html", context)


def _with_percent(rows: list[dict], total: int) -> list[dict]:
    """Bar lengths as shares of all the profiles, so one count draws one length in
    both charts side by side."""
    return [{**row, "percent": round(100 * row["count"] / total) if total else 0} for row in rows]
