"""Search and filters of a group's caseload (its cases, GroupShare rows); the CSV
export and "previous / next" on a profile's page use the same ones, so all three
agree on what the list holds."""

from datetime import timedelta

import django_filters
from django.db.models import Q
from django.utils import timezone

from advisor.engine.content import FLAG_LABELS, PRIORITIES
from profiles.advising.cases import DRIFT_RANKS, PRIORITY_RANKS
from profiles.advising.models import NEVER, GroupShare
from profiles.models import CAREER_GOAL_CHOICES

RECENT_CONTACT_DAYS = 30
# The query parameters of the list (filters, sort and page): what a profile's page
# carries so that "back to the list" and "next" keep them.
LIST_PARAMS = (
    "group",
    "q",
    "specialty",
    "priority",
    "flag",
    "career_goal",
    "notes",
    "contact",
    "advice",
    "sort",
    "after",
)


class ProfileFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Search name or email", max_length=120)
    specialty = django_filters.ChoiceFilter(
        field_name="specialty_slug", label="Specialty", empty_label="All specialties"
    )
    priority = django_filters.ChoiceFilter(
        choices=[(slug, p.label) for slug, p in PRIORITIES.items()],
        method="by_priority",
        label="Priority",
        empty_label="Any priority",
    )
    flag = django_filters.ChoiceFilter(
        choices=list(FLAG_LABELS.items()), method="with_flag", label="Flag", empty_label="Any flag"
    )
    career_goal = django_filters.ChoiceFilter(
        choices=CAREER_GOAL_CHOICES, label="Career goal", empty_label="Any goal"
    )
    notes = django_filters.ChoiceFilter(
        choices=[("with", "With group notes"), ("without", "Without group notes")],
        method="with_notes",
        label="Group notes",
        empty_label="With or without",
    )
    contact = django_filters.ChoiceFilter(
        choices=[
            ("never", "Never"),
            ("over", f"Over {RECENT_CONTACT_DAYS} days ago"),
            ("recent", f"In the last {RECENT_CONTACT_DAYS} days"),
        ],
        method="by_contact",
        label="Last contact",
        empty_label="Any time",
    )
    advice = django_filters.ChoiceFilter(
        choices=[
            ("changed", "Differs today"),
            ("priority", "Priority differs"),
            ("plan", "Plan differs"),
            ("same", "Same as told"),
        ],
        method="by_drift",
        label="Advice today",
        empty_label="Either",
    )

    class Meta:
        model = GroupShare
        fields: list[str] = []

    def __init__(self, *args, specialty_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        # Choices come from the caller so the list costs one query, not one per use.
        self.filters["specialty"].extra["choices"] = specialty_choices
        for name, field in self.form.fields.items():
            css = "form-control form-control-sm" if name == "q" else "form-select form-select-sm"
            field.widget.attrs["class"] = css
        self.form.fields["q"].widget.attrs["type"] = "search"

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        # PostgreSQL answers both through trigram indexes (migration 0011).
        return queryset.filter(Q(name__icontains=value) | Q(email__icontains=value))

    def by_priority(self, queryset, name, value):
        # The rank, not the name: the priority sort's index, and the indexes that sort
        # one priority by readiness, USCE or letters, start with it.
        return queryset.filter(priority_rank=PRIORITY_RANKS[value])

    def pinned_columns(self) -> set[str]:
        """The case columns these filters hold at one value: sorting on one of them
        orders nothing, and walking its index would read every row before the value
        (800,000 cases: 1.5 s to find dermatology when sorted by specialty)."""
        if not self.is_valid():
            return set()
        chosen = self.form.cleaned_data
        pins = {
            "specialty_name": bool(chosen.get("specialty")),
            "priority_rank": bool(chosen.get("priority")),
            "last_contact_at": chosen.get("contact") == "never",
            "note_count": chosen.get("notes") == "without",
            "drift_rank": chosen.get("advice") in ("same", "priority", "plan"),
        }
        return {column for column, pinned in pins.items() if pinned}

    def with_flag(self, queryset, name, value):
        # The whole item, through the GIN index on PostgreSQL (profiles/list_lookup.py).
        return queryset.filter(flags__holds=value)

    def with_notes(self, queryset, name, value):
        return (
            queryset.filter(note_count__gt=0) if value == "with" else queryset.filter(note_count=0)
        )

    def by_contact(self, queryset, name, value):
        if value == "never":
            return queryset.filter(last_contact_at=NEVER)
        since = timezone.now() - timedelta(days=RECENT_CONTACT_DAYS)
        if value == "recent":
            return queryset.filter(last_contact_at__gte=since)
        return queryset.filter(last_contact_at__lt=since, last_contact_at__gt=NEVER)

    def by_drift(self, queryset, name, value):
        if value == "changed":
            return queryset.filter(drift_rank__gt=0)
        if value == "same":
            return queryset.filter(drift_rank=0)
        return queryset.filter(drift_rank=DRIFT_RANKS[value])
