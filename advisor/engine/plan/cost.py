"""What a plan costs (plan rules P20): an item for each step that costs money, and
nothing else, priced from the admin's fee rows (`advisor.engine.fees`).

Counted from the steps as built, so the cost can never describe another plan: an
exam step brings its fee, an observership its fees per 4 weeks, a month in the US
its living costs, the application its service's tiers for the programs to apply
to. What is paid after Match Day (the residency visa, the training licence) is
kept apart: a matched applicant pays it, and only then.
"""

from __future__ import annotations

from dataclasses import dataclass

from advisor.engine.calendar import month_str
from advisor.engine.fees import CURRENCY, PROGRAM_ITEMS, Fee, FeeTable
from advisor.engine.plan.context import PlanContext
from advisor.engine.plan.model import PlanStep
from advisor.engine.plan.programs import ProgramCount, programs_to_apply
from advisor.engine.weighting import APPLICATION_SERVICES
from advisor.engine.wording import count, dollars, weeks

ROTATION_WEEKS = 4
BLOCKED_NOTE = (
    "Only if a visa you already hold, or a waiver, lets you travel: a rule on your "
    "nationality blocks new visitor visas."
)


@dataclass(frozen=True)
class CostItem:
    what: str  # what is paid, in this plan's terms ("8 weeks of observership")
    low: int
    high: int
    step: str  # the kind of step it belongs to
    month: str  # the month that step starts ("2027-05"): with the kind, which step
    item: str  # the fee row's kind (advisor.engine.fees.ITEMS)
    source_url: str = ""
    checked_on: str = ""  # ISO date the figure was last checked
    check: bool = False  # the figure is unconfirmed or its sources disagree
    optional: bool = False  # may not apply to you: counted as 0 at the low end
    variable: bool = False  # depends on where and with whom (city, host, programs)
    note: str = ""  # how it was counted

    def as_dict(self) -> dict:
        found = {
            "what": self.what,
            "low": self.low,
            "high": self.high,
            "step": self.step,
            "month": self.month,
            "item": self.item,
            "source_url": self.source_url,
            "checked_on": self.checked_on,
            "check": self.check,
            "optional": self.optional,
            "variable": self.variable,
        }
        if self.note:
            found["note"] = self.note
        return found


@dataclass(frozen=True)
class Cost:
    items: tuple[CostItem, ...]
    after_match: tuple[CostItem, ...]
    programs: ProgramCount | None

    @property
    def low(self) -> int:
        return sum(i.low for i in self.items)

    @property
    def high(self) -> int:
        return sum(i.high for i in self.items)

    def as_dict(self) -> dict:
        return {
            "currency": CURRENCY,
            "low": self.low,
            "high": self.high,
            "items": [i.as_dict() for i in self.items],
            "after_match": {
                "low": sum(i.low for i in self.after_match),
                "high": sum(i.high for i in self.after_match),
                "items": [i.as_dict() for i in self.after_match],
            },
            "programs": self.programs.as_dict() if self.programs else None,
        }


def plan_cost(ctx: PlanContext, steps: tuple[PlanStep, ...], fees: FeeTable) -> Cost:
    items: list[CostItem] = []
    counted_months: set[int] = set()
    for step in steps:
        items += _step_items(ctx, step, fees, counted_months)
    before = [s for s in steps if s.kind == "before_residency"]
    after = _after_match(ctx, fees, before[0]) if before else []
    return Cost(tuple(items), tuple(after), _programs(ctx))


def _programs(ctx: PlanContext) -> ProgramCount | None:
    w = ctx.weighting
    return programs_to_apply(w.programs_low, w.programs_high, ctx.flags)


def _item(fee: Fee | None, what: str, step: PlanStep, times: int = 1, **kw) -> list[CostItem]:
    """The row's amount `times` over; no row (an admin deleted it): nothing to count."""
    if fee is None or times <= 0:
        return []
    low = 0 if kw.get("optional") else fee.low * times
    return [
        CostItem(
            what=what,
            low=low,
            high=fee.high * times,
            step=step.kind,
            month=month_str(step.start),
            item=fee.item,
            source_url=fee.source_url,
            checked_on=fee.checked_on.isoformat() if fee.checked_on else "",
            check=fee.check,
            **kw,
        )
    ]


