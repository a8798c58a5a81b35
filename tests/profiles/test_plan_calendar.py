"""The plan as an .ics file: built from a stored plan, parsed back as a calendar program would."""

from datetime import UTC, date, datetime, timedelta

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


def expected_events(plan: dict) -> int:
    """A start per step but those a deadline stands for (applying, SOAP, Match Day),
    a "book by" per arranging step, and the five deadlines (ResidencyCAS: six)."""
    kinds = [step["kind"] for step in plan["steps"]]
    starts = sum(kind not in ("apply", "soap", "match") for kind in kinds)
    cas = plan.get("application_service") == "residencycas"
    return starts + kinds.count("arrange_us_time") + 5 + cas


def test_one_event_per_step_start_and_per_deadline():
    plan = dated_plan()
    parsed = Calendar.from_ical(plan_ics(plan=plan, profile_id=7, stamp=STAMP))
    assert str(parsed["prodid"]) == "-//IMG Pathway Advisor//Plan//EN"
    assert str(parsed["version"]) == "2.0"
    found = list(parsed.walk("VEVENT"))
    assert len(found) == expected_events(plan)
    assert all(event.decoded("dtstamp") == STAMP for event in found)
    assert len({str(event["uid"]) for event in found}) == len(found)
    # Match Day once, not as a step and a deadline.
    assert sum(str(e["summary"]).startswith("Match Day") for e in found) == 1


def test_long_steps_are_their_first_day_not_months_of_all_day_events():
    found = by_summary(plan_ics(plan=dated_plan(), profile_id=7, stamp=STAMP))
    rotations = found["Start: 12 weeks of hands-on rotations"]
    assert rotations.decoded("dtstart") == date(2027, 1, 1)
    assert rotations.decoded("dtend") == date(2027, 1, 2)  # one day
    assert "Jan 2027 \u2013 Mar 2027" in str(rotations["description"])
    assert "Clerkships" in str(rotations["description"])
    interviews = found["Start: Interview season (estimated)"]
    assert interviews.decoded("dtstart") == date(2027, 10, 1)
    assert interviews.decoded("dtend") == date(2027, 10, 2)


def test_every_deadline_has_reminders_a_week_and_a_day_ahead():
    found = events(plan_ics(plan=dated_plan(), profile_id=7, stamp=STAMP))
    deadlines = [e for e in found if not str(e["summary"]).startswith("Start: ")]
    deadlines = [e for e in deadlines if e.walk("VALARM")]
    # The five deadlines and the day the rotations must be booked by.
    assert len(deadlines) == 6
    for event in deadlines:
        triggers = sorted(alarm.decoded("trigger") for alarm in event.walk("VALARM"))
        assert triggers == [timedelta(days=-7), timedelta(days=-1)]
        assert all(str(alarm["action"]) == "DISPLAY" for alarm in event.walk("VALARM"))
    book_by = by_summary(plan_ics(plan=dated_plan(), profile_id=7, stamp=STAMP))[
        "Last day to have your US time booked, and your visa"
    ]
    assert book_by.decoded("dtstart") == date(2026, 12, 1)  # the arranging's last month


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
    assert len(found) == expected_events(plan)
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


@pytest.mark.django_db
@pytest.mark.parametrize(
    "answers",
    [
        {"graduation_year": 2025, "months_available_in_us": 6},
        {"specialty": "family-medicine", "budget": "tight", "visa": "b1b2", "visa_wait_months": 3},
        {"student": True, "graduation_year": 2027, "step1_passed": False},
        {"usce_hands_on_weeks": 12, "us_clinical_letters": 3, "usce_last_year": 2026},
        {"specialty": "emergency-medicine", "visa": "citizen_or_resident"},
        {"specialty": "psychiatry", "visa": "h1b", "graduation_year": 2012},
    ],
    ids=["no-usce", "tight-budget", "student", "ready", "citizen-em", "h1b-psychiatry"],
)
def test_a_strict_rfc_5545_reader_takes_every_plans_file(answers):
    """ical (Home Assistant's calendar library) refuses what RFC 5545 does not allow;
    what it reads back must be the same events, each deadline with its reminders."""
    from ical.calendar_stream import IcsCalendarStream

    plan = make_profile(**answers).assessment["plan"]
    ics = plan_ics(plan=plan, profile_id=7, stamp=STAMP)
    strict = IcsCalendarStream.calendar_from_ics(ics.decode())
    assert len(strict.events) == expected_events(plan)
    assert len({event.uid for event in strict.events}) == len(strict.events)
    assert sum(event.summary.startswith("Match Day") for event in strict.events) == 1
    lenient = {str(e["summary"]): e for e in events(ics)}
    for event in strict.events:
        assert event.summary in lenient
        assert event.dtstart == lenient[event.summary].decoded("dtstart")
        alarms = lenient[event.summary].walk("VALARM")
        assert len(event.alarm) == len(alarms)
        if not event.summary.startswith("Start:"):  # a deadline: a week and a day ahead
            ahead = sorted(a.trigger for a in event.alarm)
            assert ahead == [-timedelta(days=7), -timedelta(days=1)]
