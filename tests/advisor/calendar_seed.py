"""The seeded Match calendar as plain values, for tests that run without the database.

The same dates, pass marks and visa policies as `advisor/migrations` seeds (0007,
0010, 0011, 0013) from the sourced facts files; `tests/advisor/test_calendar_data.py` checks
that the two agree.
"""

import importlib
from datetime import date

from advisor.engine.calendar import Cycle, MatchCalendar, PassMark
from advisor.engine.fees import Fee, FeeTable
from advisor.engine.policy import H1B, J1, VISITOR_VISA, PolicyEvent

ERAS = "https://students-residents.aamc.org/applying-residencies-eras/publication-chapters/eras-timeline"
NRMP = "https://www.nrmp.org/match-calendars/"
POLICIES_CHECKED_ON = date(2026, 12, 7)
# ResidencyCAS's own deadline and first reading day, where published (0013).
CAS_DATES = {
    2025: (date(2024, 9, 25), date(2024, 10, 1)),
    2026: (date(2025, 9, 24), date(2025, 10, 1)),
}
TRAVEL_BAN_SOURCE = (
    "https://isso.ucsf.edu/news/presidential-proclamation-expanded-travel-ban-december-17-2025"
)


def _seeded_fees() -> FeeTable:
    # The migration's own table: one statement of the seeded figures, which
    # test_fee_data checks the database holds.
    seeded = importlib.import_module("advisor.migrations.0015_seed_fees")
    return FeeTable(
        tuple(
            Fee(item, what, low, high, unit, first, last, url, seeded.CHECKED_ON, recheck)
            for item, what, low, high, unit, first, last, url, _, recheck, _ in seeded.FEES
        )
    )


SEED_FEES = _seeded_fees()


def codes(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


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
            cas_deadline=CAS_DATES.get(year, (None, None))[0],
            cas_programs_review_from=CAS_DATES.get(year, (None, None))[1],
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
        # 189 was the mark before July 2012; since when is not in the sources.
        PassMark("step2_ck", 189, date(2000, 1, 1), "http://www.usmle.org/announcements/"),
        PassMark(
            "step2_ck",
            196,
            date(2012, 7, 1),
            "https://medicalopedia.org/4257/usmle-step-2-clinical-knowledge-ck-minimum-passing-"
            "score-to-be-reviewed-again-in-july-2013/",
        ),
        PassMark(
            "step2_ck",
            203,
            date(2013, 7, 1),
            "https://medicalopedia.org/4318/usmle-step-2-ck-passing-score-increased-from-196-to-203/",
        ),
        PassMark(
            "step2_ck", 209, date(2014, 7, 1), "http://www.usmle.org/announcements/?ContentId=134"
        ),
        PassMark(
            "step2_ck",
            214,
            date(2022, 7, 1),
            "https://theabramsonfirm.com/usmle-changes-the-step-2-ck-examination-passing-standard/",
        ),
        PassMark("step2_ck", 218, date(2025, 7, 1), "https://medvily.com/?p=296"),
    ),
    # In the order the database gives them: by date, then slug.
    policies=(
        PolicyEvent(
            slug="interview-waivers-ended-2025",
            title="Visa interviews in person for almost everyone",
            summary=(
                "Since 2 September 2025 nearly every applicant for a temporary US visa has to "
                "attend an interview at a US embassy or consulate, even to renew a visa they "
                "already held: the old exemptions are mostly gone. Count the interview wait "
                "where you live into the plan before a rotation, a research post or residency."
            ),
            effective_from=date(2025, 9, 2),
            status="in_force",
            source_url=(
                "https://www.visaverge.com/news/us-visa-processing-tightened-apply-only-from-"
                "your-home-country"
            ),
            checked_on=POLICIES_CHECKED_ON,
            concerns=frozenset({VISITOR_VISA, J1, H1B}),
        ),
        PolicyEvent(
            slug="interview-in-home-country-2025",
            title="Visa interviews in your own country",
            summary=(
                "Since 6 September 2025 visitor (B-1/B-2) and J-1 applicants are expected to "
                "apply in the country of their nationality or where they live. An appointment "
                "booked in a third country tends to take longer and is harder to get approved, "
                "and the fee is not refunded. Plan with the wait at your own embassy."
            ),
            effective_from=date(2025, 9, 6),
            status="in_force",
            source_url=(
                "https://internationaloffice.berkeley.edu/news/visa-application-guidance-"
                "update-department-state"
            ),
            checked_on=POLICIES_CHECKED_ON,
            concerns=frozenset({VISITOR_VISA, J1}),
        ),
        PolicyEvent(
            slug="h1b-100k-payment-2025",
            title="A $100,000 payment on new H-1B petitions",
            summary=(
                "A proclamation of September 2025 requires a $100,000 payment with a new H-1B "
                "petition for a person outside the US; someone already in the US who changes "
                "status (from F-1 or J-2, for example) is exempt. One federal court upheld it "
                "in December 2025, another held it unlawful on 8 June 2026, and it was to run "
                "until 21 September 2026 unless extended. Some hospitals have held back H-1B "
                "hiring: ask each program which visa it sponsors, and check with USCIS before "
                "relying on an H-1B."
            ),
            effective_from=date(2025, 9, 21),
            status="unresolved",
            source_url=(
                "https://www.palmerpolaski.com/news/uscis-issues-clarifying-guidance-on-100k-"
                "h-1b-fee"
            ),
            checked_on=POLICIES_CHECKED_ON,
            concerns=frozenset({H1B}),
        ),
        PolicyEvent(
            slug="travel-ban-2026-full",
            title="Travel ban: no new US visas for some nationalities",
            summary=(
                "From 1 January 2026 citizens of the countries named here who are outside the "
                "US without a valid visa cannot get a new US visa of any kind: no visitor visa "
                "for rotations, no J-1 and no H-1B for residency. It does not cover someone "
                "travelling on another country's passport, and exceptions are decided case by "
                "case. The ban is challenged in court: check where it stands before you plan "
                "around it."
            ),
            effective_from=date(2026, 1, 1),
            status="in_litigation",
            source_url=TRAVEL_BAN_SOURCE,
            checked_on=POLICIES_CHECKED_ON,
            # Burma MM, Republic of the Congo CG, Laos LA.
            countries=codes("AF BF CG ER GQ HT IR LA LY ML MM NE SD SL SO SS SY TD YE"),
            concerns=frozenset({VISITOR_VISA, J1, H1B}),
        ),
        PolicyEvent(
            slug="travel-ban-2026-partial",
            title="Travel ban: no new visitor or J-1 visas for some nationalities",
            summary=(
                "From 1 January 2026 citizens of the countries named here who are outside the "
                "US without a valid visa cannot get a new visitor visa (B-1/B-2), so no US "
                "rotation or observership, nor a J-1, the usual visa for residency. The H-1B "
                "is not part of this ban. It does not cover someone travelling on another "
                "country's passport, and exceptions are decided case by case. The ban is "
                "challenged in court: check where it stands before you plan around it."
            ),
            effective_from=date(2026, 1, 1),
            status="in_litigation",
            source_url=TRAVEL_BAN_SOURCE,
            checked_on=POLICIES_CHECKED_ON,
            # Antigua and Barbuda AG, Côte d'Ivoire CI, The Gambia GM, Tonga TO.
            countries=codes("AG AO BI BJ CI CU DM GA GM MR MW NG SN TG TO TZ VE ZM ZW"),
            concerns=frozenset({VISITOR_VISA, J1}),
        ),
    ),
    fees=SEED_FEES,
)
