""" "Do this now" on a phone: on the first screen for different applicants, naming the
month the plan's first step starts."""

import re
from datetime import date

import pytest
import time_machine
from playwright.sync_api import expect

from advisor.engine.calendar import month_index, month_label
from tests.e2e.test_journey import assert_fits_width
from tests.profiles.factories import make_profile

PHONE = {"width": 390, "height": 844}
# Five different applicants, each with every question that changes the advice answered.
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
    "student": {
        "student": True,
        "graduation_year": 2027,
        "step1_passed": False,
        "months_available_in_us": 4,
    },
    "ready": {
        "usce_hands_on_weeks": 12,
        "us_clinical_letters": 3,
        "usce_last_year": 2026,
        "step2_ck": 250,
        "oet_passed": True,
        "pathway_met": True,
        "months_available_in_us": 3,
    },
    "citizen-em": {
        "specialty": "emergency-medicine",
        "visa": "citizen_or_resident",
        "usce_hands_on_weeks": 4,
        "us_clinical_letters": 1,
        "months_available_in_us": 6,
    },
}

# Words a reader meets before the plan's heading: visible text only, in page order.
WORDS_BEFORE_PLAN = """() => {
  const plan = document.querySelector('#plan-heading');
  const walker = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
  let words = 0, node;
  while ((node = walker.nextNode())) {
    if (!(plan.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_PRECEDING)) break;
    const el = node.parentElement;
    if (el && el.getClientRects().length && getComputedStyle(el).visibility !== 'hidden') {
      words += node.textContent.trim().split(/\\s+/).filter(Boolean).length;
    }
  }
  return words;
}"""


@pytest.mark.parametrize("who", sorted(APPLICANTS))
def test_do_this_now_and_the_first_step_are_on_the_first_screen(
    browser, live_server, screenshot, who
):
    # The server's clock too: "this month" is the month the plan starts, on any day.
    with time_machine.travel(date(2026, 12, 7), tick=True):
        profile = make_profile(**APPLICANTS[who])
        first = profile.assessment["plan"]["steps"][0]
        context = browser.new_context(viewport=PHONE)
        page = context.new_page()
        page.goto(f"{live_server.url}/p/{profile.token}/")
        box = page.locator("[data-do-now]")
        expect(box).to_be_visible()
        # Headline, then "Do this now", then the plan: both whole on the first screen,
        # down to the first dated step's title.
        headline = page.locator("h1").bounding_box()
        found = box.bounding_box()
        step = page.locator(".timeline-step").first.locator("h3").bounding_box()
        assert headline["y"] < found["y"] < step["y"]
        assert found["y"] + found["height"] <= PHONE["height"], found
        assert step["y"] + step["height"] <= PHONE["height"], step
        start = month_label(month_index(first["start"]))
        assert start == "Dec 2026"
        expect(box.locator("#do-now-heading")).to_contain_text(f"this month, {start}")
        expect(box.locator("[data-do-now-step]").first).to_contain_text(first["title"])
        words = page.evaluate(WORDS_BEFORE_PLAN)
        assert 0 < words < 150, words
        # What follows the plan is folded, and reached from the links under the box.
        expect(page.locator("#scores")).not_to_have_attribute("open", "")
        page.get_by_role("navigation", name="On this page").get_by_role(
            "link", name="Where you stand"
        ).click()
        expect(page.locator("#scores")).to_have_attribute("open", "")
        assert_fits_width(page)
        page.screenshot(path=screenshot.path(f"do-now-390-{who}"))
        context.close()


@pytest.mark.parametrize("who", sorted(APPLICANTS))
def test_the_printout_is_two_pages_at_most(browser, live_server, who):
    """On paper: the action, the dated plan, what it costs and the link; nothing else."""
    with time_machine.travel(date(2026, 12, 7), tick=True):
        profile = make_profile(**APPLICANTS[who])
        page = browser.new_page()
        page.goto(f"{live_server.url}/p/{profile.token}/")
        page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
        pdf = page.pdf(format="A4")
        page.emulate_media(media="print")
        printed = page.locator("main").inner_text()
        page.close()
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 1 <= pages <= 2, pages
    assert f"/p/{profile.token}/" in printed
    assert "Do this now" in printed
    assert "What this plan costs" in printed
    assert profile.assessment["plan"]["steps"][0]["title"] in printed
    for left_out in ("Where you stand", "Questions people in your position ask", "What if"):
        assert left_out not in printed
