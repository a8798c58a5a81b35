"""The applicant's answers in a browser: typed as people type them, read back before
the advice, changed from the summary, never erased or repeated without a word."""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from profiles.models import Profile
from tests.e2e.journey import fill_wizard
from tests.e2e.test_journey import DESKTOP, PHONE, assert_fits_width, serious_violations
from tests.profiles.factories import make_profile


def field_error(page: Page, field_id: str):
    """The message shown under one field (crispy's invalid-feedback for that input)."""
    return (
        page.locator(f"#{field_id}")
        .locator("xpath=ancestor::div[starts-with(@id, 'div_id_')][1]")
        .locator(".invalid-feedback")
    )


def refused(page: Page, field_id: str, typed: str, says: str) -> None:
    page.locator(f"#{field_id}").fill(typed)
    page.get_by_role("button", name=re.compile("^(Next|Check my answers)$")).click()
    expect(field_error(page, field_id)).to_contain_text(says)
    expect(field_error(page, field_id)).to_contain_text(f"\u201c{typed.strip()}\u201d")
    expect(page.locator(f"#{field_id}")).to_have_value(typed)  # as typed, never changed
    expect(page.locator(".error-summary")).to_be_focused()
    expect(page).to_have_title(re.compile(r"^Error: .* \(step \d of 5\) · IMG Pathway Advisor$"))


def test_numbers_are_read_as_meant_or_refused_on_their_field(page, live_server, screenshot):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/start/?reset=1")
    page.locator("#id_goals-specialty").select_option("internal-medicine")
    page.get_by_role("button", name="Next").click()
    expect(field_error(page, "id_goals-graduation_year")).to_have_text(
        "Enter the year you graduated (or will graduate)."
    )
    page.locator("#id_goals-graduation_year").fill("2021")
    page.locator("input[name='goals-student'][value='no']").check()
    page.locator("input[name='goals-career_goal'][value='undecided']").check()
    page.get_by_role("button", name="Next").click()
    expect(page).to_have_title("Exams and recent work (step 2 of 5) · IMG Pathway Advisor")

    for question in ("step1_passed", "oet_passed", "pathway_met"):
        page.locator(f"input[name='exams-{question}'][value='yes']").check()
    refused(page, "id_exams-step2_ck", "241 (first attempt)", "Enter the Step 2 CK score")
    # The clinical-work question is asked, never assumed from an untouched box.
    expect(page.locator(".error-summary")).to_contain_text(
        "Have you done clinical work in the last 12 months, in any country?: Answer yes or no."
    )
    screenshot(page, "answers-refused-phone")
    assert serious_violations(page) == []
    page.locator("#id_exams-step2_ck").fill("241")
    page.locator("input[name='exams-clinically_active'][value='no']").check()
    page.locator("#id_exams-home_clinical_years").fill("2,5")
    page.get_by_role("button", name="Next").click()
    expect(page).to_have_title("US clinical experience (step 3 of 5) · IMG Pathway Advisor")

    refused(page, "id_usce-usce_hands_on_weeks", "-3", "as 0 or more")
    refused(page, "id_usce-usce_hands_on_weeks", "1e3", "in digits, like 12")
    page.locator("#id_usce-usce_hands_on_weeks").fill("12 weeks")
    page.get_by_role("button", name="Next").click()

    research_question = page.locator("#div_id_research-research_in_target_specialty")
    expect(research_question).to_be_hidden()  # no research output: not asked
    page.locator("#id_research-research_publications").fill("2")
    expect(research_question).to_be_visible()
    page.get_by_role("button", name="Next").click()
    expect(field_error(page, "id_research-research_in_target_specialty_0")).to_contain_text(
        "answer yes or no"
    )
    page.locator("input[name='research-research_in_target_specialty'][value='no']").check()
    page.locator("input[name='research-research_us_based'][value='no']").check()
    page.get_by_role("button", name="Next").click()

    page.locator("#id_logistics-months_available_in_us").fill("\u0663")  # Arabic-Indic 3
    page.locator("input[name='logistics-budget'][value='moderate']").check()
    page.locator("#id_logistics-visa").select_option("other")
    # Asked with this visa, and never assumed.
    page.locator("#id_logistics-visa_wait_months").fill("2")
    page.get_by_role("button", name="Check my answers").click()
    expect(page).to_have_title("Check your answers · IMG Pathway Advisor")
    for name, shown in {
        "step2_ck": "241",
        "home_clinical_years": "2.5 years",
        "usce_hands_on_weeks": "12 weeks",
        "months_available_in_us": "3 months",
        "clinically_active": "No",
        "research_in_target_specialty": "No",
    }.items():
        expect(page.locator(f"[data-answer='{name}']")).to_have_text(shown)
    page.get_by_role("button", name="See my advice").click()
    expect(page.locator("[data-priority]")).to_be_visible()
    profile = Profile.objects.get()
    assert (profile.step2_ck, profile.home_clinical_years) == (241, Decimal("2.5"))
    assert (profile.usce_hands_on_weeks, profile.months_available_in_us) == (12, 3)
    assert (profile.clinically_active, profile.research_in_target_specialty) == (False, False)
    # The result page reads the answers back too, with a way to change them.
    # Folded under the plan: one tap opens them.
    used = page.locator(".answers-used")
    used.get_by_text("Based on your answers").click()
    expect(used.locator("[data-answer='usce_hands_on_weeks']")).to_have_text("12 weeks")
    expect(used.get_by_role("link", name="edit my answers")).to_be_visible()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_check_your_answers_changes_one_answer_and_comes_back(
    browser, live_server, javascript, screenshot
):
    for size, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
        context = browser.new_context(java_script_enabled=javascript, viewport=viewport)
        page = context.new_page()
        fill_wizard(page, live_server.url, see_advice=False)
        expect(page.locator("[data-answer='usce_hands_on_weeks']")).to_have_text("6 weeks")
        assert_fits_width(page)
        screenshot(page, f"check-answers-{size}-js-{javascript}")
        if javascript:  # axe runs in the page, so only where scripts do; the HTML is the same
            assert serious_violations(page) == []

        page.get_by_role("link", name="Change: US clinical experience").click()
        expect(page.locator("#step-heading")).to_have_text("US clinical experience")
        page.locator("#id_usce-usce_hands_on_weeks").fill("10")
        page.get_by_role("button", name="Save and go back to your answers").click()
        expect(page.locator("#step-heading")).to_have_text("Check your answers")
        expect(page.locator("[data-answer='usce_hands_on_weeks']")).to_have_text("10 weeks")

        # Cancel leaves the answer as it was.
        page.get_by_role("link", name="Change: Research").click()
        page.locator("#id_research-research_abstracts").fill("7")
        page.get_by_role("link", name="Cancel").click()
        expect(page.locator("[data-answer='research_abstracts']")).to_have_text("2")

        page.get_by_role("button", name="See my advice").click()
        expect(page.locator("[data-priority]")).to_be_visible()
        context.close()
    assert sorted(Profile.objects.values_list("usce_hands_on_weeks", flat=True)) == [10, 10]


