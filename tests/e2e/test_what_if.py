"""The what-if panel in a browser: now and what-if side by side, in place with
JavaScript; an invalid answer blocks the preview and Save; a whole page without."""

import re

from playwright.sync_api import expect

from advisor.models import Specialty
from profiles.services import profile_update
from tests.e2e.test_journey import DESKTOP, PHONE, assert_fits_width, serious_violations
from tests.profiles.factories import make_profile

SAVE = "Save these answers to my profile"
SAVED = "Saved. Your advice below now uses these answers."


def open_result(page, live_server, profile, viewport):
    page.set_viewport_size(viewport)
    page.goto(f"{live_server.url}/p/{profile.token}/")
    page.evaluate("window.stillSamePage = true")
    return page.locator("#what-if-panel")


def test_now_and_what_if_side_by_side_in_place_then_saved(page, live_server, screenshot):
    profile = make_profile(usce_hands_on_weeks=2)
    panel = open_result(page, live_server, profile, DESKTOP)
    save = panel.get_by_role("button", name=SAVE)
    expect(save).to_be_disabled()  # nothing changed yet
    assert serious_violations(page) == []

    panel.get_by_role("textbox", name="Hands-on weeks").fill("9")
    letters = panel.get_by_role("textbox", name="US clinical letters")
    letters.fill("2")
    # At once, before the preview for these answers arrives: what is shown is greyed
    # and Save is off, so it never saves answers whose advice was not on screen.
    expect(panel.locator("#what-if-outcome")).to_have_class(re.compile(r"\bis-stale\b"))
    expect(save).to_be_disabled()
    expect(panel.locator("[data-what-if-priority]")).to_have_attribute(
        "data-what-if-priority", "balanced"
    )
    expect(panel.locator("[data-now-priority]")).to_have_attribute(
        "data-now-priority", "usce_first"
    )
    table = panel.locator("table.what-if-compare")
    expect(table.locator("thead th")).to_have_text(["Now", "What if"])
    for topic in ("Next step", "Overall readiness", "First steps of the plan", "Target Match"):
        expect(table.get_by_role("rowheader", name=topic)).to_be_visible()
    expect(table.locator("[data-what-if-steps] li")).to_have_count(3)
    expect(letters).to_be_focused()  # the swap kept the person in the field
    expect(save).to_be_enabled()
    assert page.evaluate("window.stillSamePage === true")
    expect(page.locator("[data-priority]")).to_have_attribute("data-priority", "usce_first")
    screenshot(page, "what-if-desktop")
    panel.screenshot(path=screenshot.path("what-if-panel-desktop"))
    assert serious_violations(page) == []
    profile.refresh_from_db()
    assert (profile.usce_hands_on_weeks, profile.us_clinical_letters) == (2, 0)

    save.click()
    expect(page.locator("[data-priority]")).to_have_attribute("data-priority", "balanced")
    expect(page.locator(".messages")).to_contain_text(SAVED)
    profile.refresh_from_db()
    assert (profile.usce_hands_on_weeks, profile.us_clinical_letters) == (9, 2)


def test_typing_goes_on_while_previews_swap_in(page, live_server):
    profile = make_profile()
    panel = open_result(page, live_server, profile, DESKTOP)
    weeks = panel.get_by_role("textbox", name="Hands-on weeks")
    weeks.fill("")
    # Pauses a little longer than the panel waits before asking for a preview, so
    # previews arrive between keystrokes.
    weeks.press_sequentially("123", delay=450)
    expect(weeks).to_have_value("123")
    expect(weeks).to_be_focused()
    expect(panel.get_by_role("button", name=SAVE)).to_be_enabled()
    weeks.press("End")
    page.keyboard.press("Backspace")
    expect(weeks).to_have_value("12")
    expect(panel.locator("[data-score-row='usce'] .what-if-col")).to_have_attribute(
        "data-what-if-score", "100"
    )
    weeks.press("Enter")  # asks for the advice again; it must not save
    expect(panel.locator("#what-if-outcome")).not_to_have_class(re.compile("is-stale"))
    expect(weeks).to_be_focused()
    profile.refresh_from_db()
    assert profile.usce_hands_on_weeks == 0
    panel.get_by_role("button", name=SAVE).click()
    expect(page.locator(".messages")).to_contain_text(SAVED)
    profile.refresh_from_db()
    assert profile.usce_hands_on_weeks == 12


