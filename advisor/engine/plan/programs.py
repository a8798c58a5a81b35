"""How many programs to apply to (plan rules P17, P20): the specialty's typical range
for IMGs, widened for each thing that makes programs screen an applicant out."""

from __future__ import annotations

from dataclasses import dataclass

# Each of these makes more programs screen the applicant out, so the list grows by a
# fifth of the typical range for each (a rule of the plan, not a published figure).
RISK_FLAGS = {
    "step2_below_median": "a Step 2 CK score below the median of matched IMGs",
    "yog_cutoff_risk": "a graduation year that some programs screen out",
    "exam_failures": "a failed attempt on your record",
}
RISK_SHARE = 0.2
ROUND_TO = 5


@dataclass(frozen=True)
class ProgramCount:
    low: int
    high: int
    base_low: int
    base_high: int
    risks: tuple[str, ...]  # the RISK_FLAGS behind a wider list

    @property
    def widened(self) -> bool:
        return bool(self.risks)

    def as_dict(self) -> dict:
        return {
            "low": self.low,
            "high": self.high,
            "typical_low": self.base_low,
            "typical_high": self.base_high,
            "because": [RISK_FLAGS[r] for r in self.risks],
        }


def programs_to_apply(
    low: int | None, high: int | None, flags: tuple[str, ...]
) -> ProgramCount | None:
    """None when the specialty has no range stored."""
    if not low or not high:
        return None
    risks = tuple(flag for flag in RISK_FLAGS if flag in flags)
    factor = 1 + RISK_SHARE * len(risks)
    return ProgramCount(
        low=_rounded(low * factor),
        high=_rounded(max(low, high) * factor),
        base_low=low,
        base_high=max(low, high),
        risks=risks,
    )


def _rounded(n: float) -> int:
    return int(ROUND_TO * round(n / ROUND_TO))
