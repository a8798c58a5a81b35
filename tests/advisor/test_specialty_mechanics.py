"""How applying works per specialty, and ResidencyCAS's own dates: admin data,
seeded from the facts file, checked, versioned and passed to the engine."""

import re
from datetime import date
from importlib import import_module

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from advisor.models import MatchCycle, Specialty
from advisor.selectors import weightings_by_slug
from tests.advisor.admin_saving import REASON, admin_save, marker_of, specialty_form_data
from tests.advisor.profile_strategies import MECHANICS, mechanics
from tests.profiles.factories import make_profile

SEED = "advisor.migrations.0013_seed_specialty_mechanics"
BEFORE_SEED = [("advisor", "0012_specialty_mechanics_and_cas_dates")]
SEEDED_ON = date(2026, 12, 7)
CAS_SEED = {
    2025: (date(2024, 9, 25), date(2024, 10, 1)),
    2026: (date(2025, 9, 24), date(2025, 10, 1)),
}
MECHANICS_FIELDS = tuple(mechanics("neurology"))


def mechanics_of(weighting) -> dict:
    return {field: getattr(weighting, field) for field in MECHANICS_FIELDS}


def errors_of(row) -> dict:
    with pytest.raises(ValidationError) as refused:
        row.full_clean()
    return refused.value.message_dict


@pytest.fixture
def admin_client_in(client, django_user_model):
    root = django_user_model.objects.create_superuser("root", "root@example.com", "pw-long-1")
    client.force_login(root)
    return client


# --- the seed ----------------------------------------------------------------------


@pytest.mark.django_db
def test_every_seeded_specialty_has_the_mechanics_of_the_facts_table():
    weightings = weightings_by_slug()
    assert set(weightings) == set(MECHANICS)
    for slug, weighting in weightings.items():
        assert mechanics_of(weighting) == mechanics(slug), slug
        assert weighting.mechanics_source.startswith("https://"), slug
        assert Specialty.objects.get(slug=slug).mechanics_checked_on == SEEDED_ON


@pytest.mark.django_db
def test_emergency_medicine_and_ob_gyn_apply_through_residencycas_with_their_own_sources():
    services = dict(Specialty.objects.values_list("slug", "application_service"))
    assert {slug for slug, s in services.items() if s == "residencycas"} == {
        "emergency-medicine",
        "obstetrics-gynecology",
    }
    sources = dict(Specialty.objects.values_list("slug", "mechanics_source"))
    assert sources["emergency-medicine"] == "https://www.cordem.org/resources/ascem"
    assert sources["internal-medicine"] == "https://www.im.org/resources/tiered-signaling"
    assert "program-signaling" in sources["pathology"]
    ob_gyn = Specialty.objects.get(slug="obstetrics-gynecology").as_weighting()
    assert (ob_gyn.service_name, ob_gyn.backup_specialty) == ("ResidencyCAS", "Family Medicine")


@pytest.mark.django_db
def test_the_seed_is_a_version_of_its_own_and_the_latest_one():
    for specialty in Specialty.objects.all():
        latest = specialty.history.latest()
        assert latest.history_change_reason.startswith("How applying works"), specialty.slug
        assert latest.backup_specialty_id == specialty.backup_specialty_id
        assert latest.programs_high == specialty.programs_high


@pytest.mark.django_db
def test_weightings_are_read_in_one_query_with_their_backups(django_assert_num_queries):
    with django_assert_num_queries(1):
        weightings = weightings_by_slug()
    assert weightings["dermatology"].backup_specialty == "Internal Medicine"


@pytest.mark.django_db
def test_the_2025_and_2026_matches_carry_their_residencycas_dates_and_2027_none():
    for year, dates in CAS_SEED.items():
        cycle = MatchCycle.objects.get(match_year=year)
        assert (cycle.cas_deadline, cycle.cas_programs_review_from) == dates
        as_cycle = cycle.as_cycle()
        assert (as_cycle.cas_deadline, as_cycle.cas_programs_review_from) == dates
        assert as_cycle.cas_dates() == (*dates, False)
        cycle.full_clean()
    later = MatchCycle.objects.get(match_year=2027)
    assert (later.cas_deadline, later.cas_programs_review_from) == (None, None)
    assert later.as_cycle().cas_dates()[2] is True  # estimated


# --- the checks --------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("low", "high", "field"),
    [
        (100, 50, "programs_high"),
        (50, None, "programs_high"),
        (None, 100, "programs_low"),
        (0, 10, "programs_low"),
    ],
)
def test_the_range_of_programs_is_both_ends_in_order(low, high, field):
    specialty = Specialty.objects.get(slug="neurology")
    specialty.programs_low, specialty.programs_high = low, high
    assert list(errors_of(specialty)) == [field]


