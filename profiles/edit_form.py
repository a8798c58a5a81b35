"""All five steps on one page, for changing answers after the result is saved."""

from __future__ import annotations

from advisor.engine.answers import ANSWERS, is_asked
from profiles.forms import REMEMBER_FIELD, STEPS
from profiles.models import Profile


class ProfileEditForms:
    """The wizard's step forms side by side, each with its own prefix, valid together."""

    def __init__(self, *, profile: Profile, data=None):
        initial = {name: getattr(profile, name) for name in _field_names()}
        for answer in ANSWERS:
            if not is_asked(answer, initial):
                # Never asked (no research output, say), so not shown as answered:
                # adding what it goes with on this page asks it.
                initial[answer.name] = None
        self.forms = [
            form_class(data=data, prefix=name, initial=initial) for name, form_class in STEPS
        ]
        for form in self.forms:
            form.fields.pop(REMEMBER_FIELD, None)  # a wizard-only question

    def __iter__(self):
        return iter(self.forms)

    def is_valid(self) -> bool:
        # Validate every form (no short-circuit) so each one shows its own errors.
        results = [form.is_valid() for form in self.forms]
        return all(results)

    @property
    def has_errors(self) -> bool:
        return any(form.is_bound and form.errors for form in self.forms)

    @property
    def error_count(self) -> int:
        return sum(len(errors) for form in self.forms for errors in form.errors.values())

    def differences_from(self, profile: Profile) -> list[str]:
        """The questions whose answer on this page differs from the one saved on
        `profile` (labels, in page order)."""
        return [
            form.fields[name].label
            for form in self.forms
            for name, value in form.cleaned_data.items()
            if getattr(profile, name) != value
        ]

    @property
    def cleaned_data(self) -> dict:
        merged: dict = {}
        for form in self.forms:
            merged.update(form.cleaned_data)
        return merged


def _field_names() -> list[str]:
    return [
        name for _, form_class in STEPS for name in form_class.base_fields if name != REMEMBER_FIELD
    ]
