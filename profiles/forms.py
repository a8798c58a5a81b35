"""The applicant's questions, in five short steps, plus the what-if controls.

Limits come from `advisor.engine.applicant.FIELDS` so the form and the engine never
disagree about what is valid.
"""

from django import forms
from django.utils import timezone

from advisor.engine.applicant import FIELDS
from advisor.models import Specialty
from profiles.models import BUDGET_CHOICES, CAREER_GOAL_CHOICES, VISA_CHOICES
from profiles.number_fields import NumberAnswerField
from profiles.plan_fields import MatchChoicesFromCalendar, YesNoField, target_match_field


def count_field(name: str, label: str, help_text: str = "", **kwargs) -> NumberAnswerField:
    """A count nobody has to fill in: empty means none."""
    return NumberAnswerField(
        name, label=label, help_text=help_text, initial=FIELDS[name].default, empty=0, **kwargs
    )


# The longest raw answer any question takes, where a field sets no max_length:
# enough for any number, year or choice as typed, far below what an abuser posts.
LONGEST_ANSWER = 40


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


class GoalsForm(BoundedAnswersForm):
    title = "Your target"
    specialty = forms.ModelChoiceField(
        queryset=Specialty.objects.order_by("name"),
        to_field_name="slug",
        label="Target specialty",
        empty_label="Choose a specialty",
        error_messages={"required": "Choose the specialty you are applying to."},
    )
    career_goal = forms.ChoiceField(
        label="Kind of program you are aiming at",
        choices=CAREER_GOAL_CHOICES,
        initial="undecided",
        widget=forms.RadioSelect,
        help_text="Academic programs are based at universities and value research more.",
    )
    graduation_year = NumberAnswerField(
        "graduation_year",
        label="Year you graduated from medical school",
        help_text="If you have not graduated yet, enter the year you will.",
        required=True,
        minimum=0,  # the real bounds follow the calendar year: see __init__
        maximum=0,
        error_messages={"required": "Enter the year you graduated (or will graduate)."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        this_year = timezone.now().year
        year = self.fields["graduation_year"]
        year.minimum = this_year - int(FIELDS["years_since_graduation"].max)
        year.maximum = this_year + 1


class ExamsForm(BoundedAnswersForm):
    title = "Exams and recent work"
    step1_passed = YesNoField(
        label="Have you passed USMLE Step 1?",
        help_text="It is pass/fail now. If not yet, your plan starts with it.",
    )
    step2_ck = NumberAnswerField(
        "step2_ck",
        label="USMLE Step 2 CK score",
        help_text="Leave empty if you have not taken it yet.",
    )
    oet_passed = YesNoField(
        label="Have you passed OET Medicine at the ECFMG scores?",
        help_text="350 in Listening, Reading and Speaking and 300 in Writing, at one sitting.",
    )
    pathway_met = YesNoField(
        label="Has ECFMG accepted a Pathway for you (the clinical and communication skills "
        "requirement)?",
        help_text="Answer no if you have not applied yet or are still waiting for ECFMG.",
    )
    clinically_active = YesNoField(
        label="Have you done clinical work in the last 12 months, in any country?",
        help_text="Seeing patients as a doctor or intern. Research or teaching alone does not "
        "count.",
    )
    home_clinical_years = NumberAnswerField(
        "home_clinical_years",
        label="Years of clinical work outside the US",
        initial=0,
        empty=0,
        help_text="Internship, residency or practice at home. Half years are fine (1.5).",
    )


class UsceForm(BoundedAnswersForm):
    title = "US clinical experience"
    usce_hands_on_weeks = count_field(
        "usce_hands_on_weeks",
        "Weeks of hands-on US clinical experience",
        "Clerkships, sub-internships and hands-on externships: you saw patients, wrote notes "
        "and were part of the team.",
    )
    usce_observership_weeks = count_field(
        "usce_observership_weeks",
        "Weeks of observership",
        "Rotations where you watched but did not take part in care. They count half.",
    )
    usce_online_weeks = count_field(
        "usce_online_weeks",
        "Weeks of online or virtual rotations",
        "These do not count as US clinical experience; we ask so the advice can say so.",
    )
    us_clinical_letters = count_field(
        "us_clinical_letters",
        "Strong US clinical letters",
        "Letters from US attendings who supervised your clinical work and can describe how you "
        "performed. Letters from people who only saw you observe count for less.",
    )


RESEARCH_COUNTS = ("research_publications", "research_abstracts")
RESEARCH_QUESTIONS = ("research_in_target_specialty", "research_us_based")
RESEARCH_QUESTION_NEEDED = "You listed research output: answer yes or no."


class ResearchDetailsAsked:
    """The two research questions are asked only of applicants with research output:
    without any, the answers could not change the advice, so they mean no; with
    some, an empty answer is an error, never a guessed no."""

    def clean(self):
        cleaned = super().clean()
        output = sum(cleaned.get(name) or 0 for name in RESEARCH_COUNTS)
        for name in RESEARCH_QUESTIONS:
            unanswered = cleaned.get(name) in (None, "") and name not in self.errors
            if unanswered and output == 0:
                cleaned[name] = False
            elif unanswered:
                self.add_error(name, RESEARCH_QUESTION_NEEDED)
        return cleaned


def research_details_asked(answers) -> bool:
    """Whether the research questions were asked, given the saved or typed counts."""
    return any(answers.get(name) for name in RESEARCH_COUNTS)


class ResearchForm(ResearchDetailsAsked, BoundedAnswersForm):
    title = "Research"
    research_publications = count_field(
        "research_publications", "Papers published or in press", "Count each paper once."
    )
    research_abstracts = count_field(
        "research_abstracts",
        "Abstracts and posters",
        "Conference abstracts and posters, presented or accepted.",
    )
    research_in_target_specialty = YesNoField(
        label="Is most of your research in your target specialty?",
        help_text="Needed if you have any papers, abstracts or posters.",
        required=False,
    )
    research_us_based = YesNoField(
        label="Was your research done at a US institution?",
        help_text="Needed if you have any papers, abstracts or posters.",
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # static/js/answers.js hides these while both counts read as none.
        counts = " ".join(self.add_prefix(name) for name in RESEARCH_COUNTS)
        for name in RESEARCH_QUESTIONS:
            self.fields[name].widget.attrs["data-asked-with"] = counts


class LogisticsForm(MatchChoicesFromCalendar, BoundedAnswersForm):
    title = "Money, visa and time"
    budget = forms.ChoiceField(
        label="Money for unpaid time in the US",
        choices=BUDGET_CHOICES,
        initial="moderate",
        widget=forms.RadioSelect,
    )
    visa = forms.ChoiceField(
        label="Visa or status for time in the US",
        choices=VISA_CHOICES,
        initial="other",
        help_text="Short rotations are often done on B1/B2; research posts usually need J-1 or "
        "H-1B.",
    )
    months_available_in_us = count_field(
        "months_available_in_us",
        "Months you could spend in the US",
        "Over the next few years, in total. 0 if you cannot travel yet.",
    )
    target_match = target_match_field(forms.RadioSelect)
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
        initial=True,
        help_text="The home page then lists it. Untick on a shared or public computer.",
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
