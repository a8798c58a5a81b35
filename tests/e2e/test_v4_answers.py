"""The answers of advice rules v4 in a browser, typed as people type them, with and
without JavaScript: a month, a count with its unit, a year, a country by name, and
the questions asked only for some visas."""

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from profiles.models import Profile
from tests.e2e.test_journey import DESKTOP, PHONE, assert_fits_width, serious_violations
from tests.profiles.factories import make_profile

SIZES = {"phone": PHONE, "desktop": DESKTOP}


def question(page: Page, name: str):
    """The wrapper of one question (label, input, help, error), as answers.js hides it."""
    return page.locator(f"#div_id_{name}")


def answer(page: Page, name: str, value: str) -> None:
    page.locator(f"input[name='{name}'][value='{value}']").check()


def next_step(page: Page, heading: str) -> None:
    page.get_by_role(
        "button", name="Check my answers" if heading == "Check your answers" else "Next"
    ).click()
    expect(page.locator("#step-heading")).to_have_text(heading)


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
@pytest.mark.parametrize("size", list(SIZES))
def test_the_v4_answers_typed_as_people_type_them(
    browser, live_server, javascript, size, screenshot
):
    this_year = timezone.now().year
    context = browser.new_context(java_script_enabled=javascript, viewport=SIZES[size])
    page = context.new_page()
    shot = f"v4-{size}-{'js' if javascript else 'nojs'}"
    page.goto(f"{live_server.url}/start/?reset=1")

    page.locator("#id_goals-specialty").select_option("internal-medicine")
    page.locator("#id_goals-graduation_year").fill(str(this_year - 2))
    answer(page, "goals-student", "no")
    answer(page, "goals-career_goal", "community")
    next_step(page, "Exams and recent work")

    for name in ("step1_passed", "oet_passed", "clinically_active"):
        answer(page, f"exams-{name}", "yes")
    answer(page, "exams-pathway_met", "no")
    if javascript:  # the month goes with a score: asked once there is one
        expect(question(page, "exams-step2_ck_taken")).to_be_hidden()
    page.locator("#id_exams-step2_ck").fill("245")
    expect(question(page, "exams-step2_ck_taken")).to_be_visible()
    page.locator("#id_exams-step2_ck_taken").fill("03/2024")
    page.locator("#id_exams-exam_failures").fill("1 attempt")
    assert_fits_width(page)
    screenshot(page, f"{shot}-exams")
    next_step(page, "US clinical experience")

    page.locator("#id_usce-usce_hands_on_weeks").fill("6 weeks")
    expect(question(page, "usce-usce_last_year")).to_be_visible()
    page.locator("#id_usce-usce_last_year").fill(str(this_year - 1))
    screenshot(page, f"{shot}-usce")
    next_step(page, "Research")
    next_step(page, "Money, visa and time")

    wait, post = (
        question(page, "logistics-visa_wait_months"),
        question(page, "logistics-in_us_research_post"),
    )
    page.locator("#id_logistics-visa").select_option("j1")
    if javascript:  # the wait for a visitor visa is not asked of someone on a J-1
        expect(wait).to_be_hidden()
        expect(post).to_be_visible()
    page.locator("#id_logistics-visa").select_option("b1b2")
    if javascript:
        expect(wait).to_be_visible()
        expect(post).to_be_hidden()
    else:  # everything is shown; what the visa does not ask is ignored
        expect(post).to_be_visible()
        answer(page, "logistics-in_us_research_post", "yes")
    page.locator("#id_logistics-visa_wait_months").fill("2 months")
    expect(wait.get_by_role("link", name="Visa appointment wait times")).to_have_attribute(
        "href",
        "https://travel.state.gov/content/travel/en/us-visas/visa-information-resources/"
        "global-visa-wait-times.html",
    )
    citizenship = page.locator("#id_logistics-citizenship")
    expect(question(page, "logistics-citizenship")).to_contain_text("used for nothing else")
    expect(page.locator("#id_logistics-citizenship_list option[value='Nigeria']")).to_have_count(1)
    citizenship.fill("nigeria")
    answer(page, "logistics-budget", "moderate")
    page.locator("#id_logistics-months_available_in_us").fill("6")
    assert_fits_width(page)
    screenshot(page, f"{shot}-logistics")
    next_step(page, "Check your answers")

    for name, shown in {
        "student": "No",
        "step2_ck_taken": "Mar 2024",
        "exam_failures": "1",
        "usce_last_year": str(this_year - 1),
        "visa": "B1/B2 visitor visa",
        "visa_wait_months": "2 months",
        "citizenship": "Nigeria",
    }.items():
        expect(page.locator(f"[data-answer='{name}']")).to_have_text(shown)
    expect(page.locator("[data-answer='in_us_research_post']")).to_have_count(0)
    screenshot(page, f"{shot}-check")
    if javascript:
        assert serious_violations(page) == []
    page.get_by_role("button", name="See my advice").click()
    expect(page.locator("[data-priority]")).to_be_visible()
    expect(page.locator(".answers-used [data-answer='citizenship']")).to_have_text("Nigeria")
    context.close()

    profile = Profile.objects.get()
    assert (profile.step2_ck_taken, profile.exam_failures, profile.citizenship) == (
        "2024-03",
        1,
        "NG",
    )
    assert (profile.visa, profile.visa_wait_months, profile.in_us_research_post) == (
        "b1b2",
        2,
        False,
    )


def test_a_month_or_country_nobody_can_read_is_refused_on_its_field(page, live_server):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/start/?reset=1")
    page.locator("#id_goals-specialty").select_option("internal-medicine")
    page.locator("#id_goals-graduation_year").fill("2022")
    answer(page, "goals-student", "no")
    answer(page, "goals-career_goal", "community")
    next_step(page, "Exams and recent work")
    for name in ("step1_passed", "oet_passed", "pathway_met", "clinically_active"):
        answer(page, f"exams-{name}", "yes")
    page.locator("#id_exams-step2_ck").fill("245")
    page.locator("#id_exams-step2_ck_taken").fill("last spring")
    page.get_by_role("button", name="Next").click()
    error = question(page, "exams-step2_ck_taken").locator(".invalid-feedback")
    expect(error).to_contain_text("Enter the month and year you took Step 2 CK, like 03/2024")
    expect(page.locator("#id_exams-step2_ck")).to_have_value("245")  # nothing else lost
    expect(page.locator("#id_exams-step2_ck_taken")).to_have_value("last spring")


def test_the_what_if_panel_asks_what_the_visa_tried_asks(page, live_server):
    profile = make_profile(visa="j1", in_us_research_post=True, citizenship="NG")
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/p/{profile.token}/")
    panel = page.locator("#what-if-panel")
    panel.locator("#what-if-logistics summary").click()
    wait = question(page, "visa_wait_months")
    expect(wait).to_be_hidden()
    expect(panel.locator("#id_citizenship")).to_have_value("Nigeria")
    panel.locator("#id_visa").select_option("b1b2")
    expect(wait).to_be_visible()
    expect(question(page, "in_us_research_post")).to_be_hidden()
    panel.locator("#id_visa_wait_months").fill("4 months")
    expect(panel.get_by_role("button", name="Save these answers to my profile")).to_be_enabled()
    panel.get_by_role("button", name="Save these answers to my profile").click()
    expect(page.get_by_text("Saved. Your advice below now uses these answers.")).to_be_visible()
    profile.refresh_from_db()
    assert (profile.visa, profile.visa_wait_months, profile.in_us_research_post) == (
        "b1b2",
        4,
        False,
    )
