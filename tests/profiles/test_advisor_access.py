"""Every URL of the advisor area, for every kind of visitor: anonymous, logged in
without advisor rights, an advisor of another group, and a member of the group the
profile is shared with. Another group's advisor learns nothing: a 404 where a
profile, note or group is named, and lists that do not hold it."""

import pytest
from django.urls import reverse

from profiles.advising.export_jobs import export_job_start
from profiles.advising.models import AdvisingGroup, AdvisorNote, Invitation, Membership
from tests.profiles.factories import as_user, make_advisor, make_profile
from tests.profiles.test_private_access import named_patterns

pytestmark = pytest.mark.django_db
SECRET_NAME = "Shared Person"


@pytest.fixture
def world(django_user_model):
    """Two groups with an advisor each; a profile shared with the first, with a note."""
    home = AdvisingGroup.objects.create(name="Home group")
    other = AdvisingGroup.objects.create(name="Other group")
    member = make_advisor(django_user_model, "member", groups=[home])
    outsider = make_advisor(django_user_model, "outsider", groups=[other])
    profile = make_profile(name=SECRET_NAME, email="shared@example.com", shared_with=[home])
    note = AdvisorNote.objects.create(
        profile=profile, author=member, group=home, visibility="group", text="Home note"
    )
    inviting = AdvisingGroup.objects.create(name="Inviting group")
    Membership.objects.create(group=inviting, user=member, accepted_at=None, invited_by=None)
    invitation = Invitation.objects.create(group=home, typed="someone", invited_by=member)
    export = export_job_start(
        user=member,
        group_id=home.pk,
        ordering=["name", "profile_id"],
        query=f"group={home.pk}",
        description="Home group",
        site="http://testserver",
    )
    assert export.state == "done"
    return {
        "home": home,
        "export": export,
        "invitation": invitation,
        "inviting": inviting,
        "profile": profile,
        "note": note,
        "member": member,
        "outsider": outsider,
    }


# name -> (method, what its id is), for every named URL of the advisor area.
ADVISOR_URLS = {
    "profiles:advisor_list": ("get", None),
    "profiles:advisor_export": ("get", None),
    "profiles:advisor_summary": ("get", None),
    "profiles:advisor_groups": ("get", None),
    "profiles:advisor_profile": ("get", "profile"),
    "profiles:advisor_note": ("post", "profile"),
    "profiles:advisor_note_edit": ("get", "note"),
    "profiles:advisor_note_delete": ("get", "note"),
    "profiles:advisor_group": ("get", "home"),
    "profiles:advisor_group_member_add": ("post", "home"),
    "profiles:advisor_group_member_remove": ("post", "home+member"),
    "profiles:advisor_group_member_manager": ("post", "home+member"),
    "profiles:advisor_group_invitation_withdraw": ("post", "home+invitation"),
    "profiles:advisor_group_code": ("post", "home"),
    "profiles:advisor_group_close": ("post", "home"),
    "profiles:advisor_group_invitation": ("post", "inviting"),
    "profiles:advisor_name": ("post", None),
    "profiles:advisor_export_start": ("post", None),
    "profiles:advisor_export_job": ("get", "export"),
    "profiles:advisor_export_file": ("get", "export"),
}
NAMING = {name for name, (_, kind) in ADVISOR_URLS.items() if kind}
POSTED = {
    "text": "x",
    "visibility": "private",
    "account": "outsider",
    "name": "Renamed",
    "answer": "accept",
    "first_name": "Someone",
}


def test_the_table_covers_every_advisor_url():
    advisor_area = {
        name for name, pattern in named_patterns() if str(pattern.pattern).startswith("advisor/")
    }
    assert advisor_area == set(ADVISOR_URLS)


def url_for(name, world):
    kind = ADVISOR_URLS[name][1]
    if kind is None:
        return reverse(name)
    if kind == "home+member":
        return reverse(name, args=[world["home"].pk, world["member"].pk])
    if kind == "home+invitation":
        return reverse(name, args=[world["home"].pk, world["invitation"].pk])
    return reverse(name, args=[world[kind].pk])


def call(client, name, world):
    method = ADVISOR_URLS[name][0]
    response = getattr(client, method)(url_for(name, world), POSTED if method == "post" else None)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body.decode()


@pytest.mark.parametrize("name", list(ADVISOR_URLS))
def test_anonymous_visitors_are_sent_to_login(client, world, name):
    response, body = call(client, name, world)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login") + "?next=")
    assert SECRET_NAME not in body


@pytest.mark.parametrize("name", list(ADVISOR_URLS))
def test_logged_in_non_advisors_get_403(staff_client, world, name):
    response, body = call(staff_client, name, world)
    assert response.status_code == 403
    assert SECRET_NAME not in body and "Home note" not in body


@pytest.mark.parametrize("name", list(ADVISOR_URLS))
def test_an_advisor_of_another_group_learns_nothing(world, name):
    response, body = call(as_user(world["outsider"]), name, world)
    if name in NAMING:
        assert response.status_code == 404
        assert "Not in your caseload" in body
    else:  # their own list, export, summary, groups, name
        assert response.status_code in (200, 302)
    for secret in (SECRET_NAME, "shared@example.com", "Home note", "Home group", "Inviting"):
        assert secret not in body
    world["note"].refresh_from_db()
    assert world["note"].text == "Home note"
    assert AdvisorNote.objects.count() == 1
    assert world["home"].memberships.count() == 1
    code_before = world["home"].join_code
    world["home"].refresh_from_db()
    assert world["home"].join_code == code_before and world["home"].name == "Home group"


@pytest.mark.parametrize("name", list(ADVISOR_URLS))
def test_a_member_gets_in(world, name):
    response, _ = call(as_user(world["member"]), name, world)
    assert response.status_code in (200, 302)


def test_a_superuser_is_not_an_exception(world, django_user_model):
    root = django_user_model.objects.create_superuser("root", password="pw-long-1")
    client = as_user(root)
    assert client.get(reverse("profiles:advisor_list")).status_code == 200
    assert SECRET_NAME not in client.get(reverse("profiles:advisor_list")).content.decode()
    profile_url = reverse("profiles:advisor_profile", args=[world["profile"].pk])
    assert client.get(profile_url).status_code == 404


def test_unshared_profiles_exist_for_no_advisor(world):
    private = make_profile(name="Private Person")
    client = as_user(world["member"])
    assert client.get(reverse("profiles:advisor_profile", args=[private.pk])).status_code == 404
    note = client.post(reverse("profiles:advisor_note", args=[private.pk]), {"text": "x"})
    assert note.status_code == 404 and not private.notes.exists()
    for name in ("profiles:advisor_list", "profiles:advisor_export"):
        response = client.get(reverse(name))
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert b"Private Person" not in body


def test_only_its_author_may_change_a_note(world, django_user_model):
    colleague = make_advisor(django_user_model, "colleague", groups=[world["home"]])
    client = as_user(colleague)
    note = world["note"]
    assert client.get(reverse("profiles:advisor_note_edit", args=[note.pk])).status_code == 404
    delete = client.post(reverse("profiles:advisor_note_delete", args=[note.pk]))
    assert delete.status_code == 404 and AdvisorNote.objects.filter(pk=note.pk).exists()


def test_the_admin_is_for_staff_only(advisor_client):
    response = advisor_client.get(reverse("admin:advisor_specialty_changelist"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
