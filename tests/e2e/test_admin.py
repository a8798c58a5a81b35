"""An admin changes Neurology's research emphasis and finds the change in the history."""

from playwright.sync_api import expect

from advisor.models import Specialty
from tests.profiles.factories import make_profile


def test_admin_edits_a_weighting_and_sees_its_history(page, live_server, django_user_model):
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
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    page.locator("#result_list").get_by_role("link", name="Neurology", exact=True).click()
    page.get_by_role("link", name="History").click()
    history = page.locator("#content")
    expect(history).to_contain_text("high")
    expect(history).to_contain_text("root")
    assert Specialty.objects.get(slug="neurology").history.count() == versions_before + 1

    page.goto(f"{live_server.url}/p/{earlier.token}/")
    expect(page.locator("[data-priority]")).to_have_attribute("data-priority", "usce_letters")
