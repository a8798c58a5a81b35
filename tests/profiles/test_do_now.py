""" "Do this now" on the result page: derived from the stored plan, this month's steps and
the next date to keep."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from profiles.do_now import do_now
from tests.profiles.plan_samples import NUMBERED_PLAN, dated_plan


def test_this_month_s_steps_and_the_next_date_to_keep():
    plan = dated_plan()  # arranging Nov-Dec 2026, rotations Jan-Mar 2027, ...
    found = do_now(plan, date(2026, 11, 20))
    assert found.month == "Nov 2026" and not found.starting_later
    (step,) = found.steps
    assert step.kind == "arrange_us_time"
    assert step.text == "Arrange your rotations: apply to hosts for Jan 2027 \u2013 Mar 2027"
    assert step.until == "until Dec 2026"
    assert found.deadline.text == "Have your US time booked by"
    assert found.deadline.day == date(2026, 12, 31) and found.deadline.when == "Dec 2026"


def test_later_in_the_plan_the_box_moves_on_with_the_calendar():
    plan = dated_plan()
    found = do_now(plan, date(2027, 2, 10))
    assert [s.kind for s in found.steps] == ["usce"]
    # Past the arranging: the next date is the next of the Match's.
    assert found.deadline.text == "ERAS opens"
    assert found.deadline.day == date.fromisoformat(plan["calendar"]["eras_opens"])


def test_a_month_no_step_covers_names_the_next_start():
    plan = dated_plan()
    plan["steps"] = [s for s in plan["steps"] if s["kind"] != "arrange_us_time"]
    found = do_now(plan, date(2026, 11, 5))
    assert found.starting_later and found.starts == "Jan 2027"
    assert [s.kind for s in found.steps] == ["usce"]


def test_no_box_for_an_undated_plan_or_one_left_behind():
    assert do_now(NUMBERED_PLAN, date(2026, 11, 5)) is None
    assert do_now(dated_plan(), date(2031, 1, 1)) is None


@pytest.mark.django_db
def test_the_box_sits_under_the_headline_and_names_the_first_step(client):
    from tests.profiles.factories import make_profile

    with time_machine.travel(date(2026, 12, 7)):
        profile = make_profile(graduation_year=2025, months_available_in_us=6)
        body = client.get(reverse("profiles:result", args=[profile.token])).content.decode()
    first = profile.assessment["plan"]["steps"][0]
    box = body.split("data-do-now>", 1)[1].split("</section>", 1)[0]
    assert body.index("data-do-now>") < body.index('id="plan-heading"')
    assert "this month, Dec 2026" in box
    assert first["title"] in box
    assert "Next date to keep:" in box
