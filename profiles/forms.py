"""The applicant's questions, in five short steps.

Each step asks the answers the table (`advisor/engine/answers.py`) puts in it, as
`profiles/questions.py` turns them into fields, so the form and the engine never
disagree about what is asked or what is valid. Only what is not an answer (the
name, the e-mail, remembering this device) is declared here.
"""

from django import forms
from django.utils import timezone

from advisor.engine.answers import BY_NAME, STEP_TITLES, answers_in_step, is_asked
from profiles.plan_fields import STUDENT_GRADUATED, target_match_choices_now
from profiles.questions import form_field

# The longest raw answer any question takes, where a field sets no max_length:
# enough for any number, year or choice as typed, far below what an abuser posts.
LONGEST_ANSWER = 40


YES_OR_NO = "Answer yes or no."

EMAIL_REFUSED = "Enter {purpose}, like name@example.com: you typed \u201c{typed}\u201d."


class EmailAnswerField(forms.EmailField):
    """An e-mail address whose refusal, like every answer's, quotes what was typed."""

    def __init__(self, *, purpose: str = "your e-mail address", **kwargs):
        self.purpose = purpose
        super().__init__(max_length=254, **kwargs)

    def clean(self, value):
        try:
            return super().clean(value)
        except forms.ValidationError as error:
            if not any(item.code == "invalid" for item in error.error_list):
                raise
            raise forms.ValidationError(
                EMAIL_REFUSED.format(purpose=self.purpose, typed=value.strip()), code="invalid"
            ) from None


class BoundedAnswersForm(forms.Form):
    """Refuses, with a message on the field, any answer longer than the field could
    take, before it is validated or kept: what a visitor sends is stored (between
    steps) only once it is known to be small."""

    @property
    def asks_required(self) -> bool:
        """Whether a question here is marked as needing an answer (the page explains
        the mark only then)."""
        return any(field.required for field in self.fields.values())

    def full_clean(self):
        super().full_clean()
        if self.is_bound:
            for name, length, limit in self.oversized_answers():
                self._errors[name] = self.error_class(
                    [f"This answer is {length:,} characters long; it can take at most {limit}."]
                )
                self.cleaned_data.pop(name, None)

    def oversized_answers(self) -> list[tuple[str, int, int]]:
        found = []
        for name, field in self.fields.items():
            limit = getattr(field, "max_length", None) or LONGEST_ANSWER
            key = self.add_prefix(name)
            values = (
                self.data.getlist(key) if hasattr(self.data, "getlist") else [self.data.get(key)]
            )
            length = max((len(str(value)) for value in values if value is not None), default=0)
            if length > limit:
                found.append((name, length, limit))
        return found


class AnswersForm(BoundedAnswersForm):
    """A form of answers from the table: the bounds that follow today's date (the
    graduation year, the open Matches), and the questions asked only with another
    answer (the research details): without it they could not change the advice, so
    they take their default; with it, an empty answer is an error, never a guessed no."""

    marks_asked_with = True  # static/js/answers.js hides what is not asked yet
    marks_asked_if = True  # and what the visa chosen does not ask
    # A yes/no the visa chosen asks must be answered; False: left empty, it reads as its
    # default (the what-if panel, where trying a J-1 shows that advice, not a demand).
    needs_asked_if_answers = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        this_year = timezone.now().year
        for name, field in self.fields.items():
            answer = BY_NAME.get(name)
            if answer is None:
                continue
            if answer.kind == "year":
                field.minimum = this_year - int(answer.max)
                field.maximum = this_year + 2  # a final-year student applies the year before
            elif answer.kind == "match":
                field.choices = target_match_choices_now()
            elif name == "usce_last_year":
                field.maximum = this_year  # a rotation that has ended
            if answer.asked_with and self.marks_asked_with:
                # static/js/answers.js hides these while the answers they go with read
                # as none; the server ignores them then too (clean below).
                field.widget.attrs["data-asked-with"] = " ".join(
                    self.add_prefix(source) for source in answer.asked_with
                )
            if answer.asked_if and self.marks_asked_if:
                # Shown by answers.js only while the answer named has one of the values
                # ("visa:j1,h1b"); without JavaScript it is shown, and ignored when not asked.
                source, values = answer.asked_if
                field.widget.attrs["data-asked-if"] = (
                    f"{self.add_prefix(source)}:{','.join(values)}"
                )

    def clean(self):
        cleaned = super().clean()
        for name in self.fields:
            answer = BY_NAME.get(name)
            if answer is None or not (answer.asked_with or answer.asked_if):
                continue
            if not is_asked(answer, self._answers_known(cleaned)):
                # Not asked, so it cannot change the advice: whatever was typed there
                # (shown without JavaScript) is neither refused nor kept.
                self.errors.pop(name, None)
                cleaned[name] = answer.default
            elif name in self.errors or cleaned.get(name) not in (None, ""):
                continue
            elif answer.asked_if and not self.needs_asked_if_answers:
                cleaned[name] = answer.default
            elif answer.kind == "bool":
                # Asked, and a yes/no nobody may skip: never read as a guessed no.
                self.add_error(name, answer.required_message or YES_OR_NO)
            elif answer.ask_required:
                # Asked, and a blank is not the default (the visa wait is not "none").
                self.add_error(name, answer.required_message)
        self._refuse_impossible_combinations(cleaned)
        return cleaned

    def _answers_known(self, cleaned: dict) -> dict:
        """The answers a question's being asked depends on: this form's, and for an
        answer another form asks (the edit page's other steps), the one it started from."""
        return {**self.initial, **cleaned}

    def _refuse_impossible_combinations(self, cleaned: dict) -> None:
        """What the engine would refuse (advice rules v4), said here when both answers
        are on this form, next to the question and in the applicant's words."""
        graduated = cleaned.get("graduation_year")
        if cleaned.get("student") and graduated is not None and graduated < timezone.now().year:
            self.add_error("student", STUDENT_GRADUATED)


def answers_form(step: str, base: type[forms.Form] = AnswersForm) -> type[forms.Form]:
    """The form of one wizard step: its answers, in the table's order."""
    fields = {answer.name: form_field(answer) for answer in answers_in_step(step)}
    name = f"{step.title()}Form"
    return type(name, (base,), {"title": STEP_TITLES[step], "__module__": __name__, **fields})


GoalsForm = answers_form("goals")
ExamsForm = answers_form("exams")
UsceForm = answers_form("usce")
ResearchForm = answers_form("research")


class LogisticsForm(answers_form("logistics")):
    name = forms.CharField(
        label="Your name (optional)",
        required=False,
        max_length=120,
        help_text="Shown only to you, and to advisors if you choose to share.",
    )
    email = EmailAnswerField(
        label="Email (optional)",
        required=False,
        help_text="We e-mail you only when you ask for your link; it also helps an advisor "
        "recognise you.",
    )
    remember_on_device = forms.BooleanField(
        label="Remember my advice on this device for 14 days",
        required=False,
        # Not ticked for them (ask, don't assume): on a shared computer it would list
        # their advice to the next person.
        help_text="The home page then lists it. Leave it unticked on a shared or public computer.",
    )


# Asked on the last step; about this browser, not the applicant, so never stored
# on the profile (see device_memory).
REMEMBER_FIELD = "remember_on_device"

STEPS = (
    ("goals", GoalsForm),
    ("exams", ExamsForm),
    ("usce", UsceForm),
    ("research", ResearchForm),
    ("logistics", LogisticsForm),
)
