"""Search and filters of the advisor list; the CSV export uses the same ones."""

import django_filters
from django.db.models import Q

from advisor.content import FLAG_LABELS, PRIORITIES
from profiles.models import CAREER_GOAL_CHOICES, Profile


class ProfileFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Search name or email")
    specialty = django_filters.ChoiceFilter(
        field_name="specialty__slug", label="Specialty", empty_label="All specialties"
    )
    priority = django_filters.ChoiceFilter(
        choices=[(slug, p.headline) for slug, p in PRIORITIES.items()],
        label="Priority",
        empty_label="Any priority",
    )
    flag = django_filters.ChoiceFilter(
        choices=list(FLAG_LABELS.items()), method="with_flag", label="Flag", empty_label="Any flag"
    )
    career_goal = django_filters.ChoiceFilter(
        choices=CAREER_GOAL_CHOICES, label="Career goal", empty_label="Any goal"
    )

    class Meta:
        model = Profile
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
        return queryset.filter(Q(name__icontains=value) | Q(email__icontains=value))

    def with_flag(self, queryset, name, value):
        return queryset.filter(flags__contains=f",{value},")
