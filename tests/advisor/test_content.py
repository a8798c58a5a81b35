"""Site content: complete, referenced by stable slugs, and in our own words."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from advisor import content
from advisor.engine import FAQ_ORDER, PRIORITIES, SCENARIOS

SOURCE = Path(settings.BASE_DIR).parent / "shared" / "seed" / "usce-vs-research.txt"
RUN = 7  # this many words in a row shared with the source counts as copying


def word_runs(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9]+", text.lower())
    return {tuple(words[i : i + RUN]) for i in range(len(words) - RUN + 1)}


def site_texts() -> dict[str, str]:
    texts = {}
    for slug, entry in content.FAQ.items():
        texts[f"faq {slug}"] = f"{entry.question} {entry.answer}"
    for slug, scenario in content.SCENARIOS.items():
        texts[f"scenario {slug}"] = " ".join(
            [scenario.title, scenario.profile, *scenario.steps, scenario.point]
        )
    for slug, priority in content.PRIORITIES.items():
        texts[f"priority {slug}"] = f"{priority.headline} {priority.summary}"
    for name in ("reasons.py", "plan.py"):
        texts[name] = (Path(settings.BASE_DIR) / "advisor" / name).read_text()
    for template in (Path(settings.BASE_DIR) / "templates").rglob("*.html"):
        texts[str(template)] = template.read_text()
    return texts


def test_content_covers_every_slug_the_engine_uses():
    assert set(content.FAQ) == set(FAQ_ORDER) and len(content.FAQ) == 7
    assert set(content.SCENARIOS) == set(SCENARIOS)
    assert set(content.PRIORITIES) == set(PRIORITIES)


def test_no_sentence_is_copied_from_the_source():
    if not SOURCE.exists():
        pytest.fail(f"source article not found at {SOURCE}; CI clones shared/ beside the repo")
    source_runs = word_runs(SOURCE.read_text())
    copied = {
        name: sorted(" ".join(run) for run in word_runs(text) & source_runs)
        for name, text in site_texts().items()
    }
    assert {name: runs for name, runs in copied.items() if runs} == {}
