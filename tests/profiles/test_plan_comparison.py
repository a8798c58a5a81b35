"""Told then vs today: the plan is compared too, and a changed plan is never "the same"."""

import copy
import dataclasses

import pytest
from django.urls import reverse

from advisor.engine.applicant import parse_profile
from advisor.engine.assessment import assess
from advisor.models import Specialty
from advisor.selectors import match_calendar
from profiles.advising.comparison import compare_with_today, plan_changes
from profiles.models import StoredAdvice
from tests.profiles.factories import make_profile
from tests.profiles.plan_samples import NUMBERED_PLAN, dated_plan


def test_identical_plans_have_no_changes():
    assert plan_changes(dated_plan(), dated_plan()) == ([], [])


def test_longer_rotations_are_summed_and_the_step_named():
    after = dated_plan()
    after["steps"][1] = {**after["steps"][1], "end": "2027-04", "weeks": 16}
    summary, steps = plan_changes(dated_plan(), after)
    assert summary == ["USCE 12 → 16 weeks"]
    assert steps == [
        "12 weeks of hands-on rotations: Jan 2027 \u2013 Mar 2027 → Jan 2027 \u2013 Apr 2027"
    ]


def test_target_match_research_and_dates_are_in_the_summary():
    after = dated_plan(target_match=2029)
    after["steps"] = [s for s in after["steps"] if s["kind"] != "research"]
    after["calendar"] = {**after["calendar"], "match_day": "2028-03-24"}
    summary, steps = plan_changes(dated_plan(), after)
    assert summary == [
        "target Match 2028 → 2029",
        "research 6 → 0 months",
        "Match Day Fri 17 Mar 2028 → Fri 24 Mar 2028",
    ]
    assert steps == ["Dropped: A research block, Mar 2027 \u2013 Aug 2027"]


def test_moved_steps_alone_are_counted_in_the_summary():
    after = dated_plan()
    after["steps"][0] = {**after["steps"][0], "start": "2026-12"}
    after["steps"].append({**after["steps"][0], "kind": "letters", "title": "Ask for letters"})
    summary, steps = plan_changes(dated_plan(), after)
    assert summary == ["2 steps moved"]
    assert steps[1] == "New step: Ask for letters, Dec 2026"


def test_a_plan_saved_before_plans_had_dates():
    summary, steps = plan_changes(NUMBERED_PLAN, dated_plan())
    assert summary == ["now a dated plan to the 2028 Match"] and steps == []


# --- on the advisor's page ------------------------------------------------------


@pytest.fixture
def starter(db):
    # No USCE at all: a longer USCE target lengthens the plan but moves no score. A US
    # resident, who may do hands-on work: an observe-only graduate aims at 12 weeks
    # whatever the specialty's target (rules v4).
    return make_profile(
        name="Sam Starter",
        graduation_year=2025,
        months_available_in_us=6,
        visa="citizen_or_resident",
        shared=True,
    )


def detail(client, profile) -> str:
    return client.get(reverse("profiles:advisor_profile", args=[profile.pk])).content.decode()


@pytest.mark.django_db
def test_a_longer_usce_target_changes_the_plan_not_the_priority(advisor_client, starter):
    told = starter.assessment
    specialty = Specialty.objects.get(slug="internal-medicine")
    specialty.usce_target_weeks = 16
    specialty.save()
    starter.specialty.refresh_from_db()

    comparison = compare_with_today(starter)
    assert comparison.today.priority == told["priority"]
    assert comparison.differences == () and comparison.only_plan_differs
    usce_before = sum(s.get("weeks", 0) for s in told["plan"]["steps"] if s["kind"] == "usce")
    usce_today = sum(
        s.get("weeks", 0)
        for s in comparison.today.as_dict()["plan"]["steps"]
        if s["kind"] == "usce"
    )
    assert usce_today > usce_before
    assert f"USCE {usce_before} → {usce_today} weeks" in comparison.plan_summary

    body = detail(advisor_client, starter)
    assert 'data-advice-differs="true"' in body
    assert f"Same priority, plan changed: USCE {usce_before} → {usce_today} weeks" in body
    assert "the advice would be the same" not in body and "the advice stands" not in body
    starter.refresh_from_db()
    assert starter.assessment == told  # what they were told stays


@pytest.mark.django_db
def test_the_stored_month_is_kept_so_time_passing_is_no_change(advisor_client, starter):
    # Advice given in an earlier month: re-assessing it from that month shows no change.
    stored = starter.assessment
    earlier = dataclasses.replace(parse_profile(stored["input"]), as_of="2026-06")
    weighting = starter.specialty.as_weighting()
    then = assess(earlier, weighting, match_calendar())
    StoredAdvice.objects.filter(profile=starter).update(
        assessment={**then.as_dict(), "input": earlier.as_dict()}
    )
    starter.refresh_from_db()
    assert starter.assessment["plan"]["as_of"] == "2026-06"
    comparison = compare_with_today(starter)
    assert not comparison.advice_differs
    assert "The weighting has not changed since; the advice stands." in detail(
        advisor_client, starter
    )


@pytest.mark.django_db
def test_advisor_page_shows_the_dated_plan_and_old_ones(advisor_client, starter):
    body = detail(advisor_client, starter)
    assert "Their plan to the" in body and "Match Day:" in body
    assert "Add to calendar" not in body  # the download link carries the private token
    assert starter.token not in body
    old = copy.deepcopy(starter.assessment)
    old["plan"] = NUMBERED_PLAN
    StoredAdvice.objects.filter(profile=starter).update(assessment=old)
    body = detail(advisor_client, starter)
    assert "Months 1-3" in body and "Book Step 2 CK" in body
    assert "now a dated plan to the" in body
