"""Every advisor URL, for every kind of visitor."""

import pytest
from django.urls import reverse

from tests.profiles.factories import make_profile

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared():
    return make_profile(shared_with_advisors=True, name="Shared Person")


def advisor_urls(profile):
    return [
        ("get", reverse("profiles:advisor_list")),
        ("get", reverse("profiles:advisor_export")),
        ("get", reverse("profiles:advisor_summary")),
        ("get", reverse("profiles:advisor_profile", args=[profile.pk])),
        ("post", reverse("profiles:advisor_note", args=[profile.pk])),
    ]


def test_anonymous_visitors_are_sent_to_login(client, shared):
    for method, url in advisor_urls(shared):
        response = getattr(client, method)(url, {"text": "x"} if method == "post" else None)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login") + "?next="), url


def test_an_applicant_with_a_private_link_is_still_anonymous_here(client, shared):
    assert client.get(reverse("profiles:result", args=[shared.token])).status_code == 200
    for method, url in advisor_urls(shared):
        assert getattr(client, method)(url).status_code == 302, url


def test_logged_in_non_advisors_get_403(staff_client, shared):
    for method, url in advisor_urls(shared):
        response = getattr(staff_client, method)(url, {"text": "x"} if method == "post" else None)
        assert response.status_code == 403, url
    assert (
        "This page is for advisors" in staff_client.get(advisor_urls(shared)[0][1]).content.decode()
    )


def test_advisors_get_in(advisor_client, shared):
    for method, url in advisor_urls(shared):
        response = getattr(advisor_client, method)(url, {"text": "x"} if method == "post" else None)
        assert response.status_code in (200, 302), url
        if method == "post":
            assert response["Location"] == reverse("profiles:advisor_profile", args=[shared.pk])


def test_superusers_get_in(client, django_user_model, shared):
    client.force_login(django_user_model.objects.create_superuser("root", password="pw-long-1"))
    assert client.get(reverse("profiles:advisor_list")).status_code == 200


def test_advisors_never_see_unshared_profiles(advisor_client):
    private = make_profile(name="Private Person")
    assert (
        advisor_client.get(reverse("profiles:advisor_profile", args=[private.pk])).status_code
        == 404
    )
    note = advisor_client.post(reverse("profiles:advisor_note", args=[private.pk]), {"text": "x"})
    assert note.status_code == 404
    for name in ("profiles:advisor_list", "profiles:advisor_export"):
        assert "Private Person" not in advisor_client.get(reverse(name)).getvalue().decode()


def test_the_admin_is_for_staff_only(advisor_client):
    response = advisor_client.get(reverse("admin:advisor_specialty_changelist"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
