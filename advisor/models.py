"""The data the engine reads, tuned by admins without a code change: specialty
weightings, the Match calendar, the exam pass marks and the visa policies. Every
row keeps its history, so an answer can be traced to the values it was made with."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from advisor.engine import calendar, policy
from advisor.engine.countries import country_names
from advisor.engine.weighting import (
    ADVANCED_POSITIONS,
    APPLICATION_SERVICES,
    SCORE_PARTS,
    Weighting,
)

WEIGHT_VALIDATORS = [MinValueValidator(0), MaxValueValidator(100)]


def weight_help(part: str) -> str:
    """Help for one readiness weight, in an admin's words (see scores.py)."""
    return (
        f"How much {part} counts in this specialty's readiness score (0-100). Only the "
        "proportions between the five weights matter: 90 against 45 counts as 2 against 1; "
        "0 leaves the part out. Weights change the score only, never the priority or the plan."
    )


class Specialty(models.Model):
    class Emphasis(models.TextChoices):
        LOW = "low", "Low"
        MODERATE = "moderate", "Moderate"
        HIGH = "high", "High"

    name = models.CharField(
        max_length=80, unique=True, help_text="As applicants see it in the list of specialties."
    )
    slug = models.SlugField(
        max_length=80,
        unique=True,
        help_text=(
            "The specialty's short name in saved advice and web addresses. It cannot be "
            "changed once the specialty is saved."
        ),
    )
    research_emphasis = models.CharField(
        max_length=10,
        choices=Emphasis.choices,
        help_text=(
            "How much this specialty expects research. High: applicants who have started US "
            "clinical experience, but whose USCE or letters are not yet enough and whose "
            "research is below the research target, are told to do both, the clinical part "
            "first, and their plan usually gets a 12-month research block. Moderate or high: "
            "applicants whose clinical part is done but whose research is short are told "
            "research comes next. Low: research is suggested only to those aiming at "
            "university programs. Also sets the research target when that is left empty."
        ),
    )
    usce_target_weeks = models.PositiveSmallIntegerField(
        "USCE target (weeks)",
        default=8,
        validators=[MinValueValidator(1), MaxValueValidator(52)],
        help_text=(
            "Weeks of US clinical experience (USCE) that count as enough (1-52): hands-on "
            "weeks count in full, observership weeks half, online weeks not at all, and at "
            "least 4 must be hands-on. Below it, applicants are told to get more, and their "
            "plan adds rotations (in 4-week blocks) to reach it. The USCE score is 100 here."
        ),
    )
    letters_target = models.PositiveSmallIntegerField(
        "letters target",
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text=(
            "Strong letters from US doctors who supervised the applicant's clinical work that "
            "count as enough (1-10). Below it, applicants are told to pick their next "
            "rotation for its letters, and their plan has a step to ask for them. The letters "
            "score is 100 here."
        ),
    )
    weight_usce = models.PositiveSmallIntegerField(
        "USCE weight",
        default=90,
        validators=WEIGHT_VALIDATORS,
        help_text=weight_help("the USCE score (US clinical weeks against the USCE target)"),
    )
    weight_letters = models.PositiveSmallIntegerField(
        "letters weight",
        default=85,
        validators=WEIGHT_VALIDATORS,
        help_text=weight_help("the letters score (US letters against the letters target)"),
    )
    weight_research = models.PositiveSmallIntegerField(
        "research weight",
        default=60,
        validators=WEIGHT_VALIDATORS,
        help_text=weight_help("the research score (papers count more than abstracts)"),
    )
    weight_recency = models.PositiveSmallIntegerField(
        "recency weight",
        default=55,
        validators=WEIGHT_VALIDATORS,
        help_text=weight_help(
            "the recency score (years since graduation, softened by clinical work)"
        ),
    )
    weight_exam = models.PositiveSmallIntegerField(
        "exam weight",
        default=50,
        validators=WEIGHT_VALIDATORS,
        help_text=weight_help("the exam score (Step 2 CK; left out until the applicant has one)"),
    )
    # Figures from NRMP Charting Outcomes; empty where the report gives none.
    research_target = models.PositiveSmallIntegerField(
        "research target",
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(500)],
        help_text=(
            "Publications plus abstracts that matched IMGs in this specialty typically had "
            "(NRMP Charting Outcomes). Applicants below it (research outside the specialty "
            "counts half) are told to add research where the emphasis or their goals call "
            "for it; at or above it they are told to keep it going, not to start a block. "
            "Applicants read it as what matched IMGs typically had, never as enough. "
            "Empty: 3 for low emphasis, 6 for moderate, 12 for high."
        ),
    )
    step2_median = models.PositiveSmallIntegerField(
        "Step 2 CK median",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(300)],
        help_text=(
            "Median USMLE Step 2 CK score of matched non-US IMGs (1-300). Applicants who "
            "passed below it are warned that their score is below the specialty median, "
            "and their readiness score stays at 70 or less. Empty: no figure published, "
            "no warning."
        ),
    )
    img_match_rate = models.DecimalField(
        "IMG match rate (%)",
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=(
            "Percent of non-US IMGs who preferred this specialty and matched to it (0-100). "
            "Below 35, applicants are warned that it is competitive for IMGs and told to "
            "apply broadly and name a backup specialty; their readiness score stays at 70 or "
            "less. Empty: no figure published, no warning."
        ),
    )
    figures_source = models.CharField(
        "source of the figures",
        max_length=300,
        blank=True,
        help_text=(
            "The report and year the three figures above come from, so whoever edits them "
            "next can check them. Not shown to applicants."
        ),
    )

    # How applying works in this specialty (plan rules P15, P17).
    application_service = models.CharField(
        "application service",
        max_length=20,
        choices=list(APPLICATION_SERVICES.items()),
        default="eras",
        help_text=(
            "Where applicants send their applications: the plan's “apply” step names this "
            "service and never the other. ResidencyCAS has a deadline and a first reading "
            "day of its own, kept with each Match cycle."
        ),
    )
    standardized_letter = models.CharField(
        "standardized letter",
        max_length=40,
        blank=True,
        help_text=(
            "The name of the specialty's standardized letter, e.g. SLOE, as applicants "
            "read it: the plan's rotation and letters steps name it. Empty if the "
            "specialty has none."
        ),
    )
    advanced_positions = models.CharField(
        "advanced positions",
        max_length=10,
        choices=[(value, value.capitalize()) for value in ADVANCED_POSITIONS],
        default="none",
        help_text=(
            "How many of the specialty's positions start at PGY-2, so that applicants "
            "apply for a separate PGY-1 year (preliminary or transitional) too. Most: the "
            "plan says that application is needed; some: that it may be."
        ),
    )
    programs_low = models.PositiveSmallIntegerField(
        "programs to apply to, from",
        null=True,
        blank=True,
        help_text=(
            "How many programs IMGs in this specialty typically apply to: the lower end of "
            "the range the plan's “prepare your application” step gives. "
            "Fill in both ends, or leave both empty when no figure is known."
        ),
    )
    programs_high = models.PositiveSmallIntegerField(
        "programs to apply to, up to",
        null=True,
        blank=True,
        help_text="The upper end of the same range; at least the lower end.",
    )
    backup_specialty = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="backup specialty",
        help_text=(
            "A specialty to apply to as well, named in the “prepare your application” step "
            "when this one is competitive for IMGs. Empty when none is suggested."
        ),
    )
    mechanics_source = models.URLField(
        "source of how applying works",
        max_length=300,
        blank=True,
        help_text=(
            "The page the values in this section were read on, so whoever edits them "
            "next can check them. Not shown to applicants."
        ),
    )
    mechanics_checked_on = models.DateField(
        "checked on",
        null=True,
        blank=True,
        help_text="When someone last checked these values at the source. Not shown to applicants.",
    )

    # Every save keeps a full copy (who, when, all values): the weighting
    # versions that stored assessments point to.
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "specialties"

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors = {}
        weights = [getattr(self, f"weight_{part}") for part in SCORE_PARTS]
        if all(w is not None for w in weights) and sum(weights) == 0:
            errors["weight_usce"] = (
                "At least one weight must be above 0, or readiness means nothing."
            )
        low, high = self.programs_low, self.programs_high
        if (low is None) != (high is None):
            missing = "programs_high" if high is None else "programs_low"
            errors[missing] = "Fill in both ends of the range of programs, or neither."
        elif low is not None and low < 1:
            errors["programs_low"] = "At least 1 program."
        elif low is not None and high < low:
            errors["programs_high"] = "Must be at least the lower end of the range."
        if self.pk is not None and self.backup_specialty_id == self.pk:
            errors["backup_specialty"] = "Choose another specialty, or leave it empty."
        if errors:
            raise ValidationError(errors)

    def as_weighting(self, first_year: "Specialty | None" = None) -> Weighting:
        """`first_year`: the preliminary/transitional row, whose program range prices
        the PGY-1 applications of positions that start at PGY-2 (P17, P20)."""
        backup = self.backup_specialty
        if self.advanced_positions == "none":
            first_year = None  # no PGY-1 applications to price
        return Weighting(
            specialty=self.slug,
            name=self.name,
            research_emphasis=self.research_emphasis,
            usce_target_weeks=self.usce_target_weeks,
            letters_target=self.letters_target,
            weight_usce=self.weight_usce,
            weight_letters=self.weight_letters,
            weight_research=self.weight_research,
            weight_recency=self.weight_recency,
            weight_exam=self.weight_exam,
            research_target=self.research_target,
            step2_median=self.step2_median,
            # The engine compares plain numbers; Decimal is only for exact storage.
            img_match_rate=None if self.img_match_rate is None else float(self.img_match_rate),
            application_service=self.application_service,
            standardized_letter=self.standardized_letter,
            advanced_positions=self.advanced_positions,
            programs_low=self.programs_low,
            programs_high=self.programs_high,
            # The engine names the backup as applicants read it.
            backup_specialty=backup.name if backup else "",
            backup_service=backup.application_service if backup else "eras",
            backup_programs_low=backup.programs_low if backup else None,
            backup_programs_high=backup.programs_high if backup else None,
            first_year_programs_low=first_year.programs_low if first_year else None,
            first_year_programs_high=first_year.programs_high if first_year else None,
            mechanics_source=self.mechanics_source,
        )


