"""Reads for the advisor pages that are not the caseload itself."""

from advisor.engine.content import PRIORITIES
from profiles.advising.models import CaseTally


def cohort_summary(group_id: int | None) -> dict[str, list[dict]]:
    """How a group's cases split by priority and by specialty: one query of the
    group's tallies, kept as its cases change (profiles/advising/cases.py)."""
    tallies = CaseTally.objects.filter(group_id=group_id, count__gt=0)
    rows = list(tallies.values_list("dimension", "key", "label", "count"))
    by_key = {key: n for dimension, key, _, n in rows if dimension == "priority"}
    by_priority = [
        {"slug": slug, "label": PRIORITIES[slug].label, "count": by_key.get(slug, 0)}
        for slug in PRIORITIES
    ]
    by_specialty = sorted(
        (
            {"slug": key, "label": label, "count": n}
            for dimension, key, label, n in rows
            if dimension == "specialty"
        ),
        key=lambda row: (-row["count"], row["label"]),
    )
    return {"by_priority": by_priority, "by_specialty": by_specialty}
