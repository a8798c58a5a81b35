"""Reads of the engine's data (specialty weightings, the Match calendar, visa policies)
for its callers."""

from advisor.engine.applicant import ProfileError
from advisor.engine.calendar import MatchCalendar
from advisor.engine.weighting import Weighting
from advisor.models import MatchCycle, PassMark, PolicyEvent, Specialty


def specialty_list() -> list[Specialty]:
    return list(Specialty.objects.order_by("name"))


def weightings_by_slug() -> dict[str, Weighting]:
    """Every specialty's weighting in one query, for batch assessment."""
    specialties = Specialty.objects.select_related("backup_specialty")
    return {s.slug: s.as_weighting() for s in specialties}


def weighting_for(slug: str) -> Weighting:
    specialty = Specialty.objects.filter(slug=slug).first()
    if specialty is None:
        raise ProfileError({"specialty": f"unknown specialty '{slug}'"})
    return specialty.as_weighting()


def match_calendar() -> MatchCalendar:
    """Every stored cycle, pass mark and visa policy in three queries; years without a
    row are estimated by the calendar itself. Ended policies are read too; the engine
    decides which policies apply (`advisor.engine.policy.policies_for`)."""
    return MatchCalendar(
        cycles=tuple(c.as_cycle() for c in MatchCycle.objects.all()),
        pass_marks=tuple(m.as_pass_mark() for m in PassMark.objects.all()),
        policies=tuple(p.as_policy_event() for p in PolicyEvent.objects.all()),
    )
