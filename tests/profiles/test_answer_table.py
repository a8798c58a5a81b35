"""The answer table (advisor/engine/answers.py) is the one place an answer is declared:
every surface that asks, stores, reads back or exports answers shows exactly the
table's answers, and what the wizard is told reaches the engine unchanged."""

import csv
import html
import io
import json
import random
import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from advisor.engine.answers import ANSWERS, BY_NAME, engine_values
from advisor.engine.applicant import FIELDS
from advisor.engine.number_input import NOTHING
from profiles.advising.my_data import my_data
from profiles.answer_summary import answer_sections
from profiles.demo import demo_answers
from profiles.edit_form import ProfileEditForms
from profiles.forms import REMEMBER_FIELD, STEPS
from profiles.models import Profile
from profiles.plan_fields import target_match_choices_now
from profiles.services import CONTACT_FIELDS
from profiles.what_if_form import WhatIfForm
from tests.advisor.profile_strategies import ALL_PROFILE_FIELDS, SET_BY_APPLICANTS
from tests.profiles.factories import make_profile
from tests.profiles.wizard_steps import PREFIX, step_url

pytestmark = pytest.mark.django_db

NOT_ANSWERS = {*CONTACT_FIELDS, REMEMBER_FIELD}
TABLE = {answer.name for answer in ANSWERS}
BY_ENGINE_NAME = {answer.engine_field: answer.name for answer in ANSWERS}
# Answers some surfaces leave out by design, said here so the check stays exact.
WHAT_IF = {answer.name for answer in ANSWERS if answer.what_if_group}
DRAWN_BY_DEMO = {answer.name for answer in ANSWERS if answer.kind not in ("slug", "match")}


def expected(table: set[str]) -> dict[str, set[str]]:
    """What each surface must show, given the table's answers."""
    return {
        "engine fields": table,
        "profile columns": table,
        "wizard steps": table,
        "edit page": table,
        "what-if panel": table & WHAT_IF,
        "check your answers": table,
        "result page": table,
        "advisor profile": table,
        "CSV header": {BY_NAME[name].csv_header if name in BY_NAME else name for name in table},
        "download my data": table,
        "demo seeder": table & DRAWN_BY_DEMO,
        "test strategies": table,
    }


def shown(client, advisor_client, profiles) -> dict[str, set[str]]:
    """What each surface shows today, read from the surface itself; a surface that shows
    only the questions asked is read for each of `profiles` (between them, every one)."""
    columns = {field.name for field in Profile._meta.concrete_fields}
    wizard = {name for _, form in STEPS for name in form.base_fields} - NOT_ANSWERS
    edit = {name for p in profiles for form in ProfileEditForms(profile=p) for name in form.fields}
    check = {
        line.name
        for given in every_answer_given()
        for section in answer_sections({step: given for step, _ in STEPS})
        for line in section.lines
    }
    result, advisor_page = set(), set()
    for profile in profiles:
        page = client.get(reverse("profiles:result", args=[profile.token])).content.decode()
        result |= set(re.findall(r'data-answer="([a-z0-9_]+)"', page))
        page = advisor_client.get(reverse("profiles:advisor_profile", args=[profile.pk]))
        advisor_page |= set(re.findall(r'data-answer="([a-z0-9_]+)"', page.content.decode()))
    export = advisor_client.get(reverse("profiles:advisor_export"))
    header = next(csv.reader(io.StringIO(b"".join(export.streaming_content).decode("utf-8-sig"))))
    csv_answers = set(header) & {answer.csv_header for answer in ANSWERS} | (
        set(header) - KNOWN_CSV_COLUMNS
    )
    strategies = {BY_ENGINE_NAME.get(name, name) for name in ALL_PROFILE_FIELDS} | {
        BY_ENGINE_NAME.get(name, name) for name in SET_BY_APPLICANTS if name != "as_of"
    }
    return {
        "engine fields": {BY_ENGINE_NAME.get(name, name) for name in FIELDS if name != "as_of"},
        "profile columns": TABLE & (columns | {"specialty"}),
        "wizard steps": wizard,
        "edit page": edit - NOT_ANSWERS,
        "what-if panel": set(WhatIfForm.base_fields),
        "check your answers": check - NOT_ANSWERS,
        "result page": result,
        "advisor profile": advisor_page,
        "CSV header": csv_answers,
        "download my data": set(my_data(profiles[0])["answers"]),
        "demo seeder": set(demo_answers(random.Random(1), 2026, hands_on=4)),
        "test strategies": strategies,
    }


