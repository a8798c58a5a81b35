"""The way back: the private link in the headline, copy, e-mail, and on paper."""

import re
from importlib import import_module

from django.conf import settings
from django.core import mail
from playwright.sync_api import expect

from profiles import link_email
from profiles.device_memory import REMEMBERED_KEY
from tests.e2e.test_journey import DESKTOP, PHONE, assert_fits_width, serious_violations
from tests.profiles.factories import make_profile

# A long headline and summary ("More US clinical experience, chosen for letters")
# and a name: the tallest header a result page has.
TALL_HEADER = {"graduation_year": 2025, "usce_hands_on_weeks": 5, "name": "Amina Khan"}


def test_on_a_phone_the_link_is_in_the_first_screen_and_copies(browser, live_server, screenshot):
    profile = make_profile(**TALL_HEADER)
    context = browser.new_context(viewport=PHONE)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page = context.new_page()
    page.goto(f"{live_server.url}/p/{profile.token}/")
    link = f"{live_server.url}/p/{profile.token}/"
    expect(page.locator("[data-priority]")).to_have_attribute("data-priority", "usce_letters")
    field = page.get_by_role("textbox", name="Your private link")
    expect(field).to_have_value(link)
    box = field.bounding_box()
    assert box["y"] + box["height"] <= PHONE["height"], box  # no scrolling to find it
    # "Email it" beside it leads to the form that sends it.
    email_it = page.get_by_role("link", name="Email it")
    found = email_it.bounding_box()
    assert found["y"] + found["height"] <= PHONE["height"], found
    email_it.click()
    expect(page.get_by_role("textbox", name="Email me this link")).to_be_in_viewport()
    page.evaluate("window.scrollTo(0, 0)")
    assert_fits_width(page)
    screenshot(page, "private-link-phone")
    page.screenshot(path=screenshot.path("private-link-phone-first-screen"))
    assert serious_violations(page) == []

    copy = page.locator("[data-copy]")
    expect(copy).to_have_text("Copy link")
    copy.click()
    expect(copy).to_have_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()") == link
    context.close()


def test_remembered_on_this_device(browser, live_server, screenshot):
    profile = make_profile(**TALL_HEADER)
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[REMEMBERED_KEY] = [profile.token]  # as ticking "Remember…" in the form does
    session.save()
    context = browser.new_context(viewport=PHONE)
    cookie = {"name": settings.SESSION_COOKIE_NAME, "value": session.session_key}
    context.add_cookies([{**cookie, "url": live_server.url}])
    page = context.new_page()
    page.goto(f"{live_server.url}/p/{profile.token}/")
    expect(page.get_by_text("This browser remembers it for 14 days")).to_be_visible()
    expect(page.get_by_role("button", name="Forget it on this device")).to_be_visible()
    expect(page.get_by_role("button", name="Print this advice")).to_be_visible()
    box = page.get_by_role("textbox", name="Your private link").bounding_box()
    assert box["y"] + box["height"] <= PHONE["height"], box
    page.screenshot(path=screenshot.path("private-link-phone-remembered"))
    assert serious_violations(page) == []
    context.close()


