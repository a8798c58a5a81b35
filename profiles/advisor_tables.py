"""The advisor list as a sortable table; every column sorts in SQL."""

import django_tables2 as tables
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from advisor.content import PRIORITIES


class ProfileTable(tables.Table):
    name = tables.Column(verbose_name="Applicant", order_by=("name", "id"), empty_values=())
    specialty = tables.Column(
        verbose_name="Specialty", accessor="specialty__name", order_by=("specialty__name",)
    )
    yog = tables.Column(
        verbose_name="YOG", accessor="graduation_year", order_by=("-graduation_year",)
    )
    effective_usce = tables.Column(verbose_name="USCE weeks", attrs={"td": {"class": "text-end"}})
    us_clinical_letters = tables.Column(verbose_name="Letters", attrs={"td": {"class": "text-end"}})
    priority = tables.Column(order_by=("priority_rank",))
    readiness = tables.Column(attrs={"td": {"class": "text-end"}})
    updated_at = tables.DateColumn(verbose_name="Last updated", format="j M Y")

    class Meta:
        attrs = {"class": "table table-sm table-hover align-middle advisor-table"}
        order_by = ("priority", "-updated_at")
        empty_text = "No shared profiles match these filters."

    def render_name(self, record):
        url = reverse("profiles:advisor_profile", args=[record.pk])
        # A whole-page link: only sorting and paging swap the table in place.
        return format_html(
            '<a href="{}" hx-boost="false">{}</a>', url, record.name or f"Applicant #{record.pk}"
        )

    def render_yog(self, value):
        return max(0, timezone.now().year - value)

    def render_effective_usce(self, value):
        return f"{value:g}"

    def render_priority(self, value):
        return format_html(
            '<span class="priority-pill priority-{}">{}</span>', value, PRIORITIES[value].headline
        )
