"""A month question ("When did you take Step 2 CK?") as a text box read the way people
write a month: "03/2024", "3/2024", "2024-03", "2024/03", "March 2024", "mar 2024".

A text input, not `type="month"`: that shows no picker in Firefox or Safari on a
desktop, where people then type the month in whatever form they know, and it turns
anything it cannot read into nothing. Here the server sees what was typed, stores
"YYYY-MM" (the engine's form) and sends a refusal back with the answer as typed.
"""

from __future__ import annotations

import re

from django import forms
from django.forms import BoundField
from django.utils import timezone

from advisor.engine.calendar import month_index, month_label

# The engine takes months from 2000-01 on (advisor/engine/applicant.py).
EARLIEST_YEAR = 2000
MONTH_NAMES = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
# What each month question is about, in its messages ("Enter the month and year <...>").
MONTH_PURPOSES = {"step2_ck_taken": "you took Step 2 CK"}
MONTH_UNREADABLE = (
    "Enter the month and year {purpose}, like 03/2024: you typed \u201c{typed}\u201d."
)
MONTH_IN_FUTURE = (
    "Enter the month and year {purpose}: it cannot be after this month ({now}), and you "
    "typed \u201c{typed}\u201d."
)
MONTH_TOO_EARLY = (
    "Enter the month and year {purpose}, from January {earliest} on: you typed \u201c{typed}\u201d."
)

_NUMBERS = (
    (re.compile(r"(\d{4})\s*[-/.]\s*(\d{1,2})"), 1, 2),  # 2024-03, 2024/03
    (re.compile(r"(\d{1,2})\s*[-/.]\s*(\d{4})"), 2, 1),  # 03/2024, 3/2024, 3-2024
)
_WORDS = (
    (re.compile(r"([a-z]+)\.?,?\s*(\d{4})"), 2, 1),  # March 2024, mar 2024, Mar. 2024
    (re.compile(r"(\d{4}),?\s*([a-z]+)\.?"), 1, 2),  # 2024 March
)


def read_month(text: str) -> str | None:
    """ "YYYY-MM" for a month as typed, None if it cannot be read as one."""
    plain = " ".join(text.strip().lower().split())
    for pattern, year_at, month_at in _NUMBERS:
        found = pattern.fullmatch(plain)
        if found:
            month = int(found[month_at])
            return f"{found[year_at]}-{month:02d}" if 1 <= month <= 12 else None
    for pattern, year_at, month_at in _WORDS:
        found = pattern.fullmatch(plain)
        if found:
            month = _month_number(found[month_at])
            return f"{found[year_at]}-{month:02d}" if month else None
    return None


def _month_number(word: str) -> int | None:
    """1 for "jan", "january"; at least three letters of the name, so "ma" is no month."""
    if len(word) < 3:
        return None
    found = [n for n, name in enumerate(MONTH_NAMES, start=1) if name.startswith(word)]
    return found[0] if len(found) == 1 else None


class _AsTyped(BoundField):
    """A sent answer is shown back exactly as typed; only a saved one is reformatted."""

    def value(self):
        if self.form.is_bound:
            return self.field.bound_data(self.data, self.initial)
        return super().value()


class TypedAnswerField(forms.CharField):
    """A text answer stored in one form ("2024-03", "NG") and shown in the one people
    write (`prepare_value`: "03/2024", "Nigeria"), but never rewritten once typed."""

    def get_bound_field(self, form, field_name):
        return _AsTyped(form, self, field_name)

    def has_changed(self, initial, data):
        try:
            return self.clean(data) != self.clean(initial)
        except forms.ValidationError:
            return True


class MonthAnswerField(TypedAnswerField):
    """A month that has passed (a test taken), stored "YYYY-MM", empty as None."""

    def __init__(self, question: str, **kwargs):
        self.purpose = MONTH_PURPOSES.get(question, "")
        kwargs.setdefault("required", False)
        # No `inputmode="numeric"`: a phone's number pad has no "/" to type 03/2024 with.
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"spellcheck": "false", "autocomplete": "off"})
        )
        super().__init__(max_length=40, empty_value=None, **kwargs)

    def to_python(self, value):
        typed = super().to_python(value)
        if typed is None:
            return None
        month = read_month(typed)
        words = {"purpose": self.purpose, "typed": typed}
        if month is None:
            raise forms.ValidationError(MONTH_UNREADABLE.format(**words), code="invalid")
        if int(month[:4]) < EARLIEST_YEAR:
            raise forms.ValidationError(
                MONTH_TOO_EARLY.format(earliest=EARLIEST_YEAR, **words), code="too_early"
            )
        now = month_index(timezone.localdate())
        if month_index(month) > now:
            raise forms.ValidationError(
                MONTH_IN_FUTURE.format(now=month_label(now), **words), code="future"
            )
        return month

    def prepare_value(self, value):
        # A saved "2024-03" shows as people write it: 03/2024.
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}", value):
            return f"{value[5:]}/{value[:4]}"
        return value
