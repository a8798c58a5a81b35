"""Fixtures shared by every test folder, the markers that `make check` leaves out,
and hypothesis settings that never fail a test for being slow."""

import dataclasses
import importlib
import types
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from advisor.engine.calendar import MatchCalendar
from advisor.engine.weighting import Weighting
from tests.advisor.calendar_seed import SEED_CALENDAR

# A test asserts what is true, never how fast it was found: hypothesis's default
# 200 ms deadline per example and its "too slow" health check both fail a correct
# test on a busy machine. Loaded here, before any test module makes its own
# @settings, so those inherit it; the number of examples is unchanged.
settings.register_profile(
    "any-machine", deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("any-machine")

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


@pytest.fixture(autouse=True)
def admin_data_cache_empty():
    """Each test starts with nothing kept from the admin data, so the queries it counts
    do not depend on the tests before it. Not needed for fresh data: what is kept is
    keyed by a version that every write and every rollback moves."""
    from advisor.admin_data_cache import admin_data_cache_clear

    admin_data_cache_clear()


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
    ("advisor.migrations.0013_seed_specialty_mechanics", "seed"),
    ("advisor.migrations.0015_seed_fees", "seed"),
    ("profiles.migrations.0003_advisors_group", "create_group"),
]


@pytest.fixture
def seeded_transactional_db(transactional_db):
    """The database as migrations leave it, for tests that really commit: the flush
    after each such test also empties the rows the data migrations made."""
    from django.apps import apps
    from django.test import override_settings

    # As in a migration, whose historical models send no signals: the only history
    # rows are those the seeding functions write themselves ("initial data").
    with override_settings(SIMPLE_HISTORY_ENABLED=False):
        for module, function in SEEDING_MIGRATIONS:
            getattr(importlib.import_module(module), function)(apps, None)


@pytest.fixture
def match_calendar() -> MatchCalendar:
    """The seeded Match calendar (2023-2027 and the pass marks), without the database."""
    return SEED_CALENDAR


from tests.profiles.advisor_fixtures import advisor, advisor_client, staff_client  # noqa: E402, F401

ROOT = Path(__file__).resolve().parent
# What a test needs beyond this process, by folder; `make check` leaves these out.
FOLDER_MARKS = {"e2e": "browser", "serving": "server", "probes": "server", "load": "load"}
SERVER_HELPERS = "tests.gunicorn_server"  # gunicorn, nginx (deploy/serve.py), runserver


def starts_a_server(item: pytest.Item) -> bool:
    """Django's live_server, or tests/gunicorn_server.py used by the test's module,
    wherever the test lives."""
    if "live_server" in getattr(item, "fixturenames", ()):
        return True
    module = getattr(item, "module", None)
    return module is not None and any(
        SERVER_HELPERS in (getattr(value, "__module__", None), getattr(value, "__name__", None))
        for value in vars(module).values()
        if callable(value) or isinstance(value, types.ModuleType)
    )


def pytest_collection_modifyitems(items):
    for item in items:
        # Playwright's `page` fixture drags a test into the browser group, which
        # pytest-django orders after the live-server flushes: keep it in tests/e2e.
        if "page" in getattr(item, "fixturenames", ()) and "/e2e/" not in str(item.path):
            raise pytest.UsageError(f"{item.nodeid} uses Playwright's `page` outside tests/e2e")
        folder = item.path.relative_to(ROOT).parts[:2]
        if folder[0] == "tests" and folder[-1] in FOLDER_MARKS:
            item.add_marker(FOLDER_MARKS[folder[-1]])
        if starts_a_server(item):
            item.add_marker("server")
