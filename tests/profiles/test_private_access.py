"""No profile is reachable without its token or advisor rights: every URL that takes one."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.profiles.factories import make_profile

pytestmark = pytest.mark.django_db

# Every named URL that takes a token or an id, and how each is reached.
TOKEN_URLS = {
    "profiles:result": "get",
    "profiles:plan_ics": "get",
    "profiles:what_if": "get",
    "profiles:edit": "get",
    "profiles:share": "post",
    "profiles:delete": "post",
    "profiles:email_link": "post",
}
ID_URLS = {"profiles:advisor_profile": "get", "profiles:advisor_note": "post"}
# Django's own password reset link: a signed, expiring token checked by Django.
NOT_PROFILE_URLS = {"password_reset_confirm"}


def named_patterns(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from named_patterns(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}", pattern


def test_the_tables_cover_every_url_with_a_token_or_id():
    with_params = {
        name
        for name, pattern in named_patterns()
        if {"token", "pk"} & set(pattern.pattern.converters)
    }
    assert with_params - NOT_PROFILE_URLS == set(TOKEN_URLS) | set(ID_URLS)


def call(client, method, url):
    return getattr(client, method)(url, {"text": "x", "shared": "on"} if method == "post" else None)


@pytest.mark.parametrize("name", list(TOKEN_URLS))
def test_token_urls_need_the_exact_token(client, name):
    owner = make_profile(name="Owner Person")
    other = make_profile(name="Someone Else")
    method = TOKEN_URLS[name]
    for token in ("x", owner.token[:-2], owner.token.upper(), owner.token + "a", str(owner.pk)):
        response = call(client, method, reverse(name, args=[token]))
        assert response.status_code == 404, (name, token)
        assert b"Owner Person" not in response.content
    # another profile's token opens that profile, never this one
    response = call(client, "get", reverse("profiles:result", args=[other.token]))
    assert b"Owner Person" not in response.content
    owner.refresh_from_db()
    assert owner.shared_with_advisors is False


@pytest.mark.parametrize("name", list(ID_URLS))
def test_id_urls_need_advisor_rights_and_consent(client, staff_client, advisor_client, name):
    shared = make_profile(name="Shared Person", shared_with_advisors=True)
    private = make_profile(name="Private Person")
    method = ID_URLS[name]
    for c, expected in ((client, 302), (staff_client, 403)):
        response = call(c, method, reverse(name, args=[shared.pk]))
        assert response.status_code == expected
        assert b"Shared Person" not in response.content
    assert call(advisor_client, method, reverse(name, args=[private.pk])).status_code == 404
    assert call(advisor_client, method, reverse(name, args=[10**9])).status_code == 404
    assert not private.notes.exists()


def test_the_token_is_not_the_id(client):
    profile = make_profile()
    assert client.get(reverse("profiles:result", args=[str(profile.pk)])).status_code == 404
