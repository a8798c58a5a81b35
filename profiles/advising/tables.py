"""The caseload as a sortable table; every column sorts in SQL.

Rows are written in templates/profiles/advisor/_table.html; the columns here
give the headers and what each one sorts on. Each sort ends on the primary key,
so the order is total: pages never overlap and "next profile" is well defined.
"""

import django_tables2 as tables

# How the results line names each sort: (column, ascending, descending).
_NUMBER = ("lowest first", "highest first")
_DATE = ("oldest first", "newest first")
_TEXT = ("A to Z", "Z to A")
SORT_WORDS = {
    "name": ("name", *_TEXT),
    "specialty": ("specialty", *_TEXT),
    "effective_usce": ("USCE weeks", *_NUMBER),
    "us_clinical_letters": ("letters", *_NUMBER),
    "priority": ("priority", "most urgent first", "least urgent first"),
    "readiness": ("readiness", *_NUMBER),
    "note_count": ("notes", "fewest first", "most first"),
    "last_contact": ("last contact", "longest ago first", "most recent first"),
    "advice": ("advice today", "unchanged first", "biggest change first"),
    "updated_at": ("last updated", *_DATE),
}
DEFAULT_SORT = "priority"


class ProfileTable(tables.Table):
    name = tables.Column(verbose_name="Applicant", order_by=("name", "pk"), empty_values=())
    specialty = tables.Column(
        verbose_name="Specialty",
        accessor="specialty_name",
        order_by=("specialty_name", "name", "pk"),
    )
    effective_usce = tables.Column(verbose_name="USCE weeks", order_by=("effective_usce", "pk"))
    us_clinical_letters = tables.Column(
        verbose_name="Letters", order_by=("us_clinical_letters", "pk")
    )
    priority = tables.Column(order_by=("priority_rank", "-updated_at", "-pk"))
    readiness = tables.Column(order_by=("readiness", "pk"))
    note_count = tables.Column(verbose_name="Notes", order_by=("note_count", "pk"))
    last_contact = tables.Column(
        verbose_name="Last contact", order_by=("last_contact_sort", "pk"), empty_values=()
    )
    advice = tables.Column(
        verbose_name="Advice today", accessor="advice_drift", order_by=("drift_rank", "pk")
    )
    updated_at = tables.Column(verbose_name="Last updated", order_by=("updated_at", "pk"))

    class Meta:
        template_name = "profiles/advisor/_table.html"
        attrs = {"class": "table table-sm table-hover align-middle advisor-table"}
        order_by = (DEFAULT_SORT,)
        empty_text = "No shared profiles match these filters."


def valid_sort(requested: list[str]) -> str:
    """The first sort key the table has (`readiness`, `-readiness`); the default else."""
    for key in requested:
        if key.lstrip("-") in ProfileTable.base_columns:
            return key
    return DEFAULT_SORT


def ordering_for(sort: str) -> list[str]:
    """The queryset ordering of a sort key, as django-tables2 applies it."""
    columns = ProfileTable.base_columns[sort.lstrip("-")].order_by
    if not sort.startswith("-"):
        return list(columns)
    return [field[1:] if field.startswith("-") else f"-{field}" for field in columns]


def sort_description(sort: str) -> str:
    """ "sorted by readiness, highest first" for `-readiness`."""
    label, ascending, descending = SORT_WORDS[sort.lstrip("-")]
    return f"sorted by {label}, {descending if sort.startswith('-') else ascending}"
