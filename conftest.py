"""Fixtures shared by every test folder."""

import dataclasses
import importlib

import pytest

from advisor.engine.calendar import MatchCalendar
from advisor.engine.weighting import Weighting
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


SEEDING_MIGRATIONS = [
    ("advisor.migrations.0002_seed_specialties", "seed"),
    ("advisor.migrations.0004_initial_weighting_versions", "record_versions"),
    ("advisor.migrations.0006_seed_specialty_figures", "seed"),
    ("advisor.migrations.0007_seed_match_calendar", "seed"),
    ("profiles.migrations.0003_advisors_group", "create_group"),
]


@pytest.fixture
def seeded_transactional_db(transactional_db):
    """The database as migrations leave it, for tests that really commit: the flush
    after each such test also empties the rows the data migrations made."""
    from django.apps import apps

    for module, function in SEEDING_MIGRATIONS:
        getattr(importlib.import_module(module), function)(apps, None)


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
