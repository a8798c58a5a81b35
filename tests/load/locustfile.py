"""Locust users: applicants completing the form, advisors browsing shared profiles.

Run by tests/load/test_load.py against gunicorn. Every applicant journey appends
a line to $LOAD_JOURNEYS ("submitted NAME" before the last step, "completed NAME
TOKEN" once the result page is shown) so the test can check what was stored.
"""

import os
import random
import re
import uuid

from locust import HttpUser, between, task

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
RESULT = re.compile(r"/p/([\w-]+)/$")
PREFIX = "profile_wizard"
GOALS = ["academic", "community", "undecided"]
SPECIALTIES = ["internal-medicine", "neurology", "dermatology", "psychiatry", "radiology"]
JOURNEYS = os.environ.get("LOAD_JOURNEYS", "/dev/null")
ADVISOR_PASSWORD = os.environ.get("LOAD_ADVISOR_PASSWORD", "")


def record(line: str) -> None:
    with open(JOURNEYS, "a") as journal:
        journal.write(line + "\n")


def step_answers(name: str) -> list[tuple[str, dict]]:
    return [
        (
            "goals",
            {
                "specialty": random.choice(SPECIALTIES),
                "career_goal": random.choice(GOALS),
                "graduation_year": random.randint(2015, 2026),
            },
        ),
        (
            "exams",
            {
                "step1_passed": "yes",
                "step2_ck": random.choice(["", "231", "248"]),
                "oet_passed": random.choice(["yes", "no"]),
                "pathway_met": random.choice(["yes", "no"]),
                "home_clinical_years": "1",
            },
        ),
        (
            "usce",
            {
                "usce_hands_on_weeks": random.choice([0, 4, 8, 12]),
                "us_clinical_letters": random.randint(0, 3),
            },
        ),
        ("research", {"research_abstracts": random.randint(0, 3)}),
        (
            "logistics",
            {"budget": "moderate", "visa": "j1", "name": name, "shared_with_advisors": "on"},
        ),
    ]


class Applicant(HttpUser):
    fixed_count = 50
    wait_time = between(0.2, 1.0)

    @task
    def complete_the_form(self):
        name = f"load-{uuid.uuid4().hex[:16]}"
        page = self.client.get("/start/?reset=1", name="/start/ (first step)")
        for step, answers in step_answers(name):
            token = CSRF.search(page.text)
            if token is None:
                return
            data = {f"{step}-{k}": v for k, v in answers.items()}
            data |= {f"{PREFIX}-current_step": step, "csrfmiddlewaretoken": token.group(1)}
            if step == "logistics":
                record(f"submitted {name}")
            with self.client.post(
                f"/start/{step}/", data, name=f"/start/{step}/", catch_response=True
            ) as page:
                if step != "logistics" and f"/start/{step}/" in page.url:
                    page.failure(f"step {step} was not accepted")
                    return
        result = RESULT.search(page.url)
        if result and "data-priority=" in page.text:
            record(f"completed {name} {result.group(1)}")
            self.client.get(f"/p/{result.group(1)}/", name="/p/[token]/")


class Advisor(HttpUser):
    fixed_count = 5
    wait_time = between(0.5, 1.5)

    def on_start(self):
        login = self.client.get("/accounts/login/")
        token = CSRF.search(login.text).group(1)
        number = random.randint(1, 5)
        self.client.post(
            "/accounts/login/",
            {
                "username": f"advisor{number}",
                "password": ADVISOR_PASSWORD,
                "csrfmiddlewaretoken": token,
            },
        )

    @task(4)
    def browse_the_list(self):
        params = random.choice(
            [
                {},
                {"priority": "usce_urgent"},
                {"sort": "-readiness"},
                {"specialty": "neurology"},
                {"page": random.randint(1, 10)},
            ]
        )
        with self.client.get(
            "/advisor/", params=params, name="/advisor/", catch_response=True
        ) as page:
            if "shared profile" not in page.text:
                page.failure("not the advisor list")
                return
        ids = re.findall(r'href="/advisor/profiles/(\d+)/"', page.text)
        if ids:
            self.client.get(
                f"/advisor/profiles/{random.choice(ids)}/", name="/advisor/profiles/[id]/"
            )

    @task(1)
    def cohort_summary(self):
        self.client.get("/advisor/summary/", name="/advisor/summary/")
