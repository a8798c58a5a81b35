"""The URLs the benchmark asks for: many different ones, as real traffic has."""

from __future__ import annotations

import html
import random
import re

import psycopg

NEXT = re.compile(r'href="\?([^"]+)" rel="next"')
SORTS = ["priority", "-priority", "name", "-readiness", "readiness", "specialty",
         "-updated_at", "effective_usce", "-us_clinical_letters", "last_contact",
         "-note_count", "-advice"]  # fmt: skip
FILTERS = ["", "&priority=usce_urgent", "&specialty=neurology", "&flag=budget_tight",
           "&career_goal=academic", "&advice=changed", "&contact=never",
           "&notes=without"]  # fmt: skip
SURNAMES = ["patel", "nguyen", "khan", "silva", "garcia", "rahman", "mensah", "kaya", "li"]
DEEP_PAGES = 40


def private_links(url: str, count: int = 10_000) -> list[str]:
    with psycopg.connect(url) as database:
        rows = database.execute(
            "SELECT token FROM profiles_profile ORDER BY random() LIMIT %s", [count]
        ).fetchall()
    return [token for (token,) in rows]


def advisor_pages(base: str, opener, url: str) -> dict[str, list[str]]:
    """The advisor's pages, each kind a list of different URLs."""
    rng = random.Random(3)
    with psycopg.connect(url) as database:
        shared = [pk for (pk,) in database.execute(
            "SELECT profile_id FROM profiles_groupshare ORDER BY random() LIMIT 2000"
        ).fetchall()]  # fmt: skip
    first_pages = [f"/advisor/?sort={s}{f}" for s in SORTS for f in FILTERS]
    rng.shuffle(first_pages)
    return {
        "advisor list, first page (96 sorts x filters)": first_pages,
        f"advisor list, {DEEP_PAGES} pages deep": _deep_pages(base, opener),
        "advisor search (name or e-mail)": [
            f"/advisor/?q={name}&sort={rng.choice(SORTS)}" for name in SURNAMES for _ in range(5)
        ],
        "advisor profile (2,000 profiles)": [f"/advisor/profiles/{pk}/" for pk in shared],
        "advisor summary": ["/advisor/summary/"],
    }


def _deep_pages(base: str, opener) -> list[str]:
    """Pages reached by following "Next page" from the top, for a few sorts."""
    found = []
    for sort in ("priority", "-readiness", "name"):
        path = f"/advisor/?sort={sort}"
        for _ in range(DEEP_PAGES):
            page = opener.open(base + path).read().decode()
            link = NEXT.search(page)
            if not link:
                break
            path = "/advisor/?" + html.unescape(link.group(1))
        found.append(path)
    return found
