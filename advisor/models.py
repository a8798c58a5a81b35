"""The data the engine reads, tuned by admins without a code change: specialty
weightings, the Match calendar and the exam pass marks. Every row keeps its
history, so an answer can be traced to the values it was made with."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from advisor import calendar
from advisor.weighting import SCORE_PARTS, Weighting

WEIGHT_VALIDATORS = [MinValueValidator(0), MaxValueValidator(100)]
WEIGHT_HELP = "0-100, relative to the other weights of this specialty."


class Specialty(models.Model):
    class Emphasis(models.TextChoices):
        LOW = "low", "Low"
        MODERATE = "moderate", "Moderate"
        HIGH = "high", "High"

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    research_emphasis = models.CharField(
        max_length=10,
        choices=Emphasis.choices,
        help_text="High makes research and USCE a joint priority until the clinical file is done.",
    )
    usce_target_weeks = models.PositiveSmallIntegerField(
        "USCE target (weeks)",
        default=8,
        validators=[MinValueValidator(1), MaxValueValidator(52)],
        help_text="Effective weeks of USCE that count as solid (1-52).",
    )
    letters_target = models.PositiveSmallIntegerField(
        "letters target",
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text="Strong US clinical letters that count as enough (1-10).",
    )
    weight_usce = models.PositiveSmallIntegerField(
        "USCE weight", default=90, validators=WEIGHT_VALIDATORS, help_text=WEIGHT_HELP
    )
    weight_letters = models.PositiveSmallIntegerField(
        "letters weight", default=85, validators=WEIGHT_VALIDATORS, help_text=WEIGHT_HELP
    )
    weight_research = models.PositiveSmallIntegerField(
        "research weight", default=60, validators=WEIGHT_VALIDATORS, help_text=WEIGHT_HELP
    )
    weight_recency = models.PositiveSmallIntegerField(
        "recency weight", default=55, validators=WEIGHT_VALIDATORS, help_text=WEIGHT_HELP
    )
    weight_exam = models.PositiveSmallIntegerField(
        "exam weight", default=50, validators=WEIGHT_VALIDATORS, help_text=WEIGHT_HELP
    )
    # Figures from NRMP Charting Outcomes; empty where the report gives none.
    research_target = models.PositiveSmallIntegerField(
        "research target",
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(500)],
        help_text=(
            "Publications + abstracts that matched IMGs in this specialty typically had "
            "(NRMP Charting Outcomes); empty = emphasis default (low 3, moderate 6, high 12)"
        ),
    )
    step2_median = models.PositiveSmallIntegerField(
        "Step 2 CK median",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(300)],
        help_text=(
            "Median USMLE Step 2 CK score of matched non-US IMGs (1-300); "
            "empty = no figure published, and no below-median flag is raised."
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
            "% of non-US IMGs who matched to it as their preferred specialty (0-100); "
            "below 35 the page advises applying broadly. Empty = no figure published."
        ),
    )
    figures_source = models.CharField(
        "source of the figures",
        max_length=300,
        blank=True,
        help_text="Report and year the three figures come from, so the next edit can check them.",
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
        weights = [getattr(self, f"weight_{part}") for part in SCORE_PARTS]
        if all(w is not None for w in weights) and sum(weights) == 0:
            raise ValidationError(
                {"weight_usce": "At least one weight must be above 0, or readiness means nothing."}
            )

    def as_weighting(self) -> Weighting:
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


class MatchCycle(models.Model):
    """One Match's dates, as published by AAMC (ERAS) and NRMP; all US Eastern.

    A year without a row is estimated from the usual pattern (see
    `advisor.calendar.estimated_cycle`), so a row is only needed to record
    what was actually published, or to correct the pattern.
    """

    match_year = models.PositiveSmallIntegerField(
        "Match year",
        unique=True,
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text="The year of Match Day (March); residency starts that July.",
    )
    eras_opens = models.DateField(
        "ERAS opens", help_text="Applicants can start the application (early June)."
    )
    submit_from = models.DateField(
        "applicants may submit from",
        help_text="Applications go to programs; the plan's application month.",
    )
    programs_review_from = models.DateField(
        "programs review from", help_text="Programs can read applications (usually 21 days later)."
    )
    rank_deadline = models.DateField(
        "rank list deadline",
        help_text="ECFMG must report exams and Pathway/OET as met by this day.",
    )
    match_day = models.DateField("Match Day", help_text="Third Friday of March, usually.")
    residency_starts = models.DateField(
        "residency starts", help_text="1 July of the Match year, usually."
    )
    source_url = models.URLField(
        "source", max_length=300, help_text="The page the dates were read on (AAMC, NRMP)."
    )
    verified_on = models.DateField(help_text="When someone last checked the dates at the source.")
    provisional = models.BooleanField(default=False, help_text=PROVISIONAL_HELP)

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
