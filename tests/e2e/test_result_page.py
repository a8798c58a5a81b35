"""The result page in a browser: what-if in place, sharing, deleting, phone layout."""

import re

from playwright.sync_api import expect

from profiles.models import AdvisingGroup, Profile
from tests.e2e.test_journey import PHONE, assert_fits_width, serious_violations
from tests.profiles.factories import make_profile


def test_share_with_a_group_withdraw_read_only_link_and_delete(page, live_server, screenshot):
    group = AdvisingGroup.objects.create(name="Cairo mentors")
    profile = make_profile(graduation_year=2025)
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/p/{profile.token}/")
    assert_fits_width(page)
    screenshot(page, "result-phone")
    assert serious_violations(page) == []
    code = page.get_by_label("Share with an advising group: its code")
    code.fill("K7QM-3XP")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator("#id_code")).to_have_value("K7QM-3XP")  # kept as typed
    expect(page.locator(".invalid-feedback")).to_contain_text("is not a group code")
    page.locator("#id_code").fill(group.join_code_display)
    page.get_by_role("button", name="Continue").click()
    assert_fits_width(page)
    page.get_by_role("button", name="Share with Cairo mentors").click()
    expect(page.locator("[data-shares]")).to_contain_text("Cairo mentors")
    assert profile.shares.get().group == group
    page.get_by_role("button", name="Stop sharing with Cairo mentors").click()
    expect(page.locator("#sharing")).to_contain_text("Not shared")
    assert not profile.shares.exists()

    page.get_by_label("Who is it for?").fill("Dr Rahman, my mentor")
    page.get_by_role("button", name="Make the link").click()
    link = page.get_by_label("Read-only link for Dr Rahman, my mentor").input_value()
    screenshot(page, "result-sharing-phone")
    reader = page.context.browser.new_page()
    reader.goto(link)
    expect(reader.locator("[data-priority]")).to_be_visible()
    expect(reader.get_by_role("link", name="Edit my answers")).to_have_count(0)
    expect(reader.locator("#what-if-panel")).to_have_count(0)
    reader.close()
    page.get_by_role("button", name="Revoke the link for Dr Rahman, my mentor").click()
    assert not profile.read_only_links.exists()

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
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    # Paper keeps the action, the plan and its cost (items open); the questions,
    # scores and examples stay on the screen.
    expect(page.locator("[data-do-now]")).to_be_visible()
    expect(page.locator(".timeline-step").first).to_be_visible()
    expect(page.locator("[data-cost-item]").first).to_be_visible()
    expect(page.locator("details.faq").first).to_be_hidden()
    expect(page.locator("#scores-heading")).to_be_hidden()
