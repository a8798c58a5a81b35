"""Writes on applicant profiles. Every save re-runs the engine and stores what it said.

The engine can refuse answers the forms accepted (a requested Match that has
closed since the form was shown): it raises `ProfileError` naming the field,
nothing is saved, and the view shows the message on that field.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from advisor.engine.answers import ANSWER_NAMES, engine_values
from advisor.engine.applicant import ApplicantProfile, parse_profile
from advisor.engine.assessment import Assessment, assess
from advisor.engine.calendar import MatchCalendar, month_index, month_str
from advisor.selectors import match_calendar, weighting_of
from profiles.advising.cases import cases_refresh
from profiles.models import Profile, StoredAdvice

CONTACT_FIELDS = ("name", "email")


def current_month() -> str:
    """`2026-11`: the site always plans from the month it is today."""
    return month_str(month_index(timezone.localdate()))


def engine_input(profile: Profile, **changes: Any) -> ApplicantProfile:
    """The profile as the engine reads it, planning from this month, optionally with a
    few answers changed (by their names in the answer table)."""
    given = {name: getattr(profile, name) for name in ANSWER_NAMES}
    given.update(changes)
    # A saved profile holds its specialty's row; a change may name it by its slug.
    given["specialty"] = getattr(given["specialty"], "slug", given["specialty"])
    data = engine_values(given, this_year=timezone.now().year)
    data["as_of"] = current_month()
    return parse_profile(data)


def assessment_store(
    profile: Profile, *, weighting_version=None, calendar: MatchCalendar | None = None
) -> StoredAdvice:
    """Run the engine on the profile's answers; set its summary fields on the profile and
    return the full advice to save after it (both unsaved).

    `weighting_version` and `calendar` save queries per profile when the caller
    already has them. Raises `ProfileError` when the engine refuses an answer.
    """
    weighting = weighting_of(profile.specialty)
    applicant = engine_input(profile)
    assessment = assess(applicant, weighting, calendar or match_calendar())
    advice = StoredAdvice(
        profile=profile,
        assessment={**assessment.as_dict(), "input": applicant.as_dict()},
        weighting=weighting.as_dict(),
    )
    profile.weighting_version = weighting_version or current_weighting_version(profile.specialty)
    profile.assessed_at = timezone.now()
    profile.priority = assessment.priority
    profile.readiness = assessment.scores.readiness
    profile.score_usce = assessment.scores.usce
    profile.score_letters = assessment.scores.letters
    profile.score_research = assessment.scores.research
    profile.score_recency = assessment.scores.recency
    profile.flags = list(assessment.flags)
    profile.planned_match = assessment.plan.target_match
    cost = assessment.plan.cost
    profile.plan_cost_low = cost.low if cost else None
    profile.plan_cost_high = cost.high if cost else None
    profile.advice_drift = ""  # made today: nothing differs from today's advice
    return advice


def current_weighting_version(specialty):
    return specialty.history.order_by("-history_date").first()


class StaleEdit(Exception):
    """The profile changed (in another tab, say) after the form being saved was shown."""

    def __init__(self, current: Profile):
        super().__init__("The profile changed since this form was shown.")
        self.current = current


def profile_create(*, answers: dict[str, Any], submission_key: str | None = None) -> Profile:
    """Create a profile from validated form data (answers plus optional contact fields).

    With a `submission_key`, a draft submitted again (at once, or later) returns
    the profile it made the first time; the unique column settles a race.
    """
    if submission_key:
        existing = Profile.objects.filter(submission_key=submission_key).first()
        if existing is not None:
            return existing
    fields = {k: v for k, v in answers.items() if k in ANSWER_NAMES + CONTACT_FIELDS}
    profile = Profile(**fields, submission_key=submission_key)
    try:
        with transaction.atomic():
            advice = assessment_store(profile)
            profile.save()
            advice.save()
    except IntegrityError:
        if not submission_key:
            raise
        return Profile.objects.get(submission_key=submission_key)
    return profile


def _claim_version(profile: Profile, expected_version: int | None) -> None:
    """Inside a transaction: lock the row and check nobody saved it since
    `expected_version` (None: no check); then move the profile to the next version."""
    current = Profile.objects.select_for_update().get(pk=profile.pk)
    if expected_version is not None and current.version != expected_version:
        raise StaleEdit(current)
    profile.version = current.version + 1


@transaction.atomic
def profile_update(
    *, profile: Profile, answers: dict[str, Any], expected_version: int | None = None
) -> Profile:
    """Change answers (any subset) and store the advice for the new answers.

    Raises `StaleEdit` when `expected_version` is given and the profile has been
    saved since; nothing is changed then.
    """
    _claim_version(profile, expected_version)
    for name, value in answers.items():
        if name in ANSWER_NAMES + CONTACT_FIELDS:
            setattr(profile, name, value)
    advice = assessment_store(profile)
    profile.save()
    advice.save()
    cases_refresh(profile_ids=[profile.pk])
    return profile


def profile_delete(*, profile: Profile) -> None:
    """The profile and everything about it: its advice, notes, shares, read-only
    links and the access record's entries (all by cascade)."""
    profile.delete()


def profile_seen(*, profile: Profile) -> None:
    """The owner opened their advice: a profile in use is never deleted for disuse
    (retention). Written at most once a day, so reading costs no write."""
    now = timezone.now()
    if profile.last_seen_at is None or now - profile.last_seen_at > timedelta(days=1):
        Profile.objects.filter(pk=profile.pk).update(last_seen_at=now)
        profile.last_seen_at = now


def profile_what_if(*, profile: Profile, changes: dict[str, Any]) -> Assessment:
    """Today's advice for the profile with some answers changed; nothing is saved.
    Raises `ProfileError` when the engine refuses an answer."""
    applicant = engine_input(profile, **changes)
    return assess(applicant, weighting_of(profile.specialty), match_calendar())


def profile_set_email(*, profile: Profile, email: str) -> None:
    """Save the address the applicant chose to keep. The version moves on, so an
    edit page opened before this cannot silently put the old address back."""
    Profile.objects.filter(pk=profile.pk).update(
        email=email, version=F("version") + 1, updated_at=timezone.now()
    )
    profile.refresh_from_db(fields=["email", "version", "updated_at"])
    cases_refresh(profile_ids=[profile.pk])
