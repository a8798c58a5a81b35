from django.contrib import admin
from django.db import models
from django.utils.html import format_html

from advisor.accounts.forms import AdminLoginForm
from advisor.admin_history import LabelledHistoryAdmin
from advisor.admin_preview import (
    REASON_FIELDSET,
    DeletionChangesAdviceAdmin,
    ImpactPreviewAdmin,
    ImpactPreviewForm,
)
from advisor.admin_recheck import RecheckAfterSave
from advisor.engine.countries import country_name
from advisor.engine.weighting import TUNABLE_FIELDS
from advisor.models import (
    CAS_DATES,
    CONCERN_FIELDS,
    PROVISIONAL_HELP,
    Fee,
    MatchCycle,
    PassMark,
    PolicyEvent,
    Specialty,
)
from advisor.selectors import fee_table, match_calendar, weighting_of
from profiles.advising.cases import cases_refresh
from profiles.advising.impact import (
    Impact,
    calendar_impact,
    calendar_with_cycle,
    fee_impact,
    fees_with,
    weighting_impact,
)
from profiles.models import Profile

admin.site.site_header = "IMG Pathway Advisor administration"
admin.site.site_title = "IMG Pathway Advisor admin"
admin.site.login_form = AdminLoginForm


class SpecialtyForm(ImpactPreviewForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        backup = self.fields.get("backup_specialty")
        if backup is not None and self.instance.pk is not None:
            # A specialty is no backup for itself (the model refuses it too).
            backup.queryset = backup.queryset.exclude(pk=self.instance.pk)

    @property
    def impact_scope(self) -> str:
        return f"for {self.instance.name}"

    def impact_of_change(self, saved: Specialty | None) -> Impact:
        specialty_id = saved.pk if saved else None
        return weighting_impact(specialty_id=specialty_id, proposed=weighting_of(self.instance))


class MatchCycleForm(ImpactPreviewForm):
    impact_scope = "in every specialty"

    def impact_of_change(self, saved: MatchCycle | None) -> Impact:
        proposed = calendar_with_cycle(
            match_calendar(),
            self.instance.as_cycle(),
            replaces=saved.match_year if saved else None,
        )
        return calendar_impact(proposed=proposed)


class FeeForm(ImpactPreviewForm):
    impact_scope = "in every specialty"

    def impact_of_change(self, saved: Fee | None) -> Impact:
        proposed = fees_with(
            fee_table(), self.instance.as_fee(), replaces=saved.as_fee() if saved else None
        )
        return fee_impact(proposed=proposed)


# Sources are public pages; a bare "www.nrmp.org" means https (Django 6's default too).
SOURCE_URL_FORM = {models.URLField: {"assume_scheme": "https"}}
MECHANICS_TITLE = "How applying works"
MECHANICS_HELP = (
    "Where applications go, the specialty's standardized letter, positions that start "
    "at PGY-2, how many programs IMGs typically apply to, and a backup specialty. The "
    "plan's application steps use them."
)
MECHANICS_FIELDS = (
    "application_service",
    "standardized_letter",
    "advanced_positions",
    "programs_low",
    "programs_high",
    "backup_specialty",
    "mechanics_source",
    "mechanics_checked_on",
)


def mechanics_description(specialty: Specialty | None) -> str:
    if specialty is None or not specialty.mechanics_source:
        return f"{MECHANICS_HELP} No source recorded yet."
    checked = specialty.mechanics_checked_on
    return format_html(
        '{} Read at <a href="{}" rel="noopener noreferrer">{}</a>, checked {}.',
        MECHANICS_HELP,
        specialty.mechanics_source,
        specialty.mechanics_source,
        checked.isoformat() if checked else "on a day not recorded",
    )


@admin.register(Specialty)
class SpecialtyAdmin(ImpactPreviewAdmin):
    """Every save adds a version with who, when and why. Stored assessments keep the
    values they were made with; only new assessments use (and point to) the new
    version. Editing in the list is off: it would skip the preview and the reason."""

    form = SpecialtyForm
    list_display = ("name", *TUNABLE_FIELDS)
    list_select_related = ("backup_specialty",)
    formfield_overrides = SOURCE_URL_FORM
    list_filter = ("research_emphasis",)
    search_fields = ("name", "slug")
    history_list_display = TUNABLE_FIELDS
    fieldsets = (
        (None, {"fields": ("name", "slug", "research_emphasis")}),
        ("Targets", {"fields": ("usce_target_weeks", "letters_target")}),
        (
            "Figures from NRMP Charting Outcomes",
            {
                "description": (
                    "What matched non-US IMGs had, from the latest report. The page words "
                    "them as what matched IMGs typically had, never as enough."
                ),
                "fields": ("research_target", "step2_median", "img_match_rate", "figures_source"),
            },
        ),
        (MECHANICS_TITLE, {"description": MECHANICS_HELP, "fields": MECHANICS_FIELDS}),
        (
            "Readiness weights",
            {
                "description": "How much each part counts in the readiness score.",
                "fields": (
                    "weight_usce",
                    "weight_letters",
                    "weight_research",
                    "weight_recency",
                    "weight_exam",
                ),
            },
        ),
        REASON_FIELDSET,
    )

    def get_fieldsets(self, request, obj=None):
        # Whoever edits how applying works sees where and when it was last read.
        return [
            (title, {**options, "description": mechanics_description(obj)})
            if title == MECHANICS_TITLE
            else (title, options)
            for title, options in super().get_fieldsets(request, obj)
        ]

    def get_readonly_fields(self, request, obj=None):
        # Saved advice and its weighting versions name the specialty by its slug.
        return ("slug",) if obj else ()

    def get_prepopulated_fields(self, request, obj=None):
        return {} if obj else {"slug": ("name",)}

    def recheck_specialty(self, obj: Specialty | None) -> int | None:
        return obj.pk if obj else None

    def save_model(self, request, obj, form, change):
        # Read before saving, so a revert from the History (whose form starts from the
        # old values) is seen as the rename it is.
        was = Specialty.objects.filter(pk=obj.pk).values_list("name", flat=True).first()
        super().save_model(request, obj, form, change)
        if was is not None and was != obj.name:
            # The advisors' lists show and sort by the specialty's name, copied into
            # each case. The weightings are not copied: what they change (today's
            # advice) is copied by the drift refresh after the commit.
            cases_refresh(profile_ids=Profile.objects.filter(specialty_id=obj.pk).values("pk"))


CALENDAR_DATES = (
    "eras_opens",
    "submit_from",
    "programs_review_from",
    "rank_deadline",
    "match_day",
    "residency_starts",
)


@admin.register(MatchCycle)
class MatchCycleAdmin(DeletionChangesAdviceAdmin):
    """The dates plans are built on; a change reaches every new plan at once."""

    form = MatchCycleForm
    list_display = ("match_year", "submit_from", "match_day", "provisional", "verified_on")
    formfield_overrides = SOURCE_URL_FORM
    list_filter = ("provisional",)
    history_list_display = (*CALENDAR_DATES, *CAS_DATES, "provisional", "verified_on")
    fieldsets = (
        (
            None,
            {
                "description": (
                    "Years without a row are estimated from the usual calendar. " + PROVISIONAL_HELP
                ),
                "fields": ("match_year", "provisional"),
            },
        ),
        ("Dates (US Eastern)", {"fields": CALENDAR_DATES}),
        (
            "ResidencyCAS dates (US Eastern)",
            {
                "description": (
                    "For the specialties that apply through ResidencyCAS, which keeps its own "
                    "deadline and first reading day. Left empty, the plan estimates them: "
                    "three weeks after applicants may submit, and 1 October."
                ),
                "fields": CAS_DATES,
            },
        ),
        ("Source", {"fields": ("source_url", "verified_on")}),
        REASON_FIELDSET,
    )

    # recheck_specialty: None, as any plan may aim at, or move to, the cycle's year; a
    # deleted year falls back to the estimated calendar.


@admin.register(PassMark)
class PassMarkAdmin(LabelledHistoryAdmin):
    """Passing scores by date: the plan uses the one in force in its first month."""

    list_display = ("exam", "score", "effective_from", "verified_on")
    formfield_overrides = SOURCE_URL_FORM
    list_filter = ("exam",)
    history_list_display = ("score", "effective_from", "verified_on")


@admin.register(PolicyEvent)
class PolicyEventAdmin(RecheckAfterSave, LabelledHistoryAdmin):
    """Visa policies (travel bans, interview rules, fees on petitions): new plans show
    each at the steps it concerns, to the applicants it names. Saved plans keep the
    text they were made with."""

    list_display = (
        "title",
        "status",
        "effective_from",
        "country_count",
        "concerns_text",
        "recheck",
        "checked_on",
    )
    list_filter = ("status", "recheck", *CONCERN_FIELDS.values())
    search_fields = ("slug", "title", "summary", "countries", "notes")
    date_hierarchy = "effective_from"
    formfield_overrides = SOURCE_URL_FORM
    readonly_fields = ("country_names",)
    history_list_display = ("status", "effective_from", "countries", "checked_on")
    fieldsets = (
        (
            "What applicants read",
            {"fields": ("title", "slug", "summary", "effective_from", "status")},
        ),
        (
            "Whom it concerns",
            {
                "description": (
                    "A plan shows the policy at each step that needs a visa ticked here, "
                    "to applicants whose citizenship is listed (or to all who need a visa "
                    "when no country is). Applicants who gave no citizenship are told "
                    "that rules naming countries exist and where to check."
                ),
                "fields": ("countries", "country_names", *CONCERN_FIELDS.values()),
            },
        ),
        ("Source", {"fields": ("source_url", "source_date", "checked_on", "recheck", "notes")}),
    )

    def get_prepopulated_fields(self, request, obj=None):
        return {} if obj else {"slug": ("title",)}

    # New plans show policies at their steps, so advisors' "advice has changed" marks
    # are re-checked after a save or a delete, as for a Match cycle.
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        self.recheck_after_commit(request, obj, what="saved")

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        self.recheck_after_commit(request, obj, what="deleted")

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        self.recheck_after_commit(request, None, what="deleted")

    @admin.display(description="countries")
    def country_count(self, obj: PolicyEvent) -> str:
        return str(len(obj.country_codes)) if obj.country_codes else "all"

    @admin.display(description="concerns")
    def concerns_text(self, obj: PolicyEvent) -> str:
        labels = (PolicyEvent._meta.get_field(CONCERN_FIELDS[n]).verbose_name for n in obj.concerns)
        return ", ".join(str(label) for label in labels)

    @admin.display(description="country names")
    def country_names(self, obj: PolicyEvent | None) -> str:
        if obj is None or not obj.country_codes:
            return "None named: the policy concerns every applicant who needs a visa."
        return "; ".join(f"{country_name(code)} ({code})" for code in obj.country_codes)


@admin.register(Fee)
class FeeAdmin(DeletionChangesAdviceAdmin):
    """The figures a plan's cost is counted from (P20). A change reaches new plans at
    once; saved plans keep the figures they showed."""

    form = FeeForm
    list_display = ("what", "item", "amount_low", "amount_high", "unit", "recheck", "checked_on")
    list_filter = ("recheck", "item")
    search_fields = ("what", "item", "notes")
    formfield_overrides = SOURCE_URL_FORM
    history_list_display = ("amount_low", "amount_high", "unit", "checked_on", "recheck")
    fieldsets = (
        (
            None,
            {
                "description": (
                    "Amounts are whole US dollars. Where sources disagree, enter the range "
                    "that covers them and tick “re-check”; applicants see such figures "
                    "marked."
                ),
                "fields": ("item", "what", "amount_low", "amount_high", "currency", "unit"),
            },
        ),
        (
            "Application tiers",
            {
                "description": (
                    "ERAS and ResidencyCAS charge by the number of programs in a "
                    "specialty: one row per tier."
                ),
                "fields": ("programs_from", "programs_to"),
            },
        ),
        ("Source", {"fields": ("source_url", "source_date", "checked_on", "recheck", "notes")}),
        REASON_FIELDSET,
    )

    # recheck_specialty: None, as any plan may hold the step this fee prices.
