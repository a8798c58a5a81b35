"""An applicant's and an advisor's visit in plain HTTP, as a browser without JavaScript
makes it: each form is read from the page (hidden fields, defaults) and posted
with our answers on top, so the walk follows the site's forms as they change."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import requests

WIZARD_PREFIX = "profile_wizard"
ANSWERS = {
    "goals": {
        "goals-specialty": "neurology",
        "goals-career_goal": "academic",
        "goals-graduation_year": "2022",
        "goals-student": "no",
    },
    "exams": {
        "exams-step1_passed": "yes",
        "exams-step2_ck": "241",
        "exams-oet_passed": "yes",
        "exams-pathway_met": "yes",
        "exams-clinically_active": "yes",
        "exams-home_clinical_years": "1",
    },
    "usce": {"usce-usce_hands_on_weeks": "4", "usce-us_clinical_letters": "1"},
    "research": {
        "research-research_abstracts": "1",
        "research-research_in_target_specialty": "yes",
        "research-research_us_based": "no",
    },
    "logistics": {
        "logistics-budget": "moderate",
        "logistics-visa": "j1",
        "logistics-in_us_research_post": "no",
        "logistics-months_available_in_us": "6",
    },
    "check": {},  # "Check your answers": "See my advice" makes the profile
}
RESULT_URL = re.compile(r"/p/([A-Za-z0-9_-]+)/$")
RESET_LINK = re.compile(r"https?://[^\s/]+(/accounts/reset/[^/\s]+/[^/\s]+/)")


class Forms(HTMLParser):
    """Every form of a page, each as its action and the fields a browser would send
    (buttons aside: only the one clicked is sent)."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[tuple[str, dict[str, str]]] = []
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attr = {name: value or "" for name, value in attrs}
        name = attr.get("name")
        if tag == "form":
            self.forms.append((attr.get("action", ""), {}))
        elif not self.forms:
            return
        fields = self.forms[-1][1]
        kind = attr.get("type", "text").lower()
        if tag == "input" and name and kind not in ("submit", "button", "image", "reset"):
            if kind not in ("radio", "checkbox") or "checked" in attr:
                fields[name] = attr.get("value", "on" if kind == "checkbox" else "")
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select:
            if self._select not in fields or "selected" in attr:
                fields[self._select] = attr.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            fields[name] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea and self.forms:
            self.forms[-1][1][self._textarea] += data


def form_with(page: requests.Response, field: str) -> tuple[str, dict[str, str]]:
    """The page's form holding `field`, with its absolute action URL."""
    parser = Forms()
    parser.feed(page.text)
    for action, fields in parser.forms:
        if field in fields:
            return urljoin(page.url, action or page.url), fields
    raise AssertionError(f"no form with {field} on {page.url} ({page.status_code})")


def fill_wizard(browser: requests.Session, base: str, *, name: str) -> str:
    """Answers every step, the last one with `name`, and returns the new profile's token."""
    page = browser.get(f"{base}/start/?reset=1")
    for step, answers in ANSWERS.items():
        action, fields = form_with(page, f"{WIZARD_PREFIX}-current_step")
        assert fields[f"{WIZARD_PREFIX}-current_step"] == step, (step, page.url)
        fields |= answers
        if step == "logistics":
            fields |= {"logistics-name": name}
        page = browser.post(action, data=fields, headers={"Referer": page.url})
        assert page.status_code == 200, (step, page.status_code, page.text[:2000])
    result = RESULT_URL.search(page.url)
    assert result and "data-priority=" in page.text, (page.url, page.text[:2000])
    return result.group(1)


def share_with_group(browser: requests.Session, base: str, *, token: str, code: str) -> None:
    """From the result page: the group's code, the consent page, and "Share"."""
    result = f"{base}/p/{token}/"
    page = browser.get(f"{result}share/", params={"code": code}, headers={"Referer": result})
    assert page.status_code == 200 and "Who will see it" in page.text, page.text[:2000]
    action, fields = form_with(page, "csrfmiddlewaretoken")
    shared = browser.post(action, data=fields, headers={"Referer": page.url})
    assert "Stop sharing" in shared.text, shared.text[:2000]


def log_in(browser: requests.Session, base: str, username: str, password: str) -> None:
    page = browser.get(f"{base}/accounts/login/")
    action, fields = form_with(page, "username")
    fields |= {"username": username, "password": password}
    answer = browser.post(action, data=fields, headers={"Referer": page.url})
    assert "/accounts/login/" not in answer.url, "the advisor could not log in"


def reset_password(
    browser: requests.Session, base: str, *, email: str, mail: Path
) -> tuple[str, str]:
    """Asks for a reset link, follows the one e-mailed and sets a new password;
    returns the link's path and the password."""
    page = browser.get(f"{base}/accounts/password_reset/")
    action, fields = form_with(page, "email")
    browser.post(action, data=fields | {"email": email}, headers={"Referer": page.url})
    sent = "".join(path.read_text() for path in sorted(mail.glob("*")))
    link = RESET_LINK.search(sent)
    assert link, f"no reset link was e-mailed: {sent[-2000:]}"
    page = browser.get(base + link.group(1))
    action, fields = form_with(page, "new_password1")
    password = "A-new-and-long-passphrase-17"
    fields |= {"new_password1": password, "new_password2": password}
    done = browser.post(action, data=fields, headers={"Referer": page.url})
    assert done.url.endswith("/accounts/reset/done/"), (done.url, done.text[:2000])
    return link.group(1), password
