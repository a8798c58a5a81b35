"""The seeded Match calendar as plain values, for tests that run without the database.

The same dates as `advisor/migrations` seeds from ../shared/facts/match-calendar.md;
`tests/advisor/test_calendar_data.py` checks that the two agree.
"""

from datetime import date

from advisor.engine.calendar import Cycle, MatchCalendar, PassMark

ERAS = "https://students-residents.aamc.org/applying-residencies-eras/publication-chapters/eras-timeline"
NRMP = "https://www.nrmp.org/match-calendars/"

SEED_CALENDAR = MatchCalendar(
    cycles=tuple(
        Cycle(
            match_year=year,
            eras_opens=date.fromisoformat(eras),
            submit_from=date.fromisoformat(submit),
            programs_review_from=date.fromisoformat(review),
            rank_deadline=date.fromisoformat(rank),
            match_day=date.fromisoformat(match),
            residency_starts=date(year, 7, 1),
            source_url=NRMP if year < 2026 else ERAS,
            verified_on=date(2026, 11, 25),
            provisional=year == 2027,
        )
        for year, eras, submit, review, rank, match in (
            (2023, "2022-06-08", "2022-09-07", "2022-09-28", "2023-03-01", "2023-03-17"),
            (2024, "2023-06-07", "2023-09-06", "2023-09-27", "2024-02-28", "2024-03-15"),
            (2025, "2024-06-05", "2024-09-04", "2024-09-25", "2025-03-05", "2025-03-21"),
            (2026, "2025-06-04", "2025-09-03", "2025-09-24", "2026-03-04", "2026-03-20"),
            (2027, "2026-06-03", "2026-09-02", "2026-09-23", "2027-03-03", "2027-03-19"),
        )
    ),
    pass_marks=(
        PassMark("step2_ck", 209, date(2000, 1, 1)),
        PassMark("step2_ck", 214, date(2022, 7, 1)),
        PassMark("step2_ck", 218, date(2025, 7, 1)),
    ),
)
