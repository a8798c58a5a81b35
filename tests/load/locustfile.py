"""Locust users: applicants completing the form, advisors browsing shared profiles.

Run by tests/load/test_load.py against `make serve`'s servers. Every applicant
journey appends to $LOAD_JOURNEYS: "submitted NAME" before the last step,
"completed NAME TOKEN" once the result page is shown; every failed request
appends "failed END REQUEST_MS METHOD NAME ERROR" (END on the monotonic clock,
which all processes of the machine share) so the test can tell which failures
were in flight when it killed a worker.

A step the server failed to answer (a 5xx, a dropped connection) is posted
again, as a person clicks again; the form's submission key makes a repeated last
step lead to the profile the first one made, if it made one.
"""

import os
import random
import re
import time
import uuid

from locust import HttpUser, between, events, task

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
SUBMISSION_KEY = re.compile(r'name="submission_key" value="([^"]+)"')
RESULT = re.compile(r"/p/([\w-]+)/$")
PREFIX = "profile_wizard"
GOALS = ["academic", "community", "undecided"]
SPECIALTIES = ["internal-medicine", "neurology", "dermatology", "psychiatry", "radiology"]
JOURNEYS = os.environ.get("LOAD_JOURNEYS", "/dev/null")
ADVISOR_PASSWORD = os.environ.get("LOAD_ADVISOR_PASSWORD", "")
APPLICANTS = int(os.environ.get("LOAD_APPLICANTS", "100"))
ADVISORS = int(os.environ.get("LOAD_ADVISORS", "10"))
CLICKS = 3  # tries of a step before the applicant gives up


def record(line: str) -> None:
    with open(JOURNEYS, "a") as journal:
        journal.write(line + "\n")


@events.request.add_listener
def record_failure(request_type, name, response_time, exception, **kwargs):
    if exception is not None:
        error = str(exception).replace("\n", " ")[:200]
        record(f"failed {time.monotonic():.3f} {response_time:.0f} {request_type} {name} {error}")


def step_answers(name: str) -> list[tuple[str, dict]]:
    return [
        (
            "goals",
            {
                "specialty": random.choice(SPECIALTIES),
                "career_goal": random.choice(GOALS),
                "graduation_year": random.randint(2015, 2026),
                "student": "no",
            },
        ),
        (
            "exams",
            {
                "step1_passed": "yes",
                "step2_ck": random.choice(["", "231", "248"]),
                "oet_passed": random.choice(["yes", "no"]),
                "pathway_met": random.choice(["yes", "no"]),
                "clinically_active": random.choice(["yes", "no"]),
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
        (
            "research",
            {
                "research_abstracts": random.randint(0, 3),
                "research_in_target_specialty": random.choice(["yes", "no"]),
                "research_us_based": "no",
            },
        ),
        (
            "logistics",
            {
                "budget": "moderate",
                "visa": "j1",
                "in_us_research_post": "no",
                "months_available_in_us": "6",
                "name": name,
            },
        ),
        ("check", {}),  # "Check your answers": its "See my advice" makes the profile
    ]


def server_failed(response) -> bool:
    """No answer, or an error the person could only meet by clicking again."""
    return response.status_code == 0 or response.status_code >= 500


class Applicant(HttpUser):
    fixed_count = APPLICANTS
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
            key = SUBMISSION_KEY.search(page.text)
            if key:
                data["submission_key"] = key.group(1)
            if step == "check":
                record(f"submitted {name}")
            page = self.post_step(step, data)
            if page is None:
                return
        result = RESULT.search(page.url)
        if result and "data-priority=" in page.text:
            record(f"completed {name} {result.group(1)}")
            self.client.get(f"/p/{result.group(1)}/", name="/p/[token]/")

    def post_step(self, step: str, data: dict):
        """The step's page after posting it, clicking again while the server fails."""
        for _ in range(CLICKS):
            with self.client.post(
                f"/start/{step}/", data, name=f"/start/{step}/", catch_response=True
            ) as page:
                if server_failed(page):
                    page.failure(f"{page.status_code} {page.reason}")
                elif step != "check" and f"/start/{step}/" in page.url:
                    page.failure(f"step {step} was not accepted ({page.status_code})")
                    return None
                else:
                    return page
            time.sleep(1)  # outside the block, which times the request
        return None


class Advisor(HttpUser):
    fixed_count = ADVISORS
    wait_time = between(0.5, 1.5)

    def on_start(self):
        for _ in range(CLICKS):
            login = self.client.get("/accounts/login/")
            token = CSRF.search(login.text)
            if token is None:
                time.sleep(1)
                continue
            answer = self.client.post(
                "/accounts/login/",
                {
                    "username": f"advisor{random.randint(1, ADVISORS)}",
                    "password": ADVISOR_PASSWORD,
                    "csrfmiddlewaretoken": token.group(1),
                },
            )
            if not server_failed(answer):
                return
            time.sleep(1)

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
            if server_failed(page):
                return  # counted by locust already
            if "Shared profiles" not in page.text:
                page.failure("not the advisor list")
                return
        ids = re.findall(r'href="/advisor/profiles/(\d+)/', page.text)
        if ids:
            self.client.get(
                f"/advisor/profiles/{random.choice(ids)}/", name="/advisor/profiles/[id]/"
            )

    @task(1)
    def cohort_summary(self):
        self.client.get("/advisor/summary/", name="/advisor/summary/")
