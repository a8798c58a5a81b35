"""`assess` on generated garbage: every line gets a result or an error naming the field."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from advisor.engine.applicant import FIELDS
from advisor.management.commands.assess import assess_line
from conftest import DEFAULT_WEIGHTING
from tests.advisor.calendar_seed import SEED_CALENDAR

WEIGHTINGS = {"internal-medicine": DEFAULT_WEIGHTING}
JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**40), max_value=10**40)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=8,
)
FIELD_NAMES = st.sampled_from([*FIELDS, "unknown_field", "", "SPECIALTY"])


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(profile=st.dictionaries(FIELD_NAMES, JSON_VALUES, max_size=8))
def test_any_object_gets_a_result_or_a_field_error(profile):
    profile.setdefault("specialty", "internal-medicine")
    result = assess_line(1, json.dumps(profile), WEIGHTINGS, SEED_CALENDAR)
    assert result["line"] == 1
    if "error" in result:
        assert result["fields"], result
        assert all(f"{field}: " in result["error"] for field in result["fields"])
    else:
        assert result["priority"] and set(result["scores"]) >= {"readiness"}


@settings(max_examples=200)
@given(line=st.text(max_size=200))
def test_any_line_of_text_is_handled(line):
    result = assess_line(7, line, WEIGHTINGS, SEED_CALENDAR)
    assert result["line"] == 7 and ("error" in result or "priority" in result)


@pytest.mark.parametrize(
    "line",
    [
        '{"specialty": "internal-medicine", "years_since_graduation": 1e400}',
        '{"specialty": "internal-medicine", "years_since_graduation": -0.0}',
        '{"specialty": "internal-medicine", "years_since_graduation": 1, '
        '"years_since_graduation": 99}',
        '{"specialty": "<script>", "years_since_graduation": 1}',
        '{"specialty": "internal-medicine", "years_since_graduation": 3, "step2_ck": 1'
        + "0" * 5000
        + "}",
        "\ufeff{}",
    ],
)
def test_edge_lines(line):
    result = assess_line(1, line, WEIGHTINGS, SEED_CALENDAR)
    assert "error" in result or "priority" in result
