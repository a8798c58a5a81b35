"""Reads of the engine's data (specialty weightings, the Match calendar, visa policies,
fees) for its callers."""

from advisor.engine.applicant import ProfileError
from advisor.engine.calendar import MatchCalendar
from advisor.engine.facts import ADVANCED_TRACK
from advisor.engine.fees import FeeTable
from advisor.engine.weighting import Weighting
from advisor.models import Fee, MatchCycle, PassMark, PolicyEvent, Specialty


def specialty_list() -> list[Specialty]:
    return list(Specialty.objects.order_by("name"))


def weightings_by_slug() -> dict[str, Weighting]:
    """Every specialty's weighting in one query, for batch assessment."""
    specialties = list(Specialty.objects.select_related("backup_specialty"))
    first_year = next((s for s in specialties if s.slug == ADVANCED_TRACK), None)
    return {s.slug: s.as_weighting(first_year) for s in specialties}


def weighting_for(slug: str) -> Weighting:
    specialty = Specialty.objects.select_related("backup_specialty").filter(slug=slug).first()
    if specialty is None:
        raise ProfileError({"specialty": f"unknown specialty '{slug}'"})
    return weighting_of(specialty)


def weighting_of(specialty: Specialty) -> Weighting:
    """A specialty row as the engine reads it, with what its cost needs from the
    preliminary/transitional row (one more query, only where positions start at PGY-2)."""
    first_year = None
    if specialty.advanced_positions != "none":
        first_year = Specialty.objects.filter(slug=ADVANCED_TRACK).first()
    return specialty.as_weighting(first_year)


def match_calendar() -> MatchCalendar:
    """Every stored cycle, pass mark, visa policy and fee in four queries; years without
    a row are estimated by the calendar itself. Ended policies are read too; the engine
    decides which policies apply (`advisor.engine.policy.policies_for`)."""
    return MatchCalendar(
        cycles=tuple(c.as_cycle() for c in MatchCycle.objects.all()),
        pass_marks=tuple(m.as_pass_mark() for m in PassMark.objects.all()),
        policies=tuple(p.as_policy_event() for p in PolicyEvent.objects.all()),
        fees=fee_table(),
    )


def fee_table() -> FeeTable:
    return FeeTable(tuple(f.as_fee() for f in Fee.objects.all()))
