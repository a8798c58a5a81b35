"""Made-up applicant profiles for demos, tests at scale and the benchmark."""

from __future__ import annotations

import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from advisor.engine.answers import ANSWERS
from advisor.engine.applicant import BUDGETS, CAREER_GOALS, VISAS
from advisor.models import Specialty
from advisor.selectors import match_calendar
from profiles.advising.cases import cases_refresh
from profiles.models import AdvisingGroup, GroupShare, Profile, StoredAdvice, new_token
from profiles.services import assessment_store, current_weighting_version

# Profiles copied into their shares per statement (SQLite takes 32,766 parameters).
COPY_BATCH = 5_000

# Names as varied as an IMG cohort's: a search finds a few in a thousand, not one in ten.
FIRST = """Amina Ravi Lucia Chen Olu Sara Tariq Mei Jonas Priya Aisha Omar Fatima Ahmed Nadia
Yusuf Leila Hassan Zainab Karim Ananya Arjun Kavya Rohan Sneha Vikram Divya Rahul
Ngozi Chinedu Amaka Emeka Funmi Tunde Bisi Kwame Abena Kofi Mariana Diego Camila Mateo
Valentina Andres Sofia Luis Paula Carlos Hana Minh Linh Tuan Wen Jia Hui Yan Ivan Olga
Dmitri Elena Nikos Eleni Giorgos Marta Pablo Ines Joao Beatriz Selin Emre Zeynep Murat
Farah Bilal Sana Imran Ayesha Danish Rania Samir Lina Tamer Noor Faisal Hiba Jamal
Rima Grace Samuel Esther Daniel Ruth Joseph Miriam David Leah Isaac""".split()  # noqa: SIM905
LAST = """Khan Patel Gomez Wei Adeyemi Haddad Rossi Nguyen Silva Iyer Sharma Reddy Gupta Rao
Singh Mehta Nair Pillai Okafor Okonkwo Eze Balogun Mensah Owusu Boateng Garcia
Martinez Lopez Hernandez Torres Ramirez Flores Castillo Tran Le Pham Hoang Zhang Li
Wang Liu Chen Yang Huang Zhao Ivanova Petrov Smirnov Papadopoulos Georgiou Costa
Santos Pereira Ferreira Yilmaz Kaya Demir Celik Hussain Ahmed Ali Malik Qureshi
Siddiqui Farouk Mansour Saleh Nasser Haddadin Khalil Aziz Rahman Chowdhury Islam
Hossain Bose Das Ghosh Mukherjee Kapoor Joshi Desai Kumar Abdullah Ibrahim Mohamed
Osman Yousef Darwish Barakat Kamal Fernando Perera Silva Jayasinghe Bandara Mendis
Cohen Levi Mizrahi Friedman""".split()  # noqa: SIM905


def demo_answers(rng: random.Random, this_year: int, *, hands_on: int) -> dict:
    """Answers spread as a cohort's are, for every answer of the table: the ones below
    as seen in real profiles, any other (a new answer) from what its entry allows."""
    typical = {
        "career_goal": rng.choice(CAREER_GOALS),
        "graduation_year": this_year - rng.choice([0, 1, 2, 3, 4, 5, 6, 8, 10]),
        "clinically_active": rng.random() < 0.6,
        "step2_ck": rng.choice([None, 215, 228, 236, 244, 251, 259]),
        "usce_hands_on_weeks": hands_on,
        "usce_observership_weeks": rng.choice([0, 0, 2, 4, 8]),
        "usce_online_weeks": rng.choice([0, 0, 0, 4]),
        "us_clinical_letters": (rng.choice([0, 0, 1, 2, 3]) if hands_on else rng.choice([0, 0, 1])),
        "research_publications": rng.choice([0, 0, 0, 1, 2, 5]),
        "research_abstracts": rng.choice([0, 0, 1, 2, 4]),
        "research_in_target_specialty": rng.random() < 0.5,
        "research_us_based": rng.random() < 0.3,
        "home_clinical_years": Decimal(rng.choice(["0", "0.5", "1", "2", "3.5", "5"])),
        "budget": rng.choice(BUDGETS),
        "visa": rng.choice(VISAS),
        "months_available_in_us": rng.choice([0, 3, 6, 12, 24]),
    }
    # The answers of rules v4 come from a generator of their own, seeded from this one
    # without drawing from it, so a seed still makes the same profiles it made before.
    later = random.Random(hash(rng.getstate()))
    typical |= _v4_answers(later, typical, this_year)
    return {
        answer.name: typical[answer.name] if answer.name in typical else _any(rng, answer)
        for answer in ANSWERS
        if answer.kind not in ("slug", "match")  # the specialty is the caller's; no Match asked
    }