def every_answer_given() -> list[dict]:
    """Answers (as the forms clean them) that ask every question between them: a value
    of the right kind for each, once with a visa that asks about a research post and
    once with one that asks about the wait for a visa interview."""
    given = {}
    for answer in ANSWERS:
        if answer.kind == "month":
            given[answer.name] = "2024-03"
        elif answer.kind == "country":
            given[answer.name] = "NG"
        elif answer.choices:
            given[answer.name] = answer.choices[0][0]
        else:
            given[answer.name] = 1
    given["research_publications"] = 2
    return [{**given, "visa": "j1"}, {**given, "visa": "b1b2"}]


# The CSV's columns that are not answers: the case and the advice.
KNOWN_CSV_COLUMNS = {
    "Reference",
    "Name",
    "Email",
    "Years since graduation",
    "USCE weeks (observership counts half)",
    "Priority",
    "Flags",
    "USCE score",
    "Letters score",
    "Research score",
    "Recency score",
    "Readiness",
    "Target Match",
    "Plan cost from (USD)",
    "Plan cost to (USD)",
    "Notes",
    "Last contact",
    "Advice today",
    "Last updated",
    "Profile page",
}


def gaps(want: dict[str, set[str]], have: dict[str, set[str]]) -> dict[str, dict]:
    """Per surface, the answers it misses and the ones it shows that the table lacks."""
    found = {}
    for surface, names in want.items():
        missing, extra = names - have[surface], have[surface] - names
        if missing or extra:
            found[surface] = {"missing": sorted(missing), "not in the table": sorted(extra)}
    return found


@pytest.fixture
def researchers():
    # Research output, a Step 2 CK score and US clinical experience, so the questions
    # asked only with them are asked and shown; a J-1 (asked about a research post) and
    # a visitor visa (asked about the wait for an interview).
    asks_everything = {
        "research_publications": 2,
        "research_in_target_specialty": True,
        "step2_ck": 245,
        "step2_ck_taken": "2024-03",
        "usce_hands_on_weeks": 4,
        "usce_last_year": 2025,
        "citizenship": "NG",
        "shared": True,
    }
    return [
        make_profile(**asks_everything, visa="j1", in_us_research_post=True),
        make_profile(**asks_everything, visa="b1b2", visa_wait_months=3),
    ]


def test_every_surface_shows_exactly_the_tables_answers(client, advisor_client, researchers):
    assert gaps(expected(TABLE), shown(client, advisor_client, researchers)) == {}


def test_the_check_fails_when_a_surface_misses_an_answer(client, advisor_client, researchers):
    # The check of the check: a throwaway answer in the table that no surface shows
    # yet is reported missing from every one of them; one taken out of the table is
    # reported as shown without being declared.
    have = shown(client, advisor_client, researchers)
    with_throwaway = gaps(expected(TABLE | {"throwaway"}), have)
    # Not a what-if answer, nor one the demo draws: every other surface misses it.
    assert set(with_throwaway) == set(expected(TABLE)) - {"what-if panel", "demo seeder"}
    assert all(
        gap == {"missing": ["throwaway"], "not in the table": []} for gap in with_throwaway.values()
    )
    without_visa = gaps(expected(TABLE - {"visa"}), have)
    assert without_visa["wizard steps"] == {"missing": [], "not in the table": ["visa"]}


