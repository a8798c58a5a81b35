"""Browser tests: Playwright driving Debian's Chromium against a live server."""

import os
import shutil

import pytest
from playwright.sync_api import expect

# Playwright's sync API runs an event loop in this thread; Django's ORM calls
# made by the tests themselves are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# expect() waits for what a test looks for; on a machine busy with other work the
# live server and Chromium can take longer than Playwright's default 5 s to show it.
# A generous wait, not a measure of speed: a passing test waits no longer for it.
expect.set_options(timeout=20_000)

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = os.path.join(os.path.dirname(__file__), "..", "..", "test-results", "screenshots")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not os.path.exists(CHROMIUM):
        message = "Chromium not found: install Debian's chromium package (make test does)."
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture
def screenshot():
    os.makedirs(SCREENSHOTS, exist_ok=True)

    def take(page, name: str) -> None:
        page.screenshot(path=take.path(name), full_page=True)

    take.path = lambda name: os.path.join(SCREENSHOTS, f"{name}.png")
    return take


@pytest.fixture
def page(page):
    """The usual page, failing the test if the browser reports a CSP violation."""
    violations = []

    def watch(message):
        if "Content Security Policy" in message.text:
            violations.append(f"{page.url}: {message.text} {message.location}")

    page.on("console", watch)
    yield page
    assert violations == []


@pytest.fixture(autouse=True)
def seeded_data(seeded_transactional_db):
    """Live-server tests commit, so each starts from the migrated data afresh."""