def test_start_over_asks_before_erasing(page, live_server, screenshot):
    page.goto(f"{live_server.url}/start/?reset=1")
    page.locator("#id_goals-specialty").select_option("neurology")
    page.locator("#id_goals-graduation_year").fill("2020")
    page.locator("input[name='goals-student'][value='no']").check()
    page.locator("input[name='goals-career_goal'][value='undecided']").check()
    page.get_by_role("button", name="Next").click()
    expect(page.locator("#step-heading")).to_have_text("Exams and recent work")

    page.get_by_role("link", name="Start over with empty answers").click()
    expect(page.get_by_role("heading", name="Start over with empty answers?")).to_be_visible()
    screenshot(page, "start-over-confirm")
    assert serious_violations(page) == []
    page.get_by_role("link", name="No, go back to my answers").click()
    page.get_by_role("link", name="Your target").click()
    expect(page.locator("#id_goals-graduation_year")).to_have_value("2020")  # nothing lost

    page.get_by_role("link", name="Start over with empty answers").click()
    page.get_by_role("button", name="Yes, erase my answers").click()
    expect(page).to_have_url(f"{live_server.url}/start/goals/")
    expect(page.locator("#id_goals-graduation_year")).to_have_value("")


def test_back_after_finishing_says_there_is_advice_already(page, live_server, screenshot):
    fill_wizard(page, live_server.url)
    result_url = page.url
    page.go_back()
    expect(page.get_by_role("heading", name="You already have advice")).to_be_visible()
    screenshot(page, "already-have-advice")
    assert serious_violations(page) == []
    page.get_by_role("link", name="See my advice").click()
    expect(page).to_have_url(result_url)
    page.go_back()
    page.get_by_role("button", name=re.compile("^Start a new form")).click()
    expect(page).to_have_url(f"{live_server.url}/start/goals/")
    expect(page.locator("#id_goals-specialty")).to_have_value("")
    assert Profile.objects.count() == 1