@pytest.mark.django_db
def test_a_specialty_is_not_its_own_backup(admin_client_in):
    surgery = Specialty.objects.get(slug="general-surgery")
    surgery.backup_specialty = surgery
    assert list(errors_of(surgery)) == ["backup_specialty"]
    surgery.backup_specialty = None
    surgery.full_clean()
    assert surgery.as_weighting().backup_specialty == ""
    # Nor is it offered as one on its own form.
    page = admin_client_in.get(reverse("admin:advisor_specialty_change", args=[surgery.pk]))
    backups = re.search(r'<select name="backup_specialty".*?</select>', page.content.decode(), re.S)
    assert ">Family Medicine</option>" in backups[0]
    assert f'value="{surgery.pk}"' not in backups[0]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "day"),
    [
        ("cas_deadline", date(2025, 9, 2)),  # the day before applicants may submit
        ("cas_programs_review_from", date(2026, 3, 4)),  # the rank list deadline
    ],
)
def test_residencycas_dates_lie_between_submitting_and_ranking(field, day):
    cycle = MatchCycle.objects.get(match_year=2026)
    setattr(cycle, field, day)
    errors = errors_of(cycle)
    assert list(errors) == [field]
    assert "ResidencyCAS" in errors[field][0]


# --- the admin ---------------------------------------------------------------------


@pytest.mark.django_db
def test_the_specialty_form_shows_how_applying_works_with_its_source_and_date(admin_client_in):
    ob_gyn = Specialty.objects.get(slug="obstetrics-gynecology")
    page = admin_client_in.get(reverse("admin:advisor_specialty_change", args=[ob_gyn.pk]))
    body = page.content.decode()
    assert "How applying works" in body
    assert 'href="https://www.acog.org/education-and-events/creog/transition-to-residency"' in body
    assert "checked 2026-12-07" in body
    assert all(f'name="{field}"' in body for field in ("programs_low", "backup_specialty"))
    listing = admin_client_in.get(reverse("admin:advisor_specialty_changelist"))
    assert listing.status_code == 200 and "ResidencyCAS" in listing.content.decode()


@pytest.mark.django_db
def test_a_new_application_service_is_previewed_then_saved_as_a_version(admin_client_in):
    make_profile(specialty="neurology")
    neurology = Specialty.objects.get(slug="neurology")
    url = reverse("admin:advisor_specialty_change", args=[neurology.pk])
    data = specialty_form_data(neurology, application_service="residencycas")

    preview = admin_client_in.post(url, data | {"change_reason": REASON})
    assert "We checked 1 saved profile for Neurology" in preview.content.decode()
    assert Specialty.objects.get(slug="neurology").application_service == "eras"

    confirmed = data | {"change_reason": REASON, "impact_seen": marker_of(preview)}
    assert admin_client_in.post(url, confirmed).status_code == 302
    latest = neurology.history.latest()
    assert (latest.application_service, latest.history_change_reason) == ("residencycas", REASON)
    assert latest.mechanics_source == neurology.mechanics_source  # kept, not emptied


@pytest.mark.django_db
def test_a_cycle_saved_with_residencycas_dates_keeps_them(admin_client_in):
    cycle = MatchCycle.objects.get(match_year=2027)
    url = reverse("admin:advisor_matchcycle_change", args=[cycle.pk])
    page = admin_client_in.get(url).content.decode()
    assert 'name="cas_deadline"' in page and "ResidencyCAS programs start reading" in page
    dates = ("eras_opens", "submit_from", "programs_review_from", "rank_deadline", "match_day")
    data = {f: getattr(cycle, f).isoformat() for f in (*dates, "residency_starts", "verified_on")}
    data |= {"match_year": 2027, "source_url": cycle.source_url, "provisional": "on"}
    data |= {"cas_deadline": "2026-09-23", "cas_programs_review_from": "2026-10-01"}
    _, saved = admin_save(admin_client_in, url, data)
    assert saved.status_code == 302
    cycle.refresh_from_db()
    assert cycle.as_cycle().cas_dates() == (date(2026, 9, 23), date(2026, 10, 1), False)
    assert cycle.history.latest().cas_deadline == date(2026, 9, 23)


# --- the data migration ------------------------------------------------------------


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.usefixtures("seeded_transactional_db")
def test_the_seed_reverses_to_the_defaults_and_applies_again():
    reason = import_module(SEED).REASON
    try:
        apps = migrate(BEFORE_SEED)
        Specialty = apps.get_model("advisor", "Specialty")
        em = Specialty.objects.get(slug="emergency-medicine")
        unseeded = (em.application_service, em.standardized_letter, em.programs_low)
        assert unseeded == ("eras", "", None)
        assert (em.mechanics_source, em.mechanics_checked_on) == ("", None)
        assert not Specialty.objects.filter(backup_specialty__isnull=False).exists()
        assert not apps.get_model("advisor", "HistoricalSpecialty").objects.filter(
            history_change_reason=reason
        )
        cycle = apps.get_model("advisor", "MatchCycle").objects.get(match_year=2026)
        assert (cycle.cas_deadline, cycle.cas_programs_review_from) == (None, None)

        apps = migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
        em = apps.get_model("advisor", "Specialty").objects.get(slug="emergency-medicine")
        assert (em.application_service, em.standardized_letter) == ("residencycas", "SLOE")
        cycle = apps.get_model("advisor", "MatchCycle").objects.get(match_year=2026)
        assert cycle.cas_deadline == CAS_SEED[2026][0]
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
