"""What the selectors keep of the admin data between requests (advisor/admin_data_cache.py):
kept while nothing changes, read again after any change, wherever it was made, and
never a change that was rolled back."""

import re
from datetime import UTC, datetime

import pytest
import time_machine
from django.db import connection, transaction
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from advisor import admin_data_cache
from advisor.models import AdminDataVersion, Fee, MatchCycle, PassMark, PolicyEvent, Specialty
from advisor.models_admin_data import admin_data_triggers_install
from advisor.selectors import match_calendar
from tests.advisor.admin_saving import admin_save, specialty_form_data
from tests.advisor.test_admin_impact import cycle_data
from tests.profiles.factories import make_profile

pytestmark = pytest.mark.django_db

ADMIN_DATA = (Specialty, MatchCycle, PassMark, PolicyEvent, Fee)
CALENDAR_TABLES = ("advisor_matchcycle", "advisor_passmark", "advisor_policyevent", "advisor_fee")
JULY_2026 = datetime(2026, 7, 15, 12, tzinfo=UTC)


class RolledBack(Exception):
    pass


@pytest.fixture
def admin_client_in(client, django_user_model):
    root = django_user_model.objects.create_superuser("root", "root@example.com", "pw-long-1")
    client.force_login(root)
    return client


def neurology_row(client) -> str:
    """Neurology's row in the method page's table of specialties (specialty_list())."""
    body = client.get(reverse("method")).content.decode()
    return re.search(r"<tr><td>Neurology</td>.*?</tr>", body)[0]


def version_number() -> int:
    return AdminDataVersion.objects.get().number


def tables_read(client, url: str, **extra) -> list[str]:
    """The tables each query of one request reads from, in order."""
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, **extra).status_code == 200
    return [re.search(r'FROM "(\w+)"', q["sql"])[1] for q in captured if "FROM" in q["sql"]]


def test_an_admins_save_of_a_specialty_is_read_by_the_next_request(admin_client_in):
    assert "<td>8 weeks</td>" in neurology_row(admin_client_in)  # kept from here on
    specialty = Specialty.objects.get(slug="neurology")
    url = reverse("admin:advisor_specialty_change", args=[specialty.pk])
    form = specialty_form_data(specialty, usce_target_weeks=13)
    _, saved = admin_save(admin_client_in, url, form)
    assert saved.status_code == 302
    assert "<td>13 weeks</td>" in neurology_row(admin_client_in)


@time_machine.travel(JULY_2026)
def test_an_admins_save_of_a_match_cycle_is_read_by_the_next_request(admin_client_in):
    edit = reverse("profiles:edit", args=[make_profile().token])  # the Matches with dates
    assert "Match 2027 (apply from September 2026" in admin_client_in.get(edit).text
    cycle = MatchCycle.objects.get(match_year=2027)
    url = reverse("admin:advisor_matchcycle_change", args=[cycle.pk])
    form = cycle_data(cycle, submit_from="2026-11-04", programs_review_from="2026-11-25")
    _, saved = admin_save(admin_client_in, url, form)
    assert saved.status_code == 302
    assert "Match 2027 (apply from November 2026" in admin_client_in.get(edit).text


def test_a_change_made_by_another_process_is_read_by_the_next_request(client):
    assert "<td>8 weeks</td>" in neurology_row(client)
    before = version_number()
    # As another process writes: SQL this process sends no signal for.
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE advisor_specialty SET usce_target_weeks = 14 WHERE slug = 'neurology'"
        )
    assert version_number() == before + 1  # the database's trigger, not this process
    assert "<td>14 weeks</td>" in neurology_row(client)


def test_a_version_moved_elsewhere_makes_the_next_request_build_again(client):
    method = reverse("method")
    assert tables_read(client, method) == ["advisor_admindataversion", "advisor_specialty"]
    assert tables_read(client, method) == ["advisor_admindataversion"]
    AdminDataVersion.objects.update(number=F("number") + 1)
    assert tables_read(client, method) == ["advisor_admindataversion", "advisor_specialty"]


