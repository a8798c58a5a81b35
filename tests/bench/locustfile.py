"""Applicants for the benchmark's capacity run: new visitors going through the whole
form and returning ones opening their advice (a private link of thousands) and
trying a what-if, each pausing BENCH_THINK seconds (default 1.5-4.5) between pages,
as people read before they click."""

import os
import random
import re
import uuid
from pathlib import Path

from locust import HttpUser, between, task

from tests.load.locustfile import step_answers

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
SUBMISSION_KEY = re.compile(r'name="submission_key" value="([^"]+)"')
PREFIX = "profile_wizard"
THINK = [float(s) for s in os.environ.get("BENCH_THINK", "1.5,4.5").split(",")]
TOKENS = (
    Path(os.environ["BENCH_TOKENS"]).read_text().split() if "BENCH_TOKENS" in os.environ else []
)


class NewApplicant(HttpUser):
    wait_time = between(*THINK)

    @task
    def the_whole_form(self):
        page = self.client.get("/start/?reset=1", name="form: first step")
        for step, answers in step_answers(f"bench-{uuid.uuid4().hex[:12]}"):
            token = CSRF.search(page.text)
            if token is None:
                return
            data = {f"{step}-{k}": v for k, v in answers.items()}
            data |= {f"{PREFIX}-current_step": step, "csrfmiddlewaretoken": token.group(1)}
            key = SUBMISSION_KEY.search(page.text)
            if key:
                data["submission_key"] = key.group(1)
            self.wait()  # reading and answering the step
            name = "form: last step (makes the profile)" if step == "check" else "form: a step"
            page = self.client.post(f"/start/{step}/", data, name=name)


class ReturningApplicant(HttpUser):
    wait_time = between(*THINK)

    @task
    def my_advice(self):
        token = random.choice(TOKENS)
        self.client.get(f"/p/{token}/", name="result page")
        self.wait()
        weeks = random.randint(0, 24)
        self.client.get(f"/p/{token}/what-if/?usce_hands_on_weeks={weeks}", name="what-if")
