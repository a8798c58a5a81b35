"""What the benchmark measures inside one Python process: the engine, and queries per page."""

from __future__ import annotations

import random
import time

from advisor.engine.applicant import BUDGETS, CAREER_GOALS, VISAS, ApplicantProfile
from advisor.engine.assessment import assess
from advisor.engine.weighting import Weighting
from tests.advisor.calendar_seed import SEED_CALENDAR

WEIGHTING = Weighting("neurology", "Neurology", "moderate", 8, 2, 90, 85, 60, 55, 50, 8, 252, 41.9)


def random_profiles(count: int, seed: int = 7) -> list[ApplicantProfile]:
    rng = random.Random(seed)
    return [
        ApplicantProfile(
            specialty="neurology",
            years_since_graduation=rng.randint(0, 12),
            as_of="2026-11",
            step1_passed=rng.random() < 0.9,
            oet_passed=rng.random() < 0.5,
            pathway_met=rng.random() < 0.5,
            career_goal=rng.choice(CAREER_GOALS),
            clinically_active=rng.random() < 0.5,
            step2_ck=rng.choice([None, 220, 240, 255]),
            usce_hands_on_weeks=rng.choice([0, 2, 4, 8, 12]),
            usce_observership_weeks=rng.choice([0, 2, 8]),
            usce_online_weeks=rng.choice([0, 4]),
            us_clinical_letters=rng.randint(0, 3),
            research_publications=rng.randint(0, 4),
            research_abstracts=rng.randint(0, 4),
            research_in_target_specialty=rng.random() < 0.5,
            home_clinical_years=rng.choice([0, 1.5, 4]),
            budget=rng.choice(BUDGETS),
            visa=rng.choice(VISAS),
            months_available_in_us=rng.choice([0, 6, 12, 24]),
        )
        for _ in range(count)
    ]


def engine_assessments_per_second(seconds: float = 2.0) -> float:
    profiles = random_profiles(1000)
    done, started = 0, time.perf_counter()
    while time.perf_counter() - started < seconds:
        for profile in profiles:
            assess(profile, WEIGHTING, SEED_CALENDAR)
        done += len(profiles)
    return done / (time.perf_counter() - started)


def queries_per_page(pages: dict[str, tuple[str, object]]) -> dict[str, int]:
    """Queries each page runs, through Django's test client against the bench database.

    `pages` maps a label to (path, client). Must run after django.setup().
    """
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for label, (path, client) in pages.items():
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path, HTTP_HOST="127.0.0.1")
            if hasattr(response, "streaming_content"):
                b"".join(response.streaming_content)
        assert response.status_code == 200, (label, response.status_code)
        counts[label] = len(captured)
    return counts
