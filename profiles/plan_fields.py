"""Form fields for the plan's inputs: Yes/No exam questions and the Match aimed at."""

from collections.abc import Sequence
from datetime import date

from django import forms
from django.utils import timezone
from django.utils.dateformat import format as format_date

from advisor.engine.applicant import ProfileError
from advisor.engine.calendar import MatchCalendar, month_index
from advisor.selectors import match_calendar

# A Match further ahead than this is an input error in the engine (plan rule P5).
MAX_YEARS_AHEAD = 6
EARLIEST_MATCH_LABEL = "The earliest I can reach (recommended)"
# Its own value, so that a radio left unchosen (None, "") is not shown as this one.
EARLIEST = "earliest"
TARGET_MATCH_HELP = (
    "The plan counts back from that Match's dates; if it comes too soon for what you still "
    "need, the plan moves to the next one and says why."
)


class YesNoField(forms.TypedChoiceField):
    """A required Yes/No question as two radio buttons, cleaned to True or False.

    Unlike a checkbox, nobody can skip it by accident: leaving both empty is an error.
    """

    def __init__(self, *, label: str, help_text: str = "", **kwargs):
        super().__init__(
            label=label,
            help_text=help_text,
            choices=[("yes", "Yes"), ("no", "No")],
            coerce=lambda value: value == "yes",
            widget=forms.RadioSelect,
            error_messages={"required": "Answer yes or no."},
            **kwargs,
        )

    def prepare_value(self, value):
        # A saved profile holds True/False; the radio buttons hold "yes"/"no".
        if isinstance(value, bool):
            return "yes" if value else "no"
        return value


def target_match_choices(calendar: MatchCalendar, today: date) -> list[tuple[str, str]]:
    """The Matches still open to apply to (their application month not past) and at
    most MAX_YEARS_AHEAD years ahead, after the recommended "earliest" choice."""
    choices = [(EARLIEST, EARLIEST_MATCH_LABEL)]
    this_month = month_index(today)
    for year in range(today.year, today.year + MAX_YEARS_AHEAD + 1):
        cycle = calendar.cycle(year)
        if month_index(cycle.submit_from) < this_month:
            continue
        apply_from = format_date(cycle.submit_from, "F Y")
        match_day = format_date(cycle.match_day, "F Y")
        choices.append(
            (str(year), f"Match {year} (apply from {apply_from}, Match Day {match_day})")
        )
    return choices


def match_year(value: str) -> int | None:
    """The year asked for; None for "the earliest I can reach"."""
    return None if value == EARLIEST else int(value)


def target_match_field(
    widget: type[forms.Widget], help_text: str = TARGET_MATCH_HELP
) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label="Which Match are you aiming at?",
        choices=[(EARLIEST, EARLIEST_MATCH_LABEL)],  # the years are filled in per request
        coerce=match_year,
        empty_value=None,
        # Nothing is chosen until the applicant chooses (ask, don't assume); left
        # unanswered, the plan aims at the earliest Match, as the help says.
        required=False,
        widget=widget,
        help_text=help_text,
        error_messages={"invalid_choice": "Choose one of the Matches listed."},
    )


def target_match_choices_now() -> list[tuple[str, str]]:
    """The Matches open today, read from the admin's calendar."""
    return target_match_choices(match_calendar(), timezone.localdate())


# The engine checks some answers in a form of its own: the years since graduation
# stand for the year typed on the form.
ENGINE_FIELD_ON_FORM = {"years_since_graduation": "graduation_year"}
GRADUATED_TOO_LONG_AGO = (
    "The advice is made for graduates of the last 60 years, and the year you graduated is "
    "further back: check it with \u201cEdit my answers\u201d."
)


# Answers that are each fine but that the engine refuses together (advice rules v4):
# its message goes on the question named, as a sentence; the student's in their words.
COMBINATION_FIELDS = ("student", "usce_last_year", "step2_ck_taken", "in_us_research_post")
STUDENT_GRADUATED = (
    "You answered that you are still at medical school, and gave a graduation year that "
    "has passed: give the year you will graduate, or answer no."
)


def _combination_message(name: str, message: str) -> str:
    if name == "student":
        return STUDENT_GRADUATED
    return f"{message[:1].upper()}{message[1:]}."


def add_engine_errors(form_list: Sequence[forms.Form], error: ProfileError) -> None:
    """Show each message of the engine's `ProfileError` on the field it names.

    The forms (already validated) accept what they can check alone; the engine
    can still refuse an answer (a Match that closed since the page was shown, a
    saved graduation year that has since passed the 60-year limit). A message for
    a question none of the forms asks goes at the top of the first form, so the
    person always reads why nothing was saved, never an error page.
    """
    for name, message in error.errors.items():
        field = ENGINE_FIELD_ON_FORM.get(name, name)
        holder = next((form for form in form_list if field in form.fields), None)
        if name in COMBINATION_FIELDS:
            message = _combination_message(name, message)
        if holder is not None:
            holder.add_error(field, message)
        elif name == "years_since_graduation":
            form_list[0].add_error(None, GRADUATED_TOO_LONG_AGO)
        else:
            form_list[0].add_error(None, f"The advice could not be made: {name} {message}.")


def engine_error_fields(error: ProfileError) -> set[str]:
    """The form fields the engine's messages belong on."""
    return {ENGINE_FIELD_ON_FORM.get(name, name) for name in error.errors}
