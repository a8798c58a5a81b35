"""A new visitor from the home page to their advice, with and without JavaScript."""

import io
import json
import re
from unittest import mock

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from playwright.sync_api import expect

from advisor.engine.assessment import assessment_from_data
from advisor.selectors import match_calendar, weightings_by_slug
from profiles.models import Profile
from tests.e2e.journey import EXPECTED, fill_wizard

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def expected_assessment():
    return assessment_from_data(
        EXPECTED, weightings=weightings_by_slug(), calendar=match_calendar()
    )[1]


def assess_command(profile: dict) -> dict:
    """What `manage.py assess` prints for one profile."""
    out = io.StringIO()
    with mock.patch("sys.stdin", io.StringIO(json.dumps(profile) + "\n")):
        call_command("assess", stdout=out)
    return json.loads(out.getvalue())


def assert_fits_width(page):
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"page is {overflow}px wider than the screen"


def serious_violations(page):
    results = Axe().run(page)
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes)"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_journey_with_javascript_swaps_steps_in_place(page, live_server, screenshot):
    page.set_viewport_size(DESKTOP)
    page.goto(live_server.url)
    page.get_by_role("link", name="Start: get my advice").click()
    expect(page.locator("#step-heading")).to_have_text("Your target")
    page.evaluate("window.stillSamePage = true")

    def check_no_reload(step):
        assert page.evaluate("window.stillSamePage === true"), f"full page load before {step}"

    fill_wizard(page, live_server.url, after_step=check_no_reload, navigate=False)
    expected = expected_assessment()
    expect(page.locator("[data-priority]")).to_have_attribute("data-priority", expected.priority)
    expect(page.locator("[data-scenario]")).to_have_attribute(
        "data-scenario", expected.scenario or ""
    )
    profile = Profile.objects.get()
    assert page.url == f"{live_server.url}/p/{profile.token}/"
    assert profile.assessment["scores"] == expected.scores.as_dict()
    screenshot(page, "result-desktop")
    assert serious_violations(page) == []


def test_journey_without_javascript(browser, live_server, screenshot):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(live_server.url)
    page.get_by_role("link", name="Start: get my advice").click()
    fill_wizard(page, live_server.url, navigate=False)
    expected = expected_assessment()
    expect(page.locator("[data-priority]")).to_have_attribute("data-priority", expected.priority)
    assert_fits_width(page)
    screenshot(page, "result-phone-nojs")
    context.close()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_back_and_reload_keep_answers(browser, live_server, javascript):
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    page.goto(f"{live_server.url}/start/?reset=1")
    page.locator("#id_goals-specialty").select_option("neurology")
    page.locator("#id_goals-graduation_year").fill("2020")
    page.locator("input[name='goals-student'][value='no']").check()
    page.locator("input[name='goals-career_goal'][value='undecided']").check()
    page.get_by_role("button", name="Next").click()
    expect(page).to_have_url(re.compile(r"/start/exams/$"))
    page.locator("#id_exams-step2_ck").fill("238")
    for question in ("step1_passed", "oet_passed", "pathway_met", "clinically_active"):
        page.locator(f"input[name='exams-{question}'][value='yes']").check()
    page.get_by_role("button", name="Next").click()
    expect(page).to_have_url(re.compile(r"/start/usce/$"))

    page.go_back()
    expect(page).to_have_url(re.compile(r"/start/exams/$"))
    expect(page.locator("#id_exams-step2_ck")).to_have_value("238")
    expect(page.locator("input[name='exams-oet_passed'][value='yes']")).to_be_checked()
    page.reload()
    expect(page.locator("#id_exams-step2_ck")).to_have_value("238")

    page.get_by_role("button", name="Back").click()
    expect(page).to_have_url(re.compile(r"/start/goals/$"))
    expect(page.locator("#id_goals-graduation_year")).to_have_value("2020")
    expect(page.locator("#id_goals-specialty")).to_have_value("neurology")
    context.close()


def test_errors_are_announced_and_keep_input(page, live_server, screenshot):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/start/?reset=1")
    page.locator("#id_goals-graduation_year").fill("1700")
    page.get_by_role("button", name="Next").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Target specialty")
    expect(summary).to_contain_text("Year you graduated from medical school")
    expect(page.locator("#id_goals-graduation_year")).to_have_value("1700")
    expect(summary).to_be_focused()
    assert_fits_width(page)
    screenshot(page, "wizard-error-phone")
    assert serious_violations(page) == []


def test_keyboard_only(page, live_server):
    page.goto(f"{live_server.url}/start/?reset=1")

    def tab_to(selector):
        for _ in range(60):
            page.keyboard.press("Tab")
            if page.evaluate("(s) => document.activeElement.matches(s)", selector):
                return
        raise AssertionError(f"could not reach {selector} with Tab")

    tab_to("#id_goals-specialty")
    page.keyboard.type("Psychiatry")
    tab_to("#id_goals-career_goal_0")  # Tab enters a radio group on its first button
    page.keyboard.press("Space")
    tab_to("#id_goals-graduation_year")
    page.keyboard.type("2024")
    tab_to("#id_goals-student_0")  # Tab enters the radio group on "Yes"; an arrow picks "No"
    page.keyboard.press("ArrowDown")
    tab_to("button[type=submit]:not([name])")
    page.keyboard.press("Enter")
    expect(page.locator("#step-heading")).to_have_text("Exams and recent work")
    for question in ("step1_passed", "oet_passed", "pathway_met", "clinically_active"):
        tab_to(f"#id_exams-{question}_0")  # Tab enters a radio group on its first button
        page.keyboard.press("Space")
    for next_heading in ("US clinical experience", "Research", "Money, visa and time"):
        tab_to("input[inputmode]")  # the defaults are fine: just submit
        page.keyboard.press("Enter")
        expect(page.locator("#step-heading")).to_have_text(next_heading)
    # Asked with nothing chosen: money, visa and months are answered, never assumed.
    tab_to("#id_logistics-budget_0")
    page.keyboard.press("Space")
    tab_to("#id_logistics-visa")
    page.keyboard.press("ArrowDown")  # from "Choose one" to the first status listed
    tab_to("#id_logistics-months_available_in_us")
    page.keyboard.type("6")
    page.keyboard.press("Enter")
    expect(page.locator("#step-heading")).to_have_text("Check your answers")
    tab_to("button[type=submit]:not([name])")
    page.keyboard.press("Enter")
    expect(page.locator("[data-priority]")).to_have_attribute("data-priority", "usce_first")
    assert Profile.objects.get().specialty.slug == "psychiatry"


def test_home_and_method_look_finished(page, live_server, screenshot):
    for size, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
        page.set_viewport_size(viewport)
        page.goto(live_server.url)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert_fits_width(page)
        screenshot(page, f"home-{size}")
        assert serious_violations(page) == []
    page.goto(f"{live_server.url}/method/")
    assert serious_violations(page) == []
