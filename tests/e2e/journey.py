"""Filling the wizard in a browser, shared by the journey tests."""

from playwright.sync_api import Page, expect

ANSWERS = {
    "goals-specialty": "dermatology",
    "goals-graduation_year": "2025",
    "exams-step2_ck": "255",
    "usce-usce_hands_on_weeks": "6",
    "usce-us_clinical_letters": "1",
    "research-research_abstracts": "2",
    "logistics-months_available_in_us": "12",
    "logistics-visa": "other",
    "logistics-visa_wait_months": "0",
}
# Radio questions (Yes/No and the others), answered by checking the button with this value.
CHOICES = {
    "goals-career_goal": "undecided",
    "goals-student": "no",
    "exams-step1_passed": "yes",
    "exams-oet_passed": "no",
    "exams-pathway_met": "no",
    "exams-clinically_active": "yes",
    "research-research_in_target_specialty": "yes",
    "research-research_us_based": "no",
    "logistics-budget": "moderate",
}
EXPECTED = {
    "specialty": "dermatology",
    "years_since_graduation": 1,
    "step2_ck": 255,
    "usce_hands_on_weeks": 6,
    "us_clinical_letters": 1,
    "research_abstracts": 2,
    "months_available_in_us": 12,
    "student": False,
    "step1_passed": True,
    "oet_passed": False,
    "pathway_met": False,
    "clinically_active": True,
    "research_in_target_specialty": True,
    "research_us_based": False,
}


def fill_wizard(
    page: Page, base_url: str, *, after_step=None, navigate=True, see_advice=True
) -> None:
    """Answer every step, check the answers, and (unless `see_advice` is False,
    which stops on the check page) ask for the advice."""
    if navigate:
        page.goto(f"{base_url}/start/?reset=1")
    for step, heading in [
        ("goals", "Your target"),
        ("exams", "Exams and recent work"),
        ("usce", "US clinical experience"),
        ("research", "Research"),
        ("logistics", "Money, visa and time"),
    ]:
        expect(page.locator("#step-heading")).to_have_text(heading)
        expect(page).to_have_url(f"{base_url}/start/{step}/")
        for name, value in ANSWERS.items():
            if name.startswith(f"{step}-"):
                field = page.locator(f"#id_{name}")
                if field.evaluate("el => el.tagName") == "SELECT":
                    field.select_option(value)
                else:
                    field.fill(value)
        for name, value in CHOICES.items():
            if name.startswith(f"{step}-"):
                page.locator(f"input[name='{name}'][value='{value}']").check()
        if after_step:
            after_step(step)
        page.get_by_role(
            "button", name="Check my answers" if step == "logistics" else "Next"
        ).click()
    expect(page.locator("#step-heading")).to_have_text("Check your answers")
    expect(page).to_have_url(f"{base_url}/start/check/")
    if after_step:
        after_step("check")
    if not see_advice:
        return
    page.get_by_role("button", name="See my advice").click()
    expect(page.locator("[data-priority]")).to_be_visible()
