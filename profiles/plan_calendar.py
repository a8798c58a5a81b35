"""The stored plan as an iCalendar file (.ics), for the applicant's own calendar.

One all-day event per step, spanning its months, and one per deadline of the
target Match on its exact day. UIDs stay the same each time the file is
downloaded (they hash the profile id, the kind and the start, never the private
token), so importing it again updates events instead of doubling them.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime, timedelta

from icalendar import Calendar, Event

from advisor.engine.calendar import month_index, month_start
from profiles.plan_page import ESTIMATE_NOTE

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
    seen: set[tuple[str, str]] = set()
    for step in plan["steps"]:
        first, last = month_index(step["start"]), month_index(step["end"])
        # Two steps of one kind never start in the same month today; a number
        # keeps the UIDs unique should a later plan do it.
        key = ":".join(filter(None, (step["kind"], step.get("exam"))))
        while (key, step["start"]) in seen:
            key += "+"
        seen.add((key, step["start"]))
        event = _event(
            uid=_uid(profile_id, key, step["start"]),
            summary=_summary(step["title"], estimated and step["kind"] in CALENDAR_STEPS),
            description=_description(step["detail"], estimated),
            start=month_start(first),
            end=month_start(last + 1),
            stamp=stamp,
        )
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
        calendar.add_component(event)
    return calendar.to_ical()


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
