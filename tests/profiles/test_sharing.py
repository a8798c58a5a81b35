"""The applicant's side of sharing: a group's code, the consent page that names the
group, its members and what they will see, withdrawing, read-only links for one
person, the group link, and the throttle on codes."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from profiles.advising.access_record import access_record_link_view
from profiles.advising.models import AccessEvent, AdvisingGroup, ReadOnlyLink
from profiles.device_memory import REMEMBERED_KEY
from tests.profiles.factories import make_advisor, make_profile, share_by_code

pytestmark = pytest.mark.django_db


@pytest.fixture
def group(django_user_model):
    group = AdvisingGroup.objects.create(name="Cairo mentors", about="Alumni office")
    make_advisor(django_user_model, "amal", first_name="Amal", last_name="Hassan", groups=[group])
    make_advisor(django_user_model, "omar", groups=[group])
    return group


def share_url(profile):
    return reverse("profiles:share", args=[profile.token])


def test_the_consent_page_names_the_group_its_members_and_what_they_see(client, group):
    profile = make_profile(name="Mei Nguyen", email="mei@example.com")
    code = f" {group.join_code_display.lower()} "  # as someone might type it
    body = client.get(share_url(profile), {"code": code}).content.decode()
    assert "Share your profile with Cairo mentors?" in body and "Alumni office" in body
    assert "Amal Hassan" in body and "The 2 advisors" in body
    assert "omar" not in body and "An advisor who has not given a name" in body
    assert "Your name (Mei Nguyen) and e-mail (mei@example.com)" in body
    assert "Export it, with other shared profiles, to a spreadsheet" in body
    assert "stop sharing at any time" in body
    assert not profile.shares.exists()  # looking shares nothing


def test_sharing_and_withdrawing(client, group):
    profile = make_profile()
    version = profile.version
    share_by_code(client, profile, group)
    share = profile.shares.get()
    assert share.group == group
    shared = AccessEvent.objects.get(profile=profile)
    assert (shared.action, shared.actor_name, shared.group_name) == (
        "shared",
        "The applicant",
        "Cairo mentors",
    )
    profile.refresh_from_db()
    assert profile.version == version + 1
    body = client.get(reverse("profiles:result", args=[profile.token])).content.decode()
    assert "Cairo mentors" in body and "Stop sharing" in body
    response = client.post(reverse("profiles:share_withdraw", args=[profile.token, share.pk]))
    assert response.status_code == 302
    assert not profile.shares.exists()
    follow = client.get(response["Location"]).content.decode()
    assert "Cairo mentors can no longer see your profile." in follow
    assert "You shared it with Cairo mentors" in follow
    assert "You stopped sharing with Cairo mentors" in follow


def test_sharing_twice_with_one_group_keeps_one_share(client, group):
    profile = make_profile()
    share_by_code(client, profile, group)
    share_by_code(client, profile, group)
    assert profile.shares.count() == 1


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Enter the code your advisor gave you."),
        ("K7QM", "is not a group code"),
        ("K7QM-3XP0", "is not a group code"),  # 0 is no code's letter
        ("ZZZZ-ZZZZ", "No group has the code “ZZZZ-ZZZZ”"),
        ("x" * 41, "Ensure this value has at most 40 characters"),
    ],
)
def test_a_wrong_code_says_why_and_keeps_what_was_typed(client, group, typed, message):
    profile = make_profile()
    response = client.get(share_url(profile), {"code": typed})
    body = response.content.decode()
    assert response.status_code == 400
    assert message in body and "Error:" in body
    if typed:
        assert f'value="{typed}"' in body
    posted = client.post(share_url(profile), {"code": typed})
    assert posted.status_code == 400 and not profile.shares.exists()


def test_the_share_page_without_a_code_asks_for_one(client):
    response = client.get(share_url(make_profile()))
    assert response.status_code == 200 and "Group code" in response.content.decode()


@override_settings(JOIN_CODE_MISSES_PER_PROFILE=3)
def test_a_profile_may_miss_a_few_codes_a_week(client, group):
    # Misses from the whole network: tests/profiles/test_join_code_guessing.py.
    profile = make_profile()
    for _ in range(3):
        assert client.get(share_url(profile), {"code": "ZZZZ-ZZZZ"}).status_code == 400
    refused = client.get(share_url(profile), {"code": group.join_code})
    assert refused.status_code == 429
    assert "3 wrong group codes were tried with this advice" in refused.content.decode()
    assert client.post(share_url(profile), {"code": group.join_code}).status_code == 429
    assert not profile.shares.exists()


@override_settings(JOIN_CODE_LOOKUPS_PER_ADDRESS=3)
def test_right_codes_never_count_so_a_class_can_share(client, group):
    for _ in range(10):  # students behind one campus network
        profile = make_profile()
        assert client.get(reverse("profiles:join", args=[group.join_code])).status_code == 200
        assert client.get(share_url(profile), {"code": group.join_code}).status_code == 200
        share_by_code(client, profile, group)
    assert group.shares.count() == 10


def test_a_code_with_letters_outside_ascii_is_no_code(client, group):
    response = client.get(share_url(make_profile()), {"code": "\u00df\u00df\u00df\u00df2345"})
    assert response.status_code == 400 and "is not a group code" in response.content.decode()


def test_a_renewed_code_stops_the_old_one(client, group):
    from profiles.advising.groups import group_renew_code

    old = group.join_code
    group_renew_code(group=group)
    response = client.get(share_url(make_profile()), {"code": old})
    assert response.status_code == 400 and "No group has the code" in response.content.decode()


def test_the_group_link_explains_and_offers_advice_this_device_remembers(client, group):
    profile = make_profile(specialty="neurology")
    session = client.session
    session[REMEMBERED_KEY] = [profile.token]
    session.save()
    response = client.get(reverse("profiles:join", args=[group.join_code]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Share your advice with Cairo mentors" in body and group.join_code_display in body
    assert f"/p/{profile.token}/share/?code={group.join_code}" in body
    unknown = client.get(reverse("profiles:join", args=["ZZZZZZZZ"]))
    assert (
        unknown.status_code == 404 and "This group link does not work" in unknown.content.decode()
    )


def test_a_read_only_link_shows_the_advice_and_nothing_that_changes_it(client):
    profile = make_profile(name="Mei Nguyen")
    created = client.post(reverse("profiles:link_create", args=[profile.token]), {"label": "Dr R"})
    assert created.status_code == 302
    link = profile.read_only_links.get()
    assert link.label == "Dr R" and link.expires_at > timezone.now() + timedelta(days=89)
    body = client.get(reverse("profiles:read_only", args=[link.token])).content.decode()
    assert "shared with “Dr R”" in body and "data-priority=" in body
    for owner_only in (profile.token, "Edit my answers", "what-if", "Delete my profile"):
        assert owner_only not in body
    page = client.get(reverse("profiles:result", args=[profile.token])).content.decode()
    assert f"/v/{link.token}/" in page and "Who is it for?" in page


def test_read_only_links_need_a_label_and_are_limited(client):
    profile = make_profile()
    url = reverse("profiles:link_create", args=[profile.token])
    empty = client.post(url, {"label": "  "})
    assert empty.status_code == 400 and "Say who the link is for" in empty.content.decode()
    for n in range(5):
        assert client.post(url, {"label": f"Person {n}"}).status_code == 302
    sixth = client.post(url, {"label": "One more"})
    assert sixth.status_code == 400 and "5 read-only links already" in sixth.content.decode()
    assert 'value="One more"' in sixth.content.decode()
    assert profile.read_only_links.count() == 5


def test_making_and_revoking_links_without_end_is_refused(client):
    profile = make_profile()
    url = reverse("profiles:link_create", args=[profile.token])
    for n in range(10):
        assert client.post(url, {"label": f"P{n}"}).status_code == 302
        link = profile.read_only_links.get()
        client.get(reverse("profiles:read_only", args=[link.token]))
        client.post(reverse("profiles:link_revoke", args=[profile.token, link.pk]))
    refused = client.post(url, {"label": "Eleventh"})
    assert refused.status_code == 400
    assert "You made 10 read-only links in the last day" in refused.content.decode()
    assert AccessEvent.objects.filter(profile=profile).count() == 10


def test_a_revoked_or_expired_link_stops_working(client):
    profile = make_profile()
    client.post(reverse("profiles:link_create", args=[profile.token]), {"label": "A"})
    client.post(reverse("profiles:link_create", args=[profile.token]), {"label": "B"})
    first, second = profile.read_only_links.order_by("pk")
    client.post(reverse("profiles:link_revoke", args=[profile.token, first.pk]))
    assert client.get(reverse("profiles:read_only", args=[first.token])).status_code == 404
    ReadOnlyLink.objects.filter(pk=second.pk).update(expires_at=timezone.now())
    assert client.get(reverse("profiles:read_only", args=[second.token])).status_code == 404


def test_read_only_views_are_recorded_at_most_hourly(client):
    profile = make_profile()
    client.post(reverse("profiles:link_create", args=[profile.token]), {"label": "Dr R"})
    link = profile.read_only_links.get()
    for _ in range(5):
        client.get(reverse("profiles:read_only", args=[link.token]))
    [event] = AccessEvent.objects.filter(profile=profile)
    assert (event.action, event.actor_name) == ("link_view", "Dr R")
    link.refresh_from_db()
    ReadOnlyLink.objects.filter(pk=link.pk).update(
        last_recorded_at=timezone.now() - timedelta(hours=2)
    )
    link.refresh_from_db()
    access_record_link_view(link)
    assert AccessEvent.objects.filter(profile=profile).count() == 2
    body = client.get(reverse("profiles:result", args=[profile.token])).content.decode()
    assert "Your read-only link for “Dr R” was opened" in body and "2 times, last on" in body


def test_deleting_a_profile_deletes_its_notes_record_shares_and_links(client, group):
    from profiles.advising.models import AdvisorNote, GroupShare

    profile = make_profile(shared_with=[group])
    client.post(reverse("profiles:link_create", args=[profile.token]), {"label": "Dr R"})
    AdvisorNote.objects.create(profile=profile, text="note", visibility="applicant")
    AccessEvent.objects.create(profile=profile, action="view", actor_name="amal")
    keep = make_profile(shared_with=[group])
    AccessEvent.objects.create(profile=keep, action="view", actor_name="amal")
    client.post(reverse("profiles:delete", args=[profile.token]))
    assert not AdvisorNote.objects.exists()
    assert set(AccessEvent.objects.values_list("profile", flat=True)) == {keep.pk}
    assert list(GroupShare.objects.values_list("profile", flat=True)) == [keep.pk]
    assert not ReadOnlyLink.objects.exists()


def test_the_result_page_costs_the_same_queries_however_much_is_shared(client, group):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from profiles.advising.models import AdvisorNote

    def queries(profile) -> int:
        client.get(reverse("profiles:result", args=[profile.token]))  # last seen: today
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("profiles:result", args=[profile.token])).status_code == 200
        return len(captured)

    def shared_about(size: int):
        busy = make_profile(shared_with=[group, AdvisingGroup.objects.create(name=f"G{size}")])
        for n in range(min(size, 5)):
            client.post(reverse("profiles:link_create", args=[busy.token]), {"label": f"P{n}"})
        AdvisorNote.objects.bulk_create(
            AdvisorNote(profile=busy, text=f"n{n}", visibility="applicant", group=group)
            for n in range(size)
        )
        AccessEvent.objects.bulk_create(
            AccessEvent(profile=busy, action="view", actor_name=f"a{n % 4}") for n in range(size)
        )
        return busy

    alone = queries(make_profile())
    small, large = queries(shared_about(2)), queries(shared_about(200))
    # Nothing shared asks nothing more; whatever is shared costs four queries, however much.
    assert small == large == alone + 4
    # The profile, the admin data's version (the calendar is kept between requests)
    # and the what-if form's list of specialties.
    assert alone <= 3
