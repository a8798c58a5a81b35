"""Seeded specialties, admin validation, and edits that change the engine's answer."""

import pytest
from django.urls import reverse

from advisor.models import Specialty
from advisor.selectors import weightings_by_slug
from advisor.services import assessment_from_data
from advisor.weighting import TUNABLE_FIELDS

pytestmark = pytest.mark.django_db

EMPHASIS = {
    "internal-medicine": "low",
    "family-medicine": "low",
    "psychiatry": "low",
    "pediatrics": "low",
    "transitional-preliminary": "low",
    "neurology": "moderate",
    "pathology": "moderate",
    "radiology": "high",
    "radiation-oncology": "high",
    "dermatology": "high",
    "neurosurgery": "high",
    "orthopedic-surgery": "high",
}


def test_the_twelve_specialties_are_seeded_with_the_spec_values():
    seeded = {s.slug: s for s in Specialty.objects.all()}
    assert {slug: s.research_emphasis for slug, s in seeded.items()} == EMPHASIS
    assert {s.usce_target_weeks for s in seeded.values()} == {8}
    assert {s.letters_target for s in seeded.values()} == {2}
    assert {s.weight_usce for s in seeded.values()} == {90}
    assert seeded["dermatology"].weight_research > seeded["neurology"].weight_research
    assert seeded["neurology"].weight_research > seeded["internal-medicine"].weight_research


@pytest.fixture
def admin_client_logged_in(client, django_user_model):
    user = django_user_model.objects.create_superuser("root", "root@example.com", "pw-long-enough")
    client.force_login(user)
    return client


def change_form_data(specialty: Specialty, **overrides) -> dict:
    fields = ["name", "slug", *TUNABLE_FIELDS]
    return {**{f: getattr(specialty, f) for f in fields}, **overrides}


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("weight_research", 101, "less than or equal to 100"),
        ("usce_target_weeks", 0, "greater than or equal to 1"),
        ("usce_target_weeks", 53, "less than or equal to 52"),
        ("letters_target", 11, "less than or equal to 10"),
        ("research_emphasis", "extreme", "not one of the available choices"),
    ],
)
def test_admin_refuses_out_of_range_values(admin_client_logged_in, field, value, message):
    neurology = Specialty.objects.get(slug="neurology")
    url = reverse("admin:advisor_specialty_change", args=[neurology.pk])
    response = admin_client_logged_in.post(url, change_form_data(neurology, **{field: value}))
    assert response.status_code == 200
    assert message in response.content.decode()
    neurology.refresh_from_db()
    assert neurology.research_emphasis == "moderate" and neurology.usce_target_weeks == 8


def test_admin_refuses_all_weights_zero(admin_client_logged_in):
    neurology = Specialty.objects.get(slug="neurology")
    zeros = {f"weight_{p}": 0 for p in ("usce", "letters", "research", "recency", "exam")}
    url = reverse("admin:advisor_specialty_change", args=[neurology.pk])
    response = admin_client_logged_in.post(url, change_form_data(neurology, **zeros))
    assert "At least one weight must be above 0" in response.content.decode()


def test_admin_edit_changes_the_engine_answer_without_code(admin_client_logged_in):
    profile = {
        "specialty": "neurology",
        "years_since_graduation": 1,
        "usce_hands_on_weeks": 6,
        "us_clinical_letters": 1,
    }
    _, before = assessment_from_data(profile, weightings=weightings_by_slug())
    assert before.priority == "usce_letters"

    neurology = Specialty.objects.get(slug="neurology")
    url = reverse("admin:advisor_specialty_change", args=[neurology.pk])
    response = admin_client_logged_in.post(
        url, change_form_data(neurology, research_emphasis="high")
    )
    assert response.status_code == 302
    _, after = assessment_from_data(profile, weightings=weightings_by_slug())
    assert after.priority == "research_and_usce"

    neurology.refresh_from_db()
    admin_client_logged_in.post(
        url, change_form_data(neurology, usce_target_weeks=4, letters_target=1)
    )
    _, lowered = assessment_from_data(profile, weightings=weightings_by_slug())
    assert lowered.priority == "research_block"


def test_admin_list_shows_every_specialty(admin_client_logged_in):
    response = admin_client_logged_in.get(reverse("admin:advisor_specialty_changelist"))
    body = response.content.decode()
    assert all(s.name in body for s in Specialty.objects.all())
