"""Every shared seed case, through the engine and through `manage.py assess`."""

import io
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from advisor.engine.assessment import assessment_from_data
from advisor.selectors import match_calendar, weightings_by_slug

pytestmark = pytest.mark.django_db

CASES_FILE = Path(__file__).with_name("seed-cases.jsonl")
SHARED_CASES = Path(settings.BASE_DIR).parent / "shared" / "cases" / "seed-cases.jsonl"
CASES = [json.loads(line) for line in CASES_FILE.read_text().splitlines() if line.strip()]


def test_local_copy_matches_shared_cases():
    # A plain clone has no shared/ beside it and still tests the local copy;
    # CI clones shared/ beside the repo, so there the copy is kept in step.
    if not SHARED_CASES.exists():
        pytest.skip(f"no shared cases at {SHARED_CASES} to compare the local copy with")
    assert CASES_FILE.read_text() == SHARED_CASES.read_text()


def check(case, result):
    expect = case["expect"]
    assert result["priority"] == expect["priority"]
    assert result["scenario"] == expect["scenario"]
    assert set(expect.get("flags_include", [])) <= set(result["flags"])


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_engine_gives_expected_answer(case):
    _, assessment = assessment_from_data(
        case["input"], weightings=weightings_by_slug(), calendar=match_calendar()
    )
    check(case, assessment.as_dict())


def test_assess_command_gives_expected_answers(monkeypatch):
    plain_profiles = "\n".join(json.dumps(case["input"]) for case in CASES) + "\n"
    monkeypatch.setattr("sys.stdin", io.StringIO(plain_profiles))
    out = io.StringIO()
    call_command("assess", stdout=out)
    results = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [r["line"] for r in results] == list(range(1, len(CASES) + 1))
    for case, result in zip(CASES, results, strict=True):
        check(case, result)


def test_assess_command_reads_the_cases_file_shape():
    out = io.StringIO()
    call_command("assess", str(CASES_FILE), stdout=out)
    results = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [r["id"] for r in results] == [c["id"] for c in CASES]
    for case, result in zip(CASES, results, strict=True):
        check(case, result)
