"""A list too long to send at once is exported in the background: offered, recorded,
written in the list's order, downloaded by its advisor only, never a short file."""

import csv
import io
import re
import stat
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from profiles.advising.export_jobs import export_path
from profiles.advising.groups import display_name
from profiles.advising.models import AccessEvent, AdvisingGroup, ExportJob
from profiles.advising.retention import retention_apply
from profiles.advising.sharing import share_with_group, share_withdraw
from profiles.advising.tables import ordering_for
from profiles.demo import demo_profiles_create
from tests.profiles.factories import default_group, make_advisor, make_profile

pytestmark = pytest.mark.django_db
LIST = reverse("profiles:advisor_list")
EXPORT = reverse("profiles:advisor_export")
START = reverse("profiles:advisor_export_start")


@pytest.fixture(autouse=True)
def small_limit(settings, tmp_path):
    settings.EXPORT_MAX_ROWS = 10
    settings.EXPORT_DIR = str(tmp_path / "exports")


@pytest.fixture
def cases(advisor):
    demo_profiles_create(count=40, seed=4, groups=[default_group()])
    return default_group().shares


def file_rows(response) -> list[dict]:
    raw = b"".join(response.streaming_content)
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    end = rows.pop()["Reference"]
    assert re.fullmatch(rf"End of export: {len(rows)} profiles?", end), end
    return rows


def start(client, query: str):
    """Open the list's export, then start the export it offers."""
    offer = client.get(f"{EXPORT}?{query}")
    body = offer.content.decode()
    assert offer.status_code == 200 and "Start the export" in body
    sent = re.search(r'name="query" value="([^"]*)"', body).group(1)
    return client.post(START, {"query": sent.replace("&amp;", "&")})


def test_a_long_list_is_offered_then_written_in_order_and_recorded(advisor_client, cases):
    offer = advisor_client.get(EXPORT, {"sort": "-readiness", "notes": "without"})
    body = offer.content.decode()
    assert "more than 10 profiles" in body and "Group notes: Without group notes." in body
    assert "Sorted by readiness, highest first." in body
    assert not AccessEvent.objects.filter(action="export").exists()  # nothing until started

    started = start(advisor_client, "sort=-readiness")
    job = ExportJob.objects.get()
    assert started.status_code == 302 and started["Location"].endswith(f"/exports/{job.pk}/")
    page = advisor_client.get(started["Location"]).content.decode()
    shared = cases.count()
    assert f"The file is ready: {shared} profiles" in page and "Download the CSV" in page

    download = advisor_client.get(reverse("profiles:advisor_export_file", args=[job.pk]))
    assert download["Content-Type"].startswith("text/csv")
    assert "attachment" in download["Content-Disposition"]
    rows = file_rows(download)
    expected = cases.order_by(*ordering_for("-readiness")).values_list("profile_id", flat=True)
    assert [row["Reference"] for row in rows] == [f"#{pk}" for pk in expected]
    # One entry for the export, with its count; each profile's share counts it.
    [recorded] = AccessEvent.objects.filter(action="export", at=job.recorded_at)
    assert recorded.profile is None and recorded.group_name == default_group().name
    assert recorded.profiles == shared == job.rows_expected == job.rows_written
    assert cases.filter(exported_times=1, last_exported_at=job.recorded_at).count() == shared
    assert not list(Path(export_path(job)).parent.glob("*.part"))
    # Only the server's user may list the folder or read the file (issue 24, finding 5).
    assert stat.S_IMODE(Path(export_path(job)).stat().st_mode) == 0o600
    assert stat.S_IMODE(Path(export_path(job)).parent.stat().st_mode) == 0o700


def test_the_file_holds_what_was_recorded_and_is_still_shared(advisor_client, cases, monkeypatch):
    from profiles.advising import access_record, export_jobs

    first, withdrawn = cases.order_by("profile_id")[:2]
    shared = cases.count()
    later = make_profile(name="Shared Later")

    def record_then_change(*, cases, actor, **group):
        recorded = access_record.access_record_export(cases=cases, actor=actor, **group)
        share_with_group(profile=later, group=default_group())  # after the record
        share_withdraw(profile=withdrawn.profile, share_id=withdrawn.pk)  # withdrawn meanwhile
        return recorded

    monkeypatch.setattr(export_jobs, "access_record_export", record_then_change)
    start(advisor_client, "sort=name")
    job = ExportJob.objects.get()
    rows = file_rows(advisor_client.get(reverse("profiles:advisor_export_file", args=[job.pk])))
    references = {row["Reference"] for row in rows}
    assert f"#{later.pk}" not in references and f"#{withdrawn.profile_id}" not in references
    assert f"#{first.profile_id}" in references and len(rows) == shared - 1


