"""Stored plans written by hand, shaped like the engine's output, for page and calendar tests."""

import copy

DATED_PLAN = {
    "as_of": "2026-11",
    "requested_match": 2027,
    "target_match": 2028,
    "moved_because": "8 weeks of rotations do not fit before September 2026.",
    "calendar": {
        "match_year": 2028,
        "eras_opens": "2027-06-02",
        "submit_from": "2027-09-01",
        "programs_review_from": "2027-09-22",
        "rank_deadline": "2028-03-01",
        "match_day": "2028-03-17",
        "residency_starts": "2028-07-01",
        "provisional": True,
        "estimated": True,
        "source_url": "https://www.nrmp.org/match-calendars/",
        "verified_on": None,
    },
    "us_months": 3,
    "step2_pass_mark": 218,
    "notes": ["Research can be added later through a paid post."],
    "steps": [
        {
            "kind": "arrange_us_time",
            "start": "2026-11",
            "end": "2026-12",
            "in_us": False,
            "title": "Arrange your rotations",
            "detail": "Book rotations and the visa.",
        },
        {
            "kind": "usce",
            "start": "2027-01",
            "end": "2027-03",
            "in_us": True,
            "weeks": 12,
            "title": "12 weeks of hands-on rotations",
            "detail": "Clerkships where you are part of the team.",
        },
        {
            "kind": "research",
            "start": "2027-03",
            "end": "2027-08",
            "in_us": False,
            "months": 6,
            "title": "A research block",
            "detail": "From home, in Internal Medicine.",
        },
        {
            "kind": "prepare_application",
            "start": "2027-06",
            "end": "2027-08",
            "in_us": False,
            "title": "Prepare your application",
            "detail": "Write it and build the program list.",
        },
        {
            "kind": "apply",
            "start": "2027-09",
            "end": "2027-09",
            "in_us": False,
            "title": "Apply for the 2028 Match",
            "detail": "Submit through ERAS.",
        },
        {
            "kind": "interviews",
            "start": "2027-10",
            "end": "2028-01",
            "in_us": False,
            "title": "Interview season",
            "detail": "Register with the NRMP.",
        },
        {
            "kind": "match",
            "start": "2028-03",
            "end": "2028-03",
            "in_us": False,
            "title": "Match Day",
            "detail": "Results in March.",
        },
    ],
}

# What plans looked like before they had dates.
NUMBERED_PLAN = [
    {"start_month": 1, "end_month": 3, "title": "Book Step 2 CK", "detail": "Schedule it."},
    {"start_month": 4, "end_month": 4, "title": "Secure letters", "detail": "Ask early."},
]


def dated_plan(**changes) -> dict:
    plan = copy.deepcopy(DATED_PLAN)
    plan.update(changes)
    return plan