def test_a_key_pressed_just_as_a_preview_arrives_still_counts(page, live_server):
    profile = make_profile()
    panel = open_result(page, live_server, profile, DESKTOP)
    weeks = panel.get_by_role("textbox", name="Hands-on weeks")
    weeks.fill("5")
    expect(panel.locator("[data-what-if-priority]")).to_have_count(1)
    # The next preview swaps in; a keystroke lands in the new field straight after.
    page.evaluate(
        """() => document.addEventListener("htmx:afterSwap", function typeNext(event) {
          if (event.target.id !== "what-if-panel") return;
          document.removeEventListener("htmx:afterSwap", typeNext);
          setTimeout(function () {
            var field = document.getElementById("id_usce_hands_on_weeks");
            field.value = "9";
            field.dispatchEvent(new Event("input", { bubbles: true }));
          }, 0);
        })"""
    )
    weeks.fill("6")
    expect(panel.locator("[data-score-row='usce'] .what-if-col")).to_have_attribute(
        "data-what-if-score",
        "100",  # 9 weeks; 6 would score less
    )
    expect(panel.get_by_role("button", name=SAVE)).to_be_enabled()


def test_an_invalid_answer_blocks_the_preview_and_save(page, live_server, screenshot):
    profile = make_profile(research_publications=0)
    panel = open_result(page, live_server, profile, PHONE)
    papers = panel.get_by_role("textbox", name="Papers")
    papers.fill("10")
    # Never asked before (there was no research): asked now, not taken as a "no".
    question = panel.locator("#id_research_us_based_error")
    expect(question).to_have_text("You listed research output: answer yes or no.")
    panel.get_by_role("group", name="Mostly in your target specialty?").get_by_label("Yes").check()
    panel.get_by_role("group", name="Done at a US institution?").get_by_label("No").check()
    outcome = panel.locator("#what-if-outcome")
    expect(panel.locator("[data-what-if-priority]")).to_have_count(1)
    save = panel.get_by_role("button", name=SAVE)
    expect(save).to_be_enabled()

    papers.fill("9999")
    error = panel.locator("#id_research_publications_error")
    expect(error).to_have_text(
        "Enter the number of papers, between 0 and 500: you typed \u201c9999\u201d."
    )
    expect(papers).to_have_attribute("aria-invalid", "true")
    expect(papers).to_be_focused()
    expect(panel.locator("[data-what-if-priority]")).to_have_count(0)  # no stale advice
    expect(outcome).to_have_class("what-if-outcome is-blocked")
    expect(outcome.locator("td.what-if-col").first).to_have_text("\u2014")
    expect(outcome.locator("[data-what-if-blocked]")).to_contain_text("Papers")
    expect(save).to_be_disabled()
    expect(panel.locator("#what-if-save-why")).to_have_text(
        "Saving is off until the answers marked in red are fixed."
    )
    expect(page.locator("#what-if-status")).to_contain_text("Papers")
    assert_fits_width(page)
    screenshot(page, "what-if-invalid-phone")
    panel.screenshot(path=screenshot.path("what-if-panel-invalid-phone"))
    assert serious_violations(page) == []

    papers.fill("3")
    expect(panel.locator("[data-what-if-priority]")).to_have_count(1)
    expect(error).to_have_count(0)
    expect(save).to_be_enabled()
    screenshot(page, "what-if-phone")
    panel.screenshot(path=screenshot.path("what-if-panel-phone"))
    assert_fits_width(page)
    assert serious_violations(page) == []
    save.click()
    expect(page.locator(".messages")).to_contain_text(SAVED)
    profile.refresh_from_db()
    assert profile.research_publications == 3


