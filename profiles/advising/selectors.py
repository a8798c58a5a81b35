"""Reads for the advisor pages that are not the caseload itself."""

from django.db.models import Count

from advisor.content import PRIORITIES
from profiles.advising.models import GroupShare


def cohort_summary(group_id: int | None) -> dict[str, list[dict]]:
    """How a group's cases split by priority and by specialty: two grouped queries,
    each an index-only read of the group's rows (the priority and specialty sort
    indexes begin with the group)."""
    cases = GroupShare.objects.filter(group_id=group_id).order_by()
    counts = dict(cases.values_list("priority").annotate(n=Count("pk")))
    by_priority = [
        {"slug": slug, "label": PRIORITIES[slug].label, "count": counts.get(slug, 0)}
        for slug in PRIORITIES
    ]
    by_specialty = [
        {"slug": row["specialty_slug"], "label": row["specialty_name"], "count": row["n"]}
        for row in cases.values("specialty_slug", "specialty_name")
        .annotate(n=Count("pk"))
        .order_by("-n", "specialty_name")
    ]
    return {"by_priority": by_priority, "by_specialty": by_specialty}
