"""One shared profile for an advisor: what was told, today's advice, notes for
oneself, the group or the applicant, previous and next, and the access record."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from advisor.models import Specialty
from profiles.advising.models import AccessEvent, AdvisorNote
from profiles.services import profile_update
from tests.profiles.factories import default_group, make_advisor, make_profile

pytestmark = pytest.mark.django_db


def detail(client, profile, **params):
    return client.get(reverse("profiles:advisor_profile", args=[profile.pk]), params)


def add_note(client, profile, text, visibility="private", **extra):
    url = reverse("profiles:advisor_note", args=[profile.pk])
    return client.post(url, {"text": text, "visibility": visibility}, **extra)


@pytest.fixture
def neuro():
    return make_profile(
        name="Nora Neuro",
        specialty="neurology",
        usce_hands_on_weeks=6,
        us_clinical_letters=1,
        shared=True,
    )


@pytest.fixture
def colleague(django_user_model):
    user = make_advisor(
        django_user_model, "ben", first_name="Ben", last_name="Okafor", groups=[default_group()]
    )
    client = Client()
    client.force_login(user)
    return client


def test_shows_answers_and_what_was_told(advisor_client, neuro):
    body = detail(advisor_client, neuro).content.decode()
    assert "Nora Neuro" in body
    assert 'data-priority="usce_letters"' in body
    # The answers read back as the applicant reads them (one row per answer).
    assert '<td data-answer="usce_hands_on_weeks">6 weeks</td>' in body
    assert '<td data-answer="usce_observership_weeks">0 weeks</td>' in body
    assert '<td data-answer="usce_online_weeks">0 weeks</td>' in body
    assert "The weighting has not changed since; the advice stands." in body
    assert 'data-advice-differs="false"' in body
    assert "Shared with Test advising group (since" in body


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
    # The list's "advice today" catches up when a refresh was missed.
    assert neuro.advice_drift == "priority"


def test_weighting_change_that_leaves_the_advice_alone(advisor_client, neuro):
    specialty = Specialty.objects.get(slug="neurology")
    specialty.name = "Adult Neurology"  # part of the weighting, but no input to any rule
    specialty.save()
    body = detail(advisor_client, neuro).content.decode()
    assert 'data-advice-differs="false"' in body
    assert "changed on" in body and "but the advice would be the same" in body


def test_every_view_is_recorded_with_who_and_which_group(advisor_client, advisor, neuro):
    detail(advisor_client, neuro)
    detail(advisor_client, neuro)
    events = AccessEvent.objects.filter(profile=neuro, action="view")
    assert events.count() == 2
    assert {(e.actor, e.actor_name, e.group_name) for e in events} == {
        (advisor, "Ana Lopez", "Test advising group")
    }


def test_a_private_note_is_its_authors_alone(advisor_client, advisor, colleague, neuro):
    response = add_note(advisor_client, neuro, "Suggested two community IM rotations.")
    assert response.status_code == 302 and response["Location"].endswith("#notes")
    note = AdvisorNote.objects.get()
    assert (note.author, note.visibility, note.group) == (advisor, "private", default_group())
    body = detail(advisor_client, neuro).content.decode()
    assert "Suggested two community IM rotations." in body and "Only you" in body
    assert "Suggested two community" not in detail(colleague, neuro).content.decode()
    result = Client().get(reverse("profiles:result", args=[neuro.token])).content.decode()
    assert "Suggested two community" not in result
    assert AccessEvent.objects.filter(profile=neuro, action="note_added").count() == 1


def test_a_group_note_is_read_by_the_group_not_the_applicant(advisor_client, colleague, neuro):
    add_note(advisor_client, neuro, "Ask Ben about the Cleveland elective.", "group")
    assert "Cleveland elective" in detail(colleague, neuro).content.decode()
    result = Client().get(reverse("profiles:result", args=[neuro.token])).content.decode()
    assert "Cleveland elective" not in result


def test_feedback_reaches_the_applicant_with_name_and_date(colleague, neuro):
    add_note(colleague, neuro, "Apply to community programs first.", "applicant")
    result = Client().get(reverse("profiles:result", args=[neuro.token])).content.decode()
    assert "Feedback from your advisors" in result
    assert "Apply to community programs first." in result
    assert "Ben Okafor, Test advising group" in result


def test_a_withdrawn_group_loses_its_notes_but_the_applicant_keeps_feedback(advisor_client, neuro):
    add_note(advisor_client, neuro, "For you", "applicant")
    add_note(advisor_client, neuro, "For us", "group")
    neuro.shares.all().delete()
    assert detail(advisor_client, neuro).status_code == 404
    result = Client().get(reverse("profiles:result", args=[neuro.token])).content.decode()
    assert "For you" in result and "For us" not in result


def test_the_author_edits_and_deletes_a_note(advisor_client, neuro):
    add_note(advisor_client, neuro, "First thought")
    note = AdvisorNote.objects.get()
    edit = reverse("profiles:advisor_note_edit", args=[note.pk])
    assert "First thought" in advisor_client.get(edit).content.decode()
    response = advisor_client.post(edit, {"text": "Second thought", "visibility": "applicant"})
    assert response.status_code == 302
    note.refresh_from_db()
    assert (note.text, note.visibility) == ("Second thought", "applicant")
    assert note.updated_at is not None
    empty = advisor_client.post(edit, {"text": " ", "visibility": "private"})
    assert empty.status_code == 400 and "Write the note before saving it." in empty.content.decode()
    delete = reverse("profiles:advisor_note_delete", args=[note.pk])
    assert "Delete this note?" in advisor_client.get(delete).content.decode()
    assert advisor_client.post(delete).status_code == 302
    assert not AdvisorNote.objects.exists()
    actions = set(AccessEvent.objects.values_list("action", flat=True))
    assert {"note_added", "note_edited", "note_deleted"} <= actions


def test_notes_with_htmx_return_the_notes_fragment_and_say_saved(advisor_client, neuro):
    response = add_note(advisor_client, neuro, "<script>alert(1)</script>", HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "<html" not in body and 'id="notes"' in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body and "<script>alert" not in body
    assert 'id="note-status" role="status" tabindex="-1">Note saved.' in body


@pytest.mark.parametrize("htmx", [False, True])
def test_an_empty_note_is_refused_with_a_message(advisor_client, neuro, htmx):
    extra = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    response = add_note(advisor_client, neuro, "  ", **extra)
    assert response.status_code == (200 if htmx else 400)
    body = response.content.decode()
    assert "Write the note before saving it." in body
    assert "The note was not saved" in body
    assert not AdvisorNote.objects.exists()


def test_an_advisor_in_two_groups_chooses_the_notes_group(advisor_client, advisor, neuro):
    from profiles.advising.models import AdvisingGroup
    from profiles.advising.sharing import share_with_group

    second = AdvisingGroup.objects.create(name="Second group")
    second.memberships.create(user=advisor)
    share_with_group(profile=neuro, group=second)
    body = detail(advisor_client, neuro).content.decode()
    assert 'name="group"' in body and "Second group" in body
    missing = add_note(advisor_client, neuro, "Which group?", "group")
    assert missing.status_code == 400 and "Choose the group" in missing.content.decode()
    url = reverse("profiles:advisor_note", args=[neuro.pk])
    advisor_client.post(url, {"text": "For two", "visibility": "group", "group": second.pk})
    assert AdvisorNote.objects.get().group == second


def test_previous_and_next_follow_the_list_as_sorted_and_filtered(advisor_client, neuro):
    others = [
        make_profile(name=name, shared=True, usce_hands_on_weeks=weeks)
        for name, weeks in (("Abe Alpha", 0), ("Zed Zulu", 12), ("Pat Private", 4))
    ]
    profile_update(profile=others[2], answers={"name": "Pat Hidden"})
    group = default_group().pk
    # By name: Abe Alpha, Nora Neuro, Pat Hidden, Zed Zulu
    body = detail(advisor_client, neuro, sort="name").content.decode()
    assert "Profile 2 of 4" in body
    assert "Previous: Abe Alpha" in body and "Next: Pat Hidden" in body
    assert f"/advisor/profiles/{others[0].pk}/?group={group}&amp;sort=name" in body
    assert "Back to the list" in body and f"/advisor/?group={group}&amp;sort=name" in body
    # Filtered to internal medicine, by name descending: Zed, Pat, Abe (Nora is neurology).
    body = detail(advisor_client, others[1], sort="-name", specialty="internal-medicine")
    body = body.content.decode()
    assert "Profile 1 of 3" in body and "Previous:" not in body and "Next: Pat Hidden" in body
    body = detail(advisor_client, neuro, specialty="internal-medicine").content.decode()
    assert "Not in the list as filtered" in body


def test_the_back_link_returns_to_the_list_where_the_profile_is(advisor_client):
    import html
    import re

    from profiles.demo import demo_profiles_create

    demo_profiles_create(count=60, seed=2, groups=[default_group()])
    cases = list(default_group().shares.order_by("name", "profile_id"))
    body = detail(advisor_client, cases[30].profile, sort="name").content.decode()
    back = re.search(r'href="(/advisor/\?[^"]+)">&larr; Back to the list', body).group(1)
    assert back.endswith(f"#case-{cases[30].profile_id}")
    page = advisor_client.get(html.unescape(back).split("#")[0])
    # The page of 25 that holds it, as paging from the top meets it: rows 26-50.
    assert [row.pk for row in page.context["page"].rows] == [case.pk for case in cases[25:50]]
    assert f"26\u2013{min(50, len(cases))} of {len(cases)}" in page.content.decode()


def test_notes_outlive_their_authors_account(advisor_client, colleague, neuro, django_user_model):
    add_note(colleague, neuro, "Feedback from Ben", "applicant")
    django_user_model.objects.filter(username="ben").delete()
    result = Client().get(reverse("profiles:result", args=[neuro.token])).content.decode()
    assert "Feedback from Ben" in result and "A former advisor" in result
    body = detail(advisor_client, neuro).content.decode()
    assert "Feedback from Ben" in body and "A former advisor" in body


def test_a_refused_note_shows_the_profile_and_records_the_read(advisor_client, neuro):
    """Issue 24, finding 3: the page that comes back with a refused note is the whole
    profile, so it is a read, and recorded like any other."""
    before = AccessEvent.objects.filter(profile=neuro, action="view").count()
    response = add_note(advisor_client, neuro, "  ")
    assert response.status_code == 400 and neuro.name in response.content.decode()
    assert AccessEvent.objects.filter(profile=neuro, action="view").count() == before + 1


def test_the_profile_page_is_rendered_in_one_place_only():
    """By construction: the whole page (not a fragment of it) is rendered by
    profile_page, which records the read; no other module names its template."""
    from pathlib import Path

    import profiles

    root = Path(profiles.__file__).parent
    naming = sorted(
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if re.search(r"profiles/advisor/profile\.html(?!#)", path.read_text())
    )
    assert naming == ["advising/profile_views.py"]
