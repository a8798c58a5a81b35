"""The answers of advice rules v4 on the applicant's forms: a month and a country as
people type them, questions asked only for some visas, and the combinations the
engine refuses said next to the question."""

import csv
import io
import json
import random
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from advisor.engine.answers import BY_NAME
from advisor.engine.applicant import parse_profile
from advisor.engine.calendar import month_index, month_label, month_str
from profiles.advising.my_data import my_data
from profiles.country_fields import COUNTRY_UNKNOWN, CountryAnswerField
from profiles.demo import demo_answers
from profiles.forms import ExamsForm, GoalsForm, LogisticsForm
from profiles.models import Profile
from profiles.month_fields import MONTH_IN_FUTURE, MonthAnswerField, read_month
from profiles.plan_fields import STUDENT_GRADUATED
from tests.profiles.factories import make_profile
from tests.profiles.wizard_steps import ANSWERS, post_step, step_url

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "typed",
    ["2024-03", "03/2024", "3/2024", "March 2024", "mar 2024", "2024/03", " MAR. 2024 ", "3-2024"],
)
def test_a_month_is_read_as_people_write_it(typed):
    assert read_month(typed) == "2024-03"
    assert MonthAnswerField("step2_ck_taken").clean(typed) == "2024-03"


@pytest.mark.parametrize("typed", ["march", "13/2024", "2024", "ma 2024", "last spring", "0/2024"])
def test_a_month_that_cannot_be_read_is_refused_with_an_example(typed):
    with pytest.raises(Exception) as refused:
        MonthAnswerField("step2_ck_taken").clean(typed)
    assert refused.value.messages == [
        f"Enter the month and year you took Step 2 CK, like 03/2024: you typed \u201c{typed}\u201d."
    ]


def test_a_month_after_this_one_is_refused():
    now = month_index(timezone.localdate())
    typed = f"{(now + 1) % 12 + 1:02d}/{(now + 1) // 12}"
    with pytest.raises(Exception) as refused:
        MonthAnswerField("step2_ck_taken").clean(typed)
    words = {"purpose": "you took Step 2 CK", "now": month_label(now), "typed": typed}
    assert refused.value.messages == [MONTH_IN_FUTURE.format(**words)]
    assert MonthAnswerField("step2_ck_taken").clean(month_str(now)) == month_str(now)


@pytest.mark.parametrize(
    ("typed", "code"),
    [("nigeria", "NG"), ("NG", "NG"), ("ng", "NG"), ("Cote d'Ivoire", "CI"), ("", None)],
)
def test_a_country_is_read_by_name_or_code_in_any_case(typed, code):
    assert CountryAnswerField().clean(typed) == code


def test_an_unknown_country_is_refused_by_name():
    with pytest.raises(Exception) as refused:
        CountryAnswerField().clean("Narnia")
    assert refused.value.messages == [COUNTRY_UNKNOWN.format(typed="Narnia")]


def logistics(**answers) -> LogisticsForm:
    form = LogisticsForm(data={"budget": "moderate", "months_available_in_us": "6", **answers})
    form.is_valid()
    return form


def test_a_question_asked_only_for_some_visas_is_ignored_for_the_others():
    # Without JavaScript every question is shown: what is typed into one that the visa
    # does not ask is neither refused nor kept.
    form = logistics(visa="j1", in_us_research_post="no", visa_wait_months="lots")
    assert form.errors == {}
    assert form.cleaned_data["visa_wait_months"] == 0
    form = logistics(visa="b1b2", in_us_research_post="yes", visa_wait_months="2 months")
    assert form.errors == {}
    assert form.cleaned_data["in_us_research_post"] is False
    assert form.cleaned_data["visa_wait_months"] == 2


def test_a_yes_no_asked_for_the_visa_chosen_must_be_answered():
    assert logistics(visa="h1b").errors == {"in_us_research_post": ["Answer yes or no."]}


