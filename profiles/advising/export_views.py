"""Exports too long to send at once: the page that offers one, the POST that starts
it, its progress, and its file (profiles/advising/export_jobs.py writes them)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    QueryDict,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from profiles.advising.access import advisor_required
from profiles.advising.access_record import export_quota_left
from profiles.advising.export_consent import still_consented
from profiles.advising.export_jobs import (
    ExportRefused,
    export_job_start,
    export_jobs_of,
    export_path,
    job_expired,
    job_stalled,
)
from profiles.advising.list_state import ListState, list_state_of
from profiles.advising.models import ExportJob
from profiles.advising.tables import sort_description


def list_description(state: ListState) -> str:
    """ "Demo group: priority USCE first, specialty Neurology; sorted by name, A to Z"."""
    form = state.filterset.form
    chosen = []
    for name, value in form.cleaned_data.items():
        if not value or name not in form.fields:
            continue
        field = form.fields[name]
        shown = dict(getattr(field, "choices", [])).get(value, f"\u201c{value}\u201d")
        chosen.append(f"{field.label}: {shown}.")
    filters = " ".join(chosen) if chosen else "Every shared profile."
    sort = sort_description(state.sort)
    return f"{state.group_name}. {filters} {sort[:1].upper()}{sort[1:]}."


def export_quota_page(request: HttpRequest, *, frees_at, back: str) -> HttpResponse:
    """The advisor made EXPORTS_PER_DAY exports in the last day: 429, and when the
    next is possible."""
    context = {"per_day": settings.EXPORTS_PER_DAY, "frees_at": frees_at, "back": back}
    return render(request, "profiles/advisor/export_quota.html", context, status=429)


def export_offer(request: HttpRequest, state: ListState, query: str) -> HttpResponse:
    """The page the list's "Export CSV" opens when the list is too long to send at
    once: what the file will hold, and the button that starts it. Nothing is
    recorded until the advisor starts it."""
    context = {
        "state": state,
        "query": query,
        "description": list_description(state),
        "jobs": export_jobs_of(request.user)[:5],
        "max_rows": f"{settings.EXPORT_MAX_ROWS:,}",
        "keep_hours": settings.EXPORT_KEEP_HOURS,
    }
    return render(request, "profiles/advisor/export_offer.html", context)


@never_cache
@require_POST
@advisor_required
def export_start(request: HttpRequest) -> HttpResponse:
    query = request.POST.get("query", "")[:2000]
    if "\x00" in query:
        # Never from the list's own form; a database text column cannot hold it.
        return HttpResponseBadRequest(
            "The list's filters cannot hold a NUL character.", content_type="text/plain"
        )
    state = list_state_of(request.user, QueryDict(query))
    back = f"{reverse('profiles:advisor_list')}?{query}"
    if state.group_id is None or not state.filterset.is_valid():
        return redirect(back)
    allowed, frees_at = export_quota_left(request.user)
    if not allowed:
        return export_quota_page(request, frees_at=frees_at, back=back)
    try:
        job = export_job_start(
            user=request.user,
            group_id=state.group_id,
            ordering=state.ordering,
            query=query,
            description=list_description(state),
            site=request.build_absolute_uri("/").rstrip("/"),
        )
    except ExportRefused as refused:
        messages.error(request, str(refused))
        return redirect(back)
    return redirect("profiles:advisor_export_job", pk=job.pk)


def _my_job(request: HttpRequest, pk: int) -> ExportJob:
    """The advisor's own export, of a group they still belong to, or 404."""
    return get_object_or_404(export_jobs_of(request.user), pk=pk)


@never_cache
@require_safe
@advisor_required
def export_job(request: HttpRequest, pk: int) -> HttpResponse:
    job = _my_job(request, pk)
    now = timezone.now()
    context = {
        "job": job,
        "stalled": job_stalled(job, now),
        "expired": job_expired(job, now),
        "percent": round(100 * job.rows_written / job.rows_expected) if job.rows_expected else 0,
        "list_url": f"{reverse('profiles:advisor_list')}?{job.query}",
        "keep_hours": settings.EXPORT_KEEP_HOURS,
    }
    if context["stalled"]:
        # Its writer is gone: the page says nothing partial is kept, so it is not.
        export_path(job).with_suffix(".part").unlink(missing_ok=True)
    template = "profiles/advisor/export_job.html"
    if request.htmx:
        template += "#progress"
    return render(request, template, context)


@never_cache
@require_safe
@advisor_required
def export_file(request: HttpRequest, pk: int) -> FileResponse:
    job = _my_job(request, pk)
    path = export_path(job)
    if job.state != ExportJob.State.DONE or job_expired(job) or not path.exists():
        raise Http404("This export has no file to download.")
    if not still_consented(job):
        # A profile in it was withdrawn (or its advisor's membership changed) since.
        job.delete()  # and its file
        return render(request, "profiles/advisor/export_gone.html", status=410)
    stamp = job.created_at.strftime("%Y-%m-%d")
    return FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=f"shared-profiles-{stamp}-{job.pk}.csv",
        content_type="text/csv; charset=utf-8",
    )
