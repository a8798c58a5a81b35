"""Fixtures shared by every test folder."""

import dataclasses

import pytest

from advisor.calendar import MatchCalendar
from advisor.weighting import Weighting
from tests.advisor.calendar_seed import SEED_CALENDAR

DEFAULT_WEIGHTING = Weighting(
    specialty="internal-medicine",
    name="Internal Medicine",
    research_emphasis="low",
    usce_target_weeks=8,
    letters_target=2,
    weight_usce=90,
    weight_letters=85,
    weight_research=40,
    weight_recency=55,
    weight_exam=50,
    research_target=5,
    step2_median=251,
    img_match_rate=48.5,
)


@pytest.fixture
def make_weighting():
    """A weighting without the database; override any field by keyword."""

    def make(**overrides) -> Weighting:
        return dataclasses.replace(DEFAULT_WEIGHTING, **overrides)

    return make


@pytest.fixture
def match_calendar() -> MatchCalendar:
    """The seeded Match calendar (2023-2027 and the pass marks), without the database."""
    return SEED_CALENDAR


from tests.profiles.advisor_fixtures import advisor, advisor_client, staff_client  # noqa: E402, F401


def pytest_collection_modifyitems(items):
    # Playwright's `page` fixture drags a test into the browser group, which
    # pytest-django orders after the live-server flushes: keep it in tests/e2e.
    for item in items:
        if "page" in getattr(item, "fixturenames", ()) and "/e2e/" not in str(item.path):
            raise pytest.UsageError(f"{item.nodeid} uses Playwright's `page` outside tests/e2e")
