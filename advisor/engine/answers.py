"""The answer table: one declaration per answer the advice is built on.

Every surface derives from it: the engine's validation (`applicant.FIELDS`), the
wizard's steps and the edit page (`profiles/questions.py`), the what-if panel,
check-your-answers and "Based on your answers", the advisor's answers table, the
CSV, "download my data", the profile's columns (`profiles/models.py`), the demo
seeder and the test strategies. Adding an answer is an entry here, the rule that
reads it, and a migration for its column; `tests/profiles/test_answer_table.py`
fails when a surface misses an answer or shows one that is not here.

Plain data and plain functions only: this module is part of the engine.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from advisor.engine.number_input import MONTHS, WEEKS, YEARS, NumberQuestion

STEP_TITLES = {
    "goals": "Your target",
    "exams": "Exams and recent work",
    "usce": "US clinical experience",
    "research": "Research",
    "logistics": "Money, visa and time",
}
WHAT_IF_GROUPS = {
    # key: (legend, folded): the counts people try most stay open on a phone.
    "usce": ("US clinical experience", False),
    "research": ("Research", False),
    "logistics": ("Time in the US, visa and money", True),
    "goal": ("Specialty, kind of program and Match", True),
}

CAREER_GOALS = (
    ("academic", "Academic / university"),
    ("community", "Community"),
    ("undecided", "Not sure yet"),
)
BUDGETS = (
    ("tight", "Tight: one rotation of 4-8 weeks at most"),
    ("moderate", "Moderate: a few months"),
    ("comfortable", "Comfortable: a year or more"),
)
VISAS = (
    ("citizen_or_resident", "US citizen or permanent resident"),
    ("b1b2", "B1/B2 visitor visa"),
    ("j1", "J-1"),
    ("h1b", "H-1B"),
    ("other", "Other or not sure yet"),
)
YES_NO = {True: "Yes", False: "No"}
NOT_GIVEN = "Not given"


@dataclass(frozen=True)
class Answer:
    """One question: what it holds, how it is asked, and how it reads back.

    `kind` is "slug" (a specialty), "int", "number" (one decimal place), "bool",
    "choice", "year" (a calendar year: the engine reads the years since it),
    "match" (a Match year, or none for the earliest reachable), "month" ("YYYY-MM")
    or "country" (an ISO 3166 alpha-2 code).
    """

    name: str
    kind: str
    step: str
    label: str  # the question as the form asks it
    short_label: str  # read back: check-your-answers, advice pages, advisor view
    help: str = ""
    default: Any = None  # what the engine takes when the answer is absent
    required: bool = False  # the engine refuses a profile without it
    nullable: bool = False
    min: float | None = None
    max: float | None = None
    choices: tuple[tuple[str, str], ...] = ()
    number: NumberQuestion | None = None  # how a typed number is read and refused
    # Asked only once one of these answers is more than none (the research details);
    # never asked, the answer is the default and is not read back.
    asked_with: tuple[str, ...] = ()
    # Asked only when another answer has one of these values (the visa wait only for a
    # visitor visa); never asked, the answer is the default and is not read back.
    asked_if: tuple[str, tuple[Any, ...]] | None = None
    radio: bool = False  # a choice shown as radio buttons rather than a list
    empty_reads: str = NOT_GIVEN  # read back when the answer is empty
    required_message: str = ""  # said when a question that must be answered is not
    # The form asks it with nothing chosen and goes on only once it is answered: it
    # changes the advice, so no answer is assumed (the engine's default is for `assess`).
    ask_required: bool = False
    help_link: tuple[str, str] | None = None  # (words, address) shown after the help text
    what_if_group: str | None = None  # the what-if panel's group, None: not varied there
    what_if_label: str = ""  # the panel is narrow: a shorter label than the question
    csv_header: str = ""
    # The engine's name, where it reads the answer in another form (years, not a year).
    engine_name: str = ""

    @property
    def engine_field(self) -> str:
        return self.engine_name or self.name

    @property
    def is_count(self) -> bool:
        """A number nobody has to fill in: empty means none (0)."""
        return self.kind in ("int", "number") and self.default == 0

    def choice_label(self, value: str) -> str:
        return dict(self.choices).get(value, value)


def _count(name, step, label, short, noun, example, units, unit_name="", **more) -> Answer:
    return Answer(
        name,
        "int",
        step,
        label,
        short,
        default=0,
        min=0,
        number=NumberQuestion(noun, example, units, unit_name=unit_name),
        **more,
    )


ANSWERS: tuple[Answer, ...] = (
    Answer(
        "specialty",
        "slug",
        "goals",
        "Target specialty",
        "Target specialty",
        required=True,
        required_message="Choose the specialty you are applying to.",
        what_if_group="goal",
        csv_header="Specialty",
    ),
    Answer(
        "career_goal",
        "choice",
        "goals",
        "Kind of program you are aiming at",
        "Kind of program you are aiming at",
        help="Academic programs are based at universities and value research more.",
        default="undecided",
        choices=CAREER_GOALS,
        radio=True,
        ask_required=True,
        required_message="Choose the kind of program you are aiming at (or “Not sure yet”).",
        what_if_group="goal",
        what_if_label="Kind of program",
        csv_header="Career goal",
    ),
    Answer(
        "graduation_year",
        "year",
        "goals",
        "Year you graduated from medical school",
        "Year you graduated from medical school",
        help="If you have not graduated yet, enter the year you will.",
        required=True,
        required_message="Enter the year you graduated (or will graduate).",
        # The engine reads the years since: 0 to 60 of them.
        min=0,
        max=60,
        number=NumberQuestion("year you graduated", "2021"),
        csv_header="Graduation year",
        engine_name="years_since_graduation",
    ),
    Answer(
        "student",
        "bool",
        "goals",
        "Are you still at medical school?",
        "Still at medical school",
        help="Answer yes if you will graduate before a residency would start. Students may "
        "take part in patient care on elective clerkships; graduates on a visitor visa may "
        "only observe.",
        default=False,
        csv_header="Student",
    ),
    Answer(
        "step1_passed",
        "bool",
        "exams",
        "Have you passed USMLE Step 1?",
        "USMLE Step 1 passed",
        help="It is pass/fail now. If not yet, your plan starts with it.",
        default=True,
        csv_header="Step 1 passed",
    ),
    Answer(
        "step2_ck",
        "int",
        "exams",
        "USMLE Step 2 CK score",
        "USMLE Step 2 CK score",
        help="Leave empty if you have not taken it yet.",
        nullable=True,
        min=1,
        max=300,
        number=NumberQuestion("Step 2 CK score", "245", frozenset({"points", "pts"})),
        empty_reads="Not taken yet",
        csv_header="Step 2 CK",
    ),
    Answer(
        "step2_ck_taken",
        "month",
        "exams",
        "When did you take Step 2 CK?",
        "Step 2 CK taken",
        help="Month and year, like 03/2024. A score is judged by the passing score in force "
        "when you sat the exam.",
        nullable=True,
        asked_with=("step2_ck",),
        empty_reads="Not given (read as this month)",
        csv_header="Step 2 CK taken",
    ),
    _count(
        "exam_failures",
        "exams",
        "How many USMLE attempts have you failed, all Steps together?",
        "Failed USMLE attempts",
        "number of failed attempts",
        "0",
        frozenset({"attempt", "attempts", "fail", "fails", "failure", "failures"}),
        max=8,
        help="Every failed attempt stays on your transcript, and many programs screen on it. "
        "0 if none.",
        csv_header="Failed USMLE attempts",
    ),
    Answer(
        "oet_passed",
        "bool",
        "exams",
        "Have you passed OET Medicine at the ECFMG scores?",
        "OET Medicine passed",
        help="350 in Listening, Reading and Speaking and 300 in Writing, at one sitting.",
        default=False,
        csv_header="OET passed",
    ),
    Answer(
        "pathway_met",
        "bool",
        "exams",
        "Has ECFMG accepted a Pathway for you (the clinical and communication skills requirement)?",
        "ECFMG Pathway accepted",
        help="Answer no if you have not applied yet or are still waiting for ECFMG.",
        default=False,
        csv_header="Pathway accepted",
    ),
    Answer(
        "clinically_active",
        "bool",
        "exams",
        "Have you done clinical work in the last 12 months, in any country?",
        "Clinical work in the last 12 months",
        help="Seeing patients as a doctor or intern. Research or teaching alone does not count.",
        default=False,
        csv_header="Clinical work in the last 12 months",
    ),
    Answer(
        "home_clinical_years",
        "number",
        "exams",
        "Years of clinical work outside the US",
        "Years of clinical work outside the US",
        help="Internship, residency or practice at home. Half years are fine (1.5).",
        default=0,
        min=0,
        max=60,
        number=NumberQuestion(
            "years of clinical work outside the US", "1.5", YEARS, places=1, unit_name="years"
        ),
        csv_header="Years of clinical work outside the US",
    ),
    _count(
        "usce_hands_on_weeks",
        "usce",
        "Weeks of hands-on US clinical experience",
        "Weeks of hands-on US clinical experience",
        "weeks of hands-on US clinical experience",
        "12",
        WEEKS,
        "weeks",
        max=520,
        help="Clerkships, sub-internships and hands-on externships: you saw patients, wrote "
        "notes and were part of the team.",
        what_if_group="usce",
        what_if_label="Hands-on weeks",
        csv_header="Hands-on weeks",
    ),
    _count(
        "usce_observership_weeks",
        "usce",
        "Weeks of observership",
        "Weeks of observership",
        "weeks of observership",
        "4",
        WEEKS,
        "weeks",
        max=520,
        help="Rotations where you watched but did not take part in care. They count half.",
        what_if_group="usce",
        what_if_label="Observership weeks",
        csv_header="Observership weeks",
    ),
    _count(
        "usce_online_weeks",
        "usce",
        "Weeks of online or virtual rotations",
        "Weeks of online or virtual rotations",
        "weeks of online or virtual rotations",
        "4",
        WEEKS,
        "weeks",
        max=520,
        help="These do not count as US clinical experience; we ask so the advice can say so.",
        csv_header="Online weeks",
    ),
    Answer(
        "usce_last_year",
        "int",
        "usce",
        "In which year did your most recent US rotation or observership end?",
        "Most recent US clinical experience ended",
        help="Programs read experience and letters from the last year or so as current.",
        nullable=True,
        min=1960,
        max=2100,
        number=NumberQuestion("year your last US rotation ended", "2025"),
        asked_with=("usce_hands_on_weeks", "usce_observership_weeks"),
        empty_reads="Not given (read as this year)",
        what_if_group="usce",
        what_if_label="Last US rotation ended in",
        csv_header="Last USCE year",
    ),
    _count(
        "us_clinical_letters",
        "usce",
        "Strong US clinical letters",
        "Strong US clinical letters",
        "number of strong US clinical letters",
        "2",
        frozenset({"letter", "letters"}),
        max=20,
        help="Letters from US attendings who supervised your clinical work and can describe "
        "how you performed. Letters from people who only saw you observe count for less.",
        what_if_group="usce",
        what_if_label="US clinical letters",
        csv_header="US clinical letters",
    ),
    _count(
        "research_publications",
        "research",
        "Papers published or in press",
        "Papers published or in press",
        "number of papers",
        "3",
        frozenset({"paper", "papers", "publication", "publications"}),
        max=500,
        help="Count each paper once.",
        what_if_group="research",
        what_if_label="Papers",
        csv_header="Publications",
    ),
    _count(
        "research_abstracts",
        "research",
        "Abstracts and posters",
        "Abstracts and posters",
        "number of abstracts and posters",
        "2",
        frozenset({"abstract", "abstracts", "poster", "posters"}),
        max=500,
        help="Conference abstracts and posters, presented or accepted.",
        what_if_group="research",
        what_if_label="Abstracts and posters",
        csv_header="Abstracts",
    ),
    Answer(
        "research_in_target_specialty",
        "bool",
        "research",
        "Is most of your research in your target specialty?",
        "Research mostly in your target specialty",
        help="Needed if you have any papers, abstracts or posters.",
        default=False,
        asked_with=("research_publications", "research_abstracts"),
        required_message="You listed research output: answer yes or no.",
        what_if_group="research",
        what_if_label="Mostly in your target specialty?",
        csv_header="Research in target specialty",
    ),
    Answer(
        "research_us_based",
        "bool",
        "research",
        "Was your research done at a US institution?",
        "Research done at a US institution",
        help="Needed if you have any papers, abstracts or posters.",
        default=False,
        asked_with=("research_publications", "research_abstracts"),
        required_message="You listed research output: answer yes or no.",
        what_if_group="research",
        what_if_label="Done at a US institution?",
        csv_header="Research at a US institution",
    ),
    Answer(
        "budget",
        "choice",
        "logistics",
        "Money for unpaid time in the US",
        "Money for unpaid time in the US",
        default="moderate",
        choices=BUDGETS,
        radio=True,
        ask_required=True,
        required_message="Choose how much money you have for unpaid time in the US.",
        what_if_group="logistics",
        what_if_label="Money for unpaid time in the US",
        csv_header="Budget",
    ),
    Answer(
        "visa",
        "choice",
        "logistics",
        "Visa or status for time in the US",
        "Visa or status for time in the US",
        help="Short rotations are often done on B1/B2; research posts usually need J-1 or H-1B.",
        default="other",
        choices=VISAS,
        ask_required=True,
        required_message="Choose your visa or status for time in the US "
        "(or “Other or not sure yet”).",
        what_if_group="logistics",
        what_if_label="Visa or status",
        csv_header="Visa or status",
    ),
    Answer(
        "in_us_research_post",
        "bool",
        "logistics",
        "Do you hold a research post in the US now?",
        "Research post in the US now",
        help="A research fellowship or job at a US institution, on the visa above.",
        default=False,
        asked_if=("visa", ("j1", "h1b")),
        what_if_group="logistics",
        what_if_label="Research post in the US now?",
        csv_header="US research post now",
    ),
    _count(
        "visa_wait_months",
        "logistics",
        "Months until you could get a US visa interview where you live",
        "Wait for a visa interview",
        "months until a visa interview",
        "3",
        MONTHS,
        "months",
        max=24,
        help="0 if you already hold a valid visa or need none. The State Department publishes "
        "the current wait for each embassy.",
        # A blank here is not "no wait": the plan would book US time too early.
        ask_required=True,
        required_message=(
            "Enter the months until you could get a visa interview (0 if you already hold "
            "a valid visa)."
        ),
        help_link=(
            "Visa appointment wait times (US State Department)",
            "https://travel.state.gov/content/travel/en/us-visas/visa-information-resources/"
            "global-visa-wait-times.html",
        ),
        asked_if=("visa", ("b1b2", "other")),
        what_if_group="logistics",
        what_if_label="Months until a visa interview",
        csv_header="Visa interview wait (months)",
    ),
    Answer(
        "citizenship",
        "country",
        "logistics",
        "Country of citizenship (optional)",
        "Country of citizenship",
        help="Only used to show visa rules that name your country, such as travel bans and "
        "interview rules. It is used for nothing else; leave it empty if you prefer.",
        nullable=True,
        empty_reads="Not given",
        what_if_group="logistics",
        what_if_label="Citizenship",
        csv_header="Citizenship",
    ),
    _count(
        "months_available_in_us",
        "logistics",
        "Months you could spend in the US",
        "Months you could spend in the US",
        "months you could spend in the US",
        "6",
        MONTHS,
        "months",
        max=60,
        help="Over the next few years, in total. 0 if you cannot travel yet.",
        ask_required=True,
        required_message="Enter the months you could spend in the US (0 if you cannot travel yet).",
        what_if_group="logistics",
        what_if_label="Months in the US",
        csv_header="Months they could spend in the US",
    ),
    Answer(
        "target_match",
        "match",
        "logistics",
        "Which Match are you aiming at?",
        "Match aimed at",
        help="The plan counts back from that Match's dates; if it comes too soon for what "
        "you still need, the plan moves to the next one and says why. Leave it unanswered "
        "and the plan aims at the earliest you can reach.",
        nullable=True,
        # Whether a requested Match is still open depends on the calendar: the engine
        # checks that (P5); here only the shape.
        min=2000,
        max=2100,
        number=NumberQuestion("Match year", "2028"),
        radio=True,
        empty_reads="The earliest I can reach",
        what_if_group="goal",
        what_if_label="Which Match are you aiming at?",
        csv_header="Match asked for",
    ),
)
BY_NAME: dict[str, Answer] = {answer.name: answer for answer in ANSWERS}
ANSWER_NAMES: tuple[str, ...] = tuple(BY_NAME)
# The number questions by the name the form and the engine use for them. "Years since
# graduation" is how `assess` takes the graduation year: typed, it is read like the rest.
QUESTIONS: dict[str, NumberQuestion] = {
    **{answer.name: answer.number for answer in ANSWERS if answer.number},
    "years_since_graduation": NumberQuestion(
        "years since graduation", "3", YEARS, unit_name="years"
    ),
}


def answers_in_step(step: str) -> tuple[Answer, ...]:
    return tuple(answer for answer in ANSWERS if answer.step == step)


def is_asked(answer: Answer, answers: dict[str, Any]) -> bool:
    """Whether the question was put to this applicant, given their other answers."""
    if answer.asked_with and not any(answers.get(name) for name in answer.asked_with):
        return False
    if answer.asked_if is not None:
        name, values = answer.asked_if
        return answers.get(name, BY_NAME[name].default) in values
    return True


def engine_values(given: dict[str, Any], *, this_year: int) -> dict[str, Any]:
    """The answers (by the table's names, as stored) as `parse_profile` takes them: by
    the engine's names, a year as the years since, a decimal as a float."""
    values = {}
    for answer in ANSWERS:
        value = given[answer.name]
        if answer.kind == "year" and value is not None:
            value = max(0, this_year - value)
        elif answer.kind == "number" and value is not None:
            value = float(value)
        values[answer.engine_field] = value
    return values


def read_back(answer: Answer, value: Any, *, this_year: int) -> str:
    """The answer in the words the applicant and their advisors read it in."""
    from advisor.engine.calendar import month_index, month_label
    from advisor.engine.countries import country_name

    if answer.kind == "year" and value is not None:
        return f"{value} ({graduated_when(value, this_year=this_year)})"
    if answer.kind == "match":
        return f"Match {value}" if value else answer.empty_reads
    if value is None or value == "":
        return answer.empty_reads
    if isinstance(value, bool):
        return YES_NO[value]
    if answer.kind == "month":
        return month_label(month_index(value))  # "Mar 2024"
    if answer.kind == "country":
        return country_name(value)  # "Nigeria": the code only in "download my data"
    if answer.choices:
        return answer.choice_label(value)
    if answer.number is not None:
        number = f"{Decimal(value).normalize():f}"
        unit = answer.number.unit_name
        if not unit:
            return number
        return f"{number} {unit[:-1] if Decimal(value) == 1 else unit}"
    return str(value)


def graduated_when(year: int, *, this_year: int) -> str:
    """ "this year", "1 year ago", "in 1 year": never "0 years ago"."""
    years = this_year - year
    if years == 0:
        return "this year"
    if years < 0:
        return "next year" if years == -1 else f"in {-years} years"
    return "1 year ago" if years == 1 else f"{years} years ago"
