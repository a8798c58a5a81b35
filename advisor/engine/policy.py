"""Visa policy as dated data: travel bans, interview rules, fees (plan rules P18).

Policies change by proclamation and court ruling, so none is a sentence in code:
each is a row an admin keeps (`advisor.models.PolicyEvent`) with its source, date
and status, read here as plain values. The engine only decides which of them
concern an applicant and at which step of the plan they bite.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

# What a policy can block or change, and so where in the plan it is shown.
VISITOR_VISA = "visitor_visa"  # B-1/B-2: a US rotation or observership
J1 = "j1"  # the J-1: residency through ECFMG, most research posts
H1B = "h1b"  # the H-1B: residency at programs that sponsor it
CONCERNS = (VISITOR_VISA, J1, H1B)
STATUSES = {
    "in_force": "in force",
    "in_litigation": "in force, challenged in court",
    "blocked": "blocked by a court, under appeal",
    "unresolved": "unresolved: check before relying on it",
    "ended": "ended",
}


@dataclass(frozen=True)
class PolicyEvent:
    slug: str
    title: str
    summary: str  # what it means for an applicant, in the site's own words
    effective_from: date
    status: str  # a key of STATUSES
    source_url: str
    checked_on: date | None = None
    countries: frozenset[str] = frozenset()  # ISO codes it names; empty: everyone concerned
    concerns: frozenset[str] = frozenset()  # of CONCERNS

    @property
    def status_label(self) -> str:
        return STATUSES.get(self.status, self.status)

    @property
    def names_countries(self) -> bool:
        return bool(self.countries)

    def applies_to(self, citizenship: str | None, visa: str) -> bool:
        """Whether it concerns this applicant: a US citizen or permanent resident needs
        no visa; a policy that names countries needs one of them. One announced for a
        later date is shown too: the plan runs into the future."""
        if visa == "citizen_or_resident" or self.status == "ended":
            return False
        return not self.countries or citizenship in self.countries

    def as_dict(self) -> dict:
        return {
            "slug": self.slug,
            "title": self.title,
            "summary": self.summary,
            "effective_from": self.effective_from.isoformat(),
            "status": self.status,
            "status_label": self.status_label,
            "source_url": self.source_url,
            "checked_on": self.checked_on.isoformat() if self.checked_on else None,
            "names_countries": self.names_countries,
        }


def policies_for(
    events: tuple[PolicyEvent, ...], citizenship: str | None, visa: str
) -> tuple[PolicyEvent, ...]:
    return tuple(e for e in events if e.applies_to(citizenship, visa))


def unnamed_country_rules(events: tuple[PolicyEvent, ...], visa: str) -> tuple[PolicyEvent, ...]:
    """Policies that name countries, for an applicant who gave no citizenship: the page
    says that such rules exist and where to check, without guessing which apply."""
    if visa == "citizen_or_resident":
        return ()
    return tuple(e for e in events if e.names_countries and e.status != "ended")
