"""The Match calendar, pass marks and visa policies as admin-edited data: seeded,
versioned, validated."""

import dataclasses
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from advisor.admin import CALENDAR_DATES
from advisor.engine.calendar import estimated_cycle
from advisor.models import CAS_DATES, Fee, MatchCycle, PassMark, PolicyEvent
from advisor.selectors import match_calendar
from tests.advisor.admin_saving import admin_save
from tests.advisor.calendar_seed import SEED_CALENDAR

pytestmark = pytest.mark.django_db

DATES = CALENDAR_DATES


@pytest.fixture
def admin_user(django_user_model):
    return django_user_model.objects.create_superuser("root", "root@example.com", "pw-long-1")


@pytest.fixture
def admin_client_in(client, admin_user):
    client.force_login(admin_user)
    return client


def cycle_form_data(cycle: MatchCycle, **overrides) -> dict:
    data = {f: getattr(cycle, f).isoformat() for f in (*DATES, "verified_on")}
    data |= {"match_year": cycle.match_year, "source_url": cycle.source_url}
    # An empty ResidencyCAS date is posted as an empty field.
    data |= {f: getattr(cycle, f).isoformat() if getattr(cycle, f) else "" for f in CAS_DATES}
    if cycle.provisional:
        data["provisional"] = "on"  # an unticked checkbox is simply not sent
    return data | overrides


def test_the_seeded_calendar_is_the_one_tests_use_without_the_database():
    # Field by field, so a failure names the row and the value that disagree.
    stored = match_calendar()
    assert stored.cycles == SEED_CALENDAR.cycles
    assert stored.pass_marks == SEED_CALENDAR.pass_marks
    assert [p.slug for p in stored.policies] == [p.slug for p in SEED_CALENDAR.policies]
    for row, seed in zip(stored.policies, SEED_CALENDAR.policies, strict=True):
        assert dataclasses.asdict(row) == dataclasses.asdict(seed), row.slug
    assert sorted(stored.fees.fees, key=_fee_key) == sorted(SEED_CALENDAR.fees.fees, key=_fee_key)
    assert dataclasses.replace(stored, fees=SEED_CALENDAR.fees) == SEED_CALENDAR
    assert [c.match_year for c in stored.cycles if c.provisional] == [2027]
    assert all(m.source_url.startswith(("https://", "http://")) for m in stored.pass_marks)


def _fee_key(fee):
    return fee.item, fee.programs_from or 0


def test_the_calendar_is_read_in_four_queries(django_assert_num_queries):
    # Cycles, pass marks, visa policies and fees.
    with django_assert_num_queries(4):
        match_calendar()


def test_every_seeded_row_starts_with_a_version_and_its_latest_is_the_row():
    rows = (*MatchCycle.objects.all(), *PassMark.objects.all(), *PolicyEvent.objects.all())
    for row in (*rows, *Fee.objects.all()):
        versions = row.history.order_by("history_date", "history_id")
        assert versions.first().history_type == "+"
        latest = versions.last()
        assert all(
            getattr(latest, f.attname) == getattr(row, f.attname)
            for f in type(row)._meta.concrete_fields
        ), row


def test_every_seeded_cycle_passes_its_own_checks():
    for cycle in MatchCycle.objects.all():
        cycle.full_clean()


@pytest.mark.parametrize(
    ("on", "score"),
    [
        (date(2012, 6, 30), 189),
        (date(2012, 7, 1), 196),
        (date(2013, 7, 1), 203),
        (date(2014, 6, 30), 203),
        (date(2014, 7, 1), 209),
        (date(2022, 6, 30), 209),
        (date(2022, 7, 1), 214),
        (date(2025, 6, 30), 214),
        (date(2025, 7, 1), 218),
        (date(2026, 11, 1), 218),
    ],
)
def test_the_pass_mark_in_force_on_a_day(on, score):
    assert match_calendar().pass_mark("step2_ck", on) == score


def test_the_usual_pattern_reproduces_every_seeded_cycle():
    # The pattern is what years without a row get, so it must agree with the
    # years that have one (the facts file says it held 2022-2026).
    for cycle in match_calendar().cycles:
        estimate = estimated_cycle(cycle.match_year)
        assert {f: getattr(estimate, f) for f in DATES} == {f: getattr(cycle, f) for f in DATES}


def test_a_year_without_a_row_is_estimated_and_provisional():
    cycle = match_calendar().cycle(2028)
    assert (cycle.estimated, cycle.provisional) == (True, True)
    assert cycle.submit_from == date(2027, 9, 1)
    assert cycle.match_day == date(2028, 3, 17)  # the third Friday of March
    assert cycle.residency_starts == date(2028, 7, 1)
    stored = match_calendar().cycle(2027)
    assert (stored.estimated, stored.provisional) == (False, True)


