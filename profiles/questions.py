"""The answer table (advisor/engine/answers.py) as Django form fields and model columns.

The wizard's steps, the edit page and the what-if panel ask every question through
`form_field`; the profile's columns come from `model_field`. Neither holds a label,
a limit or a choice of its own: those are the table's.
"""

from __future__ import annotations

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from advisor.engine.answers import Answer
from profiles.country_fields import CountryAnswerField
from profiles.month_fields import MonthAnswerField
from profiles.number_fields import NumberAnswerField
from profiles.plan_fields import YesNoField, target_match_field

CHOOSE_LISTED = "Choose one of the options listed."


def form_field(answer: Answer, *, what_if: bool = False) -> forms.Field:
    """The question as the wizard and the edit page ask it, or (`what_if`) as the
    what-if panel does: shorter labels, no help, lists instead of radio buttons."""
    field = _field(answer, what_if=what_if)
    # Shown after the help text (templates/profiles/_question_notes.html).
    field.help_link = None if what_if else answer.help_link
    return field


def _field(answer: Answer, *, what_if: bool) -> forms.Field:
    label = (answer.what_if_label or answer.label) if what_if else answer.label
    help_text = "" if what_if else answer.help
    if answer.kind == "slug":
        return _specialty_field(answer, label=label, what_if=what_if)
    if answer.kind == "match":
        widget = forms.Select if what_if else forms.RadioSelect
        field = target_match_field(widget, help_text=help_text)
        field.label = label
        return field
    if answer.kind == "bool":
        conditional = answer.asked_with or answer.asked_if
        extra = {"required": False} if conditional or what_if else {}
        field = YesNoField(label=label, help_text=help_text, **extra)
        # Asked only with some answers, and then it must be answered (forms.clean):
        # marked as required where it shows.
        field.required_when_asked = bool(conditional) and not what_if
        return field
    if answer.kind == "month":
        return MonthAnswerField(answer.name, label=label, help_text=help_text)
    if answer.kind == "country":
        return CountryAnswerField(label=label, help_text=help_text)
    if answer.kind == "choice":
        radio = answer.radio and not what_if
        ask = answer.ask_required and not what_if
        choices = answer.choices
        if ask and not radio:
            choices = (("", "Choose one"), *choices)  # a list shows its first option chosen
        errors = {"invalid_choice": CHOOSE_LISTED} if what_if else {}
        if ask:
            errors = {"required": answer.required_message}
        return forms.ChoiceField(
            label=label,
            help_text=help_text,
            choices=choices,
            initial=None if what_if or ask else answer.default,
            widget=forms.RadioSelect if radio else forms.Select,
            error_messages=errors,
        )
    return _number_field(answer, label=label, help_text=help_text, what_if=what_if)


def _specialty_field(answer: Answer, *, label: str, what_if: bool) -> forms.Field:
    from advisor.models import Specialty  # the table names it; the rows are admin data

    return forms.ModelChoiceField(
        queryset=Specialty.objects.order_by("name"),
        to_field_name="slug",
        label=label,
        empty_label=None if what_if else "Choose a specialty",
        error_messages={
            "required": answer.required_message,
            **({"invalid_choice": "Choose one of the specialties listed."} if what_if else {}),
        },
    )


def _number_field(
    answer: Answer, *, label: str, help_text: str, what_if: bool = False
) -> NumberAnswerField:
    extra = {}
    if answer.kind == "year":
        # The real bounds follow the calendar year (AnswersForm sets them per request).
        extra = {"minimum": 0, "maximum": 0}
    if answer.required_message:
        extra["error_messages"] = {"required": answer.required_message}
    ask = answer.ask_required and not what_if
    conditional = bool(answer.asked_with or answer.asked_if)
    # Asked only with some answers: not `required` in the page (a hidden required input
    # would stop the browser submitting); forms.clean asks for it where it is asked.
    required = answer.required or (ask and not conditional)
    if answer.is_count and not ask:
        extra.update(initial=answer.default, empty=answer.default)
    field = NumberAnswerField(
        answer.name, label=label, help_text=help_text, required=required, **extra
    )
    field.required_when_asked = ask and conditional
    return field


def model_field(answer: Answer) -> models.Field:
    """The profile's column for the answer."""
    if answer.kind == "slug":
        return models.ForeignKey(
            "advisor.Specialty", on_delete=models.PROTECT, related_name="profiles"
        )
    if answer.kind == "bool":
        return models.BooleanField(default=answer.default)
    if answer.kind == "choice":
        longest = max(len(value) for value, _ in answer.choices)
        return models.CharField(
            max_length=_column_width(longest), choices=answer.choices, default=answer.default
        )
    if answer.kind == "month":
        return models.CharField(max_length=7, null=True, blank=True)  # "YYYY-MM"
    if answer.kind == "country":
        return models.CharField(max_length=2, null=True, blank=True)  # ISO 3166 alpha-2
    if answer.kind == "number":
        return models.DecimalField(max_digits=3, decimal_places=1, default=answer.default)
    if answer.nullable:
        validators = [MinValueValidator(answer.min), MaxValueValidator(answer.max)]
        if answer.kind == "match":
            validators = []  # checked against the calendar by the engine
        return models.PositiveSmallIntegerField(null=True, blank=True, validators=validators)
    if answer.kind == "year":
        return models.PositiveSmallIntegerField()
    return models.PositiveSmallIntegerField(default=answer.default)


def _column_width(longest: int) -> int:
    # Room to grow, in the steps the first columns were made with (12 and 24).
    return 12 if longest <= 12 else 24
