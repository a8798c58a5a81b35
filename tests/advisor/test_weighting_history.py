"""Weighting edits are versioned; stored assessments keep the version they were made with."""

import pytest
from django.urls import reverse

from advisor.engine.weighting import TUNABLE_FIELDS
from advisor.models import Specialty
from tests.advisor.admin_saving import REASON, admin_save
from tests.profiles.factories import make_profile

pytestmark = pytest.mark.django_db

# The form's fields: the weighting and where its values come from.
FIELDS = [
    "name",
    "slug",
    *TUNABLE_FIELDS,
    "figures_source",
    "mechanics_source",
    "mechanics_checked_on",
]
NEW_IN_THE_NRMP_SEED = {
    "emergency-medicine",
    "obstetrics-gynecology",
    "anesthesiology",
    "general-surgery",
}


def form_value(specialty: Specialty, field: str):
    # An empty figure is posted as an empty field, as the browser sends it; the
    # backup specialty as its id.
    value = specialty.serializable_value(field)
    return "" if value is None else value


@pytest.fixture
def admin_user(django_user_model):
    return django_user_model.objects.create_superuser("root", "root@example.com", "pw-long-1")


@pytest.fixture
def admin_client_in(client, admin_user):
    client.force_login(admin_user)
    return client


def test_every_specialty_starts_with_a_version_holding_its_current_values():
    for specialty in Specialty.objects.all():
        latest = specialty.history.latest()
        assert {f: getattr(latest, f) for f in FIELDS} == {f: getattr(specialty, f) for f in FIELDS}


def test_the_nrmp_seed_is_a_version_of_its_own():
    # The twelve older specialties keep their first version (which stored
    # assessments may point to) and gain one with the figures; the four new
    # ones start with it. Each then gains one with how applying works (0013).
    for specialty in Specialty.objects.all():
        types = list(specialty.history.values_list("history_type", flat=True))
        assert types == (["~", "+"] if specialty.slug in NEW_IN_THE_NRMP_SEED else ["~", "~", "+"])
    neurology = Specialty.objects.get(slug="neurology")
    figures, first = neurology.history.all()[1:3]
    changes = figures.diff_against(first).changes
    # Only the new, empty fields were filled in; no weighting value moved.
    assert {c.field for c in changes} == {
        "research_target",
        "step2_median",
        "img_match_rate",
        "figures_source",
    }
    assert all(c.old in (None, "") for c in changes)
    assert (first.research_target, figures.research_target) == (None, 8)


def test_an_admin_edit_records_who_when_old_and_new(admin_client_in, admin_user):
    neurology = Specialty.objects.get(slug="neurology")
    data = {f: form_value(neurology, f) for f in FIELDS} | {"research_emphasis": "high"}
    url = reverse("admin:advisor_specialty_change", args=[neurology.pk])
    _, saved = admin_save(admin_client_in, url, data)
    assert saved.status_code == 302
    new, old = neurology.history.order_by("-history_date")[:2]
    assert (old.research_emphasis, new.research_emphasis) == ("moderate", "high")
    assert (new.history_user, new.history_change_reason) == (admin_user, REASON)
    assert new.history_date > old.history_date
    delta = new.diff_against(old)
    assert [(c.field, c.old, c.new) for c in delta.changes] == [
        ("research_emphasis", "moderate", "high")
    ]
    page = admin_client_in.get(reverse("admin:advisor_specialty_history", args=[neurology.pk]))
    assert page.status_code == 200
    assert "root" in page.content.decode() and REASON in page.content.decode()


def test_the_list_is_no_way_around_the_preview_and_the_reason(admin_client_in):
    # Editing in the list would save without either: it is off, and a posted
    # list changes nothing and adds no version.
    versions = Specialty.objects.get(slug="pathology").history.count()
    # Pathology's row alone: every row's fields would pass the site's limit on
    # posted fields (DATA_UPLOAD_MAX_NUMBER_FIELDS) and be refused before the list.
    specialties = [Specialty.objects.get(slug="pathology")]
    data = {
        "form-TOTAL_FORMS": len(specialties),
        "form-INITIAL_FORMS": len(specialties),
        "_save": "Save",
    }
    for i, s in enumerate(specialties):
        data[f"form-{i}-id"] = s.pk
        for field in TUNABLE_FIELDS:
            value = form_value(s, field)
            if s.slug == "pathology" and field == "usce_target_weeks":
                value = 10
            data[f"form-{i}-{field}"] = value
    response = admin_client_in.post(reverse("admin:advisor_specialty_changelist"), data)
    assert response.status_code == 200
    pathology = Specialty.objects.get(slug="pathology")
    assert pathology.usce_target_weeks == 8
    assert pathology.history.count() == versions


def test_new_assessments_point_to_the_new_version_old_ones_keep_theirs(admin_client_in):
    before = make_profile(specialty="neurology", usce_hands_on_weeks=6, us_clinical_letters=1)
    neurology = Specialty.objects.get(slug="neurology")
    first_version = neurology.history.latest()
    assert before.weighting_version == first_version
    assert first_version.research_target == 8

    data = {f: form_value(neurology, f) for f in FIELDS} | {"research_emphasis": "high"}
    admin_save(
        admin_client_in, reverse("admin:advisor_specialty_change", args=[neurology.pk]), data
    )

    after = make_profile(specialty="neurology", usce_hands_on_weeks=6, us_clinical_letters=1)
    before.refresh_from_db()
    assert before.weighting_version == first_version
    assert before.weighting["research_emphasis"] == "moderate"
    assert before.priority == "usce_letters"
    assert after.weighting_version != first_version
    assert after.weighting_version.research_emphasis == "high"
    assert after.priority == "research_and_usce"