def test_folded_answers_can_be_tried_and_saved(page, live_server, screenshot):
    profile = make_profile()
    panel = open_result(page, live_server, profile, PHONE)
    panel.screenshot(path=screenshot.path("what-if-panel-first-phone"))
    logistics = panel.locator("#what-if-logistics")
    expect(logistics).not_to_have_attribute("open", "")
    logistics.locator("summary").click()
    panel.get_by_label("Visa or status").select_option("j1")
    panel.get_by_label("Months in the US").fill("12")
    expect(panel.locator("[data-what-if-priority]")).to_have_count(1)
    expect(logistics).to_have_attribute("open", "")
    expect(logistics.locator("summary")).to_contain_text("changed")

    panel.locator("#what-if-goal summary").click()
    dermatology = Specialty.objects.get(slug="dermatology")
    specialty = panel.get_by_label("Target specialty")
    specialty.focus()
    specialty.select_option(dermatology.slug)
    expect(panel.get_by_role("rowheader", name="Specialty")).to_be_visible()
    expect(panel.locator("table.what-if-compare")).to_contain_text(dermatology.name)
    expect(panel.get_by_label("Target specialty")).to_be_focused()
    panel.screenshot(path=screenshot.path("what-if-panel-folded-open-phone"))
    assert_fits_width(page)
    assert serious_violations(page) == []
    panel.get_by_role("button", name=SAVE).click()
    expect(page.locator(".messages")).to_contain_text(SAVED)
    profile.refresh_from_db()
    assert (profile.visa, profile.months_available_in_us, profile.specialty) == (
        "j1",
        12,
        dermatology,
    )


def test_a_page_older_than_the_saved_answers_cannot_save(page, live_server, screenshot):
    profile = make_profile(us_clinical_letters=1)
    panel = open_result(page, live_server, profile, DESKTOP)
    profile_update(profile=profile, answers={"us_clinical_letters": 3})  # another tab
    panel.get_by_role("textbox", name="US clinical letters").fill("2")
    expect(panel.locator("#what-if-save-why")).to_contain_text("changed in another tab")
    expect(panel.get_by_role("button", name=SAVE)).to_be_disabled()
    panel.screenshot(path=screenshot.path("what-if-panel-changed-elsewhere-desktop"))
    assert serious_violations(page) == []
    profile.refresh_from_db()
    assert profile.us_clinical_letters == 3


def test_what_if_without_javascript(browser, live_server, screenshot):
    profile = make_profile(research_publications=0)
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(f"{live_server.url}/p/{profile.token}/")
    page.get_by_role("textbox", name="Papers").fill("9999")
    page.get_by_role("button", name="Show the advice").click()
    expect(page.locator("[data-priority]")).to_be_visible()  # the whole page
    expect(page.locator("#id_research_publications_error")).to_contain_text("9999")
    expect(page.get_by_role("button", name=SAVE)).to_be_disabled()
    expect(page.locator("[data-what-if-priority]")).to_have_count(0)
    screenshot(page, "what-if-invalid-phone-nojs")

    page.get_by_role("textbox", name="Papers").fill("4")
    page.get_by_role("group", name="Mostly in your target specialty?").get_by_label("No").check()
    page.get_by_role("group", name="Done at a US institution?").get_by_label("No").check()
    page.get_by_role("textbox", name="Hands-on weeks").fill("5")
    page.get_by_role("button", name="Show the advice").click()
    expect(page.locator("[data-what-if-priority]")).to_have_attribute(
        "data-what-if-priority", "usce_letters"
    )
    page.get_by_role("button", name=SAVE).click()
    expect(page.locator("[data-priority]")).to_have_attribute("data-priority", "usce_letters")
    profile.refresh_from_db()
    assert (profile.research_publications, profile.usce_hands_on_weeks) == (4, 5)
    context.close()