def test_the_pages_read_none_words_from_the_parser(client):
    # static/js/answers.js hides questions while a count reads as none; the words it
    # knows are the parser's, rendered into the page, never a copy in the script.
    page = client.get(reverse("profiles:wizard"), follow=True).content.decode()
    listed = re.search(r'<meta name="reads-as-none" content="(.*?)">', page)
    assert listed and json.loads(html.unescape(listed.group(1))) == sorted(NOTHING)
    script = (settings.BASE_DIR / "static" / "js" / "answers.js").read_text()
    assert "reads-as-none" in script and "|nil" not in script  # no word list of its own


# Two applicants between them give every answer a value that is not its default: one
# answer excludes another (a student has not graduated; the research post is asked on a
# J-1 or H-1B, the visa interview wait on a visitor visa), so no one applicant can.
APPLICANTS = {
    "graduate on a J-1": {"visa": "j1", "student": "no", "graduated": -3},
    "student on a visitor visa": {"visa": "b1b2", "student": "yes", "graduated": 1},
}


def non_default_answers(applicant: dict) -> dict[str, str]:
    """A value for every answer that is not what the engine takes when it is missing, as a
    person types it: an answer dropped on the way would reach the engine as its default."""
    this_year = timezone.now().year
    typed = {}
    for answer in ANSWERS:
        if answer.kind == "slug":
            typed[answer.name] = "neurology"
        elif answer.kind == "year":
            typed[answer.name] = str(this_year + applicant["graduated"])
        elif answer.kind == "match":
            typed[answer.name] = target_match_choices_now()[-1][0]
        elif answer.kind == "month":
            typed[answer.name] = f"3/{this_year - 2}"
        elif answer.kind == "country":
            typed[answer.name] = "nigeria"
        elif answer.kind == "bool":
            typed[answer.name] = "no" if answer.default else "yes"
        elif answer.choices:
            typed[answer.name] = next(v for v, _ in answer.choices if v != answer.default)
        elif answer.kind == "number":
            typed[answer.name] = "2.5"
        elif (answer.min or 0) >= 1900:  # a calendar year: the last US rotation's
            typed[answer.name] = str(this_year - 1)
        else:
            typed[answer.name] = str(int(answer.min or 0) + 3)
    typed["visa"], typed["student"] = applicant["visa"], applicant["student"]
    return typed


def post_the_wizard(client, typed: dict[str, str]) -> Profile:
    for step, form in STEPS:
        data = {f"{PREFIX}-current_step": step}
        for name in form.base_fields:
            if name in typed:
                data[f"{step}-{name}"] = typed[name]
        response = client.post(step_url(step), data)
        assert response.status_code == 302, (step, response.content.decode()[:3000])
    response = client.post(step_url("check"), {f"{PREFIX}-current_step": "check"})
    assert response.status_code == 302, response.content.decode()[:3000]
    return Profile.objects.latest("pk")


def test_every_answer_posted_by_the_wizard_reaches_the_engine_unchanged(client):
    this_year = timezone.now().year
    given = set()  # the answers that reached the engine as more than their default
    for who, applicant in APPLICANTS.items():
        client.cookies.clear()  # a new visitor, with a draft of their own
        typed = non_default_answers(applicant)
        assert typed["research_publications"] != "0"  # the research questions are asked
        profile = post_the_wizard(client, typed)
        engine_read = profile.assessment["input"]
        stored = {answer.name: getattr(profile, answer.name) for answer in ANSWERS}
        stored["specialty"] = profile.specialty.slug
        for answer in ANSWERS:
            value = engine_values(stored, this_year=this_year)[answer.engine_field]
            assert engine_read[answer.engine_field] == value, (who, answer.name)
            if value != FIELDS[answer.engine_field].default:
                given.add(answer.name)
        assert engine_read["years_since_graduation"] == max(0, -applicant["graduated"])
        assert engine_read["home_clinical_years"] == 2.5
        assert engine_read["specialty"] == "neurology"
        assert engine_read["step2_ck_taken"] == f"{this_year - 2}-03"
        assert engine_read["citizenship"] == "NG"
    assert given == TABLE, sorted(TABLE - given)