def test_only_its_advisor_reaches_an_export_while_still_in_the_group(
    advisor_client, advisor, cases, django_user_model
):
    start(advisor_client, "")
    job = ExportJob.objects.get()
    status = reverse("profiles:advisor_export_job", args=[job.pk])
    file = reverse("profiles:advisor_export_file", args=[job.pk])
    colleague = Client()
    colleague.force_login(make_advisor(django_user_model, "ben", groups=[default_group()]))
    assert colleague.get(status).status_code == 404 and colleague.get(file).status_code == 404
    anonymous = Client().get(file)
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    default_group().memberships.filter(user=advisor).delete()
    AdvisingGroup.objects.create(name="Another").memberships.create(user=advisor)
    assert advisor_client.get(file).status_code == 404


def test_an_export_that_stops_leaves_no_file_and_says_so(advisor_client, cases, monkeypatch):
    from profiles.advising import export_jobs

    written = []

    def failing_row(case, **kwargs):
        if len(written) == 25:
            raise OSError("disk full")
        written.append(case)
        return ["x"]

    monkeypatch.setattr(export_jobs, "case_row", failing_row)
    monkeypatch.setattr(export_jobs, "CHUNK", 10)
    start(advisor_client, "")
    job = ExportJob.objects.get()
    assert job.state == "failed" and job.rows_written == 20
    page = advisor_client.get(reverse("profiles:advisor_export_job", args=[job.pk]))
    assert f"stopped after 20 of {cases.count()} profiles" in page.content.decode()
    assert "Download the CSV" not in page.content.decode()
    assert (
        advisor_client.get(reverse("profiles:advisor_export_file", args=[job.pk])).status_code
        == 404
    )
    assert not list(Path(export_path(job)).parent.glob("*"))


def test_a_job_whose_writer_died_reads_as_stopped_and_another_can_start(advisor_client, cases):
    start(advisor_client, "")
    ExportJob.objects.update(state="running", heartbeat_at=timezone.now() - timedelta(minutes=3))
    job = ExportJob.objects.get()
    page = advisor_client.get(reverse("profiles:advisor_export_job", args=[job.pk])).content
    assert b"stopped after" in page and b"hx-trigger" not in page
    assert start(advisor_client, "").status_code == 302
    assert ExportJob.objects.count() == 2


def test_one_export_at_a_time(advisor_client, cases):
    start(advisor_client, "")
    ExportJob.objects.update(state="running", heartbeat_at=timezone.now())
    job = ExportJob.objects.get()
    page = advisor_client.get(reverse("profiles:advisor_export_job", args=[job.pk])).content
    shared = cases.count()
    assert f"Written so far: {shared} of {shared}".encode() in page
    assert b'hx-trigger="every 2s"' in page
    refused = start(advisor_client, "")
    assert refused.status_code == 302 and ExportJob.objects.count() == 1
    message = advisor_client.get(refused["Location"]).content.decode()
    assert "Your last export is still being written" in message


def test_a_short_list_still_downloads_at_once(advisor_client, cases):
    response = advisor_client.get(EXPORT, {"q": cases.first().name})
    assert response["Content-Type"].startswith("text/csv")
    assert not ExportJob.objects.exists()


def test_retention_deletes_old_exports_and_their_files(advisor_client, cases, settings):
    start(advisor_client, "")
    job = ExportJob.objects.get()
    assert export_path(job).exists()
    retention_apply(now=timezone.now() + timedelta(hours=settings.EXPORT_KEEP_HOURS - 1))
    assert export_path(job).exists()
    report = retention_apply(now=timezone.now() + timedelta(hours=settings.EXPORT_KEEP_HOURS + 1))
    assert report.export_files == 1
    assert not export_path(job).exists() and not ExportJob.objects.exists()


