"""Reads of the engine's data (specialty weightings, the Match calendar, visa policies,
fees) for its callers.

In a request, what is built here is kept per process until an admin's change
(advisor/admin_data_cache.py): the result page read the calendar in four queries
and the specialties in one on every view, now in the one query of the version.
"""

from advisor.admin_data_cache import cached_per_version
from advisor.engine.applicant import ProfileError
from advisor.engine.calendar import MatchCalendar
from advisor.engine.facts import ADVANCED_TRACK
from advisor.engine.fees import FeeTable
from advisor.engine.weighting import Weighting
from advisor.models import Fee, MatchCycle, PassMark, PolicyEvent, Specialty


@cached_per_version
def specialties() -> tuple[Specialty, ...]:
    """Every specialty with its backup, by name, in one query. Shared: read, never change."""
    return tuple(Specialty.objects.select_related("backup_specialty").order_by("name"))


def specialty_list() -> list[Specialty]:
    return list(specialties())


@cached_per_version
def _weightings() -> dict[str, Weighting]:
    rows = specialties()
    first_year = next((s for s in rows if s.slug == ADVANCED_TRACK), None)
    return {s.slug: s.as_weighting(first_year) for s in rows}


def weightings_by_slug() -> dict[str, Weighting]:
    """Every specialty's weighting in one query, for batch assessment."""
    return dict(_weightings())  # a copy: callers may add a proposed one


def weighting_for(slug: str) -> Weighting:
    weighting = _weightings().get(slug)
    if weighting is None:
        raise ProfileError({"specialty": f"unknown specialty '{slug}'"})
    return weighting


def weighting_of(specialty: Specialty) -> Weighting:
    """A specialty row (saved, or as an admin is editing it) as the engine reads it,
    with what its cost needs from the preliminary/transitional row (where positions
    start at PGY-2)."""
    first_year = None
    if specialty.advanced_positions != "none":
        first_year = next((s for s in specialties() if s.slug == ADVANCED_TRACK), None)
    return specialty.as_weighting(first_year)


@cached_per_version
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


@cached_per_version
def fee_table() -> FeeTable:
    return FeeTable(tuple(f.as_fee() for f in Fee.objects.all()))
