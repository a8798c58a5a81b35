"""Everything a step's words may draw on, gathered once per plan."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import date

from advisor.engine.applicant import ApplicantProfile
from advisor.engine.calendar import Cycle, month_start
from advisor.engine.facts import ADVANCED_TRACK, Facts
from advisor.engine.fees import FeeTable
from advisor.engine.plan.layout import Layout
from advisor.engine.plan.needs import Needs
from advisor.engine.policy import H1B, J1, VISITOR_VISA, PolicyEvent, policies_for
from advisor.engine.weighting import Weighting


@dataclass(frozen=True)
class PlanContext:
    profile: ApplicantProfile
    weighting: Weighting
    facts: Facts
    priority: str
    flags: tuple[str, ...]
    needs: Needs
    layout: Layout
    cycle: Cycle
    policy_events: tuple[PolicyEvent, ...] = ()
    fees: FeeTable = field(default_factory=FeeTable)

    @property
    def naming_countries(self) -> frozenset[str]:
        """The slugs of the policies that name countries (travel bans)."""
        return frozenset(e.slug for e in self.policy_events if e.countries)

    def policies(self, concern: str) -> tuple[dict, ...]:
        """The visa policies that concern this applicant and bite at a step needing
        `concern` (a visitor visa, a J-1, an H-1B): shown there, with date and source."""
        found = policies_for(self.policy_events, self.profile.citizenship, self.profile.visa)
        if concern == H1B and self.profile.visa == "h1b":
            return ()  # already on an H-1B in the US: a new petition is a change, not a visa
        return tuple(e.as_dict() for e in found if concern in e.concerns)

    @property
    def j1_blocked(self) -> bool:
        """A rule on the applicant's nationality blocks the J-1 for residency (P18)."""
        return self._blocked(J1)

    @property
    def h1b_blocked(self) -> bool:
        """A rule on the applicant's nationality blocks a new H-1B too (a full ban)."""
        return self._blocked(H1B)

    @property
    def visitor_visa_blocked(self) -> bool:
        """A rule on the applicant's nationality blocks new visitor visas (US rotations)."""
        return self._blocked(VISITOR_VISA)

    def _blocked(self, concern: str) -> bool:
        if self.profile.visa == "citizen_or_resident":
            return False
        return any(p["slug"] in self.naming_countries for p in self.policies(concern))

    @property
    def setting(self) -> str:
        """P11: what a rotation can be, given the applicant's status."""
        if self.profile.in_us_research_post:
            return "own_institution"
        if self.profile.student:
            return "clerkship"
        return "externship" if self.facts.hands_on_allowed else "observership"

    @property
    def needs_visitor_visa(self) -> bool:
        return self.profile.visa in ("b1b2", "other") and not self.profile.in_us_research_post

    @property
    def specialty(self) -> str:
        """The specialty research should be in; a preliminary year leads to another one."""
        if self.weighting.specialty == ADVANCED_TRACK:
            return "your advanced specialty"
        return self.weighting.name

    @property
    def estimated(self) -> str:
        if self.cycle.estimated:
            return " (estimated)"
        return " (provisional)" if self.cycle.provisional else ""


@functools.lru_cache(maxsize=4096)  # strftime is slow, and plans name the same few days
def day(value: date) -> str:
    """`Wed 1 Sep 2027`."""
    return f"{value:%a} {value.day} {value:%b %Y}"


def month_name(index: int) -> str:
    """`September 2027`."""
    return f"{month_start(index):%B %Y}"
