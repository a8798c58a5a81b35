"""Specialty weightings: the data the engine reads, tuned by admins without a code change."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

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
        )
