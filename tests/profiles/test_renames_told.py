"""Issue 24, finding 9: a group renamed, or an advisor of it giving another name, after
applicants consented is told to each of them in their access record ("who has seen
your profile"), in one statement per rename, a limited number of times a day."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from profiles.advising.models import AccessEvent, AdvisingGroup, Membership
from profiles.advising.renames import RENAMES_USED_UP
from tests.profiles.factories import as_user, make_advisor, make_profile

pytestmark = pytest.mark.django_db
RENAMED = AccessEvent.Action.RENAMED


@pytest.fixture
def group(django_user_model):
    group = AdvisingGroup.objects.create(name="Cairo mentors")
    group.manager = make_advisor(django_user_model, "amal", first_name="Amal", last_name="Hassan")
    Membership.objects.create(group=group, user=group.manager, is_manager=True)
    group.profiles = [make_profile(name=f"P{n}", shared_with=[group]) for n in range(3)]
    return group


def rename_group(group, name, about=""):
    url = reverse("profiles:advisor_group", args=[group.pk])
    return as_user(group.manager).post(url, {"name": name, "about": about})


def record_inserts(captured) -> list[str]:
    table = AccessEvent._meta.db_table
    return [q["sql"] for q in captured if q["sql"].startswith(f'INSERT INTO "{table}"')]


def test_a_renamed_group_tells_each_applicant_in_one_statement(group):
    with CaptureQueriesContext(connection) as captured:
        assert rename_group(group, "Cairo IMG mentors").status_code == 302
    assert len(record_inserts(captured)) == 1
    told = AccessEvent.objects.filter(action=RENAMED)
    assert sorted(told.values_list("profile_id", flat=True)) == [p.pk for p in group.profiles]
    entry = told.first()
    assert entry.actor == group.manager and entry.group_name == "Cairo IMG mentors"
    assert entry.actor_name == "the group “Cairo mentors” is now called “Cairo IMG mentors”"
    result = Client().get(reverse("profiles:result", args=[group.profiles[0].token]))
    assert (
        "Cairo IMG mentors: the group “Cairo mentors” is now called “Cairo IMG mentors”"
        in result.content.decode()
    )


def test_only_a_new_name_is_told(group):
    assert rename_group(group, "Cairo mentors", about="Alumni office").status_code == 302
    assert not AccessEvent.objects.filter(action=RENAMED).exists()


def test_an_advisor_who_gives_another_name_is_told_to_their_groups_applicants(
    group, django_user_model
):
    elsewhere = AdvisingGroup.objects.create(name="Invited only")
    outsider_profile = make_profile(shared_with=[elsewhere])
    Membership.objects.create(group=elsewhere, user=group.manager, accepted_at=None)
    response = as_user(group.manager).post(
        reverse("profiles:advisor_name"), {"first_name": "Amal", "last_name": "H."}
    )
    assert response.status_code == 302
    told = AccessEvent.objects.filter(action=RENAMED)
    assert sorted(told.values_list("profile_id", flat=True)) == [p.pk for p in group.profiles]
    assert not told.filter(profile=outsider_profile).exists()  # not a member there yet
    entry = told.first()
    assert entry.actor_name == "the advisor “Amal Hassan” is now called “Amal H.”"
    assert entry.group_name == "Cairo mentors"


def test_names_change_a_limited_number_of_times_a_day(group, settings):
    settings.RENAMES_PER_DAY = 2
    assert rename_group(group, "Name one").status_code == 302
    assert rename_group(group, "Name two").status_code == 302
    refused = rename_group(group, "Name three")
    assert refused.status_code == 400
    message = RENAMES_USED_UP.format(limit=2)
    assert message in refused.content.decode().replace("&#x27;", "'")
    group.refresh_from_db()
    assert group.name == "Name two"
    assert AccessEvent.objects.filter(action=RENAMED).count() == 2 * len(group.profiles)
    # The description alone still changes: it is not a name.
    assert rename_group(group, "Name two", about="Alumni office").status_code == 302

    name = reverse("profiles:advisor_name")
    client = as_user(group.manager)
    for last in ("A", "B"):
        assert client.post(name, {"first_name": "Amal", "last_name": last}).status_code == 302
    refused = client.post(name, {"first_name": "Amal", "last_name": "C"})
    assert refused.status_code == 400
    group.manager.refresh_from_db()
    assert group.manager.get_full_name() == "Amal B"
