"""Applicants for the benchmark's capacity run, as browsers with JavaScript make them.

Half are new visitors walking the whole form in a session of their own (the first
step a page load, then each step posted by htmx and the next step's fragment fetched
as htmx follows the redirect, the last POST answered with HX-Redirect to the result
page); half come back to their advice (one of thousands of private links) and try
the what-if panel (htmx, every answer sent, one changed). Each pauses BENCH_THINK
seconds (default 1.5-4.5, random) between pages, as people read before they click;
the benchmark spawns them over a ramp, so they do not arrive in waves.
"""

import json
import os
import random
import re
from pathlib import Path
from urllib.parse import urlencode

from locust import HttpUser, between, task

from tests.profiles.wizard_steps import ANSWERS, PREFIX

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
SUBMISSION_KEY = re.compile(r'name="submission_key" value="([^"]+)"')
THINK = [float(s) for s in os.environ.get("BENCH_THINK", "1.5,4.5").split(",")]
BROWSER = {"Accept-Encoding": "gzip, deflate, br, zstd"}
HTMX = {**BROWSER, "HX-Request": "true"}
PANELS = (
    json.loads(Path(os.environ["BENCH_PANELS"]).read_text()) if "BENCH_PANELS" in os.environ else []
)


def what_if_path(token: str, answers: dict) -> str:
    tried = {**answers, "usce_hands_on_weeks": str(random.randint(0, 24))}
    return f"/p/{token}/what-if/?{urlencode(tried)}"


class NewApplicant(HttpUser):
    wait_time = between(*THINK)

    @task
    def the_whole_form(self):
        self.client.cookies.clear()  # a new visitor: a session of their own
        page = self.client.get("/start/goals/", headers=BROWSER, name="form: goals GET")
        for step, answers in ANSWERS.items():
            token = CSRF.search(page.text)
            if token is None:
                return
            data = {f"{step}-{k}": v for k, v in answers.items()}
            data |= {f"{PREFIX}-current_step": step, "csrfmiddlewaretoken": token.group(1)}
            key = SUBMISSION_KEY.search(page.text)
            if key:
                data["submission_key"] = key.group(1)
            self.wait()  # reading and answering the step
            last = step == "check"
            posted = self.client.post(
                f"/start/{step}/",
                data,
                headers={**HTMX, "X-CSRFToken": token.group(1)},
                allow_redirects=False,
                name="form: done POST" if last else f"form: {step} POST",
            )
            if last:
                result = posted.headers.get("HX-Redirect")
                if result:
                    self.client.get(result, headers=BROWSER, name="result page, just made")
                return
            next_step = posted.headers.get("Location", "")
            if not next_step:
                return
            name = next_step.rstrip("/").rsplit("/", 1)[-1]
            page = self.client.get(next_step, headers=HTMX, name=f"form: {name} GET")


class ReturningApplicant(HttpUser):
    wait_time = between(*THINK)

    @task
    def my_advice(self):
        token, answers = random.choice(PANELS)
        self.client.get(f"/p/{token}/", headers=BROWSER, name="result page")
        self.wait()
        self.client.get(what_if_path(token, answers), headers=HTMX, name="what-if panel (htmx)")
