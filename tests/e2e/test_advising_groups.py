"""Two advising groups with two advisors each, in real browsers: each advisor sees
only their group's profiles; the applicant reads who is in a group before sharing,
withdraws, and the other advisors lose the profile from list, CSV and summary at
once; feedback and who looked reach the applicant; every view, export and note is
in the access record."""

import re

import pytest
from playwright.sync_api import expect

from profiles.advising.models import AccessEvent, AdvisingGroup, GroupShare
from profiles.models import Profile
from tests.e2e.test_journey import DESKTOP, serious_violations
from tests.profiles.factories import make_advisor, make_profile

PASSWORD = "a-long-test-password-9"


@pytest.fixture
def world(django_user_model):
    cairo = AdvisingGroup.objects.create(name="Cairo mentors", about="Alumni of Cairo University")
    lagos = AdvisingGroup.objects.create(name="Lagos office", about="Career office, Lagos")
    people = {}
    for username, first, last, group in (
        ("amal", "Amal", "Hassan", cairo),
        ("omar", "Omar", "Farouk", cairo),
        ("bisi", "Bisi", "Adeyemi", lagos),
        ("tunde", "Tunde", "Bello", lagos),
    ):
        people[username] = make_advisor(
            django_user_model,
            username,
            password=PASSWORD,
            first_name=first,
            last_name=last,
            groups=[group],
        )
    mei = make_profile(name="Mei Nguyen", email="mei@example.com", shared_with=[cairo])
    ravi = make_profile(name="Ravi Patel", shared_with=[lagos])
    lucia = make_profile(name="Lucia Gomez", graduation_year=2019, shared_with=[lagos])
    AccessEvent.objects.all().delete()  # the set-up's own sharing is not part of the walk
    return {"cairo": cairo, "lagos": lagos, "mei": mei, "ravi": ravi, "lucia": lucia, **people}