PROVISIONAL_HELP = (
    "No official calendar yet: the page marks provisional cycles as estimates; check ERAS and NRMP."
)
# A cycle's dates in order, earlier first; True where the two may fall on one day
# (programs could, in principle, read applications the day they are sent).
CALENDAR_ORDER = (
    ("eras_opens", "submit_from", False),
    ("submit_from", "programs_review_from", True),
    ("programs_review_from", "rank_deadline", False),
    ("rank_deadline", "match_day", False),
    ("match_day", "residency_starts", False),
)
# ResidencyCAS's own dates: optional, and between submissions opening and ranking.
CAS_DATES = ("cas_deadline", "cas_programs_review_from")


class MatchCycle(models.Model):
    """One Match's dates, as published by AAMC (ERAS) and NRMP; all US Eastern.

    A year without a row is estimated from the usual pattern (see
    `advisor.engine.calendar.estimated_cycle`), so a row is only needed to record
    what was actually published, or to correct the pattern.
    """

    match_year = models.PositiveSmallIntegerField(
        "Match year",
        unique=True,
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text=(
            "The year of Match Day (March); residency starts that July. A year with no row "
            "here is estimated from the usual calendar and shown as an estimate."
        ),
    )
    eras_opens = models.DateField(
        "ERAS opens",
        help_text=(
            "Applicants can start their application (early June). The plan's "
            "“prepare your application” step starts in this month."
        ),
    )
    submit_from = models.DateField(
        "applicants may submit from",
        help_text=(
            "Applications go to programs (early September). Every plan works back from "
            "this month: exams, rotations and letters must be done before it. Moving it "
            "earlier can push applicants to a later Match; moving it later can make room "
            "for an earlier one."
        ),
    )
    programs_review_from = models.DateField(
        "programs review from",
        help_text=(
            "Programs can start reading applications (usually 21 days after applicants may "
            "submit). Named in the plan's “apply” step; it moves no step."
        ),
    )
    rank_deadline = models.DateField(
        "rank list deadline",
        help_text=(
            "Last day to certify rank lists. ECFMG must report the exams and OET or Pathway "
            "as met by then. Named in the plan's interview and ECFMG steps; it moves no step."
        ),
    )
    match_day = models.DateField(
        "Match Day",
        help_text=(
            "Results day, usually the third Friday of March of the Match year. Every plan "
            "ends in this month."
        ),
    )
    residency_starts = models.DateField(
        "residency starts",
        help_text=(
            "Usually 1 July of the Match year. Named in the plan's last step; it moves no step."
        ),
    )
    # ResidencyCAS (emergency medicine, OB-GYN) keeps dates of its own.
    cas_deadline = models.DateField(
        "ResidencyCAS deadline",
        null=True,
        blank=True,
        help_text=(
            "The last day to send applications through ResidencyCAS (about three weeks "
            "after applicants may submit). Empty: the plan estimates it from that pattern "
            "and says so."
        ),
    )
    cas_programs_review_from = models.DateField(
        "ResidencyCAS programs start reading",
        null=True,
        blank=True,
        help_text=(
            "The first day programs read ResidencyCAS applications (1 October so far). "
            "Empty: the plan estimates it and says so."
        ),
    )
    source_url = models.URLField(
        "source",
        max_length=300,
        help_text=(
            "The page the dates were read on (AAMC, NRMP). While the dates are provisional, "
            "applicants get a link to it."
        ),
    )
    verified_on = models.DateField(
        help_text="When someone last checked the dates at the source. Not shown to applicants."
    )
    provisional = models.BooleanField(
        default=False,
        help_text=(
            "Tick while the dates are not yet official: the plan marks them as estimates "
            "and tells applicants to check ERAS and NRMP."
        ),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["match_year"]

    def __str__(self) -> str:
        return f"Match {self.match_year}" + (" (provisional)" if self.provisional else "")

    def clean(self) -> None:
        errors = {}
        for earlier, later, same_day_ok in CALENDAR_ORDER:
            first, then = getattr(self, earlier), getattr(self, later)
            if first is None or then is None:
                continue  # the missing date has its own error
            if then < first or (then == first and not same_day_ok):
                relation = "on or after" if same_day_ok else "after"
                errors.setdefault(
                    later, f"{self._label(later)} must be {relation} {self._label(earlier)}."
                )
        if self.match_day and self.match_year and self.match_day.year != self.match_year:
            errors.setdefault("match_day", f"Match Day must fall in {self.match_year}.")
        for field in CAS_DATES:
            day = getattr(self, field)
            if day is None or self.submit_from is None or self.rank_deadline is None:
                continue
            if not self.submit_from <= day < self.rank_deadline:
                errors.setdefault(
                    field,
                    f"{self._label(field)} must be on or after {self._label('submit_from')} "
                    f"and before {self._label('rank_deadline')}.",
                )
        if errors:
            raise ValidationError(errors)

    @classmethod
    def _label(cls, field: str) -> str:
        label = str(cls._meta.get_field(field).verbose_name)
        return label[0].upper() + label[1:]

    def as_cycle(self) -> calendar.Cycle:
        return calendar.Cycle(
            match_year=self.match_year,
            eras_opens=self.eras_opens,
            submit_from=self.submit_from,
            programs_review_from=self.programs_review_from,
            rank_deadline=self.rank_deadline,
            match_day=self.match_day,
            residency_starts=self.residency_starts,
            source_url=self.source_url,
            verified_on=self.verified_on,
            provisional=self.provisional,
            cas_deadline=self.cas_deadline,
            cas_programs_review_from=self.cas_programs_review_from,
        )


class PassMark(models.Model):
    """A passing score in force from a date on; USMLE raises them every few years."""

    class Exam(models.TextChoices):
        STEP2_CK = "step2_ck", "USMLE Step 2 CK"

    exam = models.CharField(max_length=20, choices=Exam.choices, default=Exam.STEP2_CK)
    score = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(300)],
        help_text="The lowest passing score (1-300).",
    )
    effective_from = models.DateField(
        help_text="Exams taken on or after this day need the score; the row before covers earlier."
    )
    source_url = models.URLField("source", max_length=300, help_text="Where the score was read.")
    verified_on = models.DateField(help_text="When someone last checked the score at the source.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["exam", "effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["exam", "effective_from"], name="one_pass_mark_per_exam_and_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_exam_display()}: {self.score} from {self.effective_from}"

    def as_pass_mark(self) -> calendar.PassMark:
        return calendar.PassMark(
            exam=self.exam,
            score=self.score,
            effective_from=self.effective_from,
            source_url=self.source_url,
        )


# A policy's concerns, one checkbox each: the engine's name for it -> the field.
CONCERN_FIELDS = {
    policy.VISITOR_VISA: "concerns_visitor_visa",
    policy.J1: "concerns_j1",
    policy.H1B: "concerns_h1b",
}
COUNTRY_SEPARATORS = re.compile(r"[\s,;]+")


def country_codes_in(text: str) -> list[str]:
    """The codes typed in a countries field, upper case, as typed (commas or spaces)."""
    return [code.upper() for code in COUNTRY_SEPARATORS.split(text or "") if code]


def validate_country_codes(text: str) -> None:
    unknown = [code for code in country_codes_in(text) if code not in country_names()]
    if unknown:
        raise ValidationError(
            "Not ISO 3166 two-letter country codes: %(codes)s. Write codes such as MM for "
            "Burma (Myanmar) or CG for the Republic of the Congo, separated by commas.",
            code="unknown_country",
            params={"codes": ", ".join(unknown)},
        )


class PolicyEvent(models.Model):
    """A visa policy that can change a plan: a travel ban, an interview rule, a fee on
    a visa petition (plan rules P18). Applicants see its title, summary, date, status
    and source at the steps it concerns; the notes are for admins only."""

    slug = models.SlugField(
        max_length=80,
        unique=True,
        help_text="A short name that saved plans keep (e.g. travel-ban-2026-full).",
    )
    title = models.CharField(
        max_length=120, help_text="Shown to applicants above the summary; a few words."
    )
    summary = models.TextField(
        max_length=800,
        help_text=(
            "What the policy means for an international medical graduate, in our own "
            "words (never copied from the source), in two to four sentences. Shown to "
            "applicants at each plan step it concerns."
        ),
    )
    effective_from = models.DateField(
        help_text="The day it takes effect. Shown as “since” (or “from”, when still ahead)."
    )
    status = models.CharField(
        max_length=20,
        choices=list(policy.STATUSES.items()),
        help_text=(
            "Where it stands; applicants see the words in brackets. “Ended” hides it from "
            "new plans."
        ),
    )
    countries = models.CharField(
        max_length=800,
        blank=True,
        validators=[validate_country_codes],
        help_text=(
            "Two-letter ISO codes of the nationalities it names, separated by commas "
            "(MM, CG, NG). Only applicants who gave one of these citizenships see it. "
            "Empty: it concerns every applicant who needs a visa."
        ),
    )
    concerns_visitor_visa = models.BooleanField(
        "visitor visa (B-1/B-2)",
        default=False,
        help_text="Shown at the steps that need a visitor visa: US rotations, observerships.",
    )
    concerns_j1 = models.BooleanField(
        "J-1",
        default=False,
        help_text="Shown where the plan needs a J-1: residency, research posts.",
    )
    concerns_h1b = models.BooleanField(
        "H-1B", default=False, help_text="Shown where the plan needs an H-1B for residency."
    )
    source_url = models.URLField(
        "source",
        max_length=300,
        help_text="The page the policy was read on; applicants get a link to it.",
    )
    source_date = models.CharField(
        max_length=40,
        help_text="The date the source shows, as it shows it (“Dec 2025”, “n.d.”).",
    )
    checked_on = models.DateField(
        help_text="When someone last checked the policy at the source; shown to applicants."
    )
    recheck = models.BooleanField(
        "re-check",
        default=False,
        help_text=(
            "Tick while the policy's state is in doubt (a pending appeal, an expiry that "
            "may be extended): re-check it at the source before every release."
        ),
    )
    notes = models.TextField(
        "notes for admins",
        blank=True,
        help_text=(
            "Other sources, conflicts between them, what was left out and why. Not shown "
            "to applicants."
        ),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["effective_from", "slug"]

    def __str__(self) -> str:
        return self.title

    @property
    def country_codes(self) -> list[str]:
        return country_codes_in(self.countries)

    @property
    def concerns(self) -> list[str]:
        return [name for name, field in CONCERN_FIELDS.items() if getattr(self, field)]

    def clean(self) -> None:
        # Stored in one form (sorted, upper case, no repeats), so the history's diffs
        # show real changes only. Unknown codes have their own error already.
        if all(code in country_names() for code in self.country_codes):
            self.countries = ", ".join(sorted(set(self.country_codes)))
        if not self.concerns:
            raise ValidationError(
                {
                    CONCERN_FIELDS[policy.VISITOR_VISA]: (
                        "Tick at least one visa the policy concerns, or no plan step shows it."
                    )
                }
            )

    def as_policy_event(self) -> policy.PolicyEvent:
        return policy.PolicyEvent(
            slug=self.slug,
            title=self.title,
            summary=self.summary,
            effective_from=self.effective_from,
            status=self.status,
            source_url=self.source_url,
            checked_on=self.checked_on,
            countries=frozenset(self.country_codes),
            concerns=frozenset(self.concerns),
        )


from advisor.models_admin_data import AdminDataVersion  # noqa: E402,F401  (a model of this app)
from advisor.models_fees import Fee  # noqa: E402,F401  (a model of this app, in its own module)
from advisor.models_rechecks import AdviceRecheck  # noqa: E402,F401  (a model of this app)
