"""The method page explains the plan rules, in our own words (the page applicants read
before trusting a dated plan; its template sits beside the result page's)."""

import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils.html import strip_tags

pytestmark = pytest.mark.django_db
SOURCE = Path(__file__).parents[1] / "advisor" / "source-article.txt"
RUN = 7  # this many words in a row shared with the source counts as copying


def word_runs(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9]+", text.lower())
    return {tuple(words[i : i + RUN]) for i in range(len(words) - RUN + 1)}


def plan_section(client) -> str:
    body = client.get(reverse("method")).content.decode()
    return strip_tags(body.split('id="plan-rules"')[1].split("<h2")[0])


def test_method_page_explains_the_plan_rules(client):
    text = plan_section(client)
    for point in (
        "real Match Day",
        "two months of arranging",
        "at least two months before you apply",
        "Research never holds back a ready applicant",
        "months you said you can spend in the US",
        "tight budget",
        "B1/B2",
        "marked as estimated: check ERAS and NRMP",
    ):
        assert point in text, point


def test_the_plan_rules_are_not_copied_from_the_source(client):
    copied = word_runs(plan_section(client)) & word_runs(SOURCE.read_text())
    assert sorted(" ".join(run) for run in copied) == []
