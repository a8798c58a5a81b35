"""CPU time and queries of each page, in one process against the benchmark's database:
`python -m tests.bench.cpu_per_page` with DATABASE_URL set prints one JSON object.

Every request asks for a different page, as real traffic does: a new visitor for
each wizard step, a different private link, another advisor list. CPU is the
process's own time (time.process_time), so the database's work is not in it.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "advisor.settings_test")
ROUNDS = int(os.environ.get("BENCH_CPU_ROUNDS", "120"))


def measure(label: str, calls, results: dict) -> None:
    """Run each call (a function making one request) and keep the median CPU ms,
    the queries of the last call, and whether every answer was a success."""
    from django.db import connection, reset_queries

    cpu, ok = [], True
    for call in calls[:5]:
        call()  # warm the template and code caches, as a running server has them
    for call in calls[5:]:
        reset_queries()
        started = time.process_time()
        status = call()
        cpu.append((time.process_time() - started) * 1000)
        ok &= status < 400
    queries = len(connection.queries)
    results[label] = {"cpu_ms": round(statistics.median(cpu), 2), "queries": queries, "ok": ok}


def main() -> None:
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    from profiles.advising.models import AdvisingGroup
    from profiles.models import Profile
    from tests.profiles.wizard_steps import ANSWERS, post_step, step_url

    settings.DEBUG = True  # to count queries; templates stay cached (see settings)
    rng = random.Random(5)
    tokens = list(Profile.objects.order_by("?").values_list("token", flat=True)[: ROUNDS + 5])
    group = AdvisingGroup.objects.get(name="Demo advising group")
    shared = list(group.shares.order_by("?").values_list("profile_id", flat=True)[: ROUNDS + 5])
    advisor = Client(HTTP_HOST="127.0.0.1")
    advisor.force_login(get_user_model().objects.get(username="bench"))
    results: dict = {}
    n = ROUNDS + 5

    def get(client, path):
        return lambda: client.get(path, HTTP_HOST="127.0.0.1").status_code

    def new_visitor_step():
        return lambda: Client().get(step_url("goals"), HTTP_HOST="127.0.0.1").status_code

    def posting(step):
        # A visitor who answered the steps before this one posts it.
        def call():
            client = clients.pop()
            return post_step(client, step, HTTP_HOST="127.0.0.1").status_code

        return call

    def prepared(up_to: str) -> list:
        made = []
        for _ in range(n):
            client = Client()
            for step in ANSWERS:
                if step == up_to:
                    break
                post_step(client, step, HTTP_HOST="127.0.0.1")
            made.append(client)
        return made

    measure("home", [get(Client(), "/") for _ in range(n)], results)
    measure("wizard: first step, new visitor", [new_visitor_step() for _ in range(n)], results)
    for step in ("goals", "usce", "check"):
        clients = prepared(step)
        label = "wizard: last step (makes the profile)" if step == "check" else f"wizard: {step}"
        measure(label, [posting(step) for _ in range(n)], results)
    anonymous = Client()
    measure("result page", [get(anonymous, f"/p/{t}/") for t in tokens], results)
    what_if = [
        get(anonymous, f"/p/{t}/what-if/?usce_hands_on_weeks={rng.randint(0, 20)}") for t in tokens
    ]
    measure("what-if preview", what_if, results)
    sorts = ["priority", "-readiness", "name", "-updated_at", "effective_usce", "last_contact"]
    lists = [get(advisor, f"/advisor/?sort={rng.choice(sorts)}") for _ in range(n)]
    measure("advisor list", lists, results)
    searches = ["patel", "nguyen", "amina", "khan", "mei", "silva", "omar"]
    found = [get(advisor, f"/advisor/?q={rng.choice(searches)}") for _ in range(n)]
    measure("advisor search", found, results)
    measure("advisor profile", [get(advisor, f"/advisor/profiles/{pk}/") for pk in shared], results)
    measure("summary", [get(advisor, "/advisor/summary/") for _ in range(n)], results)
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
