"""The applicant's profile as the engine sees it, and the one place it is validated.

Every caller (the `assess` command, the web form, the what-if panel) turns raw
values into an `ApplicantProfile` through `parse_profile`, so error wording lives
here and nowhere else. The fields, their ranges and defaults come from the answer
table (`advisor.engine.answers`), which the forms read too.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, make_dataclass
from datetime import date
from typing import Any

from advisor.engine import answers
from advisor.engine.answers import QUESTIONS
from advisor.engine.calendar import month_index, month_str
from advisor.engine.countries import country_names
from advisor.engine.number_input import NumberRefused, read_number

# The values each choice takes (their labels live with the answer).
CAREER_GOALS = tuple(value for value, _ in answers.CAREER_GOALS)
BUDGETS = tuple(value for value, _ in answers.BUDGETS)
VISAS = tuple(value for value, _ in answers.VISAS)


@dataclass(frozen=True)
class FieldSpec:
    kind: str  # "slug", "int", "number", "bool", "choice", "month" or "country"
    default: Any = None
    required: bool = False
    nullable: bool = False
    min: float | None = None
    max: float | None = None
    choices: tuple[str, ...] = ()


# A calendar year and a Match year are whole numbers to the engine.
_ENGINE_KIND = {"year": "int", "match": "int"}


def _spec(answer: answers.Answer) -> FieldSpec:
    return FieldSpec(
        _ENGINE_KIND.get(answer.kind, answer.kind),
        default=answer.default,
        required=answer.required,
        nullable=answer.nullable,
        min=answer.min,
        max=answer.max,
        choices=tuple(value for value, _ in answer.choices),
    )


# One field per answer of the table, by the engine's name for it, and the month the
# plan starts from, which is a parameter of the assessment, not an answer.
FIELDS: dict[str, FieldSpec] = {
    **{answer.engine_field: _spec(answer) for answer in answers.ANSWERS},
    "as_of": FieldSpec("month", default=None),
}
_TYPES = {
    "slug": str,
    "int": int,
    "number": float,
    "bool": bool,
    "choice": str,
    "month": str,
    "country": str,
}


def _field_type(spec: FieldSpec) -> type:
    return _TYPES[spec.kind] | None if spec.nullable else _TYPES[spec.kind]


class _ProfileMethods:
    @property
    def as_of_month(self) -> int:
        return month_index(self.as_of)

    def as_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in FIELDS}


# The applicant's profile as the engine reads it: a frozen dataclass with a field per
# entry of FIELDS, so a new answer needs no change here. Required fields come first
# (a dataclass needs that); everything else has the answer's default.
ApplicantProfile = make_dataclass(
    "ApplicantProfile",
    [
        *((name, _field_type(spec)) for name, spec in FIELDS.items() if spec.required),
        ("as_of", str),  # "YYYY-MM": the month the plan starts from
        *(
            (name, _field_type(spec), field(default=spec.default))
            for name, spec in FIELDS.items()
            if not spec.required and name != "as_of"
        ),
    ],
    bases=(_ProfileMethods,),
    frozen=True,
)
ApplicantProfile.__module__ = __name__


class ProfileError(ValueError):
    """Raised with every problem found, each keyed by the field it concerns."""

    def __init__(self, errors: Mapping[str, str]):
        self.errors = dict(errors)
        super().__init__("; ".join(f"{field}: {msg}" for field, msg in self.errors.items()))


def parse_profile(
    data: Any, *, known_specialties: Collection[str] | None = None, today: date | None = None
) -> ApplicantProfile:
    """Validate raw values (as decoded from JSON) into a profile.

    Types are strict on purpose: true is not 1, because a batch file that mixes
    them up is more likely wrong than meant. A number written as text is read
    as a person would type it into the form ("12 weeks", "2,5"), by the form's
    own parser, and refused with its message when that is ambiguous. Without `as_of`
    the plan starts in the month of `today` (the real today by default).
    """
    if not isinstance(data, Mapping):
        raise ProfileError({"profile": "expected a JSON object of profile fields"})
    errors: dict[str, str] = {}
    for name in data:
        if name not in FIELDS:
            errors[str(name)] = "unknown field"
    values: dict[str, Any] = {}
    for name, spec in FIELDS.items():
        if name not in data:
            if spec.required:
                errors[name] = "this field is required"
            else:
                values[name] = spec.default
            continue
        try:
            values[name] = _check(spec, _read_typed_number(name, spec, data[name]))
        except ValueError as exc:
            errors[name] = str(exc)
    specialty = values.get("specialty")
    if specialty and known_specialties is not None and specialty not in known_specialties:
        errors["specialty"] = f"unknown specialty '{specialty}'"
    if errors:
        raise ProfileError(errors)
    if values["as_of"] is None:
        values["as_of"] = month_str(month_index(today or date.today()))
    errors = _impossible_combinations(values)
    if errors:
        raise ProfileError(errors)
    return ApplicantProfile(**values)


def _impossible_combinations(values: dict[str, Any]) -> dict[str, str]:
    """Answers that are each fine but cannot all be true (advice rules v4). An answer
    that only qualifies another (a date without the thing dated) is ignored, not refused."""
    errors = {}
    as_of = month_index(values["as_of"])
    this_year = as_of // 12
    graduated = this_year - values["years_since_graduation"]
    if values["student"] and values["years_since_graduation"] > 0:
        errors["student"] = (
            "a student has not graduated yet: years since graduation must be 0 "
            "(give the year you will graduate)"
        )
    last = values["usce_last_year"]
    has_usce = values["usce_hands_on_weeks"] + values["usce_observership_weeks"] > 0
    if last is not None and has_usce:
        if last > this_year:
            errors["usce_last_year"] = f"must not be after this year ({this_year})"
        elif last < graduated - 2:
            errors["usce_last_year"] = (
                f"must not be before {graduated - 2}: US clinical experience comes in the "
                f"last years of medical school at the earliest (you graduated in {graduated})"
            )
    taken = values["step2_ck_taken"]
    if taken is not None and values["step2_ck"] is not None and month_index(taken) > as_of:
        errors["step2_ck_taken"] = f"must not be after this month ({values['as_of']})"
    if values["in_us_research_post"] and values["visa"] == "b1b2":
        errors["in_us_research_post"] = (
            "a research post in the US is not held on a B1/B2 visitor visa: choose the "
            "visa the post is on (usually J-1 or H-1B)"
        )
    return errors


def _read_typed_number(name: str, spec: FieldSpec, value: Any) -> Any:
    """A number given as text ("12", "12 weeks", "2,5") is read by the same parser as
    the web form's; other values pass through to `_check` unchanged."""
    if spec.kind not in ("int", "number") or not isinstance(value, str):
        return value
    try:
        number = read_number(value, QUESTIONS[name], minimum=spec.min, maximum=spec.max)
    except NumberRefused as refused:
        raise ValueError(refused.message) from None
    if number is None:
        return spec.default
    return number if spec.kind == "int" else float(number)


