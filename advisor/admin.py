from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from advisor.models import Specialty
from advisor.weighting import TUNABLE_FIELDS

admin.site.site_header = "IMG Pathway Advisor administration"
admin.site.site_title = "IMG Pathway Advisor admin"


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
