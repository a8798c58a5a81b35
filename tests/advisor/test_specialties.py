"""Seeded specialties, admin validation, and edits that change the engine's answer."""

import pytest
from django.urls import reverse

from advisor.engine.assessment import assessment_from_data
from advisor.engine.weighting import TUNABLE_FIELDS
from advisor.models import Specialty
from advisor.selectors import match_calendar, weightings_by_slug
from tests.advisor.admin_saving import admin_save

pytestmark = pytest.mark.django_db

EMPHASIS = {
    "internal-medicine": "low",
    "family-medicine": "low",
    "psychiatry": "low",
    "pediatrics": "low",
    "transitional-preliminary": "low",
    "emergency-medicine": "low",
    "obstetrics-gynecology": "low",
    "neurology": "moderate",
    "pathology": "moderate",
    "anesthesiology": "moderate",
    "radiology": "high",
    "radiation-oncology": "high",
    "dermatology": "high",
    "neurosurgery": "high",
    "orthopedic-surgery": "high",
    "general-surgery": "high",
}

# advice-rules.md, "Seeded per-specialty data": research goal (publications +
# abstracts), Step 2 CK median, IMG match rate %; None where the report has none.
FIGURES = {
    "family-medicine": (3, 230, 53.9),
    "pediatrics": (3, 240, 68.5),
    "emergency-medicine": (3, 243, 54.1),
    "psychiatry": (4, 241, 58.4),
    "internal-medicine": (5, 251, 48.5),
    "obstetrics-gynecology": (5, 242, 32.8),
    "transitional-preliminary": (3, None, None),
    "anesthesiology": (7, 255, 38.7),
    "neurology": (8, 252, 41.9),
    "pathology": (10, 244, 45.1),
    "radiology": (11, 250, 58.3),
    "general-surgery": (12, 256, 28.6),
    "radiation-oncology": (12, None, None),
    "neurosurgery": (12, None, None),
    "orthopedic-surgery": (12, None, None),
    "dermatology": (20, None, 16.7),
}
# No published research figure: the target is left empty, so the emphasis default applies.
NO_RESEARCH_FIGURE = {
    "transitional-preliminary",
    "radiation-oncology",
    "neurosurgery",
    "orthopedic-surgery",
}


def test_the_sixteen_specialties_are_seeded_with_the_spec_values():
    seeded = {s.slug: s for s in Specialty.objects.all()}
    assert {slug: s.research_emphasis for slug, s in seeded.items()} == EMPHASIS
    assert {s.usce_target_weeks for s in seeded.values()} == {8}
    assert {s.letters_target for s in seeded.values()} == {2}
    assert {s.weight_usce for s in seeded.values()} == {90}
    assert seeded["dermatology"].weight_research > seeded["neurology"].weight_research
    assert seeded["neurology"].weight_research > seeded["internal-medicine"].weight_research


def test_the_new_specialties_follow_the_weights_of_their_emphasis():
    research_weight = {"low": 40, "moderate": 60, "high": 85}
    for slug in (
        "emergency-medicine",
        "obstetrics-gynecology",
        "anesthesiology",
        "general-surgery",
    ):
        specialty = Specialty.objects.get(slug=slug)
        assert specialty.weight_research == research_weight[specialty.research_emphasis]
        assert (specialty.weight_letters, specialty.weight_recency, specialty.weight_exam) == (
            85,
            55,
            50,
        )


def test_the_nrmp_figures_are_seeded_and_reach_the_weighting():
    weightings = weightings_by_slug()
    assert {
        slug: (w.research_goal, w.step2_median, w.img_match_rate) for slug, w in weightings.items()
    } == FIGURES
    assert {slug for slug, w in weightings.items() if w.research_target is None} == (
        NO_RESEARCH_FIGURE
    )
    assert isinstance(weightings["neurology"].img_match_rate, float)
    assert all(Specialty.objects.get(slug=slug).figures_source for slug in FIGURES)


@pytest.fixture
def admin_client_logged_in(client, django_user_model):
    user = django_user_model.objects.create_superuser("root", "root@example.com", "pw-long-enough")
    client.force_login(user)
    return client


