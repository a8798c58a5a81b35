"""A save happens exactly once and never silently undoes a newer one: a double click
on "See my advice" makes one profile, and an edit from an older tab is refused."""

import threading
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from profiles import wizard
from profiles.models import Profile
from tests.profiles.factories import default_group, make_profile, share_by_code
from tests.profiles.test_result_pages import HTMX, edit_data
from tests.profiles.wizard_steps import ANSWERS, PREFIX, post_step, step_url

LAST = list(ANSWERS)[-1]


def answer_all_but_the_last(client) -> None:
    for step in list(ANSWERS)[:-1]:
        assert post_step(client, step).status_code == 302


@pytest.mark.usefixtures("seeded_transactional_db")
def test_ten_concurrent_final_submissions_store_one_profile(monkeypatch):
    client = Client()
    answer_all_but_the_last(client)
    cookie = client.cookies["sessionid"].value

    # Hold every request just before it makes the profile, so all ten have read
    # the same draft: the race a double click (or ten) can produce.
    ready = threading.Barrier(10, timeout=30)
    real_create = wizard.profile_create

    def create_after_all_arrive(**kwargs):
        ready.wait()
        return real_create(**kwargs)

    monkeypatch.setattr(wizard, "profile_create", create_after_all_arrive)
    responses = []

    def submit():
        tab = Client()
        tab.cookies["sessionid"] = cookie
        try:
            responses.append(post_step(tab, LAST))
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    profile = Profile.objects.get()
    assert [r.status_code for r in responses] == [302] * 10
    assert {r["Location"] for r in responses} == {reverse("profiles:result", args=[profile.token])}


@pytest.mark.django_db
def test_a_second_click_after_the_first_finished_leads_to_the_same_advice(client):
    answer_all_but_the_last(client)
    page = client.get(reverse("profiles:wizard_step", kwargs={"step": LAST})).content.decode()
    key = page.split('name="submission_key" value="')[1].split('"')[0]
    data = {
        f"{PREFIX}-current_step": LAST,
        "submission_key": key,
        **{f"{LAST}-{name}": value for name, value in ANSWERS[LAST].items()},
    }
    url = step_url(LAST)
    first, second = client.post(url, data), client.post(url, data)
    third = client.post(url, data, **HTMX)
    profile = Profile.objects.get()
    url = reverse("profiles:result", args=[profile.token])
    assert first["Location"] == second["Location"] == third["HX-Redirect"] == url
    page = client.get(url).content.decode()
    assert "Your advice is saved" in page
    assert "already turned into" not in page  # a double click did nothing wrong


@pytest.mark.django_db
def test_back_and_submit_again_later_leads_to_the_advice_with_a_word(client):
    answer_all_but_the_last(client)
    made = post_step(client, LAST)
    client.get(made["Location"])
    session = client.session
    session["finished_form"]["at"] -= 120  # two minutes later
    session.save()
    # Back re-shows the last step from an emptied draft (no key on the page);
    # submitting it again says the advice exists and links to it, never an
    # empty step 1 or a second profile.
    again = post_step(client, LAST).content.decode()
    assert "You already have advice" in again and f'href="{made["Location"]}"' in again
    assert "Start a new form" in again
    # so does going Back to any later step
    back = client.get(step_url("research")).content.decode()
    assert "You already have advice" in back and f'href="{made["Location"]}"' in back
    assert Profile.objects.count() == 1


@pytest.mark.django_db
def test_a_new_form_or_start_over_ends_the_last_forms_claim(client):
    answer_all_but_the_last(client)
    made = post_step(client, LAST)
    post_step(client, "goals")  # the next form begins
    assert client.get(step_url("done"))["Location"] != made["Location"]
    client.get(reverse("profiles:wizard") + "?reset=1")
    assert client.get(step_url("research")).status_code == 200  # an empty step, no redirect


