"""Reads for the advisor pages that are not the caseload itself."""

from django.db.models import Count, QuerySet

from advisor.content import PRIORITIES
from profiles.models import Profile


def cohort_summary(profiles: QuerySet[Profile]) -> dict[str, list[dict]]:
    """How `profiles` split by priority and by specialty: two grouped queries."""
    counts = dict(profiles.values_list("priority").annotate(n=Count("id")).order_by())
    by_priority = [
        {"slug": slug, "label": PRIORITIES[slug].label, "count": counts.get(slug, 0)}
        for slug in PRIORITIES
    ]
    by_specialty = [
        {"slug": row["specialty__slug"], "label": row["specialty__name"], "count": row["n"]}
        for row in profiles.values("specialty__slug", "specialty__name")
        .annotate(n=Count("id"))
        .order_by("-n", "specialty__name")
    ]
    return {"by_priority": by_priority, "by_specialty": by_specialty}