def test_the_page_marks_what_each_question_is_asked_with():
    form = LogisticsForm(prefix="logistics")
    wait = form["visa_wait_months"].field.widget.attrs
    assert wait["data-asked-if"] == "logistics-visa:b1b2,other"
    post = form["in_us_research_post"].field.widget.attrs
    assert post["data-asked-if"] == "logistics-visa:j1,h1b"
    taken = ExamsForm(prefix="exams")["step2_ck_taken"].field.widget.attrs
    assert taken["data-asked-with"] == "exams-step2_ck"


def test_a_student_with_a_graduation_year_passed_is_told_on_the_first_step():
    this_year = timezone.now().year
    goals = {**ANSWERS["goals"], "student": "yes"}
    form = GoalsForm(data={**goals, "graduation_year": str(this_year - 1)})
    assert form.errors == {"student": [STUDENT_GRADUATED]}
    assert GoalsForm(data={**goals, "graduation_year": str(this_year + 1)}).errors == {}


def test_the_wizard_reads_back_the_new_answers_and_saves_them(client):
    for step in ("goals", "exams", "usce", "research", "logistics"):
        answers = dict(ANSWERS[step])
        if step == "exams":
            answers |= {"step2_ck_taken": "March 2024", "exam_failures": "1"}
        if step == "usce":
            answers |= {"usce_last_year": "2024"}
        if step == "logistics":
            answers |= {"visa": "b1b2", "visa_wait_months": "2 months", "citizenship": "nigeria"}
        assert post_step(client, step, answers).status_code == 302, step
    page = client.get(step_url("check")).content.decode()
    read = dict(re.findall(r'data-answer="([a-z0-9_]+)">([^<]*)<', page))
    assert read["step2_ck_taken"] == "Mar 2024"
    assert read["citizenship"] == "Nigeria"
    assert read["visa_wait_months"] == "2 months"
    assert read["usce_last_year"] == "2024"
    assert "in_us_research_post" not in read  # not asked on a visitor visa
    assert post_step(client, "check").status_code == 302
    profile = Profile.objects.get()
    assert (profile.step2_ck_taken, profile.citizenship, profile.visa_wait_months) == (
        "2024-03",
        "NG",
        2,
    )
    assert profile.assessment["input"]["citizenship"] == "NG"


def test_a_combination_the_engine_refuses_is_shown_on_its_question(client):
    # Graduated in 2023: US clinical experience can end in 2021 at the earliest.
    for step in ("goals", "exams", "usce", "research", "logistics"):
        answers = dict(ANSWERS[step])
        if step == "usce":
            answers |= {"usce_last_year": "2015"}
        assert post_step(client, step, answers).status_code == 302, step
    response = post_step(client, "check")
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="id_usce-usce_last_year_error"' in body
    assert "Must not be before 2021" in body


def test_the_edit_page_shows_a_saved_month_and_country_as_people_write_them(client):
    profile = make_profile(step2_ck=245, step2_ck_taken="2024-03", citizenship="NG")
    page = client.get(reverse("profiles:edit", args=[profile.token])).content.decode()
    assert 'value="03/2024"' in page and 'value="Nigeria"' in page
    assert '<datalist id="id_logistics-citizenship_list"><option value="Afghanistan">' in page


def test_the_help_link_follows_the_help_text(client):
    post_step(client, "goals")
    for step in ("exams", "usce", "research"):
        post_step(client, step)
    page = client.get(step_url("logistics")).content.decode()
    words, address = BY_NAME["visa_wait_months"].help_link
    assert f'<a href="{address}" rel="noopener noreferrer" target="_blank">{words}' in page
    assert "It is used for nothing else" in page  # why citizenship is asked


def test_exports_show_the_country_by_name_and_my_data_keeps_the_code(advisor_client):
    profile = make_profile(citizenship="NG", visa="j1", in_us_research_post=True, shared=True)
    answers = my_data(profile)["answers"]
    assert answers["citizenship"] == "NG"
    assert answers["in_us_research_post"] is True
    assert answers["visa_wait_months"] is None  # not asked on a J-1
    export = advisor_client.get(reverse("profiles:advisor_export"))
    rows = list(csv.DictReader(io.StringIO(b"".join(export.streaming_content).decode("utf-8-sig"))))
    assert rows[0]["Citizenship"] == "Nigeria"
    assert rows[0]["Visa interview wait (months)"] == ""


