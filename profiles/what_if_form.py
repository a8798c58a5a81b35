"""The what-if panel: every answer that shapes the plan, to try before saving, and the
advice now beside the advice those answers would give."""

from __future__ import annotations

from dataclasses import dataclass

from django.forms import BoundField

from advisor.engine.answers import ANSWERS, WHAT_IF_GROUPS, is_asked
from profiles.forms import AnswersForm
from profiles.month_fields import TypedAnswerField
from profiles.plan_fields import EARLIEST
from profiles.plan_page import PlanTimeline, TimelineStep, plan_timeline
from profiles.questions import form_field
from profiles.result_page import headline_of

# Why Save is off; tests assert them.
SAVE_NEEDS_FIXES = "Saving is off until the answers marked in red are fixed."
SAVE_NOTHING_CHANGED = "These are your saved answers. Change one above to compare, then save."
SAVE_CHANGED_ELSEWHERE = (
    "Your answers were changed in another tab or window after this page was opened, so "
    "nothing can be saved from here. Reload the page to see them, then try again."
)
# Sent by "Show the advice" without JavaScript: the panel's post is a preview, not a save.
PREVIEW_FIELD = "preview"
FIRST_STEPS = 3


@dataclass(frozen=True)
class Group:
    key: str
    legend: str
    names: tuple[str, ...]
    folded: bool  # in a <details>, closed until one of its answers changes


# The answers the table puts in the panel, in its groups (the counts people try most
# stay open; the rest is folded away so the panel stays short on a phone).
GROUPS = tuple(
    Group(
        key,
        legend,
        tuple(answer.name for answer in ANSWERS if answer.what_if_group == key),
        folded=folded,
    )
    for key, (legend, folded) in WHAT_IF_GROUPS.items()
)


# The panel's questions: every answer the table lets it vary.
_WhatIfAnswers = type(
    "WhatIfAnswers",
    (AnswersForm,),
    {
        "__module__": __name__,
        **{
            answer.name: form_field(answer, what_if=True)
            for answer in ANSWERS
            if answer.what_if_group
        },
    },
)


class WhatIfForm(_WhatIfAnswers):
    """Every answer that shapes the plan, starting from the profile's own. An answer
    missing from the request keeps its saved value; the panel always sends them all."""

    # The panel shows every question it varies, but for the ones a visa asks only of
    # some (answers.js hides the others; the server ignores them whatever they hold).
    marks_asked_with = False
    needs_asked_if_answers = False

    def __init__(self, *, profile, data=None, version: int | None = None):
        saved = saved_answers(profile)
        if data is not None:
            data = data.copy()
            for name, value in saved.items():
                if name not in data:
                    data[name] = value
        super().__init__(data, initial=saved)
        # The panel is narrow on a phone; its comparison shows each Match's dates.
        self.fields["target_match"].choices = [
            (year, "The earliest I can reach" if year == EARLIEST else f"Match {year}")
            for year, _ in self.fields["target_match"].choices
        ]
        self.profile = profile
        # The profile version the page was built on: a save from an older page is refused.
        self.version = profile.version if version is None else version

    @property
    def changed_elsewhere(self) -> bool:
        return self.version != self.profile.version

    def changed_answers(self) -> list[str]:
        return self.changed_data if self.is_bound else []

    def groups(self) -> list[dict]:
        changed, errors = set(self.changed_answers()), set(self.errors)
        shown = []
        for group in GROUPS:
            touched = bool((changed | errors) & set(group.names))
            shown.append(
                {
                    "key": group.key,
                    "legend": group.legend,
                    "folded": group.folded,
                    "open": not group.folded or touched,
                    "changed": bool(changed & set(group.names)),
                    "fields": [self[name] for name in group.names],
                }
            )
        return shown

    def fields_in_error(self) -> list[BoundField]:
        return [self[name] for name in self.fields if name in self.errors]


def saved_answers(profile) -> dict[str, str]:
    """The profile's answers to the panel's questions, as the panel's inputs hold them."""
    answers = {}
    for name in WhatIfForm.base_fields:
        value = getattr(profile, name)
        if name == "specialty":
            value = value.slug
        elif isinstance(value, bool):
            value = "yes" if value else "no"
        elif isinstance(WhatIfForm.base_fields[name], TypedAnswerField):
            value = WhatIfForm.base_fields[name].prepare_value(value)  # "Nigeria", not "NG"
        answers[name] = "" if value is None else str(value)
    saved = {name: getattr(profile, name) for name in answers}
    for answer in ANSWERS:
        if answer.name in answers and not is_asked(answer, saved):
            answers[answer.name] = ""  # never asked: not shown as a "no" nobody gave
    return answers


def what_if_initial_form(profile) -> WhatIfForm:
    """The panel as first shown: the profile's own answers."""
    return WhatIfForm(profile=profile)


@dataclass(frozen=True)
class Advice:
    """One column of the comparison: the advice's headline, scores, first steps, Match."""

    priority: str
    headline: str
    scores: dict
    first_steps: tuple[TimelineStep, ...]
    plan: PlanTimeline
    specialty: str


@dataclass(frozen=True)
class ScoreRow:
    key: str
    label: str
    now: int
    what_if: int | None
    change: str  # "+12", "\u22123" (a minus sign), or "" when the same or unknown


SCORE_LABELS = (
    ("readiness", "Overall readiness"),
    ("usce", "US clinical experience"),
    ("letters", "US clinical letters"),
    ("research", "Research"),
)


def advice(assessment: dict, specialty: str) -> Advice:
    plan = plan_timeline(assessment["plan"])
    return Advice(
        priority=assessment["priority"],
        headline=headline_of(assessment).headline,
        scores=assessment["scores"],
        first_steps=plan.steps[:FIRST_STEPS],
        plan=plan,
        specialty=specialty,
    )


def score_rows(now: Advice, what_if: Advice | None) -> list[ScoreRow]:
    rows = []
    for key, label in SCORE_LABELS:
        before = now.scores[key]
        after = what_if.scores[key] if what_if else None
        change = "" if after is None or after == before else f"{after - before:+d}"
        rows.append(ScoreRow(key, label, before, after, change.replace("-", "\u2212")))
    return rows


def save_blocked_reason(form: WhatIfForm, what_if: Advice | None) -> str:
    """Why Save is off, or "" when it saves the answers on screen."""
    if form.changed_elsewhere:
        return SAVE_CHANGED_ELSEWHERE
    if form.errors:
        return SAVE_NEEDS_FIXES
    if what_if is None or not form.changed_answers():
        return SAVE_NOTHING_CHANGED
    return ""


def what_if_context(form: WhatIfForm, preview) -> dict:
    """The panel's state: the form, the advice now (as stored, no query) and, when the
    answers are valid, the advice they would give, with why Save is off if it is."""
    profile = form.profile
    now = advice(profile.assessment, profile.weighting["name"])
    what_if = None
    if preview is not None and not form.errors:
        what_if = advice(preview.as_dict(), form.cleaned_data["specialty"].name)
    return {
        "what_if_form": form,
        "now": now,
        "what_if": what_if,
        "score_rows": score_rows(now, what_if),
        "save_blocked": save_blocked_reason(form, what_if),
        "preview_field": PREVIEW_FIELD,
    }