def test_in_the_web_process_a_process_of_its_own_writes_the_file(
    advisor_client, cases, settings, monkeypatch, django_capture_on_commit_callbacks
):
    """The request starts `manage.py run_export_job <id>` once the job is committed
    (tests/serving/test_background_export.py runs it for real under gunicorn)."""
    from advisor import background

    started = []
    monkeypatch.setattr(background.subprocess, "Popen", lambda *a, **kw: started.append((a, kw)))
    settings.EXPORT_JOBS_IN_PROCESS = True
    with django_capture_on_commit_callbacks(execute=True):
        start(advisor_client, "")
    job = ExportJob.objects.get()
    [((command,), options)] = started
    assert command[-2:] == ["run_export_job", str(job.pk)] and command[1].endswith("manage.py")
    assert options["start_new_session"] and job.state == "waiting"

    call_command("run_export_job", str(job.pk))
    job.refresh_from_db()
    assert job.state == "done" and job.rows_written == cases.count()
    call_command("run_export_job", str(job.pk))  # a second start of one job does nothing
    job.refresh_from_db()
    assert job.state == "done"


def test_a_job_that_cannot_start_says_it_stopped(
    advisor_client, cases, settings, monkeypatch, django_capture_on_commit_callbacks
):
    from advisor import background

    def no_process(*args, **kwargs):
        raise OSError("Resource temporarily unavailable")

    monkeypatch.setattr(background.subprocess, "Popen", no_process)
    settings.EXPORT_JOBS_IN_PROCESS = True
    with django_capture_on_commit_callbacks(execute=True):
        started = start(advisor_client, "")
    job = ExportJob.objects.get()
    assert started.status_code == 302 and job.state == "failed"
    page = advisor_client.get(started["Location"]).content.decode()
    assert "The export could not start." in page and "Download the CSV" not in page


# --- issue 24, finding 7: a file dies with the consent it came from ------------------


def file_url(job) -> str:
    return reverse("profiles:advisor_export_file", args=[job.pk])


def test_a_withdrawn_share_ends_the_file_and_its_download(advisor_client, cases):
    start(advisor_client, "")
    job = ExportJob.objects.get()
    path = Path(export_path(job))
    assert advisor_client.get(file_url(job)).status_code == 200 and path.exists()
    leaving = cases.order_by("profile_id").first()
    share_withdraw(profile=leaving.profile, share_id=leaving.pk)
    assert advisor_client.get(file_url(job)).status_code in (404, 410)
    assert not path.exists() and not ExportJob.objects.exists()


def test_a_withdrawal_after_the_file_deletes_it_and_the_record_keeps_the_export(
    advisor_client, advisor, cases
):
    start(advisor_client, "")
    job = ExportJob.objects.get()
    newcomer = make_profile(name="Shared After")
    share_with_group(profile=newcomer, group=default_group())
    newcomer_share = newcomer.shares.get()
    share_withdraw(profile=newcomer, share_id=newcomer_share.pk)  # never in the file
    assert Path(export_path(job)).exists()

    leaving = cases.order_by("profile_id").first()
    share_withdraw(profile=leaving.profile, share_id=leaving.pk)
    assert not Path(export_path(job)).exists()
    assert advisor_client.get(file_url(job)).status_code == 404
    # The applicant's record keeps one line for the share's exports, after it ended.
    [kept] = AccessEvent.objects.filter(profile=leaving.profile, action="export")
    assert (kept.times, kept.actor_name, kept.group_name) == (
        1,
        display_name(advisor),
        default_group().name,
    )
    assert not AccessEvent.objects.filter(profile=newcomer, action="export").exists()


def test_a_member_who_leaves_loses_the_file_even_if_invited_again(advisor_client, advisor, cases):
    start(advisor_client, "")
    job = ExportJob.objects.get()
    path = Path(export_path(job))
    default_group().memberships.filter(user=advisor).delete()
    assert not path.exists()
    default_group().memberships.create(user=advisor, accepted_at=None)  # invited, not accepted
    assert advisor_client.get(file_url(job)).status_code == 404


@pytest.mark.parametrize("deleted", ["group", "account"])
def test_files_go_with_the_group_or_the_account(advisor_client, advisor, cases, deleted):
    start(advisor_client, "")
    path = Path(export_path(ExportJob.objects.get()))
    assert path.exists()
    (default_group() if deleted == "group" else advisor).delete()
    assert not path.exists() and not ExportJob.objects.exists()


def test_a_stopped_writers_part_file_is_removed(advisor_client, cases):
    start(advisor_client, "")
    job = ExportJob.objects.get()
    part = Path(export_path(job)).with_suffix(".part")
    part.write_text("half a file")
    ExportJob.objects.update(state="running", heartbeat_at=timezone.now() - timedelta(minutes=3))
    retention_apply(now=timezone.now())
    assert not part.exists()