@pytest.mark.django_db
def test_a_new_form_after_finishing_makes_a_new_profile(client):
    answer_all_but_the_last(client)
    post_step(client, LAST)
    for step in list(ANSWERS)[:-2]:
        post_step(client, step)
    post_step(client, "logistics", {**ANSWERS["logistics"], "name": "Second"})
    post_step(client, LAST)
    assert sorted(Profile.objects.values_list("name", flat=True)) == ["Amina K", "Second"]


@pytest.mark.django_db
def test_the_same_draft_submitted_again_returns_its_profile():
    from profiles.services import profile_create

    answers = {"specialty": make_profile().specialty, "graduation_year": 2022}
    first = profile_create(answers=answers, submission_key="k" * 20)
    again = profile_create(answers={**answers, "name": "changed"}, submission_key="k" * 20)
    assert again.pk == first.pk and Profile.objects.filter(submission_key="k" * 20).count() == 1


# --- two tabs --------------------------------------------------------------------


@pytest.mark.django_db
def test_an_edit_from_an_older_tab_is_refused_and_undoes_nothing(client):
    profile = make_profile(us_clinical_letters=1)
    edit_url = reverse("profiles:edit", args=[profile.token])
    # Tab 1 opens the edit page (1 letter) and is left open.
    tab1 = edit_data(profile, **{"usce-us_clinical_letters": "1", "logistics-name": "Tab One"})
    # Tab 2 saves 3 letters.
    tab2 = edit_data(profile, **{"usce-us_clinical_letters": "3"})
    assert client.post(edit_url, tab2).status_code == 302
    profile.refresh_from_db()
    assert profile.us_clinical_letters == 3

    # Tab 1 saves its older form: refused, with a message naming what differs.
    response = client.post(edit_url, tab1)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Not saved: your answers were changed somewhere else" in body
    assert "Strong US clinical letters" in body and "Your name" in body
    assert 'name="usce-us_clinical_letters" value="1"' in body  # what tab 1 typed, kept
    profile.refresh_from_db()
    assert profile.us_clinical_letters == 3 and profile.name == ""

    # Saving again from that page is a deliberate choice, and goes through.
    resubmit = {**tab1, "version": str(profile.version)}
    assert client.post(edit_url, resubmit).status_code == 302
    profile.refresh_from_db()
    assert profile.us_clinical_letters == 1 and profile.name == "Tab One"


@pytest.mark.django_db
def test_sharing_from_another_tab_is_never_undone_by_an_older_edit(client):
    profile = make_profile(us_clinical_letters=1)
    edit_url = reverse("profiles:edit", args=[profile.token])
    tab1 = edit_data(profile, **{"usce-us_clinical_letters": "1"})
    share_by_code(client, profile, default_group())
    response = client.post(edit_url, tab1)
    body = response.content.decode()
    assert "Not saved" in body and "what changed is whom you share your profile with" in body
    resubmit = {**tab1, "version": str(Profile.objects.get(pk=profile.pk).version)}
    assert client.post(edit_url, resubmit).status_code == 302
    assert profile.shares.get().group == default_group()


@pytest.mark.django_db
def test_an_edit_without_the_page_version_is_not_saved(client):
    profile = make_profile(us_clinical_letters=1)
    data = edit_data(profile, **{"usce-us_clinical_letters": "4"})
    del data["version"]
    response = client.post(reverse("profiles:edit", args=[profile.token]), data)
    assert response.status_code == 200
    profile.refresh_from_db()
    assert profile.us_clinical_letters == 1


@pytest.mark.django_db
def test_a_what_if_save_from_an_older_tab_is_refused(client):
    profile = make_profile(us_clinical_letters=1)
    url = reverse("profiles:what_if", args=[profile.token])
    stale = {"us_clinical_letters": "2", "version": str(profile.version)}
    share_by_code(client, profile, default_group())
    response = client.post(url, stale, **HTMX)
    assert response.status_code == 200
    assert "changed in another tab or window" in response.content.decode()
    profile.refresh_from_db()
    assert profile.us_clinical_letters == 1


