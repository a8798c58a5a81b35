"""The dated plan on the result page in a real browser: phone and desktop, with and
without JavaScript, and the calendar download."""

import pytest
from icalendar import Calendar
from playwright.sync_api import expect

from profiles.plan_page import day_label
from tests.e2e.test_journey import DESKTOP, assert_fits_width, serious_violations
from tests.profiles.factories import make_profile
from tests.profiles.test_plan_calendar import expected_events

PHONE_SE = {"width": 375, "height": 812}


@pytest.fixture
def applicant():
    # No USCE, no Step 2 CK, OET and Pathway still to do: a plan with most kinds of step.
    return make_profile(graduation_year=2025, usce_hands_on_weeks=2, months_available_in_us=6)


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("viewport", [PHONE_SE, DESKTOP], ids=["375", "1280"])
def test_timeline_shows_real_months_and_match_day(
    browser, live_server, screenshot, applicant, viewport, javascript
):
    plan = applicant.assessment["plan"]
    match_day = day_label(plan["calendar"]["match_day"])
    context = browser.new_context(java_script_enabled=javascript, viewport=viewport)
    page = context.new_page()
    page.goto(f"{live_server.url}/p/{applicant.token}/")

    timeline = page.locator(".timeline")
    expect(timeline).to_be_visible()
    expect(page.locator(".timeline-step")).to_have_count(len(plan["steps"]))
    match_step = page.locator('.timeline-step[data-kind="match"]')
    expect(match_step).to_contain_text(f"Match Day: {match_day}")
    expect(page.locator('.timeline-step[data-kind="apply"]')).to_contain_text("Application month")
    expect(page.locator('.timeline-step[data-kind="interviews"]')).to_contain_text(
        "Interview season"
    )
    expect(page.locator('.timeline-step[data-kind="usce"] .badge-in-us')).to_be_visible()
    expect(page.locator("[data-us-months]")).to_contain_text("in the US")
    if plan["calendar"]["provisional"]:
        expect(page.locator("[data-estimate]")).to_contain_text(
            "Dates estimated from the usual calendar; check ERAS and NRMP"
        )
    expect(page.get_by_role("link", name="Add to calendar (.ics)")).to_be_visible()
    assert_fits_width(page)
    name = f"plan-{viewport['width']}-{'js' if javascript else 'nojs'}"
    screenshot(page, name)
    page.locator("section.plan").screenshot(path=screenshot.path(f"{name}-plan-only"))
    if javascript:
        assert serious_violations(page) == []
    context.close()


def test_add_to_calendar_downloads_the_plan(page, live_server, applicant):
    page.set_viewport_size(DESKTOP)
    page.goto(f"{live_server.url}/p/{applicant.token}/")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Add to calendar (.ics)").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".ics")
    with open(download.path(), "rb") as ics:
        parsed = Calendar.from_ical(ics.read())
    plan = applicant.assessment["plan"]
    events = list(parsed.walk("VEVENT"))
    # A start per step, the day US time is booked by, and the dated deadlines: ERAS
    # opens, submissions, the rank list, Match Week and Match Day (ResidencyCAS adds one).
    assert len(events) == expected_events(plan)
    match_days = [
        e for e in events if str(e["summary"]).startswith(f"Match Day {plan['target_match']}")
    ]
    assert [e.decoded("dtstart").isoformat() for e in match_days] == [plan["calendar"]["match_day"]]


def test_printed_page_keeps_the_timeline(page, live_server, applicant, screenshot):
    page.set_viewport_size({"width": 800, "height": 1100})  # about an A4 page
    page.goto(f"{live_server.url}/p/{applicant.token}/")
    page.emulate_media(media="print")
    screenshot(page, "plan-print")
    expect(page.locator(".timeline")).to_be_visible()
    expect(page.locator('.timeline-step[data-kind="match"]')).to_be_visible()
    expect(page.get_by_role("link", name="Add to calendar (.ics)")).to_be_hidden()


def test_plan_questions_in_the_wizard(page, live_server, screenshot):
    page.set_viewport_size(PHONE_SE)
    page.goto(f"{live_server.url}/start/?reset=1")
    page.locator("#id_goals-specialty").select_option("psychiatry")
    page.locator("#id_goals-graduation_year").fill("2024")
    page.locator("input[name='goals-student'][value='no']").check()
    page.locator("input[name='goals-career_goal'][value='undecided']").check()
    page.get_by_role("button", name="Next").click()
    expect(page.locator("#step-heading")).to_have_text("Exams and recent work")
    page.get_by_role("button", name="Next").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Have you passed USMLE Step 1?: Answer yes or no.")
    assert_fits_width(page)
    screenshot(page, "wizard-exams-phone")
    for question, answer in (
        ("step1_passed", "no"),
        ("oet_passed", "yes"),
        ("pathway_met", "no"),
        ("clinically_active", "yes"),
    ):
        page.locator(f"input[name='exams-{question}'][value='{answer}']").check()
    for heading in ("US clinical experience", "Research", "Money, visa and time"):
        page.get_by_role("button", name="Next").click()
        expect(page.locator("#step-heading")).to_have_text(heading)
    earliest = page.get_by_label("The earliest I can reach (recommended)")
    expect(earliest).not_to_be_checked()  # ask, don't assume
    earliest.check()
    page.locator("input[name='logistics-budget'][value='moderate']").check()
    page.locator("#id_logistics-visa").select_option("other")
    # Asked with this visa, and never assumed.
    page.locator("#id_logistics-visa_wait_months").fill("2")
    page.locator("#id_logistics-months_available_in_us").fill("6")
    assert_fits_width(page)
    screenshot(page, "wizard-logistics-phone")
    page.get_by_role("button", name="Check my answers").click()
    page.get_by_role("button", name="See my advice").click()
    expect(page.locator('.timeline-step[data-kind="exam"]').first).to_contain_text("Step 1")
