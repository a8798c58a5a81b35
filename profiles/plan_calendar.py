"""The stored plan as an iCalendar file (.ics), for the applicant's own calendar.

A file people keep: one all-day event on the day each step starts (a months-long
event would cover their calendar for months), and one per deadline that matters
(rotations booked by, ERAS opening, applications, the rank list, Match Week, Match
Day once, ResidencyCAS's last day) on its exact day, each with reminders a week
and a day ahead. UIDs stay the same each time the file is downloaded (they hash
the profile id, the kind and the start, never the private token), so importing
it again updates events instead of doubling them.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime, timedelta

from icalendar import Alarm, Calendar, Event

from advisor.engine.calendar import month_index, month_start
from profiles.plan_page import ESTIMATE_NOTE, month_range

PRODID = "-//IMG Pathway Advisor//Plan//EN"
UID_DOMAIN = "img-pathway-advisor"
# The cycle's dates that an applicant acts on, in the order they fall.
DEADLINES = (
    ("eras_opens", "{service} opens: start your application for the {year} Match"),
    ("submit_from", "Applications can go to programs for the {year} Match"),
    ("rank_deadline", "Rank list deadline for the {year} Match (NRMP, 9 p.m. US Eastern)"),
    ("match_week", "Match Week {year}: you learn whether you matched; SOAP runs to Thursday"),
    ("match_day", "Match Day {year}"),
)
# ResidencyCAS (emergency medicine, OB-GYN) closes weeks after it opens: a date to keep.
CAS_DEADLINE = ("cas_deadline", "Last day to submit through ResidencyCAS for the {year} Match")
MATCH_WEEK_DAYS = 4  # Match Week starts on the Monday before Match Day (a Friday)
# Steps whose months come straight from the cycle's dates.
CALENDAR_STEPS = ("apply", "interviews", "match")
# Steps a deadline already stands for (applications open, Match Week, Match Day).
DEADLINE_STEPS = ("apply", "soap", "match")
BOOK_BY = "Last day to have your US time booked, and your visa"
BOOK_BY_WHY = "Hosts fill their places 3-6 months ahead; a visa interview can take longer."
REMINDERS = (timedelta(days=7), timedelta(days=1))  # before each deadline


class PlanHasNoDates(ValueError):
    """A plan saved before plans had dates ("Months 1-3") cannot go in a calendar."""


def plan_ics(*, plan: dict | list, profile_id: int, stamp: datetime) -> bytes:
    """The plan's steps and the target Match's deadlines as an .ics file."""
    if not isinstance(plan, dict):
        raise PlanHasNoDates("this plan was saved before plans had dates")
    cycle = plan["calendar"]
    estimated = bool(cycle.get("provisional"))
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"My plan for the {plan['target_match']} Match")
    for event in _step_events(plan, profile_id, stamp, estimated):
        calendar.add_component(event)
    deadlines = list(DEADLINES)
    service = "ERAS"
    if plan.get("application_service") == "residencycas":
        service = "ResidencyCAS"
        if cycle.get("cas_deadline"):
            deadlines.insert(2, CAS_DEADLINE)
    for field, summary in deadlines:
        day = _deadline_day(cycle, field)
        guessed = estimated or (field == "cas_deadline" and bool(cycle.get("cas_estimated")))
        event = _event(
            uid=_uid(profile_id, field, day.isoformat()),
            summary=_summary(summary.format(year=cycle["match_year"], service=service), guessed),
            description=_description("", guessed),
            start=day,
            end=day + timedelta(days=1),
            stamp=stamp,
        )
        if cycle.get("source_url"):
            event.add("url", cycle["source_url"])
        _remind(event, str(event["summary"]))
        calendar.add_component(event)
    return calendar.to_ical()


def _step_events(plan: dict, profile_id: int, stamp: datetime, estimated: bool) -> list[Event]:
    """An event on the day each step starts, and the day its US time must be booked by."""
    found = []
    seen: set[tuple[str, str]] = set()
    book_by = []
    for step in plan["steps"]:
        if step["kind"] == "arrange_us_time":
            book_by.append(month_start(month_index(step["end"])))
        if step["kind"] in DEADLINE_STEPS:
            continue
        first, last = month_index(step["start"]), month_index(step["end"])
        # Two steps of one kind never start in the same month today; a number
        # keeps the UIDs unique should a later plan do it.
        key = ":".join(filter(None, (step["kind"], step.get("exam"))))
        while (key, step["start"]) in seen:
            key += "+"
        seen.add((key, step["start"]))
        title = step["title"] if first == last else f"Start: {step['title']}"
        event = _event(
            uid=_uid(profile_id, key, step["start"]),
            summary=_summary(title, estimated and step["kind"] in CALENDAR_STEPS),
            description=_description(
                f"{month_range(step['start'], step['end'])}: {step['detail']}", estimated
            ),
            start=month_start(first),
            end=month_start(first) + timedelta(days=1),
            stamp=stamp,
        )
        found.append(event)
    for day in book_by:
        event = _event(
            uid=_uid(profile_id, "book_by", day.isoformat()),
            summary=BOOK_BY,
            description=BOOK_BY_WHY,
            start=day,
            end=day + timedelta(days=1),
            stamp=stamp,
        )
        _remind(event, BOOK_BY)
        found.append(event)
    return found


def _remind(event: Event, what: str) -> None:
    """A reminder a week and a day before: a deadline seen on the day is too late."""
    for ahead in REMINDERS:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", what)
        alarm.add("trigger", -ahead)
        event.add_component(alarm)


def _deadline_day(cycle: dict, field: str) -> date:
    if field == "match_week":
        return date.fromisoformat(cycle["match_day"]) - timedelta(days=MATCH_WEEK_DAYS)
    return date.fromisoformat(cycle[field])


def _event(*, uid, summary, description, start, end, stamp) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("summary", summary)
    event.add("dtstart", start)  # a date: an all-day event
    event.add("dtend", end)  # exclusive, as RFC 5545 wants for all-day events
    event.add("transp", "TRANSPARENT")  # a plan, not a meeting: never shows as busy
    if description:
        event.add("description", description)
    return event


def _uid(profile_id: int, kind: str, start: str) -> str:
    digest = hashlib.sha256(f"{profile_id}:{kind}:{start}".encode()).hexdigest()[:32]
    return f"{digest}@{UID_DOMAIN}"


def _summary(text: str, estimated: bool) -> str:
    return f"{text} (estimated)" if estimated else text


def _description(detail: str, estimated: bool) -> str:
    note = f"{ESTIMATE_NOTE}." if estimated else ""
    return " ".join(part for part in (detail, note) if part)
