"""An admin changes Neurology's research emphasis: sees first what it does to advice
already given (still there when they forgot the reason), confirms with a reason, and
finds the change in the history, in the form's words and under their name."""

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
    # Saved without a reason: the preview comes, and names the one thing still needed.
    page.get_by_role("button", name="Save", exact=True).click()

    preview = page.locator("[data-impact-preview]")
    expect(preview.get_by_role("heading", level=2)).to_have_text(
        "Check what this change does, give a reason, then save"
    )
    expect(preview).to_contain_text("Nothing is saved yet")
    expect(preview).to_contain_text("We checked 1 saved profile for Neurology")
    expect(preview.locator('[data-move="usce_letters:research_and_usce"]')).to_contain_text("1")
    expect(preview.locator("[data-impact-reason-needed]")).to_contain_text(
        "Write why you make this change"
    )
    expect(page.locator(".errornote")).to_have_count(0)
    screenshot(page, "admin-impact-preview")
    assert Specialty.objects.get(slug="neurology").research_emphasis == "moderate"

    # The link in the preview leads to the reason; the form kept the values.
    preview.get_by_role("link", name="Reason for this change").click()
    expect(page.get_by_label("Reason for this change")).to_be_in_viewport()
    expect(page.get_by_label("Research emphasis")).to_have_value("high")
    page.get_by_label("Reason for this change").fill(REASON)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    page.locator("#result_list").get_by_role("link", name="Neurology", exact=True).click()
    expect(page.locator(".field-slug .readonly")).to_have_text("neurology")
    page.get_by_role("link", name="History").click()
    newest = page.locator("#change-history tbody tr").first
    expect(newest.locator("[data-changed-by]")).to_have_text("root")
    expect(newest.locator("[data-changes]")).to_have_text("Research emphasis: Moderate → High")
    expect(newest).to_contain_text(REASON)
    expect(page.locator("#change-history tbody tr").last.locator("[data-changed-by]")).to_have_text(
        "initial data"
    )
    newest.get_by_text("Show all 17").click()
    expect(newest.get_by_text("USCE target (weeks): 8")).to_be_visible()
    screenshot(page, "admin-history")
    assert Specialty.objects.get(slug="neurology").history.count() == versions_before + 1

    page.goto(f"{live_server.url}/p/{earlier.token}/")
    expect(page.locator("[data-priority]")).to_have_attribute("data-priority", "usce_letters")