def session(browser, live_server, username=None):
    """A browser of its own (its own cookies), logged in as `username` if given."""
    context = browser.new_context(viewport=DESKTOP, accept_downloads=True)
    page = context.new_page()
    violations = []
    page.on(
        "console",
        lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.csp_violations = violations
    if username:
        page.goto(f"{live_server.url}/accounts/login/?next=/advisor/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Log in").click()
        expect(page.get_by_role("heading", name="Shared profiles")).to_be_visible()
    return page


def table_text(page) -> str:
    return page.locator(".advisor-table tbody").inner_text()


def download_csv(page) -> str:
    with page.expect_download() as download:
        page.get_by_role("link", name="Export CSV").click()
    return download.value.path().read_text()


def test_two_groups_share_withdraw_feedback_and_the_record(browser, live_server, world, screenshot):
    amal = session(browser, live_server, "amal")
    bisi = session(browser, live_server, "bisi")
    tunde = session(browser, live_server, "tunde")

    # Each advisor sees only the profiles shared with their group.
    expect(amal.locator(".advisor-table tbody")).to_contain_text("Mei Nguyen")
    assert "Ravi Patel" not in table_text(amal) and "Lucia Gomez" not in table_text(amal)
    expect(bisi.locator(".advisor-table tbody")).to_contain_text("Lucia Gomez")
    assert "Mei Nguyen" not in table_text(bisi)
    screenshot(bisi, "advising-caseload")
    assert serious_violations(bisi) == []

    # Lucia shares with the Cairo group too, after reading who is in it.
    applicant = session(browser, live_server)
    lucia = world["lucia"]
    applicant.goto(f"{live_server.url}/p/{lucia.token}/")
    applicant.get_by_label("Share with an advising group: its code").fill(
        world["cairo"].join_code_display.lower()
    )
    applicant.get_by_role("button", name="Continue").click()
    expect(applicant.get_by_role("heading", level=1)).to_have_text(
        "Share your profile with Cairo mentors?"
    )
    members = applicant.locator("[data-members]")
    expect(members).to_contain_text("Amal Hassan")
    expect(members).to_contain_text("Omar Farouk")
    expect(applicant.locator("main")).to_contain_text("Export it, with other shared profiles")
    screenshot(applicant, "advising-consent")
    assert serious_violations(applicant) == []
    applicant.get_by_role("button", name="Share with Cairo mentors").click()
    expect(applicant.locator("[data-shares]")).to_contain_text("Cairo mentors")
    amal.reload()
    expect(amal.locator(".advisor-table tbody")).to_contain_text("Lucia Gomez")

    # Tunde (Lagos) opens Lucia's profile and exports the Lagos list.
    tunde.get_by_role("link", name="Lucia Gomez").click()
    expect(tunde.get_by_role("heading", level=1)).to_have_text("Lucia Gomez")
    tunde.get_by_role("link", name="Back to the list").click()
    assert "Lucia Gomez" in download_csv(tunde)

    # Amal (Cairo) writes Mei feedback; saving it is announced where focus goes.
    amal.get_by_role("link", name="Mei Nguyen").click()
    amal.get_by_label("Your note").fill("Apply for a hands-on elective in spring.")
    amal.get_by_label(re.compile("^The applicant and my group")).check()
    amal.get_by_role("button", name="Save note").click()
    status = amal.locator("#note-status")
    expect(status).to_have_text("Note saved.")
    expect(status).to_be_focused()
    expect(amal.locator("#notes")).to_contain_text("Apply for a hands-on elective")
    screenshot(amal, "advising-profile")
    assert serious_violations(amal) == []

    # Lucia stops sharing with Lagos: Bisi loses her at once, list, CSV and summary.
    bisi.goto(f"{live_server.url}/advisor/summary/")
    expect(bisi.locator("main")).to_contain_text("2 shared profiles")
    applicant.reload()
    applicant.get_by_role("button", name="Stop sharing with Lagos office").click()
    expect(applicant.locator("[data-shares]")).not_to_contain_text("Lagos office")
    bisi.goto(f"{live_server.url}/advisor/")
    expect(bisi.locator(".advisor-table tbody")).to_contain_text("Ravi Patel")
    assert "Lucia Gomez" not in table_text(bisi)
    assert "Lucia Gomez" not in download_csv(bisi)
    bisi.goto(f"{live_server.url}/advisor/summary/")
    expect(bisi.locator("main")).to_contain_text("1 shared profile.")
    gone = bisi.goto(f"{live_server.url}/advisor/profiles/{lucia.pk}/")
    assert gone.status == 404
    # Cairo still has her.
    amal.goto(f"{live_server.url}/advisor/")
    expect(amal.locator(".advisor-table tbody")).to_contain_text("Lucia Gomez")

    # Lucia sees who looked; Mei sees the feedback meant for her, with name and date.
    applicant.reload()
    looked = applicant.locator("[data-who-looked]")
    expect(looked).to_contain_text("Tunde Bello (Lagos office) opened your profile")
    expect(looked).to_contain_text("Advisors of Lagos office exported it, with other profiles")
    expect(looked).to_contain_text("by Tunde Bello")
    expect(looked).to_contain_text("You stopped sharing with Lagos office")
    applicant.goto(f"{live_server.url}/p/{world['mei'].token}/")
    feedback = applicant.locator("[data-feedback]")
    expect(feedback).to_contain_text("Apply for a hands-on elective in spring.")
    expect(feedback).to_contain_text("Amal Hassan, Cairo mentors")
    expect(applicant.locator("[data-who-looked]")).to_contain_text(
        "Amal Hassan (Cairo mentors) wrote a note"
    )
    screenshot(applicant, "advising-feedback")
    assert serious_violations(applicant) == []

    # The access record holds every view, export and note above, and the applicant's
    # own sharing and withdrawal, and nothing else. An export is one entry with its
    # count; a share that ended keeps its exports in one entry of the profile's.
    recorded = sorted(
        (e.actor_name, e.action, e.group_name, e.profile.name if e.profile else "", e.profiles)
        for e in AccessEvent.objects.select_related("profile")
    )
    assert recorded == sorted(
        [
            ("The applicant", "shared", "Cairo mentors", "Lucia Gomez", 0),
            ("The applicant", "unshared", "Lagos office", "Lucia Gomez", 0),
            ("Tunde Bello", "view", "Lagos office", "Lucia Gomez", 0),
            ("Tunde Bello", "export", "Lagos office", "", 2),
            ("Tunde Bello", "export", "Lagos office", "Lucia Gomez", 0),
            ("Bisi Adeyemi", "export", "Lagos office", "", 1),
            ("Amal Hassan", "view", "Cairo mentors", "Mei Nguyen", 0),
            ("Amal Hassan", "note_added", "Cairo mentors", "Mei Nguyen", 0),
        ]
    )
    ravi = GroupShare.objects.get(profile__name="Ravi Patel", group__name="Lagos office")
    assert (ravi.exported_times, ravi.last_exported_by) == (2, "Bisi Adeyemi")
    for page in (amal, bisi, tunde, applicant):
        assert page.csp_violations == []


def test_sorting_and_paging_move_focus_to_what_the_list_now_holds(
    browser, live_server, world, screenshot
):
    for n in range(30):
        make_profile(name=f"Extra {n:02}", shared_with=[world["cairo"]])
    amal = session(browser, live_server, "amal")
    amal.get_by_role("link", name="Readiness").click()
    count = amal.locator("#results-count")
    expect(count).to_have_text(re.compile(r"^1\u201325 of 31 profiles, sorted by readiness"))
    expect(count).to_be_focused()
    amal.get_by_role("link", name="Next page").click()
    expect(count).to_have_text(re.compile(r"^26\u201331 of 31 profiles"))
    expect(count).to_be_focused()
    # A filter applied keeps the sort; typing a search keeps focus in the box.
    amal.get_by_label("Notes").select_option("without")
    amal.get_by_role("button", name="Apply").click()
    expect(count).to_contain_text("sorted by readiness")
    expect(count).to_be_focused()
    amal.get_by_label("Search name or email").fill("Extra 0")
    expect(count).to_have_text(re.compile(r"^10 profiles"))
    expect(amal.get_by_label("Search name or email")).to_be_focused()
    expect(amal.locator("#results-announce")).to_contain_text("10 profiles")
    # Into a profile and back: the list as it was.
    amal.get_by_role("link", name="Extra 03").click()
    expect(amal.locator(".profile-nav")).to_contain_text("Profile 4 of 10")
    amal.get_by_role("link", name=re.compile("Next: Extra 04")).click()
    expect(amal.get_by_role("heading", level=1)).to_have_text("Extra 04")
    amal.get_by_role("link", name="Back to the list").click()
    expect(amal).to_have_url(re.compile(r"q=Extra\+0"))
    expect(count).to_contain_text("10 profiles, sorted by readiness")
    screenshot(amal, "advising-list-sorted")
    assert Profile.objects.count() == 33
