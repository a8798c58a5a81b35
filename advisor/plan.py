"""The month-by-month plan: the priority sets its order, money, visa and time shape each step."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from advisor.applicant import ApplicantProfile
from advisor.weighting import Weighting

if TYPE_CHECKING:
    from advisor.engine import Facts

RESEARCH_BLOCK_MONTHS = 9  # the middle of the 6-12 months a research block needs to produce output


@dataclass(frozen=True)
class PlanStep:
    start_month: int
    end_month: int
    title: str
    detail: str

    @property
    def months(self) -> str:
        if self.start_month == self.end_month:
            return f"Month {self.start_month}"
        return f"Months {self.start_month}-{self.end_month}"


def build_plan(
    profile: ApplicantProfile,
    weighting: Weighting,
    facts: Facts,
    priority: str,
    flags: tuple[str, ...],
) -> tuple[PlanStep, ...]:
    steps: list[PlanStep] = []
    month = 1
    if profile.months_available_in_us == 0:
        steps.append(
            PlanStep(
                1,
                1,
                "Set aside time in the US",
                "Hands-on experience needs you there in person. Choose the months you can "
                "travel and the visa that fits (B1/B2 usually covers short rotations).",
            )
        )
    if profile.step2_ck is None:
        steps.append(
            PlanStep(
                1,
                3,
                "Book Step 2 CK",
                "Many programs screen on it. Schedule it around your rotations so that a "
                "score is on file when you apply.",
            )
        )

    if priority in ("usce_urgent", "usce_first", "usce_letters", "research_and_usce"):
        step = _clinical_step(profile, weighting, facts, priority, flags, month)
        steps.append(step)
        steps.append(_letters_step(profile, weighting, step.end_month))
        month = step.end_month + 1

    if priority == "usce_urgent":
        steps.append(
            PlanStep(
                month,
                month + 2,
                "Stay clinically current",
                "Keep doing clinical work up to the application so your file shows no new gap. "
                "Research is optional for you and can wait.",
            )
        )
    elif priority == "balanced":
        steps.append(
            PlanStep(
                month,
                month + 2,
                "Add a small project and apply",
                "Your clinical file is complete. A case report or quality-improvement project "
                f"in {weighting.name} helps; more rotations add little.",
            )
        )
    elif (
        priority == "usce_letters"
        and weighting.research_emphasis == "low"
        and (profile.career_goal != "academic")
    ):
        steps.append(
            PlanStep(
                month,
                month + 2,
                "Optional: a small project",
                "Once your letters are in, a case report or quality-improvement project from "
                "your rotation is a plus, not a must.",
            )
        )
    else:
        steps.append(_research_step(profile, weighting, flags, month))
    return tuple(steps)


def _clinical_step(profile, weighting, facts, priority, flags, month) -> PlanStep:
    missing = max(0.0, weighting.usce_target_weeks - facts.effective_usce_weeks)
    weeks_to_book = max(4, math.ceil(missing))
    if "budget_tight" in flags:
        weeks_to_book = min(weeks_to_book, 8)
        detail = (
            f"One {min(weeks_to_book, 8)}-week hands-on rotation at a hospital known to write "
            "letters gives the most for the money. Ask early who usually writes them."
        )
    elif priority == "usce_urgent":
        detail = (
            f"Book about {weeks_to_book} weeks of hands-on rotations (externship, clerkship "
            "or sub-internship) as soon as you can. Recent, continuous work shows you are "
            "clinically current."
        )
    else:
        detail = (
            f"Book about {weeks_to_book} weeks of hands-on rotations (externship, clerkship "
            f"or sub-internship) to reach {weighting.usce_target_weeks}-12 weeks in all."
        )
    if profile.visa == "b1b2":
        detail += " A B1/B2 visa usually covers short rotations like these."
    if 0 < profile.months_available_in_us < math.ceil(weeks_to_book / 4):
        detail += (
            f" You have {profile.months_available_in_us} months in the US: use them for "
            "hands-on weeks first."
        )
    title = {
        "usce_urgent": "Hands-on US clinical work, now",
        "usce_first": "Hands-on US clinical experience",
        "usce_letters": "A rotation chosen for letters",
        "research_and_usce": "Clinical weeks and letters first",
    }[priority]
    return PlanStep(month, month + math.ceil(weeks_to_book / 4) - 1, title, detail)


def _letters_step(profile: ApplicantProfile, weighting: Weighting, month: int) -> PlanStep:
    missing = max(0, weighting.letters_target - profile.us_clinical_letters)
    if missing == 0:
        detail = "Keep in touch with your letter writers and ask them to update their letters."
    else:
        detail = (
            f"Ask for {missing} more letter{'s' if missing > 1 else ''} from attendings who "
            "supervised you directly, before the rotation ends, while they remember your work."
        )
    return PlanStep(month, month, "Secure US clinical letters", detail)


def _research_step(profile, weighting, flags, month) -> PlanStep:
    length = RESEARCH_BLOCK_MONTHS if weighting.research_emphasis != "low" else 6
    detail = (
        f"A research post, ideally in {weighting.name} and at a US institution. Aim for one "
        "or two abstracts, a paper submitted, and a letter from your research mentor."
    )
    if "can_stack" in flags:
        detail += " Keep one or two clinical half-days a week if the post allows."
    if "budget_tight" in flags:
        detail += (
            " Unpaid posts are hard on a tight budget: look for paid research-assistant roles "
            "or remote chart-review projects you can do alongside work."
        )
    if "visa_limits_research" in flags or profile.visa == "b1b2":
        detail += " Research posts usually need a J-1 or H-1B: arrange the visa before you commit."
    return PlanStep(month, month + length - 1, "Research block", detail)
