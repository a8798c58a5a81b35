"""The History page of the rows admins edit (django-simple-history), as an admin reads
it: each version's date, who made it, why and what changed, with fields by their
labels and values as the form shows them."""

from __future__ import annotations

from importlib import import_module

from django.contrib.admin.utils import display_for_field, label_for_field, lookup_field, unquote
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models
from django.http import Http404
from django.urls import reverse
from django.utils.text import capfirst
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper, ObjDiffDisplay

# Migrations do not trigger simple-history, so each data migration writes the first
# versions of its rows itself, with no user and a reason of its own; 0004 wrote its
# reason as a literal. A test walks every version the migrations leave.
SEED_MIGRATIONS = (
    "0006_seed_specialty_figures",
    "0007_seed_match_calendar",
    "0010_seed_policy_events",
    "0011_step2_pass_mark_history",
    "0013_seed_specialty_mechanics",
    "0015_seed_fees",
)
SEEDED_REASONS = frozenset(
    {
        "Seeded weighting",
        *(import_module(f"advisor.migrations.{name}").REASON for name in SEED_MIGRATIONS),
    }
)
INITIAL_DATA = "initial data"
# A save outside the admin (a shell, a script) names nobody.
NOBODY_RECORDED = "not recorded (saved outside the admin)"
EMPTY = "empty"
# What changed, when no field did; the oldest version on a page of many has nothing
# to be compared with on that page.
CHANGES_NOTE = {"+": "First version", "~": "No value changed", "-": "Deleted"}


def changed_by(record) -> str:
    """Who made this version: the admin's name, or where the values came from."""
    user = record.history_user
    if user is not None:
        return user.get_full_name() or user.get_username()
    if record.history_change_reason in SEEDED_REASONS:
        return INITIAL_DATA
    return NOBODY_RECORDED


def value_display(value, field: models.Field) -> str:
    """A value as the admin's forms and lists read it: a choice by its label, a date in
    the site's format, yes or no, and "empty" for nothing."""
    if isinstance(field, models.BooleanField):
        return "yes" if value else "no"
    if value is None or value == "":
        return EMPTY
    return display_for_field(value, field, EMPTY, avoid_link=True)


class ShortenedWithEllipsis(ObjDiffDisplay):
    def shortened_str(self, prefix: str, num_skipped_chars: int, suffix: str) -> str:
        return f"{prefix} … {suffix}"  # rather than "[44 chars]"


class LabelledChanges(HistoricalRecordContextHelper):
    """Old and new values in the admin's words (`value_display`)."""

    def prepare_delta_change_value(self, change, value):
        value = super().prepare_delta_change_value(change, value)
        return value_display(value, self.model._meta.get_field(change.field))

    def get_obj_diff_display(self) -> ObjDiffDisplay:
        return ShortenedWithEllipsis(max_length=self.max_displayed_delta_change_chars)


class LabelledHistoryAdmin(SimpleHistoryAdmin):
    """The History lists versions newest first: date (the link to that version), who,
    what happened, the reason, what changed, and the values of `history_list_display`
    folded away, each field under its label."""

    object_history_template = "admin/advisor/object_history.html"
    object_history_list_template = "admin/advisor/object_history_list.html"

    def history_view(self, request, object_id, extra_context=None):
        # A malformed id (".../1/change/history/" reaches here as "1/change") is a page
        # that does not exist, not a server error.
        try:
            self.model._meta.pk.to_python(unquote(object_id))
        except ValidationError:
            raise Http404(
                f"No {self.model._meta.verbose_name} with the id {object_id!r}."
            ) from None
        return super().history_view(request, object_id, extra_context)

    def get_historical_record_context_helper(self, request, historical_record):
        # Long enough for a source's address in full.
        return LabelledChanges(self.model, historical_record, max_displayed_delta_change_chars=200)

    def render_history_view(self, request, template, context, **kwargs):
        if "page_obj" in context:  # the list of versions, not one version's form
            names = self.get_history_list_display(request)
            for record in context["page_obj"]:
                record.changed_by = changed_by(record)
                record.changed_by_url = self._user_url(request, record.history_user)
                compared = hasattr(record, "history_delta_changes")
                if compared or record.history_type != "~":
                    record.changes_note = CHANGES_NOTE[record.history_type]
                record.values_shown = [
                    (self._label(name), self._value(name, record)) for name in names
                ]
        return super().render_history_view(request, template, context, **kwargs)

    def _user_url(self, request, user) -> str | None:
        # As the admin links a user: to their page, for whoever may open it.
        if user is None or not self.admin_site.is_registered(type(user)):
            return None
        user_admin = self.admin_site.get_model_admin(type(user))
        if not user_admin.has_view_or_change_permission(request, user):
            return None
        opts = user._meta
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[user.pk])

    def _label(self, name: str) -> str:
        return capfirst(label_for_field(name, self.model, self))

    def _value(self, name: str, record) -> str:
        try:
            field, _attr, value = lookup_field(name, record, self)
        except ObjectDoesNotExist:
            return "(since deleted)"  # a backup specialty that no longer exists
        if field is None:
            return EMPTY if value in (None, "") else str(value)
        return value_display(value, field)