def _check(spec: FieldSpec, value: Any) -> Any:
    if value is None:
        if spec.nullable:
            return None
        raise ValueError("must not be null")
    if spec.kind == "bool":
        if not isinstance(value, bool):
            raise ValueError("must be true or false")
        return value
    if spec.kind == "month":
        if not isinstance(value, str):
            raise ValueError('must be a month written "YYYY-MM"')
        try:
            index = month_index(value)
        except ValueError:
            raise ValueError('must be a month written "YYYY-MM", like "2026-11"') from None
        if not 2000 * 12 <= index < 2101 * 12:
            raise ValueError("must be a month between 2000-01 and 2100-12")
        return value
    if spec.kind == "country":
        if not isinstance(value, str):
            raise ValueError("must be a two-letter country code, like NG")
        code = value.strip().upper()
        if code not in country_names():
            raise ValueError(f"{value!r} is not an ISO 3166 country code (like NG or IN)")
        return code
    if spec.kind in ("choice", "slug"):
        if not isinstance(value, str):
            raise ValueError("must be a string")
        if spec.kind == "choice" and value not in spec.choices:
            raise ValueError(f"must be one of: {', '.join(spec.choices)}")
        if spec.kind == "slug" and not value.strip():
            raise ValueError("must not be empty")
        return value
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError("must be a number" if spec.kind == "number" else "must be a whole number")
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError("must be a finite number")
        if spec.kind == "int":
            if not value.is_integer():
                raise ValueError("must be a whole number")
            value = int(value)
    if not spec.min <= value <= spec.max:
        raise ValueError(f"must be between {_num(spec.min)} and {_num(spec.max)}")
    return value


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)
