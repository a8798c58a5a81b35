"""The pages behind the private link: result, what-if, share, edit, delete."""

import pytest
from django.urls import reverse

from advisor.models import Specialty
from profiles.models import Profile
from tests.profiles.factories import make_profile

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def url(name, profile, **kwargs):
    return reverse(f"profiles:{name}", args=[profile.token], **kwargs)


def test_result_shows_what_was_concluded(client):
    profile = make_profile(graduation_year=2026, step2_ck=250, usce_observership_weeks=2)
    body = client.get(url("result", profile)).content.decode()
    assert 'data-priority="usce_first"' in body
    assert 'data-scenario="fresh-grad-no-usce"' in body
    assert "You have 2 weeks of observership, which we count as 1 week" in body
    assert (
        "Does an observership count?"
        in body.split("Questions people in your position ask")[1][:400]
    )
    assert 'data-score="readiness"' in body and "<svg" in body
    assert "Match Day:" in body and 'data-plan-dated="true"' in body


def test_nearest_scenario_is_marked_as_such(client):
    # YOG 4, active: no scenario. A resident, who may do hands-on work: the no-experience
    # examples are hands-on ones, not shown to a graduate who may only observe.
    profile = make_profile(graduation_year=2022, clinically_active=True, visa="citizen_or_resident")
    body = client.get(url("result", profile)).content.decode()
    assert 'data-scenario=""' in body
    assert "The closest worked example" in body


@pytest.mark.parametrize("name", ["result", "what_if", "edit", "delete"])
def test_a_wrong_token_is_a_plain_404(client, name):
    profile = make_profile(name="Secret Person")
    wrong = reverse(
        f"profiles:{name}", args=[profile.token[:-1] + ("A" if profile.token[-1] != "A" else "B")]
    )
    response = client.get(wrong)
    assert response.status_code == 404
    assert "Secret Person" not in response.content.decode()
    assert "We can't find that page" in response.content.decode()


def test_share_and_delete_refuse_a_wrong_token(client):
    make_profile()
    assert (
        client.post(reverse("profiles:share", args=["nope"]), {"shared": "on"}).status_code == 404
    )
    assert client.post(reverse("profiles:delete", args=["nope"])).status_code == 404
    assert Profile.objects.count() == 1


def test_stored_advice_survives_a_weighting_change(client):
    profile = make_profile(specialty="neurology", usce_hands_on_weeks=6, us_clinical_letters=1)
    assert profile.priority == "usce_letters"
    Specialty.objects.filter(slug="neurology").update(research_emphasis="high")
    body = client.get(url("result", profile)).content.decode()
    assert 'data-priority="usce_letters"' in body


def test_a_new_profile_is_shared_with_nobody(client):
    profile = make_profile()
    assert not profile.shares.exists()
    body = client.get(url("result", profile)).content.decode()
    assert "Not shared: only people with your private link can see your profile." in body


def test_delete_asks_first_then_deletes(client):
    profile = make_profile()
    confirm = client.get(url("delete", profile))
    assert "cannot be undone" in confirm.content.decode()
    assert Profile.objects.count() == 1
    response = client.post(url("delete", profile))
    assert response.status_code == 302 and response["Location"] == reverse("home")
    assert Profile.objects.count() == 0
    assert client.get(url("result", profile)).status_code == 404


def test_edit_shows_current_answers(client):
    profile = make_profile(usce_hands_on_weeks=3, name="Amina")
    body = client.get(url("edit", profile)).content.decode()
    assert (
        'value="3"' in body
        and 'value="Amina"' in body
        and 'value="internal-medicine" selected' in body
    )


def test_edit_with_a_bad_answer_keeps_everything_typed(client):
    profile = make_profile()
    data = edit_data(profile, **{"usce-usce_hands_on_weeks": "12", "exams-step2_ck": "1000"})
    response = client.post(url("edit", profile), data)
    body = response.content.decode()
    assert response.status_code == 200
    assert (
        "Enter the Step 2 CK score, between 1 and 300" in body
        and 'value="12"' in body
        and 'value="1000"' in body
    )
    profile.refresh_from_db()
    assert profile.usce_hands_on_weeks == 0


def test_edit_saves_and_reassesses(client):
    profile = make_profile()
    data = edit_data(profile, **{"usce-usce_hands_on_weeks": "12", "usce-us_clinical_letters": "3"})
    response = client.post(url("edit", profile), data)
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.usce_hands_on_weeks == 12 and profile.priority == "balanced"


