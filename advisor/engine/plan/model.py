"""The plan as values: dated steps between today and a Match Day."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from advisor.engine.calendar import Cycle, month_str

if TYPE_CHECKING:  # the cost module reads plan steps, so it imports this one
    from advisor.engine.plan.cost import Cost

# The order of steps that start in the same month (plan rules, P1).
KINDS = (
    "exam",
    "ecfmg",
    "arrange_us_time",
    "change_visa",
    "usce",
    "letters",
    "research",
    "small_project",
    "stay_current",
    "prepare_application",
    "apply",
    "interviews",
    "soap",
    "match",
    "before_residency",
)


@dataclass(frozen=True)
class PlanStep:
    kind: str
    start: int  # month index (see advisor.engine.calendar.month_index)
    end: int
    title: str
    detail: str
    in_us: bool = False
    weeks: int | None = None
    months: int | None = None
    exam: str | None = None
    setting: str | None = None  # usce: clerkship, externship, observership, own_institution
    policies: tuple[dict, ...] = ()  # visa policies that bite at this step (P18)

    def sort_key(self) -> tuple[int, int]:
        return self.start, KINDS.index(self.kind)

    def as_dict(self) -> dict:
        step = {
            "kind": self.kind,
            "start": month_str(self.start),
            "end": month_str(self.end),
            "in_us": self.in_us,
            "title": self.title,
            "detail": self.detail,
        }
        for key in ("weeks", "months", "exam", "setting"):
            if getattr(self, key) is not None:
                step[key] = getattr(self, key)
        if self.policies:
            step["policies"] = list(self.policies)
        return step


@dataclass(frozen=True)
class Plan:
    as_of: int
    requested_match: int | None
    target_match: int
    moved_because: str | None
    cycle: Cycle
    step2_pass_mark: int
    steps: tuple[PlanStep, ...]
    notes: tuple[str, ...] = ()
    # For an applicant who gave no citizenship: country-specific visa rules exist (P18).
    policy_check: str | None = None
    # The service this specialty's applications go through (P17): "eras" or "residencycas".
    application_service: str = "eras"
    # What the plan costs, item by item, from the admin's fee rows (P20).
    cost: Cost | None = None

    @property
    def us_months(self) -> int:
        """Distinct calendar months with a step in the US (overlaps count once)."""
        return len({m for s in self.steps if s.in_us for m in range(s.start, s.end + 1)})

    def has(self, kind: str) -> bool:
        return any(step.kind == kind for step in self.steps)

    def of_kind(self, kind: str) -> list[PlanStep]:
        return [step for step in self.steps if step.kind == kind]

    def as_dict(self) -> dict:
        return {
            "as_of": month_str(self.as_of),
            "requested_match": self.requested_match,
            "target_match": self.target_match,
            "moved_because": self.moved_because,
            "calendar": self.cycle.as_dict(),
            "application_service": self.application_service,
            "us_months": self.us_months,
            "step2_pass_mark": self.step2_pass_mark,
            "notes": list(self.notes),
            **({"policy_check": self.policy_check} if self.policy_check else {}),
            "steps": [step.as_dict() for step in self.steps],
            **({"cost": self.cost.as_dict()} if self.cost else {}),
        }
