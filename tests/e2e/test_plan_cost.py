"""What the plan costs, in a real browser at 390 px: the total is read, the items open
(a <details>, so with JavaScript off too), and the page still fits the phone."""

import re

import pytest
from playwright.sync_api import expect

from profiles.cost_page import money
from tests.e2e.test_journey import assert_fits_width, serious_violations
from tests.profiles.factories import make_profile

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def tight_graduate():
    return make_profile(
        specialty="family-medicine",
        graduation_year=2019,
        clinically_active=True,
        step2_ck=230,
        oet_passed=False,
        pathway_met=False,
        months_available_in_us=3,
        budget="tight",
        visa="b1b2",
        visa_wait_months=3,
    )


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_the_total_is_read_and_the_items_open_on_a_phone(
    browser, live_server, screenshot, tight_graduate, javascript
):
    cost = tight_graduate.assessment["plan"]["cost"]
    context = browser.new_context(java_script_enabled=javascript, viewport=PHONE)
    page = context.new_page()
    page.goto(f"{live_server.url}/p/{tight_graduate.token}/")

    section = page.locator("[data-plan-cost]")
    section.scroll_into_view_if_needed()
    expect(section.locator("[data-cost-total]")).to_have_text(money(cost["low"], cost["high"]))
    expect(section.locator("[data-cheapest]")).to_contain_text(money(cost["low"], cost["low"]))
    items = section.locator("[data-cost-item]")
    expect(items.first).to_be_hidden()  # on request only
    section.get_by_text(re.compile(r"What the total is made of")).click()
    expect(items).to_have_count(len(cost["items"]))
    expect(items.first).to_be_visible()
    first = cost["items"][0]
    expect(items.first).to_contain_text(first["what"])
    expect(items.first).to_contain_text(money(first["low"], first["high"]))
    expect(items.first.get_by_role("link", name="Source")).to_have_attribute(
        "href", first["source_url"]
    )
    assert_fits_width(page)
    name = f"cost-390-{'js' if javascript else 'nojs'}"
    section.screenshot(path=screenshot.path(name))
    if javascript:
        assert serious_violations(page) == []
    context.close()


def test_the_printout_carries_the_total_and_every_item(page, live_server, tight_graduate):
    cost = tight_graduate.assessment["plan"]["cost"]
    page.set_viewport_size({"width": 800, "height": 1100})  # about an A4 page
    page.goto(f"{live_server.url}/p/{tight_graduate.token}/")
    page.emulate_media(media="print")
    section = page.locator("[data-plan-cost]")
    expect(section.locator("[data-cost-total]")).to_have_text(money(cost["low"], cost["high"]))
    # Closed on screen, the items are on paper all the same.
    items = section.locator("[data-cost-item]")
    expect(items).to_have_count(len(cost["items"]))
    for index in range(len(cost["items"])):
        expect(items.nth(index)).to_be_visible()
