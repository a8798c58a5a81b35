"""What things cost, as dated data (plan rules P20): fees and ranges an admin keeps.

No figure lives in code: each is a row (`advisor.models.Fee`) with its source and
the day someone checked it, read here as plain values. The engine only knows which
kind of cost each step of a plan brings (`advisor.engine.plan.cost`) and how
application services charge by the number of programs (tiers).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

# The kinds of cost a plan can hold. The keys are what the engine asks for; the
# words applicants read come from the rows (`Fee.what`).
ITEMS = {
    "step1": "USMLE Step 1 fee",
    "step2_ck": "USMLE Step 2 CK fee",
    "step3": "USMLE Step 3 fee",
    "ecfmg_application": "Application for ECFMG certification",
    "oet": "OET Medicine",
    "pathway": "ECFMG Pathway application",
    "eras_token": "ERAS token from ECFMG",
    "usmle_transcript": "USMLE transcript sent to an application service",
    "eras_programs": "ERAS, per program (tiers)",
    "residencycas_programs": "ResidencyCAS, per program (tiers)",
    "nrmp": "NRMP Match registration",
    "visa_fee": "US visa application fee (visitor or J-1)",
    "visa_integrity": "Visa integrity fee",
    "sevis": "SEVIS fee (J-1)",
    "j1_sponsorship": "ECFMG J-1 sponsorship",
    "observership_fees": "Observership fees, per 4 weeks",
    "hands_on_fees": "Hands-on rotation fees, per 4 weeks",
    "living": "Living costs in the US, per month",
    "training_licence": "State training licence",
}
# How a row's amount is charged.
UNITS = {
    "each": "once",
    "per_4_weeks": "per 4 weeks",
    "per_month": "per month",
    "per_program": "per program, for the programs in its tier",
    "flat_tier": "once, for the programs in its tier",
}
PROGRAM_ITEMS = {"eras": "eras_programs", "residencycas": "residencycas_programs"}
TIER_UNITS = ("per_program", "flat_tier")
# The unit each item is counted in; every item not named here is paid once.
ITEM_UNITS = {
    "observership_fees": ("per_4_weeks",),
    "hands_on_fees": ("per_4_weeks",),
    "living": ("per_month",),
    **dict.fromkeys(PROGRAM_ITEMS.values(), TIER_UNITS),
}


def units_for(item: str) -> tuple[str, ...]:
    return ITEM_UNITS.get(item, ("each",))


CURRENCY = "USD"


@dataclass(frozen=True)
class Fee:
    item: str  # a key of ITEMS
    what: str  # what it is for, as applicants read it
    low: int  # whole dollars
    high: int
    unit: str = "each"  # a key of UNITS
    # For application tiers: the programs this row prices, from..to (None: no upper end).
    programs_from: int | None = None
    programs_to: int | None = None
    source_url: str = ""
    checked_on: date | None = None
    check: bool = False  # sources disagree or the figure is unconfirmed: re-check it

    def charge_for(self, programs: int) -> tuple[int, int]:
        """What this tier adds for `programs` applications in one specialty."""
        first = self.programs_from or 1
        if programs < first:
            return 0, 0
        if self.unit == "flat_tier":
            return self.low, self.high
        last = programs if self.programs_to is None else min(programs, self.programs_to)
        return self.low * (last - first + 1), self.high * (last - first + 1)


@dataclass(frozen=True)
class FeeTable:
    """Every fee row, found by item."""

    fees: tuple[Fee, ...] = ()

    def get(self, item: str) -> Fee | None:
        for fee in self.fees:
            if fee.item == item:
                return fee
        return None

    def tiers(self, item: str) -> tuple[Fee, ...]:
        return tuple(
            sorted((f for f in self.fees if f.item == item), key=lambda f: f.programs_from or 1)
        )

    def for_programs(self, service: str, programs: int) -> tuple[int, int]:
        """An application service's fees for `programs` programs in one specialty (ERAS
        and ResidencyCAS count each specialty's programs from the first again)."""
        charges = [f.charge_for(programs) for f in self.tiers(PROGRAM_ITEMS[service])]
        return sum(c[0] for c in charges), sum(c[1] for c in charges)

    def sources(self, items: Iterable[str]) -> tuple[Fee, ...]:
        return tuple(f for item in items for f in self.tiers(item))