def test_a_second_request_reads_the_calendar_from_memory_in_one_query(client):
    result = reverse("profiles:result", args=[make_profile().token])
    first = tables_read(client, result)
    second = tables_read(client, result)
    assert set(CALENDAR_TABLES) <= set(first)
    assert not set(CALENDAR_TABLES) & set(second)
    assert second.count("advisor_admindataversion") == 1
    assert len(second) < len(first)


def test_one_request_reads_the_version_once_however_often_it_reads_the_calendar(client):
    profile = make_profile()
    what_if = reverse("profiles:what_if", args=[profile.token])
    client.get(what_if, {"usce_hands_on_weeks": "9"}, HTTP_HX_REQUEST="true")
    read = tables_read(client, what_if + "?usce_hands_on_weeks=9", HTTP_HX_REQUEST="true")
    assert read.count("advisor_admindataversion") == 1
    assert not set(CALENDAR_TABLES) & set(read)


def test_a_request_reads_what_it_saved_itself():
    """As an admin's save does: the calendar read for the preview, then the row saved,
    then the advice re-checked in the same request."""
    admin_data_cache.request_opened()  # as request_started does, connections aside
    try:
        assert match_calendar().cycle(2027).provisional
        cycle = MatchCycle.objects.get(match_year=2027)
        cycle.provisional = False
        cycle.save()
        assert not match_calendar().cycle(2027).provisional
    finally:
        admin_data_cache.request_closed()


def test_a_rolled_back_change_leaves_nothing_behind(client):
    before = version_number()
    with pytest.raises(RolledBack), transaction.atomic():
        Specialty.objects.filter(slug="neurology").update(usce_target_weeks=20)
        assert "<td>20 weeks</td>" in neurology_row(client)  # kept, at a version...
        rolled_back = version_number()
        raise RolledBack
    assert version_number() == before  # ...that the rollback took back
    assert "<td>8 weeks</td>" in neurology_row(client)
    # Another change reaches the same number again: still not the rolled-back rows.
    Specialty.objects.filter(slug="neurology").update(usce_target_weeks=21)
    assert version_number() == rolled_back
    assert "<td>21 weeks</td>" in neurology_row(client)


def test_a_rolled_back_change_kept_under_a_number_reached_again_is_not_read(client):
    with pytest.raises(RolledBack), transaction.atomic():
        Specialty.objects.filter(slug="neurology").update(usce_target_weeks=20)
        assert "<td>20 weeks</td>" in neurology_row(client)
        rolled_back = version_number()
        raise RolledBack
    # Nothing read in between: what was kept is still there, under that number.
    Specialty.objects.filter(slug="dermatology").update(usce_target_weeks=9)
    assert version_number() == rolled_back
    assert "<td>8 weeks</td>" in neurology_row(client)


@pytest.mark.parametrize("model", ADMIN_DATA, ids=lambda m: m.__name__)
def test_every_write_to_the_admin_data_moves_the_version_even_without_signals(model):
    row = model.objects.order_by("pk").first()
    steps = [
        lambda: model.objects.filter(pk=row.pk).update(id=F("id")),
        lambda: model.objects.filter(pk=row.pk).delete(),
        lambda: model.objects.bulk_create([row]),
    ]
    for step in steps:
        before = version_number()
        step()
        assert version_number() > before


def test_outside_a_request_the_selectors_read_the_tables_each_time():
    match_calendar()
    MatchCycle.objects.filter(match_year=2027).update(provisional=False)
    assert not match_calendar().cycle(2027).provisional


def test_the_triggers_and_the_row_come_back_after_a_flush_or_a_rebuilt_table():
    AdminDataVersion.objects.all().delete()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DROP TRIGGER advisor_admin_data_changed_advisor_fee_UPDATE")
        else:
            cursor.execute("DROP TRIGGER advisor_admin_data_changed ON advisor_fee")
    admin_data_triggers_install()
    before = version_number()
    Fee.objects.update(recheck=F("recheck"))
    assert version_number() > before
