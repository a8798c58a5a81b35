"""What one advisor's exports make the server write is bounded (issue 24, finding 4):
an export is one access-record entry with its count (each profile's share counts its
exports), and each advisor may make EXPORTS_PER_DAY exports a day. What applicants
read of it stays whole: who exported their profile, how often, last when."""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from profiles.advising.groups import display_name
from profiles.advising.models import AccessEvent, AdvisingGroup, ExportJob, GroupShare
from profiles.demo import demo_profiles_create
from profiles.models import Profile
from tests.profiles.factories import default_group

pytestmark = pytest.mark.django_db
EXPORT = reverse("profiles:advisor_export")
START = reverse("profiles:advisor_export_start")


@pytest.fixture(autouse=True)
def export_dir(settings, tmp_path):
    settings.EXPORT_DIR = str(tmp_path / "exports")


@pytest.fixture
def cases(advisor):
    demo_profiles_create(count=40, seed=7, groups=[default_group()])
    return default_group().shares


def download(client) -> int:
    response = client.get(EXPORT)
    if response.status_code == 200:
        b"".join(response.streaming_content)
    return response.status_code


def test_thirty_exports_add_thirty_record_rows(advisor_client, advisor, cases, settings):
    settings.EXPORTS_PER_DAY = 30
    shared = cases.count()
    before = AccessEvent.objects.count()
    assert [download(advisor_client) for _ in range(30)] == [200] * 30
    assert AccessEvent.objects.count() - before == 30
    entries = AccessEvent.objects.filter(action="export")
    assert set(entries.values_list("profile", "profiles", "actor")) == {(None, shared, advisor.pk)}
    assert cases.filter(exported_times=30).count() == shared

    # The applicant still reads who exported it, how often and when last.
    one = cases.first()
    page = Client().get(reverse("profiles:result", args=[one.profile.token])).content.decode()
    looked = page.split("data-who-looked", 1)[1]
    assert f"Advisors of {default_group().name} exported it" in looked
    assert f"30 times, last on {timezone.localdate():%-d %b %Y}, by {display_name(advisor)}" in (
        " ".join(looked.split())
    )


def test_past_the_quota_an_export_is_refused_until_a_day_has_passed(
    advisor_client, cases, settings
):
    settings.EXPORTS_PER_DAY = 3
    assert [download(advisor_client) for _ in range(3)] == [200] * 3
    written = AccessEvent.objects.count()
    refused = advisor_client.get(EXPORT)
    page = refused.content.decode()
    assert refused.status_code == 429
    assert "You have made 3 exports in the last 24 hours" in page
    assert "You can export again from" in page
    # Nor can the background path go round it.
    settings.EXPORT_MAX_ROWS = 10
    offer = advisor_client.get(EXPORT)
    assert offer.status_code == 200  # the offer itself records nothing
    started = advisor_client.post(START, {"query": ""})
    assert started.status_code == 429 and not ExportJob.objects.exists()
    assert AccessEvent.objects.count() == written
    with time_machine.travel(timezone.now() + timedelta(days=1, minutes=1)):
        settings.EXPORT_MAX_ROWS = 50_000
        assert download(advisor_client) == 200


def test_a_background_export_not_yet_recorded_counts(advisor, advisor_client, cases, settings):
    settings.EXPORTS_PER_DAY = 2
    ExportJob.objects.create(
        group=default_group(), requested_by=advisor, description="", ordering="name", site=""
    )
    assert download(advisor_client) == 200
    assert download(advisor_client) == 429


def test_deleting_an_exported_profile_or_group_leaves_a_consistent_record(
    advisor_client, advisor, cases
):
    assert download(advisor_client) == 200
    gone = cases.order_by("profile_id").first().profile
    gone_pk = gone.pk
    gone.delete()  # its share goes with it, and no entry is written for a deleted profile
    assert not AccessEvent.objects.filter(profile_id=gone_pk).exists()

    kept = cases.order_by("profile_id").first().profile
    name = default_group().name
    AdvisingGroup.objects.filter(pk=default_group().pk).delete()
    [entry] = AccessEvent.objects.filter(profile=kept, action="export")
    assert (entry.group, entry.group_name, entry.times) == (None, name, 1)
    assert entry.actor_name == display_name(advisor)
    assert Profile.objects.filter(pk=kept.pk).exists() and not GroupShare.objects.exists()