def change_form_data(specialty: Specialty, **overrides) -> dict:
    sources = ["figures_source", "mechanics_source", "mechanics_checked_on"]
    fields = ["name", "slug", *TUNABLE_FIELDS, *sources]
    # An empty figure is posted as an empty field, as the browser sends it; the
    # backup specialty as its id.
    values = {f: specialty.serializable_value(f) for f in fields}
    values = {f: "" if value is None else value for f, value in values.items()}
    return {**values, **overrides}


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("weight_research", 101, "less than or equal to 100"),
        ("usce_target_weeks", 0, "greater than or equal to 1"),
        ("usce_target_weeks", 53, "less than or equal to 52"),
        ("letters_target", 11, "less than or equal to 10"),
        ("research_emphasis", "extreme", "not one of the available choices"),
        ("research_target", 501, "less than or equal to 500"),
        ("step2_median", 301, "less than or equal to 300"),
        ("step2_median", 0, "greater than or equal to 1"),
        ("img_match_rate", "100.5", "less than or equal to 100"),
        ("img_match_rate", "-1", "greater than or equal to 0"),
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
    assert (neurology.research_target, neurology.step2_median) == (8, 252)


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
        # Early in the year, so that a research year fits before the next Match: later,
        # the rotations would be stale by that Match (P4 v4) and both would be asked for.
        "as_of": "2026-01",
    }
    _, before = assessment_from_data(
        profile, weightings=weightings_by_slug(), calendar=match_calendar()
    )
    assert before.priority == "usce_letters"

    neurology = Specialty.objects.get(slug="neurology")
    url = reverse("admin:advisor_specialty_change", args=[neurology.pk])
    _, response = admin_save(
        admin_client_logged_in, url, change_form_data(neurology, research_emphasis="high")
    )
    assert response.status_code == 302
    _, after = assessment_from_data(
        profile, weightings=weightings_by_slug(), calendar=match_calendar()
    )
    assert after.priority == "research_and_usce"

    neurology.refresh_from_db()
    admin_save(
        admin_client_logged_in,
        url,
        change_form_data(neurology, usce_target_weeks=4, letters_target=1),
    )
    _, lowered = assessment_from_data(
        profile, weightings=weightings_by_slug(), calendar=match_calendar()
    )
    assert lowered.priority == "research_block"


def test_admin_list_shows_every_specialty(admin_client_logged_in):
    response = admin_client_logged_in.get(reverse("admin:advisor_specialty_changelist"))
    body = response.content.decode()
    assert all(s.name in body for s in Specialty.objects.all())


def test_admin_edit_of_the_research_target_changes_the_engine_answer(admin_client_logged_in):
    profile = {
        "specialty": "neurology",
        "years_since_graduation": 1,
        "usce_hands_on_weeks": 8,
        "us_clinical_letters": 2,
        "research_publications": 5,
        "research_in_target_specialty": True,
    }
    _, before = assessment_from_data(
        profile, weightings=weightings_by_slug(), calendar=match_calendar()
    )
    assert before.priority == "research_block"  # 5 is below neurology's seeded 8

    neurology = Specialty.objects.get(slug="neurology")
    url = reverse("admin:advisor_specialty_change", args=[neurology.pk])
    _, response = admin_save(
        admin_client_logged_in, url, change_form_data(neurology, research_target=5)
    )
    assert response.status_code == 302
    _, after = assessment_from_data(
        profile, weightings=weightings_by_slug(), calendar=match_calendar()
    )
    assert after.priority == "balanced"


def test_an_emptied_research_target_falls_back_to_the_emphasis_default(admin_client_logged_in):
    neurology = Specialty.objects.get(slug="neurology")
    url = reverse("admin:advisor_specialty_change", args=[neurology.pk])
    _, response = admin_save(
        admin_client_logged_in, url, change_form_data(neurology, research_target="")
    )
    assert response.status_code == 302
    neurology.refresh_from_db()
    assert neurology.research_target is None
    assert neurology.as_weighting().research_goal == 6  # moderate


def test_admin_form_groups_the_nrmp_figures(admin_client_logged_in):
    neurology = Specialty.objects.get(slug="neurology")
    page = admin_client_logged_in.get(
        reverse("admin:advisor_specialty_change", args=[neurology.pk])
    )
    body = page.content.decode()
    assert "Figures from NRMP Charting Outcomes" in body
    assert "Empty: 3 for low emphasis, 6 for moderate, 12 for high." in body
