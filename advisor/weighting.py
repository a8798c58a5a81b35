"""A specialty's weighting as the engine sees it: plain values, no database."""

from __future__ import annotations

from dataclasses import asdict, dataclass

EMPHASES = ("low", "moderate", "high")
SCORE_PARTS = ("usce", "letters", "research", "recency", "exam")
# What an admin tunes per specialty; each value feeds the rules or the scores.
TUNABLE_FIELDS = (
    "research_emphasis",
    "usce_target_weeks",
    "letters_target",
    *(f"weight_{part}" for part in SCORE_PARTS),
)


@dataclass(frozen=True)
class Weighting:
    specialty: str
    name: str
    research_emphasis: str
    usce_target_weeks: int
    letters_target: int
    weight_usce: int
    weight_letters: int
    weight_research: int
    weight_recency: int
    weight_exam: int

    def weight(self, part: str) -> int:
        return getattr(self, f"weight_{part}")

    def as_dict(self) -> dict:
        return asdict(self)
