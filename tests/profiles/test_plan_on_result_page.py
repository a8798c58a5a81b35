"""The dated plan on the result page, and saved plans keeping the dates they were made with."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from advisor.engine.calendar import estimated_cycle
from advisor.models import MatchCycle
from profiles.models import StoredAdvice
from profiles.plan_page import day_label
from tests.advisor.admin_saving import admin_save
from tests.profiles.factories import make_profile
from tests.profiles.plan_samples import NUMBERED_PLAN, dated_plan

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def result(client, profile) -> str:
    return client.get(reverse("profiles:result", args=[profile.token])).content.decode()


def store_plan(profile, plan) -> None:
    StoredAdvice.objects.filter(profile=profile).update(
        assessment={**profile.assessment, "plan": plan}
    )
    profile.save()  # moves updated_at, as every real change does, so no cached page is reused


def test_the_plan_is_a_timeline_of_real_months(client):
    profile = make_profile(graduation_year=2025, usce_hands_on_weeks=2, months_available_in_us=6)
    plan = profile.assessment["plan"]
    body = result(client, profile)
    assert f"Your plan to the {plan['target_match']} Match" in body
    assert body.count('class="timeline-step') == len(plan["steps"])
    assert f"Match Day: {day_label(plan['calendar']['match_day'])}" in body
    assert "Application month" in body and "Interview season" in body
    assert 'class="badge badge-in-us">In the US' in body
    assert f'data-us-months="{plan["us_months"]}"' in body
    href = reverse("profiles:plan_ics", args=[profile.token])
    assert f'href="{href}" download>Add to calendar (.ics)' in body


def test_a_stored_plan_shows_its_marks_notes_and_why_it_moved(client):
    profile = make_profile()
    store_plan(profile, dated_plan())
    body = result(client, profile)
    assert "Jan 2027 \u2013 Mar 2027" in body and "Sep 2027</time>" in body
    assert "Match Day: Fri 17 Mar 2028" in body
    assert "Why Match 2028 and not 2027:" in body
    assert "8 weeks of rotations do not fit before September 2026." in body
    assert "Research can be added later through a paid post." in body
    assert "3 months in the US" in body
    assert "Dates estimated from the usual calendar; check ERAS and NRMP" in body
    assert 'href="https://www.nrmp.org/match-calendars/"' in body
    assert "(est.)" in body


def test_published_dates_are_not_marked_as_estimates(client):
    profile = make_profile()
    plan = dated_plan(moved_because=None, requested_match=None)
    plan["calendar"]["provisional"] = False
    store_plan(profile, plan)
    body = result(client, profile)
    assert "Dates estimated" not in body and "(est.)" not in body and "data-moved" not in body


def test_an_old_numbered_plan_still_renders(client):
    profile = make_profile()
    store_plan(profile, NUMBERED_PLAN)
    body = result(client, profile)
    assert "Months 1-3" in body and "Month 4" in body and "Book Step 2 CK" in body
    assert "Add to calendar" not in body


def test_the_scores_note_sits_with_the_scores(client):
    profile = make_profile(step2_ck=None)
    note = profile.assessment["scores_note"]
    assert note
    body = result(client, profile)
    scores = body.split('id="scores-heading"')[1].split("</section>")[0]
    assert note in scores


def test_what_if_preview_shows_the_plan_it_would_give(client):
    profile = make_profile()
    url = reverse("profiles:what_if", args=[profile.token])
    fragment = client.get(url, {"usce_hands_on_weeks": 8}, **HTMX).content.decode()
    assert "<html" not in fragment and "data-what-if-match=" in fragment and "Match Day" in fragment
    page = client.get(url, {"usce_hands_on_weeks": 8}).content.decode()
    assert "<html" in page and "data-what-if-match=" in page


# --- an admin changes the calendar: new plans follow, saved ones keep their dates ----


def test_an_admins_new_dates_reach_new_plans_only(client, admin_client):
    earlier = make_profile(graduation_year=2025)
    year = earlier.assessment["plan"]["target_match"]
    old_day = date.fromisoformat(earlier.assessment["plan"]["calendar"]["match_day"])
    usual = estimated_cycle(year)
    moved = old_day + timedelta(days=7)
    form = {
        "match_year": year,
        "provisional": "",
        "eras_opens": usual.eras_opens,
        "submit_from": usual.submit_from,
        "programs_review_from": usual.programs_review_from,
        "rank_deadline": usual.rank_deadline,
        "match_day": moved,
        "residency_starts": usual.residency_starts,
        "source_url": "https://www.nrmp.org/match-calendars/",
        "verified_on": timezone.localdate(),
    }
    cycle = MatchCycle.objects.filter(match_year=year).first()
    url = (
        reverse("admin:advisor_matchcycle_change", args=[cycle.pk])
        if cycle
        else reverse("admin:advisor_matchcycle_add")
    )
    _, response = admin_save(admin_client, url, {k: str(v) for k, v in form.items()})
    assert response.status_code == 302, response.content.decode()[:3000]

    later = make_profile(graduation_year=2025)
    assert later.assessment["plan"]["calendar"]["match_day"] == moved.isoformat()
    assert f"Match Day: {day_label(moved.isoformat())}" in result(client, later)
    assert not later.assessment["plan"]["calendar"]["provisional"]
    assert f"Match Day: {day_label(old_day.isoformat())}" in result(client, earlier)
    ics = client.get(reverse("profiles:plan_ics", args=[earlier.token])).content.decode()
    assert f"DTSTART;VALUE=DATE:{old_day:%Y%m%d}" in ics


def test_an_admins_new_pass_mark_reaches_new_plans_only(client, admin_client):
    earlier = make_profile(step2_ck=220)
    assert earlier.assessment["plan"]["step2_pass_mark"] == 218
    response = admin_client.post(
        reverse("admin:advisor_passmark_add"),
        {
            "exam": "step2_ck",
            "score": "225",
            "effective_from": str(timezone.localdate().replace(day=1) - timedelta(days=31)),
            "source_url": "https://www.usmle.org/",
            "verified_on": str(timezone.localdate()),
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    later = make_profile(step2_ck=220)
    assert later.assessment["plan"]["step2_pass_mark"] == 225
    assert "step2_below_pass" in later.assessment["flags"]
    earlier.refresh_from_db()
    assert earlier.assessment["plan"]["step2_pass_mark"] == 218
    assert "step2_below_pass" not in earlier.assessment["flags"]
    assert 'data-flag="step2_below_pass"' not in result(client, earlier)
