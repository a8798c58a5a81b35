"""The optional citizenship question: a text box with the country names as a
`<datalist>` (templates/profiles/_question.html), which browsers offer as a list that
narrows while one types, with or without JavaScript. A name or a code in any case is
read (advisor/engine/countries.py); the answer is stored as its ISO 3166 code."""

from __future__ import annotations

from django import forms

from advisor.engine.countries import country_code, country_name, country_names
from advisor.engine.number_input import NOTHING
from profiles.month_fields import TypedAnswerField

COUNTRY_UNKNOWN = (
    "We don\u2019t know a country called \u201c{typed}\u201d: choose one from the list, or "
    "leave it empty."
)


class CountryAnswerField(TypedAnswerField):
    """A country, by the name people know it by; empty (None) is an answer too."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"spellcheck": "false", "autocomplete": "off"})
        )
        # The longest name listed is 44 characters ("South Georgia and the South ...").
        super().__init__(max_length=80, empty_value=None, **kwargs)

    @property
    def datalist(self) -> list[str]:
        """The names the page lists (the template writes them into a <datalist>)."""
        return list(country_names().values())

    def to_python(self, value):
        typed = super().to_python(value)
        if typed is None:
            return None
        code = country_code(typed)
        if code is None and typed.lower() in NOTHING:
            return None  # "none", "n/a": the question is optional ("na" is Namibia)
        if code is None:
            raise forms.ValidationError(COUNTRY_UNKNOWN.format(typed=typed), code="invalid")
        return code

    def prepare_value(self, value):
        # A saved "NG" shows as "Nigeria".
        if isinstance(value, str) and value in country_names():
            return country_name(value)
        return value
