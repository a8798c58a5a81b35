"""Retention: what is past its time goes, to the day, and nothing else does."""

import io
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from advisor.session_store import SessionStore
from profiles.advising.retention import BATCH, RetentionReport, retention_apply
from profiles.device_memory import REMEMBER_SECONDS, keep_draft
from profiles.management.commands.retention import DRY_RUN_NOTE
from profiles.models import (
    AccessEvent,
    AdvisingGroup,
    AdvisorNote,
    GroupShare,
    Profile,
    ReadOnlyLink,
    StoredAdvice,
)
from profiles.services import profile_seen, profile_update
from tests.profiles.factories import make_profile

pytestmark = pytest.mark.django_db

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def limits(settings):
    # The defaults, pinned: the deployment's environment may set others.
    settings.ACCESS_RECORD_DAYS = 730
    settings.UNSHARED_PROFILE_DAYS = 365
    settings.DRAFT_HOURS = 3


@pytest.fixture
def clock():
    """A stopped clock at START; `clock.shift(timedelta(...))` moves it on."""
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


def report(*, events=0, links=0, profiles=0, sessions=0, dry_run=False) -> RetentionReport:
    return RetentionReport(
        access_events=events,
        read_only_links=links,
        profiles=profiles,
        sessions=sessions,
        dry_run=dry_run,
    )


def share(profile: Profile) -> GroupShare:
    return GroupShare.objects.create(
        profile=profile, group=AdvisingGroup.objects.create(name="Cairo career office")
    )


def view(profile: Profile) -> AccessEvent:
    return AccessEvent.objects.create(
        profile=profile, action=AccessEvent.Action.VIEW, actor_name="Ana"
    )


def link(profile: Profile, *, days: int) -> ReadOnlyLink:
    return ReadOnlyLink.objects.create(
        profile=profile, label="Mum", expires_at=timezone.now() + timedelta(days=days)
    )


def session(*, seconds: int | None = None) -> str:
    """A session as a browser leaves it: a draft (DRAFT_HOURS), or `seconds` long."""
    store = SessionStore()
    store["wizard_profile_wizard"] = {"step": "exams"}
    if seconds is None:
        keep_draft(store)
    else:
        store.set_expiry(seconds)
    store.save()
    return store.session_key


def exists(profile: Profile) -> bool:
    return Profile.objects.filter(pk=profile.pk).exists()


def test_an_unshared_profile_stays_a_day_before_the_limit_and_goes_a_day_after(clock):
    profile = make_profile()
    clock.shift(timedelta(days=364))
    assert retention_apply() == report()
    assert exists(profile)
    clock.shift(timedelta(days=2))
    assert retention_apply() == report(profiles=1)
    assert not exists(profile)


def test_a_profile_its_owner_opened_recently_stays(clock):
    profile = make_profile()
    clock.shift(timedelta(days=300))
    profile_seen(profile=profile)
    clock.shift(timedelta(days=300))  # changed 600 days ago, opened 300 days ago
    assert retention_apply() == report()
    clock.shift(timedelta(days=66))
    assert retention_apply() == report(profiles=1)


def test_a_profile_its_owner_changed_recently_stays(clock):
    profile = make_profile()
    clock.shift(timedelta(days=300))
    profile_update(profile=profile, answers={"usce_hands_on_weeks": 4})
    clock.shift(timedelta(days=300))
    assert retention_apply() == report()
    assert exists(profile)


def test_a_profile_shared_with_a_group_stays_however_old(clock):
    profile = make_profile()
    share(profile)
    clock.shift(timedelta(days=3000))
    assert retention_apply() == report()
    assert exists(profile)


def test_a_live_read_only_link_keeps_a_profile_until_it_expires(clock):
    profile = make_profile()
    clock.shift(timedelta(days=300))
    link(profile, days=90)
    clock.shift(timedelta(days=89))
    assert retention_apply() == report()
    clock.shift(timedelta(days=1))  # the link's last moment has passed
    assert retention_apply() == report(links=1, profiles=1)
    assert not exists(profile)


def test_an_abandoned_profile_takes_its_advice_notes_links_and_record_with_it(clock):
    profile = make_profile()
    AdvisorNote.objects.create(profile=profile, text="Ask about letters")
    view(profile)
    link(profile, days=1)
    kept = make_profile()
    share(kept)
    AdvisorNote.objects.create(profile=kept, text="Doing well")
    view(kept)
    clock.shift(timedelta(days=366))
    assert retention_apply() == report(links=1, profiles=1)
    assert list(StoredAdvice.objects.values_list("profile", flat=True)) == [kept.pk]
    assert list(AdvisorNote.objects.values_list("profile", flat=True)) == [kept.pk]
    assert list(AccessEvent.objects.values_list("profile", flat=True)) == [kept.pk]


def test_access_record_entries_go_a_day_after_the_limit(clock):
    profile = make_profile()
    share(profile)
    old = view(profile)
    clock.shift(timedelta(days=2))
    recent = view(profile)
    clock.shift(timedelta(days=729))  # `old` is 731 days old, `recent` 729
    assert retention_apply() == report(events=1)
    assert list(AccessEvent.objects.all()) == [recent]
    assert not AccessEvent.objects.filter(pk=old.pk).exists()
    assert exists(profile)


