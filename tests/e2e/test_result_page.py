"""The result page in a browser: what-if in place, sharing, deleting, phone layout."""

import re

from playwright.sync_api import expect

from profiles.models import Profile
from tests.e2e.test_journey import PHONE, assert_fits_width, serious_violations
from tests.profiles.factories import make_profile


def test_share_toggle_and_delete(page, live_server, screenshot):
    profile = make_profile(graduation_year=2025)
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/p/{profile.token}/")
    assert_fits_width(page)
    screenshot(page, "result-phone")
    assert serious_violations(page) == []
    page.get_by_label("Let advisors on this site see my answers and advice").check()
    expect(page.locator("#sharing")).to_contain_text("Shared: advisors can see this profile.")
    profile.refresh_from_db()
    assert profile.shared_with_advisors

    page.get_by_role("link", name="Delete my profile").click()
    page.get_by_role("button", name="Yes, delete it").click()
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.get_by_role("status").first).to_contain_text("deleted")
    assert not Profile.objects.exists()


def test_printed_page_has_the_advice_and_no_controls(page, live_server):
    profile = make_profile(graduation_year=2025)
    page.goto(f"{live_server.url}/p/{profile.token}/")
    page.emulate_media(media="print")
    expect(page.locator("[data-priority]")).to_be_visible()
    expect(page.locator(".what-if")).to_be_hidden()
    expect(page.locator(".site-header")).to_be_hidden()
    last_answer = page.locator("details.faq p").last
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    expect(last_answer).to_be_visible()
