"""Issue 24, finding 9: wrong join codes are still counted, but someone else's misses
(a neighbour behind the same address, or another site's page fetched in the
applicant's browser) no longer refuse the right code (profiles/advising/join_codes.py)."""

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from advisor.accounts.models import ThrottleCount
from profiles.advising.models import CODE_ALPHABET, CODE_LENGTH, AdvisingGroup
from profiles.device_memory import REMEMBERED_KEY
from tests.profiles.factories import make_advisor, make_profile, share_by_code

pytestmark = pytest.mark.django_db

WRONG = "ZZZZ-ZZZZ"
# What a browser says of an image another site's page asks for, of a redirect that
# page made without a click, and of a link someone clicked in an e-mail.
AN_IMAGE = {"HTTP_SEC_FETCH_SITE": "cross-site", "HTTP_SEC_FETCH_MODE": "no-cors"}
AN_IMAGE |= {"HTTP_SEC_FETCH_DEST": "image"}
UNCLICKED = {"HTTP_SEC_FETCH_SITE": "cross-site", "HTTP_SEC_FETCH_MODE": "navigate"}
UNCLICKED |= {"HTTP_SEC_FETCH_DEST": "document"}
CLICKED = UNCLICKED | {"HTTP_SEC_FETCH_USER": "?1"}


@pytest.fixture
def group(django_user_model):
    group = AdvisingGroup.objects.create(name="Cairo mentors", about="Alumni office")
    make_advisor(django_user_model, "amal", first_name="Amal", last_name="Hassan", groups=[group])
    return group


def share_url(profile) -> str:
    return reverse("profiles:share", args=[profile.token])


def join_url(code: str) -> str:
    return reverse("profiles:join", args=[code.replace("-", "")])


def test_the_code_space_is_what_the_arithmetic_assumes():
    # join_codes.py and the report reckon with 30**8 codes.
    assert len(set(CODE_ALPHABET)) ** CODE_LENGTH == 30**8


@override_settings(JOIN_CODE_LOOKUPS_PER_ADDRESS=3, JOIN_CODE_MISSES_PER_PROFILE=3)
def test_a_neighbours_misses_do_not_refuse_my_right_code(group):
    guesser = Client()  # behind the same address as everyone here (127.0.0.1)
    for _ in range(3):
        for profile in (make_profile(), make_profile()):
            assert guesser.get(share_url(profile), {"code": WRONG}).status_code == 400
    # The network's misses are used up twice over ...
    assert Client().get(join_url(WRONG)).status_code == 429
    # ... and my own advice still finds the group, and shares with it.
    me, mine = Client(), make_profile()
    consent = me.get(share_url(mine), {"code": group.join_code_display})
    assert consent.status_code == 200
    assert "Share your profile with Cairo mentors?" in consent.content.decode()
    share_by_code(me, mine, group)
    assert mine.shares.get().group == group


@override_settings(JOIN_CODE_MISSES_PER_PROFILE=3)
def test_each_profile_misses_a_few_codes_a_week_however_many_sessions(group):
    profile = make_profile()
    for _ in range(3):  # a fresh browser each time: the profile counts, not the session
        assert Client().get(share_url(profile), {"code": WRONG}).status_code == 400
    refused = Client().get(share_url(profile), {"code": group.join_code})
    assert refused.status_code == 429
    assert "Cairo mentors" not in refused.content.decode()  # a right code says nothing more
    assert Client().get(share_url(profile), {"code": WRONG}).status_code == 429
    assert ThrottleCount.objects.filter(count__gt=3).count() == 0  # refusals count nothing


@override_settings(JOIN_CODE_LOOKUPS_PER_ADDRESS=3)
def test_the_group_link_stops_checking_codes_once_the_network_missed_its_share(client, group):
    assert client.get(join_url(group.join_code)).status_code == 200
    for n in range(3):
        assert client.get(join_url(f"ZZZZZZZ{n + 2}")).status_code == 404
    # Right or wrong, the link now answers alike: guessing through it is over.
    right, wrong = client.get(join_url(group.join_code)), client.get(join_url(WRONG))
    assert right.status_code == wrong.status_code == 429
    for answer in (right, wrong):
        body = answer.content.decode()
        assert "Cairo mentors" not in body and "it still works from your advice" in body


@override_settings(JOIN_CODE_LOOKUPS_PER_ADDRESS=1)
def test_the_unchecked_group_link_leads_to_advice_that_checks_it(client, group):
    profile = make_profile()
    session = client.session
    session[REMEMBERED_KEY] = [profile.token]
    session.save()
    client.get(join_url(WRONG))
    page = client.get(join_url(group.join_code))
    link = f"/p/{profile.token}/share/?code={group.join_code}"
    assert page.status_code == 429 and link in page.content.decode()
    consent = client.get(link)
    assert consent.status_code == 200 and "Share with Cairo mentors" in consent.content.decode()


def test_misses_on_the_share_page_count_for_the_network_too(group):
    with override_settings(JOIN_CODE_LOOKUPS_PER_ADDRESS=2):
        for _ in range(2):
            Client().get(share_url(make_profile()), {"code": WRONG})
        assert Client().get(join_url(group.join_code)).status_code == 429


@pytest.mark.parametrize("fetched_as", [AN_IMAGE, UNCLICKED], ids=["image", "unclicked"])
def test_another_sites_page_cannot_spend_anyones_misses(client, group, fetched_as):
    profile = make_profile()  # the other site's own, say: its token is no secret to it
    for _ in range(5):
        shown = client.get(share_url(profile), {"code": WRONG}, **fetched_as)
        linked = client.get(join_url(WRONG), **fetched_as)
    assert not ThrottleCount.objects.exists()  # nothing was looked up, nothing counted
    # The code waits in the form, for a click on our own page.
    assert shown.status_code == 200 and f'value="{WRONG}"' in shown.content.decode()
    assert "No group has the code" not in shown.content.decode()
    assert linked.status_code == 200 and "not checked here" in linked.content.decode()
    # Nor does it learn anything with a right code.
    right = client.get(join_url(group.join_code), **fetched_as)
    assert "Cairo mentors" not in right.content.decode()


def test_a_group_link_clicked_on_another_site_is_checked(client, group):
    answer = client.get(join_url(group.join_code), **CLICKED)
    assert answer.status_code == 200 and "Cairo mentors" in answer.content.decode()
    assert client.get(join_url(WRONG), **CLICKED).status_code == 404
    assert ThrottleCount.objects.get().count == 1  # the click's miss counts


def test_sharing_by_code_needs_the_sites_own_form(group):
    profile = make_profile()
    forged = Client(enforce_csrf_checks=True).post(share_url(profile), {"code": group.join_code})
    assert forged.status_code == 403
    assert not profile.shares.exists() and not ThrottleCount.objects.exists()
