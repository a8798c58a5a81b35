"""The admin's two-step save for rows that change advice (a specialty's weighting, a
Match cycle, a fee): the first save of new values shows what they would do to advice
already given (profiles/advising/impact.py) and asks for a reason; saving the same
values again, with the reason, saves them."""

from __future__ import annotations

import json

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.crypto import salted_hmac
from django.utils.functional import cached_property

from advisor.admin_history import LabelledHistoryAdmin
from advisor.admin_recheck import RecheckAfterSave
from profiles.advising.impact import Impact

# Holds the save back; never shown, because the preview says it in its own words.
PREVIEW_MESSAGE = (
    "Not saved yet: read what this change does to advice already given, then save again to confirm."
)
REASON_LABEL = "Reason for this change"
REASON_HELP = (
    "Why you make this change, in a few words (at most 100 characters), e.g. "
    "“NRMP Charting Outcomes 2026”. It is kept with this version in the History."
)
REASON_MISSING = "Write why you make this change, in a few words, then save."
REASON_TOO_LONG = "Keep the reason to 100 characters or fewer (it has %(show_value)d)."
# Form fields about the save itself, not values of the row.
SAVE_FIELDS = ("change_reason", "impact_seen")
REASON_FIELDSET = ("Why this change", {"fields": SAVE_FIELDS})


class ImpactPreviewForm(forms.ModelForm):
    """Saves only with a reason, and only once the impact of exactly the posted values
    on advice already given was shown: the first submit of new values shows it and
    carries a marker of them; submitting the same values again saves them. Until the
    reason is given, every submit shows the preview again."""

    change_reason = forms.CharField(
        label=REASON_LABEL,
        max_length=100,
        help_text=REASON_HELP,
        error_messages={"required": REASON_MISSING, "max_length": REASON_TOO_LONG},
        widget=forms.TextInput(attrs={"class": "vTextField"}),  # the admin's full width
    )
    impact_seen = forms.CharField(widget=forms.HiddenInput, required=False)

    impact: Impact | None = None

    def impact_of_change(self, saved: models.Model | None) -> Impact:
        raise NotImplementedError

    @property
    def impact_scope(self) -> str:
        """Whose profiles the preview checks, after "N saved profiles"."""
        raise NotImplementedError

    @cached_property
    def changed_data(self) -> list[str]:
        # Keeps "Reason for this change" out of the admin's change message.
        return [name for name in super().changed_data if name not in SAVE_FIELDS]

    @property
    def reason_errors(self) -> list[str]:
        """What is wrong with the reason, for the preview to name."""
        return list(self.errors.get("change_reason", ()))

    def _post_clean(self) -> None:
        # After the model's own checks, with the instance holding the posted values:
        # only values that could be saved are previewed. A missing reason does not
        # hold the preview back, so both are fixed in one round.
        super()._post_clean()
        if set(self.errors) - {"change_reason"}:
            return
        model = type(self.instance)
        saved = model._default_manager.filter(pk=self.instance.pk).first()
        if saved is not None and self._values(saved) == self._values(self.instance):
            return  # nothing to preview: saving records the reason only
        marker = self._marker(saved)
        if self.cleaned_data.get("impact_seen") == marker and not self.reason_errors:
            return  # seen, with a reason: confirmed
        # Shown again while the reason is missing, so the admin still reads what they
        # are about to save when they write it.
        self.impact = self.impact_of_change(saved)
        # The form shown again carries the marker: saving it unchanged confirms.
        self.data = self.data.copy()
        self.data["impact_seen"] = marker
        self.add_error(None, ValidationError(PREVIEW_MESSAGE, code="impact_preview"))

    def _values(self, instance: models.Model) -> dict:
        return {name: getattr(instance, name) for name in self.fields if name not in SAVE_FIELDS}

    def _marker(self, saved: models.Model | None) -> str:
        # Signed, and over the saved values too: a change saved by someone else
        # since the preview calls for a new one.
        values = [self.instance.pk, self._values(self.instance), saved and self._values(saved)]
        payload = json.dumps(values, default=str, sort_keys=True)
        return salted_hmac("advisor.admin.impact_seen", payload).hexdigest()


class ImpactPreviewAdmin(RecheckAfterSave, LabelledHistoryAdmin):
    """The change form (and the History's revert form) previews the impact on saved
    advice before saving, asks for a reason, and re-checks which profiles' advice
    now differs once the save is committed."""

    change_form_template = "admin/advisor/impact_change_form.html"
    object_history_form_template = "admin/advisor/impact_history_form.html"

    def render_change_form(self, request, context, *args, **kwargs):
        self._preview_is_no_error(context)
        return super().render_change_form(request, context, *args, **kwargs)

    def render_history_view(self, request, template, context, **kwargs):
        if "adminform" in context:
            self._preview_is_no_error(context)
        return super().render_history_view(request, template, context, **kwargs)

    def save_model(self, request, obj, form, change):
        obj._change_reason = form.cleaned_data["change_reason"]
        super().save_model(request, obj, form, change)
        # Started after the commit, so it reads the saved values; in the background,
        # as it goes over every profile. Should it fail, the change is saved anyway
        # and an advisor opening a profile re-checks that one.
        self.recheck_after_commit(request, obj, what="saved")

    @staticmethod
    def _preview_is_no_error(context) -> None:
        # The preview is shown only when nothing but the reason stands in the way of
        # saving: it speaks for itself and names the reason if that is missing, so
        # Django's "Please correct the errors below." would only alarm. Any other
        # error leaves no preview, and the admin's usual banner.
        if context["adminform"].form.impact is not None:
            context["errors"] = []


class DeletionChangesAdviceAdmin(ImpactPreviewAdmin):
    """Rows whose deletion changes advice in every specialty (a Match year, a fee): the
    advisors' "advice differs" marks are re-checked after a delete too."""

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        self.recheck_after_commit(request, obj, what="deleted")

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        self.recheck_after_commit(request, None, what="deleted")
