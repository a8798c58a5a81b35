"""An admin changes Neurology's research emphasis: sees first what it does to advice
already given, confirms with a reason, and finds the change in the history."""

from playwright.sync_api import expect

from advisor.models import Specialty
from tests.profiles.factories import make_profile

REASON = "More research among matched IMGs"


def test_admin_previews_a_weighting_change_then_saves_it(
    page, live_server, django_user_model, screenshot
):
    django_user_model.objects.create_superuser("root", "root@example.com", "root-pass-123456")
    earlier = make_profile(specialty="neurology", usce_hands_on_weeks=6, us_clinical_letters=1)
    versions_before = Specialty.objects.get(slug="neurology").history.count()

    page.goto(f"{live_server.url}/admin/")
    page.get_by_label("Username").fill("root")
    page.get_by_label("Password").fill("root-pass-123456")
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name="Specialties").click()
    page.locator("#result_list").get_by_role("link", name="Neurology", exact=True).click()
    page.get_by_label("Research emphasis").select_option("high")
    page.get_by_label("Reason for this change").fill(REASON)
    page.get_by_role("button", name="Save", exact=True).click()

    preview = page.locator("[data-impact-preview]")
    expect(preview).to_contain_text("Nothing is saved yet")
    expect(preview).to_contain_text("We checked 1 saved profile for Neurology")
    expect(preview.locator('[data-move="usce_letters:research_and_usce"]')).to_contain_text("1")
    expect(page.locator(".errornote")).to_have_count(0)
    screenshot(page, "admin-impact-preview")
    assert Specialty.objects.get(slug="neurology").research_emphasis == "moderate"

    # The form comes back with the values and the reason as typed: saving confirms.
    expect(page.get_by_label("Research emphasis")).to_have_value("high")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    page.locator("#result_list").get_by_role("link", name="Neurology", exact=True).click()
    expect(page.locator(".field-slug .readonly")).to_have_text("neurology")
    page.get_by_role("link", name="History").click()
    history = page.locator("#content")
    expect(history).to_contain_text("high")
    expect(history).to_contain_text("root")
    expect(history).to_contain_text(REASON)
    assert Specialty.objects.get(slug="neurology").history.count() == versions_before + 1

    page.goto(f"{live_server.url}/p/{earlier.token}/")
    expect(page.locator("[data-priority]")).to_have_attribute("data-priority", "usce_letters")
