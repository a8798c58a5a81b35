"""Fees and cost ranges as admin data (plan rules P20): each with its source and the
day it was checked, and a history, so a plan's cost can be traced to its figures."""

from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from advisor.engine import fees


class Fee(models.Model):
    """One fee or cost range, or one tier of an application service's fees. New plans
    count it at every step that needs it; saved plans keep the figures they showed."""

    item = models.CharField(
        max_length=40,
        choices=list(fees.ITEMS.items()),
        help_text="What the plan uses it for. Application services have a row per tier.",
    )
    what = models.CharField(
        max_length=120, help_text="What it is for, as applicants read it; a few words."
    )
    amount_low = models.PositiveIntegerField(
        "amount (low), USD", help_text="Whole US dollars. For a fixed fee, low and high agree."
    )
    amount_high = models.PositiveIntegerField(
        "amount (high), USD",
        help_text=(
            "Whole US dollars. Where sources disagree or a figure is uncertain, use the range "
            "that covers them all and tick “re-check”."
        ),
    )
    currency = models.CharField(max_length=3, choices=[("USD", "US dollars")], default="USD")
    unit = models.CharField(
        max_length=20,
        choices=list(fees.UNITS.items()),
        default="each",
        help_text=(
            "Rotation fees are per 4 weeks, living costs per month, application tiers per "
            "program (or once for the tier); everything else once."
        ),
    )
    programs_from = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Application tiers only: the first program it prices."
    )
    programs_to = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Application tiers only: the last program it prices; empty for no end.",
    )
    source_url = models.URLField(
        "source", max_length=300, help_text="Where the figure was read; applicants get a link."
    )
    source_date = models.CharField(
        max_length=40, help_text="The date the source shows, as it shows it (“2025”, “n.d.”)."
    )
    checked_on = models.DateField(
        help_text="When someone last checked the figure at the source; shown to applicants."
    )
    recheck = models.BooleanField(
        "re-check",
        default=False,
        help_text=(
            "Tick when sources disagree or the figure is unconfirmed: applicants see it "
            "marked “check before you pay”."
        ),
    )
    notes = models.TextField(
        "notes for admins",
        blank=True,
        help_text="Other sources, conflicts between them, why the range is what it is.",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["item", "programs_from"]

    def __str__(self) -> str:
        if self.programs_from:
            upper = self.programs_to or "…"
            return f"{self.get_item_display()}: programs {self.programs_from}-{upper}"
        return self.what

    def clean(self) -> None:
        errors = {}
        low, high = self.amount_low, self.amount_high
        if low is not None and high is not None and high < low:
            errors["amount_high"] = "Must be at least the low amount."
        units = fees.units_for(self.item)
        if self.item and self.unit not in units:
            allowed = " or ".join(f"“{fees.UNITS[u]}”" for u in units)
            errors["unit"] = f"{self.get_item_display()} is counted {allowed}."
        tiered = self.item in fees.PROGRAM_ITEMS.values()
        if tiered and not self.programs_from:
            errors["programs_from"] = "An application tier needs the first program it prices."
        if not tiered and (self.programs_from or self.programs_to):
            errors["programs_from"] = "Only application tiers price a range of programs."
        if self.programs_from and self.programs_to and self.programs_to < self.programs_from:
            errors["programs_to"] = "Must be at least the first program."
        if not errors and self.item:
            errors.update(self._clashes())
        if errors:
            raise ValidationError(errors)

    def _clashes(self) -> dict[str, str]:
        """One row per item, or tiers that do not overlap: the plan must know which
        figure to use."""
        others = Fee.objects.filter(item=self.item).exclude(pk=self.pk)
        if self.item not in fees.PROGRAM_ITEMS.values():
            if others.exists():
                return {"item": "There is a row for this already: change that one."}
            return {}
        first, last = self.programs_from, self.programs_to or 10**6
        for other in others:
            if first <= (other.programs_to or 10**6) and (other.programs_from or 1) <= last:
                return {"programs_from": f"Overlaps the tier “{other}”."}
        return {}

    def as_fee(self) -> fees.Fee:
        return fees.Fee(
            item=self.item,
            what=self.what,
            low=self.amount_low,
            high=self.amount_high,
            unit=self.unit,
            programs_from=self.programs_from,
            programs_to=self.programs_to,
            source_url=self.source_url,
            checked_on=self.checked_on,
            check=self.recheck,
        )