def _step_items(
    ctx: PlanContext, step: PlanStep, fees: FeeTable, counted_months: set[int]
) -> list[CostItem]:
    profile = ctx.profile
    found: list[CostItem] = []
    # With new visitor visas blocked for the applicant's nationality (P18), US time
    # happens only with a visa already held or a waiver: its costs may not arise.
    blocked = ctx.visitor_visa_blocked and step.kind in ("arrange_us_time", "usce")
    if_allowed = {"optional": True, "note": BLOCKED_NOTE} if blocked else {}
    if step.kind == "exam":
        fee = fees.get(step.exam)
        found += _item(fee, fee.what if fee else "", step)
        if step.exam == "step1" and profile.exam_failures == 0:
            # Registering for a first Step needs it; anyone who sat a Step has filed it.
            found += _item(
                fees.get("ecfmg_application"),
                "Application for ECFMG certification",
                step,
                note="Filed before you register for your first Step.",
            )
    elif step.kind == "ecfmg":
        if not profile.oet_passed:
            found += _item(fees.get("oet"), "OET Medicine", step)
        if not profile.pathway_met:
            found += _item(fees.get("pathway"), "ECFMG Pathway application", step)
    elif step.kind == "change_visa":
        found += _visa_fees(fees, step, "for the research post's J-1", sevis=True)
    elif step.kind == "arrange_us_time":
        if ctx.needs_visitor_visa and profile.visa_wait_months > 0:
            purpose = "for a visitor visa" if profile.visa == "b1b2" else "for your US visa"
            found += _visa_fees(fees, step, purpose, sevis=False, **if_allowed)
            if profile.visa == "other" and ctx.layout.research and ctx.layout.research_in_us:
                found += _item(
                    fees.get("sevis"),
                    "SEVIS fee, if the research post sponsors a J-1",
                    step,
                    optional=True,
                    note="A J-1 research post asks for it; an H-1B's fees are the employer's.",
                )
    elif step.kind == "usce" and step.setting != "own_institution":
        item = "observership_fees" if step.setting == "observership" else "hands_on_fees"
        blocks = -(-(step.weeks or 0) // ROTATION_WEEKS)
        found += _item(
            fees.get(item),
            f"{weeks(step.weeks or 0)} of {_setting_noun(step.setting)}: fees",
            step,
            times=blocks,
            variable=True,
            **(
                if_allowed
                or {
                    "note": f"What most hosts charge for 4 weeks, times {blocks}; a few "
                    "charge nothing, some more."
                }
            ),
        )
    elif step.kind == "apply":
        found += _application_items(ctx, step, fees)
    elif step.kind == "interviews":
        found += _item(fees.get("nrmp"), "NRMP Match registration", step)
    if step.in_us and _pays_to_live(ctx, step):
        months = [m for m in range(step.start, step.end + 1) if m not in counted_months]
        counted_months.update(months)
        found += _item(
            fees.get("living"),
            f"{count(len(months), 'month')} in the US: living costs",
            step,
            times=len(months),
            variable=True,
            **(if_allowed or {"note": _living_note(step)}),
        )
    return found


def _living_note(step: PlanStep) -> str:
    where = "A shared room, food and local travel; less in a small city than in New York."
    if step.kind == "research":
        return f"{where} A paid research post covers this; an unpaid one does not."
    return f"{where} Flights are not counted."


def _pays_to_live(ctx: PlanContext, step: PlanStep) -> bool:
    """Months at a post the applicant holds now are their life there, not a cost of
    the plan: the post pays for them."""
    if step.kind == "usce":
        return step.setting != "own_institution"
    return not (step.kind == "research" and ctx.needs.research == "post")


def _setting_noun(setting: str | None) -> str:
    return {
        "observership": "observership",
        "externship": "hands-on rotations",
        "clerkship": "clerkships",
    }.get(setting or "", "US clinical time")


def _visa_fees(
    fees: FeeTable, step: PlanStep, purpose: str, *, sevis: bool, **kw
) -> list[CostItem]:
    found = _item(fees.get("visa_fee"), f"Visa application fee {purpose}", step, **kw)
    if sevis:
        found += _item(fees.get("sevis"), f"SEVIS fee {purpose}", step, **kw)
    found += _item(fees.get("visa_integrity"), f"Visa integrity fee {purpose}", step, **kw)
    return found


def _application_items(ctx: PlanContext, step: PlanStep, fees: FeeTable) -> list[CostItem]:
    """The service's tiers for each specialty applied to (the fees start again with
    each one), the token and transcript each service needs once."""
    w = ctx.weighting
    found: list[CostItem] = []
    services: list[str] = []
    lists = [(w.name, w.application_service, _programs(ctx), False)]
    # A score below this specialty's median says nothing of another specialty's.
    elsewhere = tuple(f for f in ctx.flags if f != "step2_below_median")
    if "competitive_for_imgs" in ctx.flags and w.backup_specialty:
        backup = programs_to_apply(w.backup_programs_low, w.backup_programs_high, elsewhere)
        lists.append((f"{w.backup_specialty} (your backup)", w.backup_service, backup, False))
    if w.advanced_positions in ("most", "some"):
        first_year = programs_to_apply(
            w.first_year_programs_low, w.first_year_programs_high, elsewhere
        )
        some = w.advanced_positions == "some"
        lists.append(("a first year (preliminary or transitional)", "eras", first_year, some))
    for name, service, programs, optional in lists:
        if programs is None:
            continue
        services.append(service)
        low = fees.for_programs(service, programs.low)[0]
        high = fees.for_programs(service, programs.high)[1]
        tiers = fees.tiers(PROGRAM_ITEMS[service])
        if not tiers:
            continue
        first = tiers[0]
        label = APPLICATION_SERVICES[service]
        note = tier_words(tiers) + " Counted again for each specialty."
        if optional:
            note = f"Only if you apply to positions that start in the second year. {note}"
        found.append(
            CostItem(
                what=f"{label}, {programs.low}-{programs.high} programs in {name}",
                low=0 if optional else low,
                high=high,
                step=step.kind,
                month=month_str(step.start),
                item=first.item,
                source_url=first.source_url,
                checked_on=first.checked_on.isoformat() if first.checked_on else "",
                check=any(t.check for t in tiers),
                optional=optional,
                variable=True,
                note=note,
            )
        )
    if "eras" in services:
        found += _item(fees.get("eras_token"), "ERAS token from ECFMG", step)
    for service in dict.fromkeys(services):
        found += _item(
            fees.get("usmle_transcript"),
            f"USMLE transcript to {APPLICATION_SERVICES[service]}",
            step,
        )
    return found


def tier_words(tiers: tuple[Fee, ...]) -> str:
    """`$11 each for up to 30 programs; $30 each from program 31.`, from the rows."""
    parts = []
    for tier in tiers:
        first = tier.programs_from or 1
        if tier.programs_to is None:
            which = f"from program {first}"
        elif first == 1:
            which = f"for up to {tier.programs_to} programs"
        else:
            which = f"for programs {first}-{tier.programs_to}"
        price = dollars(tier.low, tier.high)
        parts.append(f"{price} {which}" if tier.unit == "flat_tier" else f"{price} each {which}")
    return "; ".join(parts) + "." if parts else ""


def _after_match(ctx: PlanContext, fees: FeeTable, step: PlanStep) -> list[CostItem]:
    """Before residency starts (P18): the J-1 through ECFMG, the usual route for all
    who need a visa (an H-1B's petition is the program's to pay), and the licence."""
    found: list[CostItem] = []
    j1 = ctx.profile.visa not in ("citizen_or_resident", "h1b") and not ctx.j1_blocked
    if j1:
        found += _item(fees.get("j1_sponsorship"), "ECFMG J-1 sponsorship", step)
        found += _visa_fees(fees, step, "for the J-1", sevis=True)
    found += _item(
        fees.get("training_licence"),
        "State training licence",
        step,
        variable=True,
        note="Some states charge nothing, and some programs pay it.",
    )
    return found
