"""The caseload in Chromium: whole at 1280 px, a card per row at 390 px, and "Back
to the list" landing on the row the advisor left."""

import re

import pytest
from playwright.sync_api import expect

from profiles.demo import demo_profiles_create
from tests.e2e.test_journey import serious_violations
from tests.profiles.factories import default_group, make_advisor, make_profile

PASSWORD = "a-long-test-password-9"
# What a card must show on a phone, by the class of its cell or its column's label.
KEY_CELLS = (".caseload-name a", ".caseload-specialty", ".caseload-priority .priority-pill")
KEY_LABELS = ("USCE weeks", "Letters", "Readiness", "Last contact", "Last updated")


@pytest.fixture
def caseload(django_user_model):
    make_advisor(django_user_model, "ana", password=PASSWORD, groups=[default_group()])
    # A long name and address, and many flags: the widest a row gets.
    make_profile(
        name="Oluwaseun Adebayo-Fitzgerald Ramaswamy",
        email="oluwaseun.adebayo.fitzgerald.ramaswamy@university-hospital.example.org",
        graduation_year=2012,
        visa="j1",
        budget="tight",
        shared=True,
    )
    demo_profiles_create(count=60, seed=7, groups=[default_group()])


def log_in(page, live_server, path="/advisor/"):
    page.goto(f"{live_server.url}/accounts/login/?next={path}")
    page.get_by_label("Username").fill("ana")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator(".caseload tbody tr").first).to_be_visible()
    # Measured only once the page's stylesheets have loaded: rows can be in the
    # document (and laid out by the defaults) before caseload.css applies.
    page.wait_for_load_state("load")


def test_the_table_fits_1280_and_reads_as_cards_at_390(page, live_server, caseload, screenshot):
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, live_server)
    widths = page.evaluate(
        """() => ({table: document.querySelector('.caseload').scrollWidth,
                   frame: document.querySelector('.caseload-frame').clientWidth,
                   page: document.documentElement.scrollWidth})"""
    )
    assert widths["table"] <= widths["frame"] and widths["page"] <= 1280, widths
    for header in page.locator(".caseload thead th").all():
        box = header.bounding_box()
        assert box and box["x"] + box["width"] <= 1280
    screenshot(page, "caseload-1280")
    assert serious_violations(page) == []

    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    expect(page.locator(".caseload thead")).not_to_be_in_viewport()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    rows = page.locator(".caseload tbody tr")
    for i in range(3):
        row = rows.nth(i)
        row.scroll_into_view_if_needed()
        for selector in KEY_CELLS:
            cell = row.locator(selector)
            expect(cell).to_be_visible()
            box = cell.bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390, (selector, box)
        for label in KEY_LABELS:
            cell = row.locator(f'td[data-label="{label}"]')
            expect(cell).to_be_visible()
            box = cell.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= 390, (label, box)
            # The label itself is drawn (td::before), above the value.
            drawn = cell.evaluate("td => getComputedStyle(td, '::before').content")
            assert drawn == f'"{label}"'
    # The filters fold on a phone, and the sort menu sorts.
    expect(page.get_by_label("Search name or email")).to_be_hidden()
    page.get_by_label("Sort by").select_option("name")
    page.get_by_role("button", name="Sort", exact=True).click()
    expect(page).to_have_url(re.compile(r"sort=name"))
    expect(page.locator("#results-count")).to_contain_text("sorted by name, A to Z")
    screenshot(page, "caseload-390")
    assert serious_violations(page) == []


def test_back_to_the_list_lands_on_the_row_left(page, live_server, caseload):
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, live_server, "/advisor/%3Fsort%3Dname")
    page.get_by_role("link", name="Next page").click()
    expect(page.locator("#results-count")).to_contain_text("26\u2013")
    names = page.locator(".caseload tbody .caseload-name a").all_inner_texts()
    row = page.locator(".caseload tbody tr").nth(10)
    chosen = row.get_attribute("id")
    row.locator(".caseload-name a").click()
    expect(page.get_by_role("link", name="Back to the list")).to_be_visible()
    page.get_by_role("link", name="Back to the list").click()
    expect(page).to_have_url(re.compile(rf"#{chosen}$"))
    target = page.locator(f"#{chosen}")
    expect(target).to_be_in_viewport()
    assert page.locator(".caseload tbody .caseload-name a").all_inner_texts() == names
    # Marked as the row left (:target), in a colour of its own.
    assert target.evaluate("tr => tr.matches(':target')")


def test_a_new_advisor_answers_an_invitation_on_the_first_page(
    page, live_server, django_user_model
):
    from profiles.advising.groups import member_add

    manager = make_advisor(django_user_model, "mo", first_name="Mo", last_name="Said")
    member_add(group=default_group(), user=manager, is_manager=True)
    make_profile(name="Uma Urgent", graduation_year=2017, shared=True)
    newcomer = make_advisor(django_user_model, "ana", password=PASSWORD)
    member_add(group=default_group(), user=newcomer, invited_by=manager)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/accounts/login/?next=/advisor/")
    page.get_by_label("Username").fill("ana")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    invitation = page.locator("#invitations-heading")
    expect(invitation).to_have_text("You are invited to join a group")
    expect(invitation).to_be_in_viewport()
    assert serious_violations(page) == []
    page.get_by_role("button", name="Join Test advising group").click()
    expect(page.locator(".caseload tbody")).to_contain_text("Uma Urgent")
    expect(page.locator("h1")).to_contain_text("Test advising group")