def test_demo_answers_are_combinations_the_engine_accepts():
    rng = random.Random(7)
    this_year = timezone.now().year
    for _ in range(300):
        hands_on = rng.choice([0, 4, 12])
        answers = demo_answers(rng, this_year, hands_on=hands_on)
        data = {BY_NAME[name].engine_field: value for name, value in answers.items()}
        data["years_since_graduation"] = max(0, this_year - data["years_since_graduation"])
        data["home_clinical_years"] = float(data["home_clinical_years"])
        parse_profile({**data, "specialty": "neurology"})


# What seed 1 drew before the v4 answers were added (profiles/demo.py at f9ce105, with
# the answer table of then), and the generator's next draw.
BEFORE_V4 = {
    "career_goal": "academic",
    "graduation_year": 2025,
    "step1_passed": False,
    "step2_ck": 236,
    "oet_passed": True,
    "pathway_met": False,
    "clinically_active": True,
    "usce_observership_weeks": 4,
    "us_clinical_letters": 2,
    "research_publications": 0,
    "visa": "other",
    "months_available_in_us": 0,
}
NEXT_DRAW_BEFORE_V4 = 0.5911534350013039


def test_demo_answers_keep_the_stream_of_the_answers_before_v4():
    # A seed makes the same profiles (benchmark, seeded databases) as before.
    rng = random.Random(1)
    answers = demo_answers(rng, 2026, hands_on=4)
    assert {name: answers[name] for name in BEFORE_V4} == BEFORE_V4
    assert rng.random() == NEXT_DRAW_BEFORE_V4


def test_the_assess_command_takes_the_v4_answers_by_the_engines_names(monkeypatch):
    from tests.advisor.test_assess_command import GOOD, run_assess

    line = {
        **GOOD,
        "student": True,
        "step2_ck_taken": "2024-03",
        "exam_failures": "1 attempt",
        "usce_hands_on_weeks": 4,
        "usce_last_year": timezone.now().year,
        "visa": "b1b2",
        "visa_wait_months": "2 months",
        "citizenship": "ng",
    }
    refused = {**line, "visa": "b1b2", "in_us_research_post": True}
    [taken, turned_down], status = run_assess(
        monkeypatch, f"{json.dumps(line)}\n{json.dumps(refused)}\n"
    )
    assert "priority" in taken, taken
    assert status == 1 and "in_us_research_post" in turned_down["error"]


def test_the_what_if_panel_reads_an_unanswered_research_post_as_no():
    # Trying a J-1 shows that advice at once instead of asking about a research post.
    from profiles.what_if_form import WhatIfForm, saved_answers

    profile = make_profile(visa="b1b2", visa_wait_months=3)
    form = WhatIfForm(profile=profile, data={**saved_answers(profile), "visa": "j1"})
    assert form.is_valid(), form.errors
    assert (form.cleaned_data["in_us_research_post"], form.cleaned_data["visa_wait_months"]) == (
        False,
        0,
    )


def test_questions_that_change_the_advice_are_asked_with_nothing_chosen():
    """Ask, don't assume: no answer is pre-selected on a question that changes the
    advice, and leaving one unanswered names it."""
    from profiles.forms import GoalsForm

    page = LogisticsForm(prefix="logistics").as_div() + GoalsForm(prefix="goals").as_div()
    for name in ("goals-career_goal", "logistics-budget"):
        radios = re.findall(rf'<input type="radio" name="{name}"[^>]*>', page)
        assert radios and not any("checked" in radio for radio in radios), radios
    assert '<option value="" selected>Choose one</option>' in page  # the visa list
    assert re.search(r'name="logistics-months_available_in_us"(?![^>]*value=)[^>]*>', page)
    form = LogisticsForm(data={})
    assert not form.is_valid()
    assert form.errors["budget"] == ["Choose how much money you have for unpaid time in the US."]
    assert form.errors["visa"][0].startswith("Choose your visa or status")
    assert form.errors["months_available_in_us"][0].startswith("Enter the months you could")
    goals = GoalsForm(data={})
    goals.is_valid()
    assert goals.errors["career_goal"][0].startswith("Choose the kind of program")
