"""Every answer the advice is built on, as the applicant would read it back: the
check-your-answers page, the result page's "Based on your answers" and its printout."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from advisor.engine.answers import (
    ANSWERS,
    NOT_GIVEN,
    STEP_TITLES,
    YES_NO,
    answers_in_step,
    is_asked,
    read_back,
)
from profiles.forms import REMEMBER_FIELD, STEPS

# What the last step asks beside the answers: who the applicant is, and this device.
DEVICE_LABEL = "Remembered on this device"


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
    """One section per wizard step, its answers read back in the table's order, then
    what the step asks beside them (the name and e-mail; this device, `with_device`).

    A step whose answers are missing or no longer valid (None) is listed as
    not answered, so the page says what is left instead of hiding it.
    """
    this_year = timezone.now().year
    sections = []
    for step, form_class in STEPS:
        answers = answers_by_step.get(step)
        if answers is None:
            sections.append(AnswerSection(step, STEP_TITLES[step], [], complete=False))
            continue
        lines = [
            AnswerLine(
                answer.name,
                answer.short_label,
                read_back(answer, answers.get(answer.name), this_year=this_year),
            )
            for answer in answers_in_step(step)
            if is_asked(answer, answers)
        ]
        lines += _other_lines(form_class, answers, with_device=with_device)
        sections.append(AnswerSection(step, STEP_TITLES[step], lines))
    return sections


def _other_lines(form_class, answers: Mapping[str, Any], *, with_device: bool) -> list:
    asked = {answer.name for answer in ANSWERS}
    lines = []
    for name, field in form_class.base_fields.items():
        if name in asked or (name == REMEMBER_FIELD and not with_device):
            continue
        value = answers.get(name)
        if isinstance(value, bool):
            shown = YES_NO[value]
        else:
            shown = str(value) if value not in (None, "") else NOT_GIVEN
        lines.append(
            AnswerLine(name, DEVICE_LABEL if name == REMEMBER_FIELD else field.label, shown)
        )
    return lines


def profile_answer_sections(profile) -> list[AnswerSection]:
    """The answers a saved profile's current advice was made from (nothing about who
    the applicant is)."""
    this_year = timezone.now().year
    answers = {answer.name: getattr(profile, answer.name) for answer in ANSWERS}
    return [
        AnswerSection(
            step,
            STEP_TITLES[step],
            [
                AnswerLine(
                    answer.name,
                    answer.short_label,
                    read_back(answer, answers[answer.name], this_year=this_year),
                )
                for answer in answers_in_step(step)
                if is_asked(answer, answers)
            ],
        )
        for step, _ in STEPS
    ]
