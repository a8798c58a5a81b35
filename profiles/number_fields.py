"""Number questions as text boxes read by the shared parser (advisor.engine.number_input).

A text input with `inputmode` (the GOV.UK Design System's choice for numbers)
shows a number keypad on phones but, unlike `type="number"`, never turns
"12 weeks" into "12e" or into nothing: the server sees exactly what was typed,
and a refused answer comes back on the page as typed.
"""

from decimal import Decimal

from django import forms

from advisor.engine.answers import QUESTIONS
from advisor.engine.applicant import FIELDS
from advisor.engine.number_input import NumberRefused, read_number


class NumberAnswerField(forms.Field):
    """One number question; `empty` is what an empty answer means (None, or 0 for a
    count nobody needs to fill in)."""

    def __init__(self, question: str, *, minimum=None, maximum=None, empty=None, **kwargs):
        self.question = QUESTIONS[question]
        spec = FIELDS.get(question)
        self.minimum = spec.min if minimum is None else minimum
        self.maximum = spec.max if maximum is None else maximum
        self.empty = empty
        kwargs.setdefault("required", False)
        kwargs.setdefault("error_messages", {"required": f"Enter the {self.question.noun}."})
        mode = "decimal" if self.question.places else "numeric"
        kwargs.setdefault(
            "widget",
            forms.TextInput(
                attrs={"inputmode": mode, "spellcheck": "false", "autocomplete": "off"}
            ),
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        try:
            number = read_number(
                str(value or ""), self.question, minimum=self.minimum, maximum=self.maximum
            )
        except NumberRefused as refused:
            raise forms.ValidationError(refused.message, code="invalid") from None
        return number

    def clean(self, value):
        number = super().clean(value)
        return self.empty if number is None else number

    def prepare_value(self, value):
        # A saved Decimal("2.0") reads "2", not "2.0"; a typed answer stays as typed.
        if isinstance(value, Decimal):
            return f"{value.normalize():f}"
        return value

    def has_changed(self, initial, data):
        try:
            return self.clean(data) != self.clean(initial)
        except forms.ValidationError:
            return True