def test_expired_read_only_links_go_and_live_ones_stay(clock):
    profile = make_profile()
    share(profile)
    expired, live = link(profile, days=10), link(profile, days=90)
    clock.shift(timedelta(days=30))
    assert retention_apply() == report(links=1)
    assert list(ReadOnlyLink.objects.all()) == [live]
    assert expired.pk != live.pk


def test_expired_drafts_go_and_live_sessions_stay(clock):
    draft = session()
    remembered = session(seconds=REMEMBER_SECONDS)
    clock.shift(timedelta(hours=2, minutes=59))
    assert retention_apply() == report()
    clock.shift(timedelta(minutes=2))
    assert retention_apply() == report(sessions=1)
    assert list(Session.objects.values_list("session_key", flat=True)) == [remembered]
    assert draft != remembered


def test_a_dry_run_deletes_nothing_and_counts_what_a_real_run_deletes(clock):
    profile = make_profile()
    AdvisorNote.objects.create(profile=profile, text="Ask about letters")
    view(profile)
    shared = make_profile()
    share(shared)
    view(shared)
    link(shared, days=1)
    session()
    clock.shift(timedelta(days=800))
    expected = report(events=2, links=1, profiles=1, sessions=1)
    before = [Model.objects.count() for Model in (Profile, AccessEvent, ReadOnlyLink, Session)]

    assert retention_apply(dry_run=True) == report(
        events=2, links=1, profiles=1, sessions=1, dry_run=True
    )
    after = [Model.objects.count() for Model in (Profile, AccessEvent, ReadOnlyLink, Session)]
    assert after == before
    assert AdvisorNote.objects.exists()
    assert retention_apply() == expected


def test_zero_days_means_keep_forever(clock, settings):
    settings.ACCESS_RECORD_DAYS = 0
    settings.UNSHARED_PROFILE_DAYS = 0
    profile = make_profile()
    view(profile)
    clock.shift(timedelta(days=5000))
    assert retention_apply() == report()
    assert exists(profile) and AccessEvent.objects.exists()


def test_a_backlog_larger_than_a_batch_all_goes_in_several_deletes(clock):
    profile = make_profile()
    share(profile)
    AccessEvent.objects.bulk_create(
        AccessEvent(profile=profile, action=AccessEvent.Action.VIEW, actor_name="Ana")
        for _ in range(2 * BATCH + 1)
    )
    clock.shift(timedelta(days=731))
    with CaptureQueriesContext(connection) as queries:
        assert retention_apply() == report(events=2 * BATCH + 1)
    deletes = [
        q["sql"] for q in queries if q["sql"].startswith('DELETE FROM "profiles_accessevent"')
    ]
    assert len(deletes) == 3
    assert not AccessEvent.objects.exists()


def test_abandoned_profiles_beyond_one_batch_all_go(clock):
    profiles = [make_profile() for _ in range(5)]
    kept = make_profile()
    share(kept)
    clock.shift(timedelta(days=366))
    assert retention_apply(batch_size=2) == report(profiles=5)
    assert list(Profile.objects.all()) == [kept]
    assert len(profiles) == 5


def run_command(*args) -> str:
    out = io.StringIO()
    assert call_command("retention", *args, stdout=out) is None  # no error: exit status 0
    return out.getvalue()


def test_the_command_says_what_it_deleted(clock):
    profile = make_profile()
    view(profile)
    session()
    clock.shift(timedelta(days=800))
    assert run_command().splitlines() == [
        "Deleted 1 access record entry older than 730 days.",
        "Deleted 0 expired read-only links.",
        "Deleted 1 profile neither shared (with a group or by a live link) nor changed or "
        "opened by their owner for 365 days, with their advice, notes and access record.",
        "Deleted 1 expired session (unfinished forms and devices' remembered links).",
        "Deleted 0 export files older than 24 hours.",
    ]
    assert not Profile.objects.exists()


def test_the_command_dry_run_says_what_it_would_delete_and_deletes_nothing(clock):
    profile = make_profile()
    view(profile)
    view(profile)
    clock.shift(timedelta(days=800))
    out = run_command("--dry-run")
    assert out.startswith(DRY_RUN_NOTE)
    assert "Would delete 2 access record entries older than 730 days." in out
    assert "Would delete 1 profile neither shared" in out
    assert "Deleted" not in out
    assert exists(profile) and AccessEvent.objects.count() == 2


def test_the_command_says_when_a_rule_keeps_forever(clock, settings):
    settings.ACCESS_RECORD_DAYS = 0
    settings.UNSHARED_PROFILE_DAYS = 0
    out = run_command()
    assert "Access records are kept forever (ACCESS_RECORD_DAYS is 0)." in out
    assert "Unshared profiles are kept forever (UNSHARED_PROFILE_DAYS is 0)." in out


def test_the_command_is_silent_at_verbosity_zero(clock):
    make_profile()
    clock.shift(timedelta(days=366))
    assert run_command("--verbosity", "0") == ""
    assert not Profile.objects.exists()
