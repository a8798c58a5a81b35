"""A specialty's weighting as the engine sees it: plain values, no database."""

from __future__ import annotations

from dataclasses import dataclass, field

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
    "application_service",
    "standardized_letter",
    "advanced_positions",
    "programs_low",
    "programs_high",
    "backup_specialty",
)
# How a specialty's applications travel (plan-rules.md P17): admin data per specialty.
APPLICATION_SERVICES = {"eras": "ERAS", "residencycas": "ResidencyCAS"}
# Whether positions start at PGY-2, so that a separate PGY-1 year is applied for too.
ADVANCED_POSITIONS = ("none", "some", "most")


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
    # How applying works in this specialty (P15, P17), with the source it was read from.
    application_service: str = "eras"
    standardized_letter: str = ""  # e.g. "SLOE"; empty when the specialty has none
    advanced_positions: str = "none"
    programs_low: int | None = None  # how many programs IMGs in it typically apply to
    programs_high: int | None = None
    backup_specialty: str = ""  # the name of a specialty to apply to as well, if any
    # The backup's own service and program range, and the range of the first-year
    # (preliminary or transitional) programs advanced positions need: the plan's cost
    # counts their applications (P20). Copied from those specialties' rows.
    backup_service: str = "eras"
    backup_programs_low: int | None = None
    backup_programs_high: int | None = None
    first_year_programs_low: int | None = None
    first_year_programs_high: int | None = None
    # Where the mechanics were read: shown, never compared (a new source is no new advice).
    mechanics_source: str = field(default="", compare=False)

    @property
    def service_name(self) -> str:
        return APPLICATION_SERVICES[self.application_service]

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
