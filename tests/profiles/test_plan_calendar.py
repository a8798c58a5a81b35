"""The plan as an .ics file: built from a stored plan, parsed back as a calendar program would."""

from datetime import UTC, date, datetime

import pytest
from django.urls import reverse
from icalendar import Calendar

from profiles.models import StoredAdvice
from profiles.plan_calendar import PlanHasNoDates, plan_ics
from tests.profiles.factories import make_profile
from tests.profiles.plan_samples import NUMBERED_PLAN, dated_plan

STAMP = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)


def events(ics: bytes) -> list:
    return list(Calendar.from_ical(ics).walk("VEVENT"))


def by_summary(ics: bytes) -> dict:
    return {str(event["summary"]): event for event in events(ics)}


def test_one_event_per_step_and_per_deadline():
    plan = dated_plan()
    parsed = Calendar.from_ical(plan_ics(plan=plan, profile_id=7, stamp=STAMP))
    assert str(parsed["prodid"]) == "-//IMG Pathway Advisor//Plan//EN"
    assert str(parsed["version"]) == "2.0"
    found = list(parsed.walk("VEVENT"))
    assert len(found) == len(plan["steps"]) + 5
    assert all(event.decoded("dtstamp") == STAMP for event in found)
    assert len({str(event["uid"]) for event in found}) == len(found)


def test_steps_span_their_months_as_all_day_events():
    found = by_summary(plan_ics(plan=dated_plan(), profile_id=7, stamp=STAMP))
    rotations = found["12 weeks of hands-on rotations"]
    assert rotations.decoded("dtstart") == date(2027, 1, 1)
    assert rotations.decoded("dtend") == date(2027, 4, 1)  # the day after March ends
    assert "Clerkships" in str(rotations["description"])
    interviews = found["Interview season (estimated)"]
    assert interviews.decoded("dtstart") == date(2027, 10, 1)
    assert interviews.decoded("dtend") == date(2028, 2, 1)


def test_deadlines_fall_on_their_exact_days_marked_estimated():
    found = by_summary(plan_ics(plan=dated_plan(), profile_id=7, stamp=STAMP))
    match_day = found["Match Day 2028 (estimated)"]
    assert match_day.decoded("dtstart") == date(2028, 3, 17)
    assert match_day.decoded("dtend") == date(2028, 3, 18)
    assert "check ERAS and NRMP" in str(match_day["description"])
    assert str(match_day["url"]) == "https://www.nrmp.org/match-calendars/"
    deadline = found["Rank list deadline for the 2028 Match (NRMP, 9 p.m. US Eastern) (estimated)"]
    assert deadline.decoded("dtstart") == date(2028, 3, 1)
    opens = found["ERAS opens: start your application for the 2028 Match (estimated)"]
    assert opens.decoded("dtstart") == date(2027, 6, 2)
    assert found["Applications can go to programs for the 2028 Match (estimated)"].decoded(
        "dtstart"
    ) == date(2027, 9, 1)


def test_match_week_is_a_dated_event():
    found = by_summary(plan_ics(plan=dated_plan(), profile_id=7, stamp=STAMP))
    week = next(event for summary, event in found.items() if summary.startswith("Match Week"))
    assert week.decoded("dtstart") == date(2028, 3, 13)  # the Monday before Match Day
    assert "SOAP" in str(week["summary"])


def test_residencycas_plans_get_its_deadline_and_name():
    plan = dated_plan()
    plan["application_service"] = "residencycas"
    plan["calendar"]["provisional"] = False
    plan["calendar"]["cas_deadline"] = "2027-09-22"
    plan["calendar"]["cas_estimated"] = True
    found = by_summary(plan_ics(plan=plan, profile_id=7, stamp=STAMP))
    deadline = found["Last day to submit through ResidencyCAS for the 2028 Match (estimated)"]
    assert deadline.decoded("dtstart") == date(2027, 9, 22)
    assert "ResidencyCAS opens: start your application for the 2028 Match" in found
    assert not any(summary.startswith("ERAS") for summary in found)
    # An ERAS plan has neither.
    eras = by_summary(plan_ics(plan=dated_plan(), profile_id=7, stamp=STAMP))
    assert not any("ResidencyCAS" in summary for summary in eras)


def test_published_dates_carry_no_estimate_mark():
    plan = dated_plan()
    plan["calendar"]["provisional"] = False
    summaries = set(by_summary(plan_ics(plan=plan, profile_id=7, stamp=STAMP)))
    assert "Match Day 2028" in summaries
    assert not any("estimated" in summary for summary in summaries)


def test_uids_stay_the_same_from_one_download_to_the_next():
    first = plan_ics(plan=dated_plan(), profile_id=7, stamp=STAMP)
    later = plan_ics(plan=dated_plan(), profile_id=7, stamp=datetime(2027, 1, 1, tzinfo=UTC))
    other = plan_ics(plan=dated_plan(), profile_id=8, stamp=STAMP)
    uids = [{str(e["uid"]) for e in events(ics)} for ics in (first, later, other)]
    assert uids[0] == uids[1] and not uids[0] & uids[2]


def test_a_plan_without_dates_has_no_calendar():
    with pytest.raises(PlanHasNoDates):
        plan_ics(plan=NUMBERED_PLAN, profile_id=7, stamp=STAMP)


# --- the download behind the private link -----------------------------------


@pytest.mark.django_db
def test_download_is_a_private_attachment_that_parses(client):
    profile = make_profile(graduation_year=2025, usce_hands_on_weeks=2)
    response = client.get(reverse("profiles:plan_ics", args=[profile.token]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    plan = profile.assessment["plan"]
    disposition = f'attachment; filename="img-plan-match-{plan["target_match"]}.ics"'
    assert response["Content-Disposition"] == disposition
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    found = events(response.content)
    assert len(found) == len(plan["steps"]) + 5
    match_day = f"Match Day {plan['target_match']}"
    [event] = [e for e in found if str(e["summary"]).startswith(match_day)]
    assert event.decoded("dtstart") == date.fromisoformat(plan["calendar"]["match_day"])
    assert profile.token not in response.content.decode()


@pytest.mark.django_db
def test_download_needs_the_exact_token_and_a_dated_plan(client):
    profile = make_profile()
    assert client.get(reverse("profiles:plan_ics", args=["nope"])).status_code == 404
    StoredAdvice.objects.filter(profile=profile).update(
        assessment={**profile.assessment, "plan": NUMBERED_PLAN}
    )
    response = client.get(reverse("profiles:plan_ics", args=[profile.token]))
    assert response.status_code == 404
