"""After an admin saves or deletes a row that changes advice, the advisors' "advice
differs today" marks are re-checked in the background (profiles/advising/rechecks.py);
the admin is told where to follow it. "Re-checks of saved advice" lists them, with
their progress and full count."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import capfirst

from advisor.models import AdviceRecheck
from profiles.advising.rechecks import recheck_stalled, recheck_start


class RecheckAfterSave:
    """For a ModelAdmin: `recheck_after_commit` starts the re-check and says so."""

    def recheck_specialty(self, obj: models.Model | None) -> int | None:
        """The specialty whose profiles the row can change (None: every profile)."""
        return None

    def recheck_after_commit(self, request, obj: models.Model | None, *, what: str) -> None:
        opts = self.model._meta
        named = f"{opts.verbose_name} “{obj}”" if obj is not None else opts.verbose_name_plural
        recheck_start(
            specialty_id=self.recheck_specialty(obj),
            cause=capfirst(f"{named} {what}"),
            user=request.user,
        )
        messages.info(
            request,
            format_html(
                "Advisors' “advice differs today” marks are being re-checked in the "
                'background: follow it, and read how many changed, in <a href="{}">'
                "re-checks of saved advice</a>.",
                reverse("admin:advisor_advicerecheck_changelist"),
            ),
        )


@admin.register(AdviceRecheck)
class AdviceRecheckAdmin(admin.ModelAdmin):
    """Read only: each row is written by a save and by its own process."""

    list_display = ("created_at", "cause", "scope", "requested_by", "status", "changed")
    list_select_related = ("specialty", "requested_by")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="profiles")
    def scope(self, obj: AdviceRecheck) -> str:
        return obj.specialty.name if obj.specialty else "Every specialty"

    @admin.display(description="“advice differs” marks changed")
    def changed(self, obj: AdviceRecheck) -> str:
        return f"{obj.marks_changed:,}"

    @admin.display(description="progress")
    def status(self, obj: AdviceRecheck) -> str:
        if recheck_stalled(obj, timezone.now()):
            return f"Stopped after {obj.profiles_checked:,} of {obj.profiles_total:,}"
        if obj.state == AdviceRecheck.State.RUNNING:
            return f"Running: {obj.profiles_checked:,} of {obj.profiles_total:,} checked"
        if obj.state == AdviceRecheck.State.DONE:
            return f"Finished: {obj.profiles_checked:,} checked"
        return obj.get_state_display()
