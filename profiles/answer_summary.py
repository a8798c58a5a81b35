"""Every answer the advice is built on, as the applicant would read it back: the
check-your-answers page, the result page's "Based on your answers" and its printout."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone

from advisor.engine.number_input import QUESTIONS
from profiles.forms import REMEMBER_FIELD, RESEARCH_QUESTIONS, STEPS, research_details_asked

NOT_GIVEN = "Not given"
NOT_ANSWERED = "Not answered yet"
SHORT_LABELS = {
    # The wizard's questions are long; read back, a short name is clearer.
    "step1_passed": "USMLE Step 1 passed",
    "oet_passed": "OET Medicine passed",
    "pathway_met": "ECFMG Pathway accepted",
    "clinically_active": "Clinical work in the last 12 months",
    "research_in_target_specialty": "Research mostly in your target specialty",
    "research_us_based": "Research done at a US institution",
    "target_match": "Match aimed at",
    REMEMBER_FIELD: "Remembered on this device",
}


@dataclass(frozen=True)
class AnswerLine:
    name: str
    label: str
    value: str


@dataclass(frozen=True)
class AnswerSection:
    step: str
    title: str
    lines: list[AnswerLine]
    complete: bool = True


def answer_sections(
    answers_by_step: Mapping[str, Mapping[str, Any] | None], *, with_device: bool = False
) -> list[AnswerSection]:
    """One section per wizard step, its answers read back in the step's order.

    A step whose answers are missing or no longer valid (None) is listed as
    not answered, so the page says what is left instead of hiding it.
    """
    sections = []
    for step, form_class in STEPS:
        answers = answers_by_step.get(step)
        if answers is None:
            sections.append(AnswerSection(step, form_class.title, [], complete=False))
            continue
        lines = [
            AnswerLine(name, SHORT_LABELS.get(name, field.label), _shown(name, field, answers))
            for name, field in form_class.base_fields.items()
            if _asked(name, answers, with_device)
        ]
        sections.append(AnswerSection(step, form_class.title, lines))
    return sections


# Who the applicant is and whom they share with: not what the advice is built on.
NOT_ADVICE_INPUTS = frozenset({"name", "email", REMEMBER_FIELD})


def profile_answer_sections(profile) -> list[AnswerSection]:
    """The answers a saved profile's current advice was made from."""
    answers = {
        name: getattr(profile, name)
        for _, form_class in STEPS
        for name in form_class.base_fields
        if name not in NOT_ADVICE_INPUTS
    }
    sections = answer_sections({step: answers for step, _ in STEPS})
    return [
        AnswerSection(
            section.step,
            section.title,
            [line for line in section.lines if line.name not in NOT_ADVICE_INPUTS],
        )
        for section in sections
    ]


def _asked(name: str, answers: Mapping[str, Any], with_device: bool) -> bool:
    if name == REMEMBER_FIELD:
        return with_device
    if name in RESEARCH_QUESTIONS:
        return research_details_asked(answers)
    return True


def _shown(name: str, field: forms.Field, answers: Mapping[str, Any]) -> str:
    value = answers.get(name)
    if name == "graduation_year" and value is not None:
        return f"{value} ({graduated_when(value)})"
    if name == "target_match":
        return f"Match {value}" if value else "The earliest I can reach"
    if name == "step2_ck" and value is None:
        return "Not taken yet"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if value in (None, ""):
        return NOT_GIVEN
    if isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
        return str(dict(field.choices).get(value, value))
    if name in QUESTIONS:
        return _counted(name, value)
    return str(value)


def _counted(name: str, value: int | Decimal) -> str:
    number = f"{Decimal(value).normalize():f}"
    unit = QUESTIONS[name].unit_name
    if not unit:
        return number
    return f"{number} {unit[:-1] if Decimal(value) == 1 else unit}"


def graduated_when(year: int) -> str:
    """ "this year", "1 year ago", "in 1 year": never "0 years ago"."""
    years = timezone.now().year - year
    if years == 0:
        return "this year"
    if years < 0:
        return "next year" if years == -1 else f"in {-years} years"
    return "1 year ago" if years == 1 else f"{years} years ago"
