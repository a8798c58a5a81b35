"""The impact preview's count of plans that change, against a recount of its own: 200
saved profiles with varied answers, each planned again with the engine from its saved
answers under the values before the admin's save and under those after it."""

import random
import re
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from advisor.engine.applicant import parse_profile
from advisor.engine.assessment import Assessment, assess
from advisor.models import MatchCycle, Specialty
from advisor.selectors import match_calendar, weightings_by_slug
from profiles.demo import demo_answers
from profiles.models import AdvisingGroup, GroupShare, StoredAdvice
from tests.advisor.admin_saving import admin_save, specialty_form_data
from tests.advisor.test_admin_impact import cycle_data
from tests.profiles.factories import make_profile

pytestmark = pytest.mark.django_db

PROFILES = 200
NOVEMBER_2026 = datetime(2026, 11, 16, 12, tzinfo=UTC)
# Half the profiles in the specialty whose weighting changes, the rest spread over all.
CHANGED_SPECIALTY = "internal-medicine"
PLAN_COUNTS = re.compile(r'data-impact="plan">.*?<td>([\d,]+)</td><td>([\d,]+)</td>', re.S)


@pytest.fixture
def admin_client_in(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root", "r@example.com", "pw-1"))
    return client


@pytest.fixture
def saved_profiles():
    """200 profiles as applicants made them in November 2026, answers drawn as the demo
    cohort's are (career goal, exams, USCE, letters, research, visa, budget, months in
    the US...); every other one shared with an advising group."""
    rng = random.Random(23)
    slugs = list(Specialty.objects.values_list("slug", flat=True))
    group = AdvisingGroup.objects.create(name="Recount office")
    with time_machine.travel(NOVEMBER_2026):
        for i in range(PROFILES):
            slug = CHANGED_SPECIALTY if i % 2 else rng.choice(slugs)
            hands_on = rng.choice([0, 0, 2, 4, 6, 8, 12, 16])
            answers = demo_answers(rng, 2026, hands_on=hands_on)
            make_profile(specialty=slug, **answers, shared_with=[group] if i % 4 < 2 else ())
    assert StoredAdvice.objects.count() == PROFILES


def plan_as_read(assessment: Assessment) -> tuple:
    """What an applicant reads as their plan: the Match it leads to and that cycle's
    dates, each step's kind, months, weeks of USCE and months of research, the cost."""
    plan = assessment.plan
    cycle = plan.cycle
    dates = (cycle.eras_opens, cycle.submit_from, cycle.programs_review_from)
    dates += (cycle.rank_deadline, cycle.match_day, cycle.residency_starts)
    steps = tuple((s.kind, s.start, s.end, s.weeks, s.months) for s in plan.steps)
    cost = (plan.cost.low, plan.cost.high) if plan.cost else None
    return plan.target_match, dates, steps, cost


def recount(before, after, slugs: set[str] | None = None) -> tuple[int, int]:
    """Profiles (all, shared) whose plan differs between the two sets of values, each
    a (weightings by slug, Match calendar) pair read from the database."""
    shared = set(GroupShare.objects.values_list("profile_id", flat=True))
    changed = changed_shared = 0
    for advice in StoredAdvice.objects.select_related("profile__specialty"):
        if slugs is not None and advice.profile.specialty.slug not in slugs:
            continue
        applicant = parse_profile(advice.assessment["input"])
        plans = [
            plan_as_read(assess(applicant, weightings[applicant.specialty], calendar))
            for weightings, calendar in (before, after)
        ]
        differs = plans[0] != plans[1]
        changed += differs
        changed_shared += differs and advice.profile_id in shared
    return changed, changed_shared


def previewed_then_saved(client, url: str, data: dict) -> tuple[int, int]:
    """The preview's plan counts (all, shared), after which the change is saved."""
    preview, saved = admin_save(client, url, data)
    assert saved.status_code == 302
    counts = PLAN_COUNTS.search(preview.content.decode()).groups()
    return tuple(int(n.replace(",", "")) for n in counts)


def values_now():
    return weightings_by_slug(), match_calendar()


def test_a_weighting_change_counts_the_plans_a_recount_finds(admin_client_in, saved_profiles):
    specialty = Specialty.objects.get(slug=CHANGED_SPECIALTY)
    before = values_now()
    url = reverse("admin:advisor_specialty_change", args=[specialty.pk])
    previewed = previewed_then_saved(
        admin_client_in, url, specialty_form_data(specialty, research_emphasis="high")
    )
    expected = recount(before, values_now(), slugs={CHANGED_SPECIALTY})
    assert previewed == expected
    # Neither none nor all: the recount tells apart plans that move and plans that don't.
    assert 0 < expected[0] < PROFILES // 2 and 0 < expected[1] < expected[0]


def test_a_new_match_cycle_counts_the_plans_a_recount_finds(admin_client_in, saved_profiles):
    """The 2028 Match, estimated until now, gets its dates: applications a week
    earlier, the rank list and Match Day a week later."""
    before = values_now()
    usual = before[1].cycle(2028)
    week = timedelta(weeks=1)
    cycle = MatchCycle(
        match_year=2028,
        eras_opens=usual.eras_opens,
        submit_from=usual.submit_from - week,
        programs_review_from=usual.programs_review_from,
        rank_deadline=usual.rank_deadline + week,
        match_day=usual.match_day + week,
        residency_starts=usual.residency_starts,
        source_url="https://www.nrmp.org/",
        verified_on=date(2026, 11, 16),
    )
    url = reverse("admin:advisor_matchcycle_add")
    previewed = previewed_then_saved(admin_client_in, url, cycle_data(cycle))
    expected = recount(before, values_now())
    assert previewed == expected
    assert 0 < expected[0] < PROFILES and 0 < expected[1] < expected[0]
