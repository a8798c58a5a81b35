"""An advisor logs in, finds urgent applicants in one click, opens one and adds a note."""

import re

from playwright.sync_api import expect

from profiles.models import AdvisorNote
from tests.e2e.test_journey import serious_violations
from tests.profiles.factories import default_group, make_advisor, make_profile


def test_advisor_reviews_an_urgent_applicant(page, live_server, django_user_model, screenshot):
    advisor = make_advisor(
        django_user_model, "ana", password="a-long-test-password-9", groups=[default_group()]
    )
    make_profile(name="Uma Urgent", graduation_year=2017, shared=True)
    make_profile(name="Fay Fresh", graduation_year=2025, shared=True)
    make_profile(name="Pat Private", graduation_year=2017)

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/advisor/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    page.get_by_label("Username").fill("ana")
    page.get_by_label("Password").fill("a-long-test-password-9")
    page.get_by_role("button", name="Log in").click()

    table = page.locator(".advisor-table tbody")
    expect(table).to_contain_text("Fay Fresh")
    expect(table).not_to_contain_text("Pat Private")
    screenshot(page, "advisor-list")
    assert serious_violations(page) == []

    page.get_by_role("link", name="Need USCE urgently").click()
    expect(table).to_contain_text("Uma Urgent")
    expect(table).not_to_contain_text("Fay Fresh")

    page.get_by_label("Search name or email").fill("fay")
    expect(page.locator("#results-count")).to_contain_text("No shared profiles match")
    expect(page).to_have_url(re.compile(r"q=fay"))
    page.get_by_label("Search name or email").fill("")
    expect(table).to_contain_text("Uma Urgent")

    page.get_by_role("link", name="Uma Urgent").click()
    expect(page.locator("[data-priority]")).to_have_attribute("data-priority", "usce_urgent")
    page.get_by_label("Your note").fill("Look for a hands-on externship in spring.")
    page.get_by_role("button", name="Save note").click()
    expect(page.locator("#notes")).to_contain_text("Look for a hands-on externship in spring.")
    assert AdvisorNote.objects.get().author == advisor
    screenshot(page, "advisor-profile")
    assert serious_violations(page) == []

    with page.expect_download() as download:
        page.goto(f"{live_server.url}/advisor/")
        page.get_by_role("link", name="Export CSV").click()
    assert "Uma Urgent" in download.value.path().read_text()


def test_a_long_list_is_exported_in_the_background(
    page, live_server, django_user_model, screenshot, settings, tmp_path
):
    settings.EXPORT_MAX_ROWS = 2
    settings.EXPORT_DIR = str(tmp_path)
    make_advisor(
        django_user_model, "ana", password="a-long-test-password-9", groups=[default_group()]
    )
    for name in ("Uma Urgent", "Fay Fresh", "Leo Late"):
        make_profile(name=name, shared=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/accounts/login/?next=/advisor/%3Fsort%3Dname")
    page.get_by_label("Username").fill("ana")
    page.get_by_label("Password").fill("a-long-test-password-9")
    page.get_by_role("button", name="Log in").click()

    page.get_by_role("link", name="Export CSV").click()
    expect(page.get_by_role("heading", name="Export a long list")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Sorted by name, A to Z.")
    screenshot(page, "export-offer-phone")
    assert serious_violations(page) == []
    page.get_by_role("button", name="Start the export").click()
    expect(page.locator("#export-progress")).to_contain_text("The file is ready: 3 profiles")
    screenshot(page, "export-ready-phone")
    assert serious_violations(page) == []
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the CSV").click()
    text = download.value.path().read_text(encoding="utf-8-sig")
    names = [line.split(",")[1] for line in text.splitlines()[1:-1]]
    assert names == ["Fay Fresh", "Leo Late", "Uma Urgent"]
    assert text.splitlines()[-1] == "End of export: 3 profiles"