def test_deleting_a_row_falls_back_to_the_estimate():
    MatchCycle.objects.filter(match_year=2026).delete()
    assert match_calendar().cycle(2026).estimated


def test_an_admin_edit_changes_the_calendar_and_keeps_a_version(admin_client_in, admin_user):
    cycle = MatchCycle.objects.get(match_year=2027)
    url = reverse("admin:advisor_matchcycle_change", args=[cycle.pk])
    data = cycle_form_data(cycle, match_day="2027-03-26", verified_on="2026-12-01")
    del data["provisional"]  # NRMP published the calendar
    _, response = admin_save(admin_client_in, url, data)
    assert response.status_code == 302

    changed = match_calendar().cycle(2027)
    assert changed.match_day == date(2027, 3, 26)
    assert (changed.provisional, changed.verified_on) == (False, date(2026, 12, 1))
    new, old = cycle.history.all()[:2]
    assert new.history_user == admin_user
    assert old.match_day == date(2027, 3, 19) and old.provisional
    assert {c.field for c in new.diff_against(old).changes} == {
        "match_day",
        "provisional",
        "verified_on",
    }
    history_page = admin_client_in.get(reverse("admin:advisor_matchcycle_history", args=[cycle.pk]))
    assert history_page.status_code == 200 and "root" in history_page.content.decode()


def test_an_admin_edit_of_a_pass_mark_reaches_the_calendar(admin_client_in):
    mark = PassMark.objects.get(exam="step2_ck", effective_from=date(2025, 7, 1))
    url = reverse("admin:advisor_passmark_change", args=[mark.pk])
    data = {
        "exam": mark.exam,
        "score": 220,
        "effective_from": mark.effective_from.isoformat(),
        "source_url": mark.source_url,
        "verified_on": "2026-12-01",
    }
    assert admin_client_in.post(url, data).status_code == 302
    assert match_calendar().pass_mark("step2_ck", date(2026, 1, 1)) == 220
    assert [v.score for v in mark.history.all()][:2] == [220, 218]


def a_cycle(**changes) -> MatchCycle:
    seeded = dataclasses.asdict(SEED_CALENDAR.cycle(2027))
    values = {f: seeded[f] for f in ("match_year", *DATES, "source_url", "verified_on")}
    return MatchCycle(**values | changes)


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"submit_from": date(2026, 6, 3)}, "submit_from", ["after ERAS opens"]),
        ({"programs_review_from": date(2026, 9, 1)}, "programs_review_from", ["on or after"]),
        ({"rank_deadline": date(2026, 9, 23)}, "rank_deadline", ["after Programs review"]),
        ({"match_day": date(2027, 3, 2)}, "match_day", ["Match Day", "rank list deadline"]),
        ({"residency_starts": date(2027, 3, 1)}, "residency_starts", ["Residency starts"]),
        ({"match_year": 2026}, "match_day", ["Match Day must fall in 2026"]),
    ],
)
def test_clean_refuses_dates_out_of_order_naming_the_field(changes, field, words):
    with pytest.raises(ValidationError) as refused:
        a_cycle(**changes).clean()
    assert list(refused.value.message_dict) == [field]
    assert all(w.lower() in refused.value.message_dict[field][0].lower() for w in words)


def test_applications_and_reading_may_start_the_same_day():
    a_cycle(programs_review_from=date(2026, 9, 2)).clean()


def test_the_admin_form_shows_the_date_error(admin_client_in):
    cycle = MatchCycle.objects.get(match_year=2026)
    url = reverse("admin:advisor_matchcycle_change", args=[cycle.pk])
    response = admin_client_in.post(url, cycle_form_data(cycle, match_day="2026-03-01"))
    assert response.status_code == 200
    assert "Match Day must be after Rank list deadline." in response.content.decode()
    cycle.refresh_from_db()
    assert cycle.match_day == date(2026, 3, 20)


def test_the_admin_pages_say_provisional_cycles_are_estimates(admin_client_in):
    listing = admin_client_in.get(reverse("admin:advisor_matchcycle_changelist"))
    assert all(str(year) in listing.content.decode() for year in range(2023, 2028))
    form = admin_client_in.get(reverse("admin:advisor_matchcycle_add")).content.decode()
    assert "the page marks provisional cycles as estimates; check ERAS and NRMP" in form
    marks = admin_client_in.get(reverse("admin:advisor_passmark_changelist"))
    assert marks.status_code == 200 and "USMLE Step 2 CK" in marks.content.decode()
