"""The stored plan as pages show it: month labels, milestones, old numbered plans."""

import pytest

from profiles.plan_page import day_label, month_range, plan_timeline
from tests.profiles.plan_samples import NUMBERED_PLAN, dated_plan


@pytest.mark.parametrize(
    ("start", "end", "label"),
    [
        ("2026-12", "2027-02", "Dec 2026 \u2013 Feb 2027"),
        ("2027-09", "2027-09", "Sep 2027"),
        ("2027-01", "2027-12", "Jan 2027 \u2013 Dec 2027"),
    ],
)
def test_month_range(start, end, label):
    assert month_range(start, end) == label


def test_day_label_is_independent_of_the_locale():
    assert day_label("2028-03-17") == "Fri 17 Mar 2028"
    assert day_label("2027-09-01") == "Wed 1 Sep 2027"


def test_dated_plan_becomes_a_timeline_with_its_milestones():
    timeline = plan_timeline(dated_plan())
    assert timeline.dated and timeline.target_match == 2028 and timeline.requested_match == 2027
    assert timeline.as_of == "Nov 2026"
    assert timeline.application_month == "Sep 2027"
    assert timeline.submit_from == "Wed 1 Sep 2027"
    assert timeline.interview_season == "Oct 2027 \u2013 Jan 2028"
    assert timeline.match_day == "Fri 17 Mar 2028"
    assert timeline.us_months_text == "3 months in the US"
    assert timeline.provisional and timeline.source_url.startswith("https://")
    assert timeline.notes == ("Research can be added later through a paid post.",)
    by_kind = {step.kind: step for step in timeline.steps}
    assert by_kind["usce"].months == "Jan 2027 \u2013 Mar 2027"
    assert by_kind["usce"].in_us and by_kind["usce"].length == "12 weeks"
    assert by_kind["research"].length == "6 months" and not by_kind["research"].in_us
    assert by_kind["arrange_us_time"].length == "2 months"
    assert by_kind["apply"].months == "Sep 2027" and by_kind["apply"].length == ""
    assert by_kind["apply"].mark.startswith("Application month")
    assert by_kind["interviews"].mark == "Interview season; rank list due Wed 1 Mar 2028"
    assert by_kind["match"].mark == "Match Day: Fri 17 Mar 2028"
    assert [step.year for step in timeline.steps] == [2026, 2027, 2027, 2027, 2027, 2027, 2028]
    assert [step.milestone for step in timeline.steps][-3:] == [True, True, True]


@pytest.mark.parametrize(("months", "text"), [(0, "No time in the US"), (1, "1 month in the US")])
def test_months_in_the_us_read_right(months, text):
    assert plan_timeline(dated_plan(us_months=months)).us_months_text == text


def test_old_numbered_plans_still_render():
    timeline = plan_timeline(NUMBERED_PLAN)
    assert not timeline.dated
    assert [step.months for step in timeline.steps] == ["Months 1-3", "Month 4"]
    assert timeline.steps[0].title == "Book Step 2 CK"
