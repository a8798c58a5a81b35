"""The admin's impact preview and the re-check after a save do no work in the request
that grows with the saved profiles (issue 24, finding 8): the preview works out a
fixed sample of the most recent profiles and counts the rest; the re-check runs in a
process of its own, with its progress and full count in the admin."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from advisor import background
from advisor.models import AdviceRecheck, Fee, MatchCycle
from profiles.advising import impact
from profiles.demo import demo_profiles_create
from profiles.models import Profile, StoredAdvice, new_token
from tests.advisor.admin_saving import REASON, fee_form_data, marker_of
from tests.advisor.test_admin_impact import cycle_data

pytestmark = pytest.mark.django_db
SAMPLE = 50


@pytest.fixture
def admin_client_in(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root", "r@example.com", "pw-1"))
    return client


def grow_to(total: int) -> None:
    """Copies of the saved profiles, with their answers, until there are `total`: the
    preview reads only the answers, so the copies cost what a real profile would."""
    templates = list(StoredAdvice.objects.select_related("profile")[:20])
    missing = total - Profile.objects.count()
    profiles, advice = [], []
    for n in range(missing):
        source = templates[n % len(templates)]
        profile = source.profile
        profile.pk, profile.token, profile.submission_key = None, new_token(), None
        profiles.append(
            Profile(
                **{f.attname: getattr(profile, f.attname) for f in Profile._meta.concrete_fields}
            )
        )
    Profile.objects.bulk_create(profiles, batch_size=1000)
    for n, profile in enumerate(profiles):
        answers = templates[n % len(templates)].assessment["input"]
        advice.append(StoredAdvice(profile=profile, assessment={"input": answers}))
    StoredAdvice.objects.bulk_create(advice, batch_size=1000)
    assert Profile.objects.count() == total


def preview_of_a_calendar_change(client) -> tuple[int, int, str]:
    """Queries and engine runs of one preview of a Match Day moved by a week."""
    cycle = MatchCycle.objects.order_by("match_year").last()
    url = reverse("admin:advisor_matchcycle_change", args=[cycle.pk])
    data = cycle_data(cycle, match_day=(cycle.match_day + timedelta(days=7)).isoformat())
    runs = []
    real = impact._compare

    def counted(*args):
        runs.append(1)
        return real(*args)

    impact._compare = counted
    try:
        with CaptureQueriesContext(connection) as captured:
            response = client.post(url, {**data, "change_reason": REASON})
    finally:
        impact._compare = real
    assert response.status_code == 200
    return len(captured), len(runs), response.content.decode()


def test_the_preview_costs_the_same_at_200_and_20000_profiles(admin_client_in, settings):
    settings.IMPACT_PREVIEW_SAMPLE = SAMPLE
    demo_profiles_create(count=200, seed=3)
    preview_of_a_calendar_change(admin_client_in)  # the session's first request
    small_queries, small_runs, small_page = preview_of_a_calendar_change(admin_client_in)
    grow_to(20_000)
    large_queries, large_runs, large_page = preview_of_a_calendar_change(admin_client_in)
    assert small_queries == large_queries
    assert small_runs == large_runs == SAMPLE
    assert "There are 200 saved profiles" in small_page
    assert "There are 20,000 saved profiles" in large_page
    assert f"We checked the {SAMPLE} saved most recently" in large_page
    assert "all 20,000 are checked in the background" in large_page


def test_a_scope_smaller_than_the_sample_is_counted_whole(admin_client_in, settings):
    settings.IMPACT_PREVIEW_SAMPLE = SAMPLE
    demo_profiles_create(count=30, seed=4)
    _, runs, page = preview_of_a_calendar_change(admin_client_in)
    assert runs == 30
    assert "We checked 30 saved profiles" in page and "data-impact-sampled" not in page


def living_costs_raised() -> tuple[str, dict]:
    """The living-costs fee's form with its high end $1,000 higher: most plans hold
    months in the US, so their totals, and the advisors' marks, move."""
    living = Fee.objects.get(item="living")
    form = fee_form_data(living, amount_high=living.amount_high + 1000, change_reason=REASON)
    return reverse("admin:advisor_fee_change", args=[living.pk]), form


def test_a_save_starts_the_recheck_in_a_process_of_its_own(
    admin_client_in, settings, monkeypatch, django_capture_on_commit_callbacks
):
    """The request only writes the re-check and starts `manage.py refresh_advice_drift
    <id>`; that process re-checks every profile and leaves its count for the admin."""
    settings.RECHECKS_IN_PROCESS = True
    demo_profiles_create(count=40, seed=5)
    started = []
    monkeypatch.setattr(background.subprocess, "Popen", lambda *a, **kw: started.append((a, kw)))
    url, data = living_costs_raised()
    preview = admin_client_in.post(url, data)
    drift_before = list(Profile.objects.values_list("advice_drift", flat=True))
    with django_capture_on_commit_callbacks(execute=True):
        saved = admin_client_in.post(url, {**data, "impact_seen": marker_of(preview)})
    assert saved.status_code == 302
    # Nothing re-checked in the request.
    assert list(Profile.objects.values_list("advice_drift", flat=True)) == drift_before
    recheck = AdviceRecheck.objects.get()
    [((command,), options)] = started
    assert command[-2:] == ["refresh_advice_drift", str(recheck.pk)]
    assert options["start_new_session"] and recheck.state == "waiting"
    listing = admin_client_in.get(saved["Location"], follow=True).content.decode()
    assert "re-checks of saved advice" in listing

    call_command("refresh_advice_drift", str(recheck.pk))
    recheck.refresh_from_db()
    assert recheck.state == "done" and recheck.profiles_checked == recheck.profiles_total == 40
    changed = sum(
        a != b
        for a, b in zip(
            drift_before, Profile.objects.values_list("advice_drift", flat=True), strict=True
        )
    )
    assert recheck.marks_changed == changed > 0
    page = admin_client_in.get(reverse("admin:advisor_advicerecheck_changelist")).content
    assert b"Finished: 40 checked" in page and REASON.encode() not in page
    call_command("refresh_advice_drift", str(recheck.pk))  # a second start does nothing
    recheck.refresh_from_db()
    assert recheck.state == "done"


def test_a_recheck_whose_process_is_gone_reads_as_stopped(admin_client_in):
    AdviceRecheck.objects.create(
        cause="Match cycle “2027” saved",
        state="running",
        profiles_total=90_000,
        profiles_checked=12_000,
        heartbeat_at=timezone.now() - timedelta(minutes=5),
    )
    page = admin_client_in.get(reverse("admin:advisor_advicerecheck_changelist")).content
    assert b"Stopped after 12,000 of 90,000" in page


def test_a_recheck_that_cannot_start_says_it_stopped(settings, monkeypatch):
    from profiles.advising.rechecks import _in_process

    def no_process(*args, **kwargs):
        raise OSError("Resource temporarily unavailable")

    monkeypatch.setattr(background.subprocess, "Popen", no_process)
    recheck = AdviceRecheck.objects.create(cause="test")
    _in_process(recheck.pk)
    recheck.refresh_from_db()
    assert recheck.state == "failed" and recheck.finished_at is not None
