"""The wait for a visa interview is asked, never assumed: a visitor-visa applicant who
leaves it blank is asked for it by name (a blank read as "no wait" would book US time
months too early); an applicant whose visa does not need it is not asked."""

import re

import pytest

from tests.profiles.wizard_steps import ANSWERS, post_step, step_url

pytestmark = pytest.mark.django_db
MESSAGE = "Enter the months until you could get a visa interview"


def walk_to_logistics(client) -> None:
    for step in ("goals", "exams", "usce", "research"):
        assert post_step(client, step).status_code == 302


@pytest.mark.parametrize("visa", ["b1b2", "other"])
def test_a_blank_wait_is_asked_for_not_read_as_none(client, visa):
    walk_to_logistics(client)
    page = client.get(step_url("logistics")).content.decode()
    [field] = re.findall(r'<input[^>]*id="id_logistics-visa_wait_months"[^>]*>', page)
    assert "value=" not in field  # nothing typed for them
    # Not `required` in the page: hidden while the visa does not ask it, a required
    # input would stop the browser sending the step.
    assert "required" not in field
    answers = {**ANSWERS["logistics"], "visa": visa, "visa_wait_months": ""}
    response = post_step(client, "logistics", answers)
    assert response.status_code == 200
    body = response.content.decode()
    assert MESSAGE in body
    # What they typed elsewhere on the step is kept.
    assert 'value="Amina K"' in body and 'value="14"' in body
    answers["visa_wait_months"] = "0"
    assert post_step(client, "logistics", answers).status_code == 302


def test_a_visa_that_needs_no_interview_is_not_asked(client):
    walk_to_logistics(client)
    answers = {**ANSWERS["logistics"], "visa": "j1", "visa_wait_months": ""}
    assert post_step(client, "logistics", answers).status_code == 302
