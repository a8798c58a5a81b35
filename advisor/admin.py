from django.contrib import admin

from advisor.models import Specialty


@admin.register(Specialty)
class SpecialtyAdmin(admin.ModelAdmin):
    list_display = (
        "name",
        "research_emphasis",
        "usce_target_weeks",
        "letters_target",
        "weight_usce",
        "weight_letters",
        "weight_research",
        "weight_recency",
        "weight_exam",
    )
    list_editable = list_display[1:]
    list_filter = ("research_emphasis",)
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}
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
