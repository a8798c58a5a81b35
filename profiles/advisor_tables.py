"""The advisor list as a sortable table; every column sorts in SQL.

Rows are written in templates/profiles/advisor/_table.html; the columns here
give the headers and what each one sorts on.
"""

import django_tables2 as tables


class ProfileTable(tables.Table):
    name = tables.Column(verbose_name="Applicant", order_by=("name", "id"), empty_values=())
    specialty = tables.Column(
        verbose_name="Specialty", accessor="specialty__name", order_by=("specialty__name",)
    )
    yog = tables.Column(
        verbose_name="YOG", accessor="graduation_year", order_by=("-graduation_year",)
    )
    effective_usce = tables.Column(verbose_name="USCE weeks")
    us_clinical_letters = tables.Column(verbose_name="Letters")
    priority = tables.Column(order_by=("priority_rank",))
    readiness = tables.Column()
    updated_at = tables.Column(verbose_name="Last updated")

    class Meta:
        template_name = "profiles/advisor/_table.html"
        attrs = {"class": "table table-sm table-hover align-middle advisor-table"}
        order_by = ("priority", "-updated_at")
        empty_text = "No shared profiles match these filters."
