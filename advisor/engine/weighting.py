"""A specialty's weighting as the engine sees it: plain values, no database."""

from __future__ import annotations

from dataclasses import dataclass

EMPHASES = ("low", "moderate", "high")
SCORE_PARTS = ("usce", "letters", "research", "recency", "exam")
# What matched IMGs typically had when a specialty has no figure of its own
# (publications + abstracts), by research emphasis: see advice-rules.md.
DEFAULT_RESEARCH_TARGET = {"low": 3, "moderate": 6, "high": 12}
# What an admin tunes per specialty; each value feeds the rules or the scores.
TUNABLE_FIELDS = (
    "research_emphasis",
    "usce_target_weeks",
    "letters_target",
    "research_target",
    "step2_median",
    "img_match_rate",
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
    # Per-specialty figures from NRMP Charting Outcomes (None: no figure published).
    research_target: int | None = None
    step2_median: int | None = None
    img_match_rate: float | None = None

    @property
    def research_goal(self) -> int:
        """Publications + abstracts that matched IMGs in this specialty typically had."""
        if self.research_target is not None:
            return self.research_target
        return DEFAULT_RESEARCH_TARGET[self.research_emphasis]

    def weight(self, part: str) -> int:
        return getattr(self, f"weight_{part}")

    def as_dict(self) -> dict:
        # Flat values only: a shallow copy, not dataclasses.asdict's deep walk (9x slower).
        return {name: getattr(self, name) for name in self.__dataclass_fields__}
