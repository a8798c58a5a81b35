"""What a stored plan costs, as pages show it (plan rules P20): a total as a range,
the items on request, what is paid after Match Day, and the cheapest form beside a
tight budget.

Pure functions on the plan exactly as stored, so saved advice keeps showing the
figures it was given with after an admin changes a fee. Plans stored before plans
had a cost have none, and show none.
"""

from __future__ import annotations

from dataclasses import dataclass

from advisor.engine.calendar import month_index, month_label
from advisor.engine.wording import dollars, join_and

EN_DASH = "\u2013"


@dataclass(frozen=True)
class CostLine:
    what: str
    amount: str  # "$1,230-3,030", with an en dash
    low: int
    high: int
    step_title: str  # the plan step it belongs to
    step_months: str  # "May 2027"
    note: str = ""
    optional: bool = False
    variable: bool = False
    check: bool = False
    source_url: str = ""
    checked_on: str = ""  # "Dec 2026"


@dataclass(frozen=True)
class CostView:
    low: int
    high: int
    items: tuple[CostLine, ...]
    after_low: int
    after_high: int
    after_items: tuple[CostLine, ...]
    programs: str  # how the number of programs was chosen
    tight_budget: bool = False

    @property
    def total(self) -> str:
        return money(self.low, self.high)

    @property
    def after_total(self) -> str:
        return money(self.after_low, self.after_high)

    @property
    def left_out(self) -> list[str]:
        """What the cheapest form leaves out: items that may not apply."""
        return [line.what for line in self.items if line.optional and line.high]

    @property
    def cheapest(self) -> str:
        return money(self.low, self.low)

    @property
    def has_checks(self) -> bool:
        return any(line.check for line in (*self.items, *self.after_items))


def money(low: int, high: int) -> str:
    """`$1,230-3,030` (with an en dash, as printed), or `$165`."""
    return dollars(low, high).replace("-", EN_DASH)


def plan_cost(plan: dict | list, *, budget: str | None = None) -> CostView | None:
    if not isinstance(plan, dict) or not plan.get("cost"):
        return None
    cost = plan["cost"]
    steps = plan.get("steps") or []
    after = cost.get("after_match") or {}
    return CostView(
        low=cost["low"],
        high=cost["high"],
        items=tuple(_line(item, steps) for item in cost["items"]),
        after_low=after.get("low", 0),
        after_high=after.get("high", 0),
        after_items=tuple(_line(item, steps) for item in after.get("items", ())),
        programs=programs_words(cost.get("programs")),
        tight_budget=budget == "tight",
    )


def programs_words(programs: dict | None) -> str:
    if not programs:
        return ""
    typical = f"{programs['typical_low']}{EN_DASH}{programs['typical_high']}"
    words = f"IMGs in your specialty typically apply to {typical} programs"
    if programs.get("because"):
        counted = f"{programs['low']}{EN_DASH}{programs['high']}"
        words += (
            f"; with {join_and(programs['because'])}, more programs screen you out, so the "
            f"cost counts {counted}"
        )
    return words + "."


def _line(item: dict, steps: list[dict]) -> CostLine:
    step = next(
        (s for s in steps if s["kind"] == item["step"] and s["start"] == item.get("month")),
        next((s for s in steps if s["kind"] == item["step"]), None),
    )
    source = item.get("source_url") or ""
    checked = item.get("checked_on") or ""
    return CostLine(
        what=item["what"],
        amount=money(item["low"], item["high"]),
        low=item["low"],
        high=item["high"],
        step_title=step["title"] if step else "",
        step_months=_months(step) if step else "",
        note=item.get("note", ""),
        optional=bool(item.get("optional")),
        variable=bool(item.get("variable")),
        check=bool(item.get("check")),
        # Admin data, but a link is only ever to a web page.
        source_url=source if source.startswith(("https://", "http://")) else "",
        checked_on=month_label(month_index(checked[:7])) if checked else "",
    )


def _months(step: dict) -> str:
    first, last = month_index(step["start"]), month_index(step["end"])
    if first == last:
        return month_label(first)
    return f"{month_label(first)} {EN_DASH} {month_label(last)}"
