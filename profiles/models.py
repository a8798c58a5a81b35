"""An applicant's saved profile: their answers, and the advice as it was shown to them."""

import secrets

from django.db import models
from django.utils import timezone

from advisor.engine import answers
from advisor.engine.answers import ANSWERS
from advisor.engine.content import FLAG_LABELS, PRIORITIES
from profiles import list_lookup  # noqa: F401  (registers `holds` for the flag filter)
from profiles.advising.models import ADVICE_DRIFT_CHOICES
from profiles.questions import model_field


def new_token() -> str:
    # 32 random bytes: the token is the only key to a profile, so it must not be guessable.
    return secrets.token_urlsafe(32)


CAREER_GOAL_CHOICES = list(answers.CAREER_GOALS)

# A column per answer of the table (advisor/engine/answers.py), made from its entry by
# profiles/questions.py: a new answer is a new entry and `makemigrations`. Columns, not
# one JSON document: advisors' lists sort and filter on answers in SQL, the database
# checks each type, and the admin and the CSV read them like any field.
ProfileAnswers = type(
    "ProfileAnswers",
    (models.Model,),
    {
        "__module__": __name__,
        "Meta": type("Meta", (), {"abstract": True}),
        **{answer.name: model_field(answer) for answer in ANSWERS},
    },
)


class Profile(ProfileAnswers):
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    name = models.CharField(max_length=120, blank=True)
    email = models.EmailField(blank=True)

    # The advice itself lives in StoredAdvice; when and with which weighting
    # version it was made stays here, beside the columns advisors sort on.
    assessed_at = models.DateTimeField(null=True)
    weighting_version = models.ForeignKey(
        "advisor.HistoricalSpecialty",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_constraint=False,  # history rows may be pruned; the JSON snapshot stays
    )
    # Copied out of `assessment` so advisors can filter and sort in SQL.
    priority = models.CharField(max_length=20, blank=True, db_index=True)
    readiness = models.PositiveSmallIntegerField(default=0)
    # The other four scores, for the advisors' CSV: a million rows are read without
    # opening a single stored advice document.
    score_usce = models.PositiveSmallIntegerField(default=0)
    score_letters = models.PositiveSmallIntegerField(default=0)
    score_research = models.PositiveSmallIntegerField(default=0)
    score_recency = models.PositiveSmallIntegerField(default=0)
    # A JSON list of flag slugs: any number of them fit (a string of 200 characters
    # was nearly full), and the cases' copy is filtered by one flag through a GIN index
    # on PostgreSQL (profiles/list_lookup.py, migration 0016).
    flags = models.JSONField(default=list, blank=True)
    planned_match = models.PositiveSmallIntegerField(null=True, blank=True)
    # The plan's total cost in US dollars as told (P20), for the advisors' CSV without
    # reading the stored advice; empty for advice saved before plans had a cost.
    plan_cost_low = models.PositiveIntegerField(null=True, blank=True)
    plan_cost_high = models.PositiveIntegerField(null=True, blank=True)
    # Whether today's weighting, calendar and rules would tell the applicant something
    # else than they were told: kept up to date by profiles/advising/drift.py, so the
    # caseload can filter on it without re-running the engine for every row.
    advice_drift = models.CharField(
        max_length=10, blank=True, choices=ADVICE_DRIFT_CHOICES, default=""
    )
    # The last day the owner opened their advice; profiles nobody shares or opens
    # are deleted after UNSHARED_PROFILE_DAYS (profiles/advising/retention.py).
    last_seen_at = models.DateTimeField(null=True, blank=True)

    # The applicant's form draft that made this profile: unique, so submitting the
    # same draft twice (a double click, a retry) can never make a second profile.
    submission_key = models.CharField(max_length=32, null=True, blank=True, unique=True)
    # Goes up by one with every save of the answers or the sharing choice; an edit
    # made on an older version is refused instead of silently undoing a newer one.
    version = models.PositiveIntegerField(default=1)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["-updated_at"]

    def __str__(self) -> str:
        return self.name or f"Profile {self.pk}"

    @property
    def assessment(self) -> dict:
        return self.stored_advice.assessment

    @property
    def weighting(self) -> dict:
        return self.stored_advice.weighting

    @property
    def priority_label(self) -> str:
        """The priority as an advisor's list names it."""
        return PRIORITIES[self.priority].label if self.priority else ""

    @property
    def flag_labels(self) -> list[str]:
        """The flags in words, as the result page names them."""
        return [FLAG_LABELS[flag] for flag in self.flags if flag in FLAG_LABELS]

    @property
    def reference(self) -> str:
        """Tells apart two applicants with one name when neither gave an e-mail."""
        return f"#{self.pk}"

    @property
    def effective_usce_weeks(self) -> float:
        return self.usce_hands_on_weeks + self.usce_observership_weeks / 2

    @property
    def years_since_graduation(self) -> int:
        return max(0, timezone.now().year - self.graduation_year)


class StoredAdvice(models.Model):
    """The advice exactly as computed and shown, with its inputs and the weighting
    values behind it, so later weighting edits never rewrite it.

    A table of its own: these documents are large, and keeping them out of the
    profile rows keeps lists and sorts over thousands of profiles fast.
    """

    profile = models.OneToOneField(
        Profile, on_delete=models.CASCADE, primary_key=True, related_name="stored_advice"
    )
    assessment = models.JSONField(default=dict)
    weighting = models.JSONField(default=dict)

    def __str__(self) -> str:
        return f"Advice for {self.profile_id}"


# Advising groups, shares, notes and the access record live beside the profile.
from profiles.advising.models import (  # noqa: E402, F401
    AccessEvent,
    AdvisingGroup,
    AdvisorNote,
    CaseTally,
    GroupShare,
    Invitation,
    Membership,
    ReadOnlyLink,
)
