from django.contrib import admin
from django.db import models
from simple_history.admin import SimpleHistoryAdmin

from advisor.accounts.forms import AdminLoginForm
from advisor.models import PROVISIONAL_HELP, MatchCycle, PassMark, Specialty
from advisor.weighting import TUNABLE_FIELDS

admin.site.site_header = "IMG Pathway Advisor administration"
admin.site.site_title = "IMG Pathway Advisor admin"
admin.site.login_form = AdminLoginForm


@admin.register(Specialty)
class SpecialtyAdmin(SimpleHistoryAdmin):
    """Every save, from the list or the form, adds a version with who and when.

    Stored assessments keep the values they were made with; only new
    assessments use (and point to) the new version.
    """

    list_display = ("name", *TUNABLE_FIELDS)
    list_editable = list_display[1:]
    list_filter = ("research_emphasis",)
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}
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
    )


# Sources are public pages; a bare "www.nrmp.org" means https (Django 6's default too).
SOURCE_URL_FORM = {models.URLField: {"assume_scheme": "https"}}

CALENDAR_DATES = (
    "eras_opens",
    "submit_from",
    "programs_review_from",
    "rank_deadline",
    "match_day",
    "residency_starts",
)


@admin.register(MatchCycle)
class MatchCycleAdmin(SimpleHistoryAdmin):
    """The dates plans are built on; a change reaches every new plan at once."""

    list_display = ("match_year", "submit_from", "match_day", "provisional", "verified_on")
    formfield_overrides = SOURCE_URL_FORM
    list_filter = ("provisional",)
    history_list_display = (*CALENDAR_DATES, "provisional", "verified_on")
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
        ("Source", {"fields": ("source_url", "verified_on")}),
    )


@admin.register(PassMark)
class PassMarkAdmin(SimpleHistoryAdmin):
    """Passing scores by date: the plan uses the one in force in its first month."""

    list_display = ("exam", "score", "effective_from", "verified_on")
    formfield_overrides = SOURCE_URL_FORM
    list_filter = ("exam",)
    history_list_display = ("score", "effective_from", "verified_on")
