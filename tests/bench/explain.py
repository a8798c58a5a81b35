"""EXPLAIN of the caseload's queries on the benchmark database: that each reads an
index range of the group's cases, never a scan of the table or a sort of it all."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.gunicorn_server import ROOT

SCRIPT = r"""
from django.db import connection
from django.test import RequestFactory
from django.contrib.auth import get_user_model
from profiles.advising.caseload import caseload_page
from profiles.advising.list_state import list_state
from profiles.advising.models import GroupShare

user = get_user_model().objects.get(username="bench")
def plan(label, queryset):
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS OFF, COSTS OFF) " + sql, params)
        print(f"--- {label}")
        for (line,) in cursor.fetchall():
            print("    " + line)

for label, query in [
    ("list, sorted by readiness (highest first), first page", "sort=-readiness"),
    ("list, sorted by name, filtered to neurology", "sort=name&specialty=neurology"),
    ("list, search 'patel'", "q=patel"),
    # The planner reads the flags' GIN index (case_flags) for a flag few cases hold, and
    # walks the sort's index for a common one: slow when the flag is rare at the sort's
    # start (this one among the most urgent: 190 ms at 200,000 cases).
    ("list, filtered to one flag (visa limits research)", "flag=visa_limits_research"),
]:
    request = RequestFactory().get("/advisor/?" + query)
    request.user = user
    request.session = {}  # the list remembers the group chosen in the session
    state = list_state(request)
    plan(label, state.rows.order_by(*state.ordering)[:26])
group = state.group_id
cases = GroupShare.objects.filter(group_id=group).order_by()
from profiles.advising.models import CaseTally
plan("summary: the group's tallies", CaseTally.objects.filter(group_id=group, count__gt=0))
with connection.cursor() as cursor:
    sql, params = cases.values("pk")[:10001].query.sql_with_params()
    cursor.execute("EXPLAIN (ANALYZE, COSTS OFF) SELECT count(*) FROM (" + sql + ") capped", params)
    print("--- count, capped at 10,000")
    for (line,) in cursor.fetchall():
        print("    " + line)
"""


def explain_report(url: str) -> str:
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "advisor.settings"}
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "-v0", "-c", SCRIPT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return "    EXPLAIN ANALYZE of the caseload's queries:\n" + done.stdout.rstrip()