def edit_data(profile, **changes):
    data = {
        "goals-specialty": profile.specialty.slug,
        "goals-career_goal": profile.career_goal,
        "goals-graduation_year": profile.graduation_year,
        "goals-student": "yes" if profile.student else "no",
        "exams-home_clinical_years": "0",
        "exams-step1_passed": "yes" if profile.step1_passed else "no",
        "exams-oet_passed": "yes" if profile.oet_passed else "no",
        "exams-pathway_met": "yes" if profile.pathway_met else "no",
        "exams-clinically_active": "yes" if profile.clinically_active else "no",
        "logistics-budget": profile.budget,
        "logistics-visa": profile.visa,
        "logistics-visa_wait_months": str(profile.visa_wait_months),
        "logistics-months_available_in_us": str(profile.months_available_in_us),
        "logistics-in_us_research_post": "yes" if profile.in_us_research_post else "no",
        "version": str(profile.version),
    }
    return {**data, **changes}


def test_home_lists_this_browsers_saved_results(client):
    from tests.profiles.wizard_steps import ANSWERS, post_step, step_url

    for step in ANSWERS:
        post_step(client, step)
    client.get(step_url("done"))
    profile = Profile.objects.get()
    body = client.get(reverse("home")).content.decode()
    assert url("result", profile) in body


def test_token_is_long_and_random():
    a, b = make_profile(), make_profile()
    assert len(a.token) >= 40 and a.token != b.token


@pytest.mark.parametrize(
    ("years", "text"),
    [(0, "graduating or graduated this year"), (1, "1 year since"), (3, "3 years since")],
)
def test_years_since_graduation_reads_right(client, years, text):
    from django.utils import timezone

    profile = make_profile(graduation_year=timezone.now().year - years)
    assert text in client.get(url("result", profile)).content.decode()


def test_a_worked_example_that_contradicts_the_advice_is_not_shown(client):
    """A community applicant with a finished clinical file (balanced) is never shown the
    "take a research post next" example; an academic one (research block) is, as theirs."""
    community = make_profile(
        career_goal="community", usce_hands_on_weeks=12, us_clinical_letters=3, step2_ck=255
    )
    page = client.get(url("result", community)).content.decode()
    assert community.priority == "balanced"
    assert "A worked example like yours" not in page and "closest worked example" not in page
    assert "No worked example matches you closely" in page
    assert 'data-scenario=""' in page  # still readable by tools: no example matched

    academic = make_profile(
        career_goal="academic", usce_hands_on_weeks=12, us_clinical_letters=3, step2_ck=255
    )
    page = client.get(url("result", academic)).content.decode()
    assert academic.priority == "research_block"
    assert "A worked example like yours" in page
    assert 'data-scenario="usce-done-academic"' in page


def test_no_worked_example_names_another_specialty_as_the_goal():
    from advisor.engine.content import SCENARIOS

    for scenario in SCENARIOS.values():
        text = " ".join([scenario.title, scenario.profile, *scenario.steps, scenario.point])
        assert not any(name in text for name in ("Internal Medicine", "Neurology", "Family"))


def test_no_template_comment_shows_on_the_applicants_pages(client):
    # A {# ... #} comment spread over lines is printed as text, not dropped.
    profile = make_profile(research_publications=2)
    for name in ("result", "edit"):
        body = client.get(reverse(f"profiles:{name}", args=[profile.token])).content.decode()
        assert "{#" not in body and "#}" not in body and "{%" not in body
    body = client.get(reverse("profiles:what_if", args=[profile.token]), {"papers": "1"})
    assert "{#" not in body.content.decode()


def test_a_plan_asking_for_us_time_the_applicant_lacks_says_so_at_its_top(client):
    without = make_profile(months_available_in_us=0, usce_hands_on_weeks=0)
    body = client.get(url("result", without)).content.decode()
    warning = body.index("data-us-time-warning")
    assert warning < body.index('class="timeline"')  # before the steps, not inside one
    assert "You said you cannot spend time in the US yet; this plan asks for" in body
    with_time = make_profile(months_available_in_us=6, usce_hands_on_weeks=0)
    assert "data-us-time-warning" not in client.get(url("result", with_time)).content.decode()


def test_the_competitive_specialty_question_is_for_those_applying_to_one(client):
    question = "My specialty is very competitive."
    family = make_profile(specialty="family-medicine")
    page = client.get(reverse("profiles:result", args=[family.token])).content.decode()
    assert question not in page
    dermatology = make_profile(specialty="dermatology")
    page = client.get(reverse("profiles:result", args=[dermatology.token])).content.decode()
    assert question in page