@pytest.mark.django_db
def test_every_save_moves_the_version_on(client):
    profile = make_profile()
    versions = [profile.version]
    share_by_code(client, profile, default_group())
    profile.refresh_from_db()
    versions.append(profile.version)
    client.post(reverse("profiles:edit", args=[profile.token]), edit_data(profile))
    profile.refresh_from_db()
    versions.append(profile.version)
    assert versions == sorted(set(versions)) and len(versions) == 3


@pytest.mark.django_db
@pytest.mark.parametrize("version", ["\u00b2", "\u0661", "-1", "1e3", " 1", "9" * 20])
def test_an_odd_version_is_refused_not_a_crash(client, version):
    profile = make_profile(us_clinical_letters=1)
    data = edit_data(profile, **{"usce-us_clinical_letters": "4", "version": version})
    response = client.post(reverse("profiles:edit", args=[profile.token]), data)
    assert response.status_code == 200
    profile.refresh_from_db()
    assert profile.us_clinical_letters == 1


def session_key(client) -> str:
    return client.cookies[settings.SESSION_COOKIE_NAME].value


@pytest.mark.django_db
def test_the_session_key_changes_when_the_form_starts_and_when_it_ends(client):
    """Issue 24, finding 6: an id noted on a shared computer before the form (or while
    it was being filled in) does not lead to the next applicant's answers or link."""
    from django.contrib.sessions.models import Session

    client.get(step_url("goals"))
    client.session.save()  # a visitor with a session before answering anything
    before = client.session.session_key
    client.cookies[settings.SESSION_COOKIE_NAME] = before
    assert post_step(client, "goals").status_code == 302
    drafting = session_key(client)
    assert drafting != before and not Session.objects.filter(pk=before).exists()
    for step in list(ANSWERS)[1:-1]:
        assert post_step(client, step).status_code == 302
    assert session_key(client) == drafting  # not on every step
    page = client.get(step_url(LAST)).content.decode()
    key = page.split('name="submission_key" value="')[1].split('"')[0]
    made = post_step(client, LAST, {**ANSWERS[LAST], "submission_key": key})
    after = session_key(client)
    assert after != drafting and not Session.objects.filter(pk=drafting).exists()
    # Whoever holds the old id gets an empty session: no answers, no link.
    stranger = Client()
    stranger.cookies[settings.SESSION_COOKIE_NAME] = drafting
    for step in ("goals", "research", "logistics"):
        shown = stranger.get(step_url(step)).content.decode()
        assert made["Location"] not in shown and "Amina K" not in shown
        assert 'value="amina@example.com"' not in shown
    # The applicant's own browser, with the new id, still finds its advice.
    assert made["Location"] in client.get(step_url("research")).content.decode()


@pytest.mark.django_db
def test_a_second_click_with_the_old_key_still_finds_the_advice_briefly(client):
    answer_all_but_the_last(client)
    page = client.get(step_url(LAST)).content.decode()
    key = page.split('name="submission_key" value="')[1].split('"')[0]
    data = {
        f"{PREFIX}-current_step": LAST,
        "submission_key": key,
        **{f"{LAST}-{name}": value for name, value in ANSWERS[LAST].items()},
    }
    old = session_key(client)
    first = client.post(step_url(LAST), data)
    # The browser sent the second click before it read the first's new cookie.
    client.cookies[settings.SESSION_COOKIE_NAME] = old
    second = client.post(step_url(LAST), data)
    assert first["Location"] == second["Location"]
    assert Profile.objects.count() == 1
    # Later, the form's key alone leads nowhere.
    Profile.objects.update(created_at=timezone.now() - timedelta(minutes=5))
    client.cookies[settings.SESSION_COOKIE_NAME] = old
    late = client.post(step_url(LAST), data)
    assert "Location" not in late or late["Location"] != first["Location"]
    assert Profile.objects.count() == 1
