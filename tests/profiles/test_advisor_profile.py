"""One shared profile for an advisor: what was told, today's advice, private notes."""

import pytest
from django.urls import reverse

from advisor.models import Specialty
from profiles.models import AdvisorNote
from tests.profiles.factories import make_profile

pytestmark = pytest.mark.django_db


def detail(client, profile):
    return client.get(reverse("profiles:advisor_profile", args=[profile.pk]))


@pytest.fixture
def neuro():
    return make_profile(
        name="Nora Neuro",
        specialty="neurology",
        usce_hands_on_weeks=6,
        us_clinical_letters=1,
        shared_with_advisors=True,
    )


def test_shows_answers_and_what_was_told(advisor_client, neuro):
    body = detail(advisor_client, neuro).content.decode()
    assert "Nora Neuro" in body
    assert 'data-priority="usce_letters"' in body
    assert "6 hands-on, 0 observership, 0 online weeks" in body
    assert "The weighting has not changed since; the advice stands." in body
    assert 'data-advice-differs="false"' in body


def test_shows_todays_advice_when_the_weighting_changed(advisor_client, neuro):
    specialty = Specialty.objects.get(slug="neurology")
    specialty.research_emphasis = "high"
    specialty.save()
    body = detail(advisor_client, neuro).content.decode()
    assert 'data-priority="usce_letters"' in body  # what they were told stays
    assert 'data-advice-differs="true"' in body
    assert "The weighting for Neurology changed on" in body
    assert 'data-today-priority="research_and_usce"' in body
    neuro.refresh_from_db()
    assert neuro.priority == "usce_letters"


def test_weighting_change_that_leaves_the_advice_alone(advisor_client, neuro):
    specialty = Specialty.objects.get(slug="neurology")
    specialty.name = "Adult Neurology"  # part of the weighting, but no input to any rule
    specialty.save()
    body = detail(advisor_client, neuro).content.decode()
    assert 'data-advice-differs="false"' in body
    assert "changed on" in body and "but the advice would be the same" in body


def test_notes_are_added_with_author_and_time(advisor_client, advisor, neuro):
    url = reverse("profiles:advisor_note", args=[neuro.pk])
    response = advisor_client.post(url, {"text": "Suggested two community IM rotations."})
    assert response.status_code == 302
    note = AdvisorNote.objects.get()
    assert note.author == advisor and note.profile == neuro
    body = detail(advisor_client, neuro).content.decode()
    assert "Suggested two community IM rotations." in body and "ana," in body


def test_notes_with_htmx_return_the_notes_fragment(advisor_client, neuro):
    url = reverse("profiles:advisor_note", args=[neuro.pk])
    response = advisor_client.post(
        url, {"text": "<script>alert(1)</script>"}, HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert "<html" not in body and 'id="notes"' in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body and "<script>alert" not in body


@pytest.mark.parametrize("htmx", [False, True])
def test_an_empty_note_is_refused_with_a_message(advisor_client, neuro, htmx):
    url = reverse("profiles:advisor_note", args=[neuro.pk])
    extra = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    response = advisor_client.post(url, {"text": "  "}, **extra)
    assert response.status_code == (200 if htmx else 400)
    assert "Write the note before saving it." in response.content.decode()
    assert not AdvisorNote.objects.exists()


def test_applicants_never_see_advisor_notes(client, advisor, neuro):
    AdvisorNote.objects.create(profile=neuro, author=advisor, text="Private remark")
    body = client.get(reverse("profiles:result", args=[neuro.token])).content.decode()
    assert "Private remark" not in body