def test_email_me_this_link_in_place(page, live_server, screenshot):
    profile = make_profile(**TALL_HEADER)
    page.set_viewport_size(DESKTOP)
    page.goto(f"{live_server.url}/p/{profile.token}/")
    page.evaluate("window.stillSamePage = true")
    screenshot(page, "private-link-desktop")
    page.screenshot(path=screenshot.path("private-link-desktop-first-screen"))
    assert serious_violations(page) == []

    address = page.get_by_role("textbox", name="Email me this link")
    address.fill("amina@example")  # the browser accepts it; the server does not
    page.get_by_role("button", name="Send").click()
    expect(page.locator("#link-email-error")).to_have_text(
        link_email.EMAIL_INVALID.format(typed="amina@example")
    )
    expect(address).to_have_value("amina@example")
    expect(address).to_be_focused()
    expect(page).to_have_title(re.compile("^Error: "))
    # said to screen readers; the field itself shows the error
    expect(page.locator("#email-link-status")).to_have_text(link_email.NOT_SENT_INVALID)
    assert mail.outbox == []
    page.locator(".private-link").screenshot(path=screenshot.path("private-link-error"))

    address.fill("amina@example.com")
    page.get_by_role("button", name="Send").click()
    expect(page.locator("#email-link-status")).to_have_text(link_email.SENT)
    expect(address).to_have_value("")
    expect(page.locator("#link-email-error")).to_have_count(0)
    assert page.evaluate("window.stillSamePage === true")
    assert len(mail.outbox) == 1
    assert f"{live_server.url}/p/{profile.token}/" in mail.outbox[0].body
    page.locator(".private-link").screenshot(path=screenshot.path("private-link-sent"))
    # "Sent." goes once another address is typed; an empty one gets our message,
    # not the browser's bubble.
    address.fill("other@example.com")
    expect(page.locator("#email-link-status")).to_have_text("")
    address.fill("")
    page.get_by_role("button", name="Send").click()
    expect(page.locator("#link-email-error")).to_have_text(link_email.EMAIL_REQUIRED)
    assert len(mail.outbox) == 1
    assert serious_violations(page) == []


def test_over_the_limit_says_so_and_keeps_the_address(page, live_server):
    profile = make_profile()
    page.goto(f"{live_server.url}/p/{profile.token}/")
    address = page.get_by_role("textbox", name="Email me this link")
    for sent in range(1, link_email.LINK_EMAILS_PER_PROFILE + 1):
        address.fill("amina@example.com")
        page.get_by_role("button", name="Send").click()
        expect(address).to_have_value("")  # sent: the form comes back empty
        expect(page.locator("#email-link-status")).to_have_text(link_email.SENT)
        assert len(mail.outbox) == sent
    address.fill("amina@example.com")
    page.get_by_role("button", name="Send").click()
    expect(page.locator("#email-link-status")).to_have_text(link_email.TOO_MANY_FOR_LINK)
    expect(address).to_have_value("amina@example.com")
    expect(page.locator("#request-failed")).to_have_count(0)


def test_email_me_this_link_without_javascript(browser, live_server, screenshot):
    profile = make_profile(**TALL_HEADER)
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(f"{live_server.url}/p/{profile.token}/")
    expect(page.get_by_role("button", name="Copy link")).to_be_hidden()
    page.get_by_role("textbox", name="Email me this link").fill("amina@example.com")
    page.get_by_label("Also keep this address on my profile").check()
    page.get_by_role("button", name="Send").click()
    expect(page).to_have_url(f"{live_server.url}/p/{profile.token}/")
    expect(page.locator(".messages")).to_contain_text(link_email.SENT)
    assert len(mail.outbox) == 1
    profile.refresh_from_db()
    assert profile.email == "amina@example.com"
    page.screenshot(path=screenshot.path("private-link-phone-nojs-sent"))
    context.close()


def test_the_printout_carries_the_link_and_the_dates(page, live_server, screenshot):
    profile = make_profile(**TALL_HEADER)
    page.goto(f"{live_server.url}/p/{profile.token}/")
    page.emulate_media(media="print")
    printed_link = page.locator(".private-link-text")
    expect(printed_link).to_be_visible()
    expect(printed_link).to_contain_text(f"{live_server.url}/p/{profile.token}/ · printed")
    advised = f"{profile.assessed_at:%-d %b %Y}"
    expect(page.locator(".priority-card")).to_contain_text(f"Advice from {advised}")
    expect(page.locator("#private-link")).to_be_hidden()
    expect(page.locator("#email-link")).to_be_hidden()
    # near the top: in the headline's box, before the plan
    link_top = printed_link.bounding_box()["y"]
    assert link_top < page.locator("#plan-heading").bounding_box()["y"]
    screenshot(page, "private-link-print")
    page.locator(".priority-card").screenshot(path=screenshot.path("private-link-print-block"))
