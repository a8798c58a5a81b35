"""Site content: complete, referenced by stable slugs, and in our own words."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from advisor.engine import content
from advisor.engine.assessment import FAQ_ORDER, OBSERVE_ONLY_FAQ, PRIORITIES, SCENARIOS

BASE = Path(settings.BASE_DIR)
# A copy of the adviser's article kept in the repo, so that a plain clone can
# run this check; `test_local_article_matches_shared_article` keeps it in step.
SOURCE = Path(__file__).with_name("source-article.txt")
SHARED_SOURCE = BASE.parent / "shared" / "seed" / "usce-vs-research.txt"
# Code that never holds text the site shows: schema and seed data, the CLI.
NOT_SITE_TEXT_DIRS = {"migrations", "management"}
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
    # Every module, not a list of names: the engine's wording moves between
    # modules (and into packages such as advisor/plan/) as it grows.
    for module in (BASE / "advisor").rglob("*.py"):
        relative = module.relative_to(BASE)
        if not NOT_SITE_TEXT_DIRS.intersection(relative.parts):
            texts[str(relative)] = module.read_text()
    for template in (BASE / "templates").rglob("*.html"):
        texts[str(template.relative_to(BASE))] = template.read_text()
    return texts


def test_site_texts_include_the_engine_modules_and_templates():
    names = set(site_texts())
    assert {"advisor/engine/content.py", "templates/_base.html"} <= names
    assert len([n for n in names if n.startswith("advisor/")]) > 5
    assert not any("migrations" in name or "management" in name for name in names)


def test_content_covers_every_slug_the_engine_uses():
    # Every question in the order, and each observe-only answer stands for one of them.
    assert set(content.FAQ) == set(FAQ_ORDER) | set(OBSERVE_ONLY_FAQ.values())
    assert set(OBSERVE_ONLY_FAQ) <= set(FAQ_ORDER) and len(FAQ_ORDER) == 7
    assert set(content.SCENARIOS) == set(SCENARIOS)
    assert set(content.PRIORITIES) == set(PRIORITIES)


def test_local_article_matches_shared_article():
    # A plain clone has no shared/ beside it; CI has, and checks the copy there.
    if not SHARED_SOURCE.exists():
        pytest.skip(f"no shared article at {SHARED_SOURCE} to compare the local copy with")
    assert SOURCE.read_text() == SHARED_SOURCE.read_text()


def test_no_sentence_is_copied_from_the_source():
    source_runs = word_runs(SOURCE.read_text())
    copied = {
        name: sorted(" ".join(run) for run in word_runs(text) & source_runs)
        for name, text in site_texts().items()
    }
    assert {name: runs for name, runs in copied.items() if runs} == {}
