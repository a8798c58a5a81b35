"""Visa policies (plan rules P18) as admin data: seeded from the facts file with their
sources, validated, versioned, edited in the admin and read by the calendar."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from advisor.engine.countries import country_code
from advisor.engine.policy import CONCERNS, H1B, J1, VISITOR_VISA, policies_for
from advisor.models import CONCERN_FIELDS, AdviceRecheck, PolicyEvent
from advisor.selectors import match_calendar

pytestmark = pytest.mark.django_db

# The lists as the facts file names them (application-facts.md, 1d).
FULL_BAN_NAMES = (
    "Afghanistan, Burma, Burkina Faso, Chad, Rep. Congo, Equatorial Guinea, Eritrea, Haiti, "
    "Iran, Laos, Libya, Mali, Niger, Sierra Leone, Somalia, South Sudan, Sudan, Syria, Yemen"
)
PARTIAL_BAN_NAMES = (
    "Angola, Antigua & Barbuda, Benin, Burundi, Côte d'Ivoire, Cuba, Dominica, Gabon, "
    "The Gambia, Malawi, Mauritania, Nigeria, Senegal, Tanzania, Togo, Tonga, Venezuela, "
    "Zambia, Zimbabwe"
)
# How ISO (pycountry) names the four it does not know by the facts file's name.
ISO_NAMES = {
    "Burma": "Myanmar",
    "Rep. Congo": "Congo",  # the Republic of the Congo (Brazzaville), not CD
    "Antigua & Barbuda": "Antigua and Barbuda",
    "The Gambia": "Gambia",
}


def codes_of(names: str) -> set[str]:
    return {country_code(ISO_NAMES.get(name, name)) for name in names.split(", ")}


@pytest.fixture
def admin_client_in(client, django_user_model):
    admin_user = django_user_model.objects.create_superuser("root", "root@example.com", "pw-1")
    client.force_login(admin_user)
    return client


def a_policy(**changes) -> PolicyEvent:
    values = {
        "slug": "a-rule",
        "title": "A rule",
        "summary": "What it means for you.",
        "effective_from": date(2027, 1, 1),
        "status": "in_force",
        "countries": "",
        "concerns_j1": True,
        "source_url": "https://example.org/rule",
        "source_date": "Dec 2026",
        "checked_on": date(2026, 12, 7),
    }
    return PolicyEvent(**values | changes)


def test_every_engine_concern_has_a_checkbox():
    assert set(CONCERN_FIELDS) == set(CONCERNS)


def test_the_seeded_policies_hold_their_sources_and_dates():
    seeded = {p.slug: p for p in PolicyEvent.objects.all()}
    assert set(seeded) == {
        "interview-waivers-ended-2025",
        "interview-in-home-country-2025",
        "h1b-100k-payment-2025",
        "travel-ban-2026-full",
        "travel-ban-2026-partial",
    }
    for row in seeded.values():
        row.full_clean()  # and clean() leaves the stored codes as they are
        assert row.source_url.startswith("https://") and row.source_date
        assert row.checked_on == date(2026, 12, 7)
    fee = seeded["h1b-100k-payment-2025"]
    assert (fee.status, fee.effective_from) == ("unresolved", date(2025, 9, 21))
    assert fee.concerns == [H1B]
    assert fee.recheck and not fee.country_codes
    assert "8 June 2026" in fee.summary and "Jun 8 2026" in fee.notes
    assert seeded["interview-in-home-country-2025"].effective_from == date(2025, 9, 6)
    assert seeded["interview-waivers-ended-2025"].effective_from == date(2025, 9, 2)


def test_the_travel_ban_rows_name_the_facts_files_countries():
    full = PolicyEvent.objects.get(slug="travel-ban-2026-full")
    partial = PolicyEvent.objects.get(slug="travel-ban-2026-partial")
    assert set(full.country_codes) == codes_of(FULL_BAN_NAMES) and len(full.country_codes) == 19
    assert set(partial.country_codes) == codes_of(PARTIAL_BAN_NAMES)
    assert len(partial.country_codes) == 19
    assert "CD" not in full.country_codes and "TM" not in partial.country_codes
    assert (full.status, full.effective_from) == ("in_litigation", date(2026, 1, 1))
    assert set(full.concerns) == {VISITOR_VISA, J1, H1B}
    assert set(partial.concerns) == {VISITOR_VISA, J1}  # the H-1B is not in the partial ban
    assert "Palestinian Authority" in full.notes and "Turkmenistan" in partial.notes


def test_the_calendar_gives_the_engine_the_policies_for_a_citizenship():
    policies = match_calendar().policies
    nigeria = {p.slug for p in policies_for(policies, "NG", "b1b2")}
    assert nigeria == {
        "interview-waivers-ended-2025",
        "interview-in-home-country-2025",
        "h1b-100k-payment-2025",
        "travel-ban-2026-partial",
    }
    assert "travel-ban-2026-full" in {p.slug for p in policies_for(policies, "MM", "none")}
    assert policies_for(policies, "NG", "citizen_or_resident") == ()


def test_an_unknown_country_code_is_refused_naming_the_field():
    with pytest.raises(ValidationError) as refused:
        a_policy(countries="NG, XX, Burma").full_clean()
    assert list(refused.value.message_dict) == ["countries"]
    assert "XX, BURMA" in refused.value.message_dict["countries"][0]


def test_codes_are_stored_sorted_upper_case_once():
    policy = a_policy(countries="ng tz,NG;  ci")
    policy.full_clean()
    assert policy.countries == "CI, NG, TZ"
    assert policy.as_policy_event().countries == frozenset({"CI", "NG", "TZ"})


def test_a_policy_must_concern_some_visa():
    with pytest.raises(ValidationError) as refused:
        a_policy(concerns_j1=False).full_clean()
    assert list(refused.value.message_dict) == ["concerns_visitor_visa"]


def test_a_status_must_be_one_the_engine_knows():
    with pytest.raises(ValidationError) as refused:
        a_policy(status="paused").full_clean()
    assert list(refused.value.message_dict) == ["status"]


def test_the_engine_value_carries_every_field():
    event = PolicyEvent.objects.get(slug="travel-ban-2026-partial").as_policy_event()
    shown = event.as_dict()
    assert shown["status_label"] == "in force, challenged in court"
    assert shown["effective_from"] == "2026-01-01" and shown["checked_on"] == "2026-12-07"
    assert "NG" in event.countries and event.concerns == frozenset({VISITOR_VISA, J1})


def test_the_admin_list_and_its_filters_load(admin_client_in):
    url = reverse("admin:advisor_policyevent_changelist")
    listing = admin_client_in.get(url)
    page = listing.content.decode()
    assert listing.status_code == 200
    assert "Travel ban: no new visitor or J-1 visas" in page
    assert "in force, challenged in court" in page and ">19<" in page
    unresolved = admin_client_in.get(url, {"status": "unresolved", "concerns_h1b__exact": "1"})
    assert "$100,000" in unresolved.content.decode()
    assert "Travel ban" not in unresolved.content.decode()
    found = admin_client_in.get(url, {"q": "Turkmenistan"}).content.decode()
    assert "no new visitor or J-1" in found and "no new US visas" not in found


def test_the_admin_add_and_change_pages_load(admin_client_in):
    assert admin_client_in.get(reverse("admin:advisor_policyevent_add")).status_code == 200
    row = PolicyEvent.objects.get(slug="travel-ban-2026-full")
    change = admin_client_in.get(reverse("admin:advisor_policyevent_change", args=[row.pk]))
    assert change.status_code == 200
    assert "Myanmar (MM)" in change.content.decode()  # the names beside the codes


def form_data(row: PolicyEvent, **changes) -> dict:
    data = {
        f: getattr(row, f)
        for f in ("slug", "title", "summary", "status", "countries", "source_url", "source_date")
    }
    data |= {"effective_from": row.effective_from.isoformat()}
    data |= {"checked_on": row.checked_on.isoformat(), "notes": row.notes}
    # An unticked checkbox is simply not sent.
    data |= {f: "on" for f in (*CONCERN_FIELDS.values(), "recheck") if getattr(row, f)}
    return data | changes


def test_an_admin_edit_reaches_the_calendar_and_keeps_a_version(
    admin_client_in, django_capture_on_commit_callbacks, monkeypatch
):
    refreshed = []
    monkeypatch.setattr(
        "profiles.advising.rechecks.advice_drift_refresh", lambda **kw: refreshed.append(kw)
    )
    row = PolicyEvent.objects.get(slug="h1b-100k-payment-2025")
    url = reverse("admin:advisor_policyevent_change", args=[row.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client_in.post(
            url, form_data(row, status="blocked", checked_on="2027-01-10")
        )
    assert response.status_code == 302
    # Advisors' drift marks are re-checked, over every profile, recorded for the admin.
    [recheck] = AdviceRecheck.objects.all()
    assert len(refreshed) == 1 and refreshed[0]["profiles"].query.where.children == []
    assert (recheck.state, recheck.specialty, recheck.requested_by.username) == (
        "done",
        None,
        "root",
    )
    assert "saved" in recheck.cause
    event = next(p for p in match_calendar().policies if p.slug == row.slug)
    assert (event.status, event.checked_on) == ("blocked", date(2027, 1, 10))
    new, old = row.history.all()[:2]
    assert (new.history_user.username, old.status) == ("root", "unresolved")
    assert {c.field for c in new.diff_against(old).changes} == {"status", "checked_on"}
    history = admin_client_in.get(reverse("admin:advisor_policyevent_history", args=[row.pk]))
    assert history.status_code == 200 and "root" in history.content.decode()


def test_the_admin_form_shows_a_bad_code_beside_the_field(admin_client_in):
    row = PolicyEvent.objects.get(slug="travel-ban-2026-partial")
    url = reverse("admin:advisor_policyevent_change", args=[row.pk])
    response = admin_client_in.post(url, form_data(row, countries="NG, NIG"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Not ISO 3166 two-letter country codes: NIG." in page
    assert 'id="id_countries_error"' in page or "field-countries errors" in page
    row.refresh_from_db()
    assert "NIG" not in row.countries