def test_the_edit_page_sums_up_every_problem_at_the_top(page, live_server, screenshot):
    profile = make_profile(graduation_year=2022, research_publications=0)
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/p/{profile.token}/edit/")
    page.locator("#id_exams-step2_ck").fill("2,45")
    page.locator("#id_usce-us_clinical_letters").fill("many")
    page.locator("#id_research-research_publications").fill("3")  # now asks two questions
    page.get_by_role("button", name="Save and update my advice").click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(page).to_have_title("Error: Edit your answers · IMG Pathway Advisor")
    expect(summary).to_contain_text("please check these 4 answers")
    expect(page.locator(".error-summary")).to_have_count(1)
    box = summary.bounding_box()
    assert box is not None and box["y"] < 400  # at the top, not beside one section
    summary.get_by_role("link", name="Strong US clinical letters").click()
    expect(page.locator("#id_usce-us_clinical_letters")).to_be_focused()
    expect(page.locator("#id_usce-us_clinical_letters")).to_have_value("many")
    screenshot(page, "edit-errors-phone")
    assert serious_violations(page) == []
    profile.refresh_from_db()
    assert profile.research_publications == 0


def test_without_javascript_errors_take_the_focus_and_changing_keeps_you_on_the_step(
    browser, live_server
):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    fill_wizard(page, live_server.url, see_advice=False)
    page.get_by_role("link", name="Change: US clinical experience").click()
    # No step links while changing: leaving by one would drop the change unsaved.
    expect(page.locator(".progress-steps a")).to_have_count(0)
    page.locator("#id_usce-usce_hands_on_weeks").fill("lots")
    page.get_by_role("button", name="Save and go back to your answers").click()
    expect(page.locator(".error-summary")).to_be_focused()
    expect(page).to_have_title(re.compile("^Error: US clinical experience"))
    expect(page.locator("#id_usce-usce_hands_on_weeks")).to_have_value("lots")
    context.close()


def test_a_swapped_step_hides_its_unasked_questions_before_anything_can_be_clicked(
    page, live_server
):
    """The buttons of a step must not move once it is shown: a question asked only with
    another answer ("when did you take it?" without a score) is hidden on the swap
    itself, not a settle later. The settle is slowed to 5 s here, so a question hidden
    at settle would still show when the heading does."""
    page.goto(f"{live_server.url}/start/?reset=1")
    page.evaluate("htmx.config.defaultSettleDelay = 5000")
    page.locator("#id_goals-specialty").select_option("neurology")
    page.locator("#id_goals-graduation_year").fill("2020")
    page.locator("input[name='goals-student'][value='no']").check()
    page.locator("input[name='goals-career_goal'][value='undecided']").check()
    page.get_by_role("button", name="Next").click()
    expect(page.locator("#step-heading")).to_have_text("Exams and recent work")
    taken = page.locator("#div_id_exams-step2_ck_taken")
    assert taken.count() == 1
    assert taken.is_hidden()  # read at once, no waiting: the settle is seconds away


def test_an_error_summary_link_shows_the_whole_question(page, live_server):
    """On a phone, the link to an unanswered radio question scrolls its question (the
    legend) into view and puts the focus on its first choice."""
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/start/?reset=1")
    page.locator("#id_goals-specialty").select_option("internal-medicine")
    page.locator("#id_goals-graduation_year").fill("2021")
    page.locator("input[name='goals-student'][value='no']").check()
    page.get_by_role("button", name="Next").click()
    link = page.locator(".error-summary a[href='#id_goals-career_goal_0']")
    expect(link).to_be_visible()
    link.click()
    expect(page.locator("#id_goals-career_goal_0")).to_be_focused()
    legend = page.locator("#id_goals-career_goal_0").locator("xpath=ancestor::fieldset[1]/legend")
    expect(legend).to_be_in_viewport()
    assert legend.bounding_box()["y"] >= 0
