"""Pages for advisors: the shared-profile list, one profile, notes, export, cohort summary."""

from django.core.paginator import EmptyPage, PageNotAnInteger
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from advisor.content import PRIORITIES
from profiles.access import advisor_required
from profiles.advisor_filters import ProfileFilter
from profiles.advisor_tables import ProfileTable
from profiles.comparison import compare_with_today
from profiles.csv_export import csv_lines
from profiles.forms import NoteForm
from profiles.plan_page import plan_timeline
from profiles.result_page import result_context
from profiles.selectors import (
    cohort_summary,
    profile_notes,
    shared_profile,
    shared_profiles,
    specialty_choices,
)
from profiles.services import note_add

PER_PAGE = 25


def _filtered(request: HttpRequest) -> ProfileFilter:
    return ProfileFilter(
        request.GET, queryset=shared_profiles(), specialty_choices=specialty_choices()
    )


@never_cache
@require_safe
@advisor_required
def profile_list(request: HttpRequest) -> HttpResponse:
    filterset = _filtered(request)
    # Only the table's own columns may sort it; anything else in ?sort= is ignored.
    sort = [
        key for key in request.GET.getlist("sort") if key.lstrip("-") in ProfileTable.base_columns
    ]
    table = ProfileTable(filterset.qs, order_by=sort or None)
    table.request = request  # for the header links; not given to __init__, which would
    _paginate(table, request.GET.get("page"))  # also apply ?per_page= from the query
    template = "profiles/advisor/list.html"
    if request.htmx and not request.htmx.history_restore_request:
        template += "#results"
    return render(request, template, {"filter": filterset, "table": table})


@never_cache
@require_safe
@advisor_required
def export_csv(request: HttpRequest) -> StreamingHttpResponse:
    profiles = (
        _filtered(request)
        .qs.select_related("stored_advice")
        .order_by("priority_rank", "-updated_at")
    )
    response = StreamingHttpResponse(csv_lines(profiles), content_type="text/csv; charset=utf-8")
    stamp = timezone.now().strftime("%Y-%m-%d")
    response["Content-Disposition"] = f'attachment; filename="shared-profiles-{stamp}.csv"'
    return response


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


def _detail_context(profile, note_form: NoteForm) -> dict:
    comparison = compare_with_today(profile)
    return {
        "profile": profile,
        **result_context(profile.assessment, profile.weighting),
        "comparison": comparison,
        "today_headline": PRIORITIES[comparison.today.priority].headline,
        "today_plan": plan_timeline(comparison.today.as_dict()["plan"]),
        "notes": profile_notes(profile),
        "note_form": note_form,
    }


@never_cache
@require_safe
@advisor_required
def profile_detail(request: HttpRequest, pk: int) -> HttpResponse:
    profile = shared_profile(pk)
    return render(request, "profiles/advisor/profile.html", _detail_context(profile, NoteForm()))


@never_cache
@require_POST
@advisor_required
def note_create(request: HttpRequest, pk: int) -> HttpResponse:
    profile = shared_profile(pk)
    form = NoteForm(request.POST)
    if form.is_valid():
        note_add(profile=profile, author=request.user, text=form.cleaned_data["text"])
        if not request.htmx:
            return redirect("profiles:advisor_profile", pk=profile.pk)
        form = NoteForm()
    if request.htmx:
        context = {"profile": profile, "notes": profile_notes(profile), "note_form": form}
        return render(request, "profiles/advisor/profile.html#notes", context)
    context = _detail_context(profile, form)
    return render(request, "profiles/advisor/profile.html", context, status=400)


@never_cache
@require_safe
@advisor_required
def summary(request: HttpRequest) -> HttpResponse:
    cohort = cohort_summary()
    total = sum(row["count"] for row in cohort["by_priority"])
    charts = [
        ("By priority", _with_percent(cohort["by_priority"]), "priority"),
        ("By specialty", _with_percent(cohort["by_specialty"]), "specialty"),
    ]
    return render(request, "profiles/advisor/summary.html", {"charts": charts, "total": total})


def _with_percent(rows: list[dict]) -> list[dict]:
    """Bar lengths relative to the largest group, so the chart uses its width."""
    largest = max((row["count"] for row in rows), default=0)
    return [
        {**row, "percent": round(100 * row["count"] / largest) if largest else 0} for row in rows
    ]
