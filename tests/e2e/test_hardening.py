"""Refusals a person can meet in the browser are shown, with JavaScript and without."""

import pytest
from playwright.sync_api import expect

from profiles.models import Profile
from tests.e2e.journey import fill_wizard


@pytest.mark.parametrize("javascript", [True, False])
def test_the_hourly_profile_limit_is_shown_and_keeps_the_answers(
    browser, live_server, settings, javascript, screenshot
):
    settings.PROFILES_PER_ADDRESS = 0
    page = browser.new_page(java_script_enabled=javascript)
    fill_wizard(page, live_server.url, see_advice=False)
    page.get_by_role("button", name="See my advice").click()
    summary = page.locator(".error-summary")
    expect(summary).to_contain_text("Too many new profiles were made from your network")
    expect(summary).to_contain_text("There is a problem")
    expect(page.get_by_text("Too many new profiles")).to_have_count(1)  # said once
    expect(page.locator("[data-answer='months_available_in_us']")).to_have_text("12 months")
    screenshot(page, f"profile-limit-js-{javascript}")
    assert not Profile.objects.exists()
    settings.PROFILES_PER_ADDRESS = 60
    page.get_by_role("button", name="See my advice").click()
    expect(page.locator("[data-priority]")).to_be_visible()
    assert Profile.objects.count() == 1
    page.close()


def test_a_failed_htmx_request_says_so(page, live_server):
    page.goto(f"{live_server.url}/start/?reset=1")
    page.route(
        "**/start/goals/",
        lambda route: (
            route.fulfill(status=500, body="boom")
            if route.request.method == "POST"
            else route.continue_()
        ),
    )
    page.get_by_role("button", name="Next").click()
    expect(page.locator("#request-failed")).to_contain_text("Something went wrong on our side")
