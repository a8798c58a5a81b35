"""Ask, don't assume (GOV.UK's radios guidance): walking the form as a newcomer, no
radio is chosen and no list shows an answer before the applicant gives one."""

import re

import pytest

from tests.profiles.wizard_steps import ANSWERS, QUESTION_STEPS, post_step, step_url

pytestmark = pytest.mark.django_db

RADIO = re.compile(r"<input[^>]*type=\"radio\"[^>]*>")
SELECT = re.compile(r"<select[^>]*name=\"([^\"]+)\"[^>]*>(.*?)</select>", re.S)
SELECTED = re.compile(r"<option value=\"([^\"]*)\"[^>]*\bselected\b")


def chosen_before_answering(page: str) -> list[str]:
    """The radios ticked and the lists set to a real answer on a step as first shown."""
    found = [radio for radio in RADIO.findall(page) if re.search(r"\bchecked\b", radio)]
    for name, options in SELECT.findall(page):
        found += [f"{name}={value}" for value in SELECTED.findall(options) if value]
    return found


def test_no_question_comes_with_an_answer_chosen(client):
    for step in QUESTION_STEPS:
        page = client.get(step_url(step)).content.decode()
        assert 'name="profile_wizard-current_step"' in page, step
        assert RADIO.search(page) or SELECT.search(page) or step == "usce", step
        assert chosen_before_answering(page) == [], step
        response = post_step(client, step, ANSWERS[step])
        assert response.status_code == 302, (step, response.content.decode()[:500])


def test_the_check_catches_a_preselected_radio():
    # The test above would fail on a radio or a list shown with an answer chosen.
    ticked = '<input type="radio" name="goals-student" value="no" checked id="x">'
    listed = '<select name="logistics-visa"><option value="b1b2" selected>B1/B2</option></select>'
    assert chosen_before_answering(ticked) == [ticked]
    assert chosen_before_answering(listed) == ["logistics-visa=b1b2"]
    blank = '<select name="v"><option value="" selected>Choose one</option></select>'
    assert chosen_before_answering(blank) == []


def test_a_question_asked_only_with_some_answers_is_marked_required():
    """A reviewer's find: "Do you hold a research post in the US now?" (asked with an
    H-1B or J-1) had no star, yet leaving it gave "Answer yes or no"."""
    from django.template.loader import render_to_string

    from profiles.forms import LogisticsForm, ResearchForm

    for form in (LogisticsForm(prefix="logistics"), ResearchForm(prefix="research")):
        conditional = [f for f in form if getattr(f.field, "required_when_asked", False)]
        assert conditional, form
        for field in conditional:
            html = render_to_string("profiles/_question.html", {"field": field})
            # A yes/no's legend, or a number's label.
            tag = "legend" if "<legend" in html else "label"
            title = html.split(f"<{tag}", 1)[1].split(f"</{tag}>", 1)[0]
            assert '<span class="asteriskField">*</span>' in title, field.name