# Where most applicants come from (ECFMG certificates), and some who gave none.
CITIZENSHIPS = (None, None, "IN", "PK", "NG", "EG", "PH", "BR", "IR", "SY", "CU", "DE")


def _v4_answers(rng: random.Random, typical: dict, this_year: int) -> dict:
    """The answers added with rules v4, only in combinations the engine accepts: a
    student has not graduated, a rotation ends after graduation - 2 and by this year,
    a Step 2 CK month only with a score and in the past, a research post only on J-1 or
    H-1B, a visa interview wait only for those who still need a visitor visa."""
    graduated = typical["graduation_year"]
    has_usce = typical["usce_hands_on_weeks"] + typical["usce_observership_weeks"] > 0
    first_usce = max(graduated - 2, this_year - 4)
    research_visa = typical["visa"] in ("j1", "h1b")
    return {
        "student": graduated >= this_year and rng.random() < 0.5,
        "step2_ck_taken": (
            f"{this_year - rng.choice([1, 2, 3])}-{rng.randint(1, 12):02d}"
            if typical["step2_ck"] is not None
            else None
        ),
        "exam_failures": rng.choice([0, 0, 0, 0, 0, 1, 1, 2]),
        "usce_last_year": rng.randint(first_usce, this_year) if has_usce else None,
        "in_us_research_post": research_visa and rng.random() < 0.3,
        "visa_wait_months": (
            rng.choice([0, 1, 2, 3, 6, 12]) if typical["visa"] in ("b1b2", "other") else 0
        ),
        "citizenship": rng.choice(CITIZENSHIPS),
    }


def _any(rng: random.Random, answer) -> object:
    if answer.kind == "bool":
        return rng.random() < 0.5
    if answer.choices:
        return rng.choice(answer.choices)[0]
    if answer.kind in ("int", "number"):
        return rng.choice([answer.default or 0, int(answer.min), int(answer.min) + 1])
    return answer.default


def demo_profile(rng: random.Random, specialty: Specialty, this_year: int) -> Profile:
    # Drawn in the order the seeded databases (tests, benchmark) were made with, so a
    # seed still makes the same profiles.
    first, last = rng.choice(FIRST), rng.choice(LAST)
    hands_on = rng.choice([0, 0, 0, 2, 4, 6, 8, 12, 16])
    email = f"{first}.{last}{rng.randint(1, 9999)}@example.com".lower()
    return Profile(
        token=new_token(),
        name=f"{first} {last}",
        email=email,
        specialty=specialty,
        **demo_answers(rng, this_year, hands_on=hands_on),
    )


@transaction.atomic
def demo_profiles_create(
    *, count: int, seed: int = 1, groups: list[AdvisingGroup] | tuple = ()
) -> int:
    """Create `count` profiles with real stored assessments, in bulk; about 80% of
    them shared with one of `groups` each, when groups are given."""
    rng = random.Random(seed)
    specialties = list(Specialty.objects.all())
    versions = {s.pk: current_weighting_version(s) for s in specialties}
    calendar = match_calendar()
    this_year = timezone.now().year
    profiles, advice = [], []
    for _ in range(count):
        specialty = rng.choice(specialties)
        profile = demo_profile(rng, specialty, this_year)
        advice.append(
            assessment_store(profile, weighting_version=versions[specialty.pk], calendar=calendar)
        )
        profiles.append(profile)
    Profile.objects.bulk_create(profiles, batch_size=500)
    StoredAdvice.objects.bulk_create(advice, batch_size=500)
    if groups:
        shares = [
            GroupShare(profile=profile, group=rng.choice(groups))
            for profile in profiles
            if rng.random() < 0.8
        ]
        GroupShare.objects.bulk_create(shares, batch_size=500)
        # Made empty, filled (and tallied) by the one writer of the copies.
        for start in range(0, len(shares), COPY_BATCH):
            cases_refresh(profile_ids=[s.profile_id for s in shares[start : start + COPY_BATCH]])
    return count
