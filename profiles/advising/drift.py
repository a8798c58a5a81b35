"""Keeps Profile.advice_drift true: whether today's weighting, calendar and rules
would tell each applicant something else than they were told.

Run after an admin saves a weighting or a cycle (advisor/admin.py, in the
background: profiles/advising/rechecks.py), and after a release that changes the
rules (`manage.py refresh_advice_drift`, which `make run` and `make serve` run
after migrating). An advisor opening a profile
re-checks that one (profiles/advising/views.py), so a missed refresh shows there.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import QuerySet

from advisor.engine.calendar import MatchCalendar
from advisor.engine.weighting import Weighting
from advisor.selectors import match_calendar, weightings_by_slug
from profiles.advising.cases import cases_refresh
from profiles.advising.comparison import advice_drift
from profiles.models import Profile, StoredAdvice

BATCH = 1000


def advice_drift_refresh(
    *,
    profiles: QuerySet[Profile] | None = None,
    weightings: dict[str, Weighting] | None = None,
    calendar: MatchCalendar | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Re-check the drift of `profiles` (every profile by default); returns how many
    changed. Profiles whose stored plan has no dates are left as they are.
    `progress(checked, changed)` is called after each batch."""
    weightings = weightings or weightings_by_slug()
    calendar = calendar or match_calendar()
    scope = Profile.objects.all() if profiles is None else profiles
    rows = (
        StoredAdvice.objects.filter(profile__in=scope.values("pk"))
        .values_list(
            "profile_id", "profile__specialty__slug", "profile__advice_drift", "assessment"
        )
        .order_by("profile_id")
    )
    changed: list[Profile] = []
    count = checked = 0
    for profile_id, slug, was, stored in rows.iterator(chunk_size=BATCH):
        checked += 1
        if isinstance(stored.get("plan"), dict) and "input" in stored:
            now = advice_drift(stored, weightings[slug], calendar)
            if now != was:
                changed.append(Profile(pk=profile_id, advice_drift=now))
        if len(changed) >= BATCH:
            count += _save(changed)
        if progress and checked % BATCH == 0:
            progress(checked, count + len(changed))
    count += _save(changed)
    if progress:
        progress(checked, count)
    return count


def _save(changed: list[Profile]) -> int:
    Profile.objects.bulk_update(changed, ["advice_drift"], batch_size=BATCH)
    cases_refresh(profile_ids=[p.pk for p in changed])
    saved = len(changed)
    changed.clear()
    return saved
