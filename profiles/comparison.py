"""What an applicant was told, against what today's weighting would tell them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from advisor.applicant import parse_profile
from advisor.content import PRIORITIES
from advisor.engine import Assessment, assess
from profiles.models import Profile


@dataclass(frozen=True)
class Comparison:
    today: Assessment
    weighting_changed: bool
    changed_on: datetime | None
    differences: tuple[str, ...]

    @property
    def advice_differs(self) -> bool:
        return bool(self.differences)


def compare_with_today(profile: Profile) -> Comparison:
    """Re-assess the stored answers under today's weighting; the answers stay as they were,
    so any difference comes from the weighting alone."""
    weighting = profile.specialty.as_weighting()
    stored = profile.assessment
    today = assess(parse_profile(stored["input"]), weighting)
    weighting_changed = profile.weighting != weighting.as_dict()
    changed_on = None
    if weighting_changed:
        latest = profile.specialty.history.order_by("-history_date").only("history_date").first()
        changed_on = latest.history_date if latest else None
    differences = []
    if today.priority != stored["priority"]:
        differences.append(
            f"Priority: {PRIORITIES[stored['priority']].headline} → "
            f"{PRIORITIES[today.priority].headline}"
        )
    for name, value in today.scores.as_dict().items():
        if value != stored["scores"][name]:
            differences.append(f"{name.capitalize()} score: {stored['scores'][name]} → {value}")
    if list(today.flags) != stored["flags"]:
        differences.append(
            f"Flags: {', '.join(stored['flags']) or 'none'} → {', '.join(today.flags) or 'none'}"
        )
    return Comparison(today, weighting_changed, changed_on, tuple(differences))
