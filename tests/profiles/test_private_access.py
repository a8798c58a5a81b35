"""No profile is reachable without its token or advisor rights: every URL that takes one."""

from datetime import timedelta

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from profiles.advising.sharing import read_only_link_create, share_with_group
from profiles.models import AdvisingGroup, ReadOnlyLink
from tests.profiles.factories import make_profile

pytestmark = pytest.mark.django_db

# Every named URL that takes a profile's token, how it is reached, and which of the
# owner's things (a share, a read-only link) it names besides.
TOKEN_URLS = {
    "profiles:result": ("get", None),
    "profiles:plan_ics": ("get", None),
    "profiles:what_if": ("get", None),
    "profiles:edit": ("get", None),
    "profiles:share": ("post", None),
    "profiles:delete": ("post", None),
    "profiles:email_link": ("post", None),
    "profiles:my_data": ("get", None),
    "profiles:link_create": ("post", None),
    "profiles:share_withdraw": ("post", "share"),
    "profiles:link_revoke": ("post", "link"),
}
# A read-only link's own token, not the profile's.
LINK_URLS = {"profiles:read_only"}
# The advisor area: tested for every kind of visitor in test_advisor_access.py.
ADVISOR_AREA = "advisor/"
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
        if {"token", "pk", "share_id", "link_id", "user_id"} & set(pattern.pattern.converters)
        and not str(pattern.pattern).startswith(ADVISOR_AREA)
    }
    assert with_params - NOT_PROFILE_URLS == set(TOKEN_URLS) | LINK_URLS


@pytest.fixture
def owner():
    profile = make_profile(name="Owner Person")
    group = AdvisingGroup.objects.create(name="A group")
    share_with_group(profile=profile, group=group)
    read_only_link_create(profile=profile, label="Mentor")
    return profile


def args_for(name, token, profile):
    extra = TOKEN_URLS[name][1]
    if extra == "share":
        return [token, profile.shares.get().pk]
    if extra == "link":
        return [token, profile.read_only_links.get().pk]
    return [token]


def call(client, method, url):
    data = {"text": "x", "code": "ABCDEFGH", "label": "x"} if method == "post" else None
    return getattr(client, method)(url, data)


@pytest.mark.parametrize("name", list(TOKEN_URLS))
def test_token_urls_need_the_exact_token(client, name, owner):
    other = make_profile(name="Someone Else")
    method = TOKEN_URLS[name][0]
    for token in ("x", owner.token[:-2], owner.token.upper(), owner.token + "a", str(owner.pk)):
        response = call(client, method, reverse(name, args=args_for(name, token, owner)))
        assert response.status_code == 404, (name, token)
        assert b"Owner Person" not in response.content
    # another profile's token never reaches this profile's shares or links
    response = call(client, method, reverse(name, args=args_for(name, other.token, owner)))
    assert b"Owner Person" not in response.content
    assert owner.shares.count() == 1 and owner.read_only_links.count() == 1
    assert not owner.notes.exists()


def test_a_read_only_link_needs_its_own_exact_live_token(client, owner):
    link = owner.read_only_links.get()
    assert client.get(reverse("profiles:read_only", args=[link.token])).status_code == 200
    for token in ("x", link.token[:-2], link.token.upper(), owner.token, str(link.pk)):
        response = client.get(reverse("profiles:read_only", args=[token]))
        assert response.status_code == 404, token
        assert b"Owner Person" not in response.content
    ReadOnlyLink.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert client.get(reverse("profiles:read_only", args=[link.token])).status_code == 404


def test_the_token_is_not_the_id(client):
    profile = make_profile()
    assert client.get(reverse("profiles:result", args=[str(profile.pk)])).status_code == 404
