"""A complete set of wizard answers, step by step, as a browser would post them."""

from django.urls import reverse

PREFIX = "profile_wizard"

ANSWERS = {
    "goals": {
        "specialty": "neurology",
        "career_goal": "academic",
        "graduation_year": "2023",
        "student": "no",
    },
    "exams": {
        "step1_passed": "yes",
        "step2_ck": "245",
        "oet_passed": "yes",
        "pathway_met": "no",
        "clinically_active": "yes",
        "home_clinical_years": "1.5",
    },
    "usce": {
        "usce_hands_on_weeks": "6",
        "usce_observership_weeks": "4",
        "usce_online_weeks": "2",
        "us_clinical_letters": "1",
    },
    "research": {
        "research_publications": "1",
        "research_abstracts": "2",
        "research_in_target_specialty": "yes",
        "research_us_based": "no",
    },
    "logistics": {
        "budget": "tight",
        "visa": "j1",
        "in_us_research_post": "no",
        "months_available_in_us": "14",
        "name": "Amina K",
        "email": "amina@example.com",
        "remember_on_device": "on",  # ticked when the step is shown
    },
    "check": {},  # check your answers: nothing to answer, "See my advice" makes the profile
}
QUESTION_STEPS = [step for step in ANSWERS if step != "check"]


def step_url(step: str) -> str:
    return reverse("profiles:wizard_step", kwargs={"step": step})


def post_step(client, step: str, answers: dict | None = None, **extra):
    data = {f"{PREFIX}-current_step": step}
    for name, value in (ANSWERS[step] if answers is None else answers).items():
        data[f"{step}-{name}"] = value
    return client.post(step_url(step), data, **extra)
