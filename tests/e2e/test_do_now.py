""" "Do this now" on a phone: on the first screen for different applicants, naming the
month the plan's first step starts."""

from datetime import date

import pytest
import time_machine
from playwright.sync_api import expect

from advisor.engine.calendar import month_index, month_label
from tests.e2e.test_journey import assert_fits_width
from tests.profiles.factories import make_profile

PHONE = {"width": 390, "height": 844}
APPLICANTS = {
    "no-usce": {"graduation_year": 2025, "months_available_in_us": 6},
    "tight-budget": {
        "specialty": "family-medicine",
        "graduation_year": 2019,
        "budget": "tight",
        "visa": "b1b2",
        "visa_wait_months": 3,
        "months_available_in_us": 3,
    },
    "student": {"student": True, "graduation_year": 2027, "step1_passed": False},
    "ready": {
        "usce_hands_on_weeks": 12,
        "us_clinical_letters": 3,
        "usce_last_year": 2026,
        "step2_ck": 250,
        "oet_passed": True,
        "pathway_met": True,
    },
    "citizen-em": {
        "specialty": "emergency-medicine",
        "visa": "citizen_or_resident",
        "usce_hands_on_weeks": 4,
        "us_clinical_letters": 1,
    },
}


@pytest.mark.parametrize("who", sorted(APPLICANTS))
def test_do_this_now_comes_first_after_the_link(browser, live_server, screenshot, who):
    # The server's clock too: "this month" is the month the plan starts, on any day.
    with time_machine.travel(date(2026, 12, 7), tick=True):
        profile = make_profile(**APPLICANTS[who])
        first = profile.assessment["plan"]["steps"][0]
        context = browser.new_context(viewport=PHONE)
        page = context.new_page()
        page.goto(f"{live_server.url}/p/{profile.token}/")
        box = page.locator("[data-do-now]")
        expect(box).to_be_visible()
        # Right under the private link (which keeps the first screen: the only way
        # back), before anything else the page says.
        heading = page.locator("#do-now-heading").bounding_box()
        link = page.get_by_role("textbox", name="Your private link").bounding_box()
        why = page.locator("#why-heading").bounding_box()
        assert link["y"] < heading["y"] < why["y"]
        assert heading["y"] < PHONE["height"] * 1.2, heading  # a short scroll at most
        start = month_label(month_index(first["start"]))
        assert start == "Dec 2026"
        expect(box).to_contain_text(f"This month ({start})")
        expect(box.locator("[data-do-now-step]").first).to_contain_text(first["title"])
        assert_fits_width(page)
        page.screenshot(path=screenshot.path(f"do-now-390-{who}"))
        context.close()
