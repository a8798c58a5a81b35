"""Writing, changing and deleting notes on a profile in the advisor's caseload."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from profiles.advising import IN_CARD
from profiles.advising.access import advisor_required, my_shares_of
from profiles.advising.forms import NoteEditForm, NoteForm
from profiles.advising.list_state import list_query
from profiles.advising.notes import (
    note_add,
    note_delete,
    note_edit,
    note_of_author,
    notes_visible_to,
)
from profiles.advising.profile_views import caseload_row, profile_page

SAVED = "Note saved."


def _profile_url(request: HttpRequest, pk: int) -> str:
    query = list_query(request)
    url = reverse("profiles:advisor_profile", args=[pk])
    return f"{url}?{query}#notes" if query else f"{url}#notes"


@never_cache
@require_POST
@advisor_required
def note_create(request: HttpRequest, pk: int) -> HttpResponse:
    profile = caseload_row(request.user, pk)
    shares = my_shares_of(request.user, profile)
    groups = [share.group for share in shares]
    form = NoteForm(request.POST, groups=groups)
    saved = form.is_valid()
    if saved:
        note_add(
            profile=profile,
            author=request.user,
            group=form.cleaned_data["group"],
            visibility=form.cleaned_data["visibility"],
            text=form.cleaned_data["text"],
        )
        if not request.htmx:
            messages.success(request, SAVED, extra_tags=IN_CARD)
            return redirect(_profile_url(request, profile.pk))
        form = NoteForm(groups=groups)
    if request.htmx:
        # Only the notes card changes; its status line says what happened.
        context = {
            "profile": profile,
            "shares": shares,
            "notes": notes_visible_to(request.user, profile),
            "note_form": form,
            "note_saved": SAVED if saved else "",
            "item_query": list_query(request),
        }
        return render(request, "profiles/advisor/profile.html#notes", context)
    # The whole page again, with the refused note: a read of the profile, recorded.
    return profile_page(request, profile, note_form=form, status=400)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@advisor_required
def note_change(request: HttpRequest, pk: int) -> HttpResponse:
    """Only the author changes a note (its words and who may read it)."""
    note = note_of_author(request.user, pk)
    initial = {"text": note.text, "visibility": note.visibility}
    form = NoteEditForm(request.POST or None, initial=initial, note=note)
    if request.method == "POST" and form.is_valid():
        note_edit(note=note, **form.cleaned_data)
        messages.success(request, "Note saved.", extra_tags=IN_CARD)
        return redirect(_profile_url(request, note.profile_id))
    context = {"note": note, "form": form, "back": _profile_url(request, note.profile_id)}
    status = 400 if form.errors else 200
    return render(request, "profiles/advisor/note_edit.html", context, status=status)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@advisor_required
def note_remove(request: HttpRequest, pk: int) -> HttpResponse:
    note = note_of_author(request.user, pk)
    if request.method == "POST":
        note_delete(note=note)
        messages.success(request, "Note deleted.", extra_tags=IN_CARD)
        return redirect(_profile_url(request, note.profile_id))
    context = {"note": note, "back": _profile_url(request, note.profile_id)}
    return render(request, "profiles/advisor/note_delete.html", context)
