"""Pinned cases of plan rules version 4, part 2 (issue 21): booking lead times and the
months rotations fall in (P4, P6a), urgent weeks (P8), a Match worth entering (P4,
P13), each specialty's own route (P15, P17). One small named profile each, read
black-box from `assess(...).as_dict()`."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from advisor.engine.applicant import parse_profile
from advisor.engine.assessment import assess
from tests.advisor.profile_strategies import (
    CALENDAR,
    EXAMPLES,
    applicants,
    expect,
    month,
    seeded_weighting,
)
from tests.advisor.test_v4_cases import GRADUATE, WITH_TRAVEL_BAN

FRESH = {
    **GRADUATE,
    "years_since_graduation": 0,
    "visa": "citizen_or_resident",
    "step2_ck": None,
    "step2_ck_taken": None,
}


def assessed(**answers) -> dict:
    data = {**GRADUATE, **answers}
    return assess(parse_profile(data), seeded_weighting(data["specialty"]), CALENDAR).as_dict()


def steps(out: dict, kind: str) -> list[dict]:
    return [step for step in out["plan"]["steps"] if step["kind"] == kind]


def months_of(step: dict) -> range:
    return range(month(step["start"]), month(step["end"]) + 1)


def words(out: dict, *kinds: str) -> str:
    return " ".join(
        f"{s['title']} {s['detail']}"
        for s in out["plan"]["steps"]
        if not kinds or s["kind"] in kinds
    )


# --- lead times and months (P4, P6a) -----------------------------------------------


def test_a_fresh_graduate_books_rotations_while_studying_and_does_them_by_june():
    out = assessed(**FRESH)
    assert out["plan"]["target_match"] == 2028
    (exam,) = steps(out, "exam")
    (arrange,) = steps(out, "arrange_us_time")
    usce = steps(out, "usce")
    assert exam["start"] == "2026-12" and exam["exam"] == "step2_ck"
    # Booking starts while studying, and lasts 3 months.
    assert month(arrange["start"]) <= month(exam["end"])
    assert len(months_of(arrange)) == 3
    assert "while you study for Step 2 CK" in arrange["detail"]
    # The rotations: after the exam, within March-June 2027, never July or August.
    booked = {m for step in usce for m in months_of(step)}
    assert booked
    assert min(booked) > month(exam["end"])
    assert min(booked) >= month("2027-03") and max(booked) == month("2027-06")
    assert "ending by June" in usce[0]["detail"]
    # Letters are asked at the end of the rotation, before programs read applications.
    (letters,) = steps(out, "letters")
    assert month(letters["end"]) <= month("2027-07")


def test_rotations_fall_in_july_only_when_nothing_ending_by_june_fits_and_the_match_stays():
    # Step 2 CK from March to May leaves June as the first month for rotations: 8 weeks
    # end in July. The 2028 Match is kept, and the step says why and what to do.
    out = assessed(**{**FRESH, "as_of": "2027-03"})
    assert out["plan"]["target_match"] == 2028
    assert out["plan"]["moved_because"] is None
    (usce,) = steps(out, "usce")
    assert (usce["start"], usce["end"]) == ("2027-06", "2027-07")
    assert "July" in usce["detail"] and "after you apply" in usce["detail"]


def test_with_a_spare_year_the_rotations_still_end_in_june_of_the_application_year():
    out = assessed(**{**FRESH, "as_of": "2026-12", "target_match": 2029})
    assert out["plan"]["target_match"] == 2029
    assert max(month(s["end"]) for s in steps(out, "usce")) == month("2028-06")


def test_a_visa_interview_wait_lengthens_the_arranging():
    out = assessed(visa="b1b2", visa_wait_months=6)
    (arrange,) = steps(out, "arrange_us_time")
    # The interview is booked now; the rotations wait for the visa and a month after it.
    assert arrange["start"] == "2026-12"
    first_rotation = min(month(s["start"]) for s in steps(out, "usce"))
    assert first_rotation == month(arrange["end"]) + 1
    assert first_rotation >= month("2026-12") + 7
    assert "book it now" in arrange["detail"]


# --- urgent: as much as allowed (P8) ------------------------------------------------


def test_a_long_gap_with_two_years_and_a_comfortable_budget_gets_12_weeks():
    out = assessed(
        years_since_graduation=8,
        clinically_active=False,
        visa="citizen_or_resident",
        months_available_in_us=24,
        budget="comfortable",
    )
    assert out["priority"] == "usce_urgent"
    assert sum(s["weeks"] for s in steps(out, "usce")) == 12


def test_urgent_weeks_stay_within_the_money_and_the_months():
    tight = assessed(
        years_since_graduation=8, clinically_active=False, budget="tight", months_available_in_us=24
    )
    assert sum(s["weeks"] for s in steps(tight, "usce")) == 8
    short = assessed(years_since_graduation=8, clinically_active=False, months_available_in_us=2)
    assert sum(s["weeks"] for s in steps(short, "usce")) == 8


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(applicants(years_since_graduation=st.integers(5, 12), budget=st.just("comfortable")))
def test_urgent_plans_book_12_recent_weeks_when_months_allow(applicant):
    data, weighting = applicant
    out = assess(parse_profile(data), weighting, CALENDAR).as_dict()
    # A research post in the US is observed at, not booked: no rotation to measure.
    if out["priority"] != "usce_urgent" or data["months_available_in_us"] < 3:
        return
    if data["in_us_research_post"]:
        return
    booked = sum(s["weeks"] for s in steps(out, "usce"))
    a = month(out["plan"]["calendar"]["submit_from"][:7])
    first = min(month(s["start"]) for s in steps(out, "usce"))
    exams_end = max(
        (month(s["end"]) for s in steps(out, "exam") if s.get("exam") != "step3"),
        default=month(data["as_of"]) - 1,
    )
    room = a - max(first, exams_end + 1)  # months from the first rotation to A
    if room < 3:
        return
    # P8 v4: 12 weeks in all, counting only recent weeks (all weeks for observe-only).
    exp = expect(data, weighting, out["plan"]["target_match"])
    have = (
        0
        if exp.stale
        else (
            data["usce_hands_on_weeks"] + data["usce_observership_weeks"]
            if exp.observe_only
            else exp.effective_weeks
        )
    )
    assert booked + have >= 12, (data, booked)


# --- a Match worth entering (P4, P13) -----------------------------------------------


def test_dermatology_with_one_paper_is_not_aimed_at_2028_and_the_page_says_why():
    out = assessed(
        specialty="dermatology",
        years_since_graduation=0,
        research_publications=1,
        months_available_in_us=24,
        budget="comfortable",
    )
    plan = out["plan"]
    assert plan["target_match"] == 2029
    why = " ".join(plan["notes"])
    assert "2028 Match" in why and "12 months before applying" in why
    (research,) = steps(out, "research")
    a = month(plan["calendar"]["submit_from"][:7])
    assert a - month(research["start"]) >= 12


def test_general_surgery_research_is_not_started_five_months_before_applying():
    out = assessed(
        specialty="general-surgery",
        visa="citizen_or_resident",
        usce_hands_on_weeks=8,
        us_clinical_letters=2,
        usce_last_year=2026,
        research_publications=2,
        months_available_in_us=6,
        budget="moderate",
    )
    a = month(out["plan"]["calendar"]["submit_from"][:7])
    for research in steps(out, "research"):
        assert a - month(research["start"]) >= 12, research


def test_a_moderate_emphasis_block_keeps_the_six_month_lead():
    out = assessed(
        specialty="neurology",
        visa="citizen_or_resident",
        usce_hands_on_weeks=8,
        us_clinical_letters=2,
        usce_last_year=2026,
        as_of="2026-12",
    )
    assert out["plan"]["target_match"] == 2028


# --- each specialty's route (P15, P17) ----------------------------------------------


def test_emergency_medicine_and_obgyn_apply_through_residencycas_never_eras():
    for specialty in ("emergency-medicine", "obstetrics-gynecology"):
        out = assessed(specialty=specialty)
        route = words(out, "apply", "prepare_application", "letters")
        assert "ResidencyCAS" in route
        (apply,) = steps(out, "apply")
        assert "ERAS" not in apply["detail"]
        assert "deadline" in apply["detail"]


def test_emergency_medicine_names_the_sloe_where_letters_and_rotations_are_planned():
    out = assessed(specialty="emergency-medicine")
    for kind in ("letters", "usce"):
        (step,) = steps(out, kind)
        assert "SLOE" in step["detail"], kind
    assert "SLOE" not in words(assessed(specialty="internal-medicine"))


def test_advanced_specialties_are_told_about_the_separate_pgy1_application():
    for specialty in ("dermatology", "radiology", "radiation-oncology"):
        (prepare,) = steps(assessed(specialty=specialty), "prepare_application")
        assert "PGY-1" in prepare["detail"] or "first year" in prepare["detail"], specialty
        assert "preliminary or transitional year" in prepare["detail"]
    (neurology,) = steps(assessed(specialty="neurology"), "prepare_application")
    assert "Some Neurology positions" in neurology["detail"]
    (medicine,) = steps(assessed(specialty="internal-medicine"), "prepare_application")
    assert "PGY-2" not in medicine["detail"]


def test_the_program_count_is_given_and_competitive_specialties_name_a_backup():
    (medicine,) = steps(assessed(), "prepare_application")
    assert "apply to 50-100 programs" in medicine["detail"]
    assert "backup" not in medicine["detail"]
    out = assessed(specialty="dermatology")
    assert "competitive_for_imgs" in out["flags"]
    (derm,) = steps(out, "prepare_application")
    assert "Internal Medicine" in derm["detail"] and "backup" in derm["detail"]
    assert "80-120 programs" in derm["detail"]


def test_the_plan_names_the_service_it_was_built_for():
    assert assessed()["plan"]["application_service"] == "eras"
    assert assessed(specialty="emergency-medicine")["plan"]["application_service"] == (
        "residencycas"
    )


# --- visas for residency (P18), from the adviser's read ------------------------------


def test_an_h1b_holder_whose_certificate_is_ready_sits_step3_before_applying():
    out = assessed(visa="h1b", months_available_in_us=24)
    (step3,) = [s for s in steps(out, "exam") if s["exam"] == "step3"]
    a = month(out["plan"]["calendar"]["submit_from"][:7])
    assert step3["start"] == "2026-12"
    assert month(step3["end"]) <= a - 2
    assert "on your application" in step3["detail"]
    (before,) = steps(out, "before_residency")
    assert "new employer" in before["detail"]


def test_an_h1b_holder_with_an_exam_to_pass_sits_step3_while_interviewing():
    out = assessed(visa="h1b", step2_ck=None, step2_ck_taken=None)
    (step3,) = [s for s in steps(out, "exam") if s["exam"] == "step3"]
    a = month(out["plan"]["calendar"]["submit_from"][:7])
    assert month(step3["start"]) == a + 1


def test_a_j1_holder_is_told_the_residency_j1_is_another_category():
    out = assessed(visa="j1")
    reason = next(r["text"] for r in out["reasons"] if r["topic"] == "j1_home_rule")
    assert "switch between categories" in reason
    assert "still open" not in reason
    (before,) = steps(out, "before_residency")
    assert "different J-1 category" in before["detail"]


def test_a_j1_blocked_by_nationality_plans_step3_given_only_in_the_us():
    data = {**GRADUATE, "visa": "b1b2", "citizenship": "NG"}
    out = assess(parse_profile(data), seeded_weighting(data["specialty"]), WITH_TRAVEL_BAN)
    out = out.as_dict()
    (step3,) = [s for s in steps(out, "exam") if s["exam"] == "step3"]
    assert "only in the US" in step3["detail"]
    assert "blocks new visitor visas too" in step3["detail"]
    (before,) = steps(out, "before_residency")
    assert "blocks the J-1" in before["detail"]


def test_oet_starts_once_the_exams_are_behind_not_in_the_busiest_months():
    out = assessed(**{**FRESH, "oet_passed": False, "pathway_met": False})
    (ecfmg,) = steps(out, "ecfmg")
    (exam,) = steps(out, "exam")
    assert month(ecfmg["start"]) == month(exam["end"]) + 1
    assert ecfmg["end"] == out["plan"]["calendar"]["submit_from"][:7]
    assert "Take OET first" in ecfmg["detail"]
    # With OET passed, the Pathway alone stays close to the application.
    (pathway,) = steps(assessed(**{**FRESH, "pathway_met": False}), "ecfmg")
    assert pathway["start"] == "2027-07"


def test_a_visitor_visa_blocked_by_nationality_is_said_where_the_plan_lists_us_time():
    data = {**GRADUATE, "visa": "other", "citizenship": "NG"}
    out = assess(parse_profile(data), seeded_weighting(data["specialty"]), WITH_TRAVEL_BAN)
    notes = " ".join(out.as_dict()["plan"]["notes"])
    assert "blocks new visitor visas" in notes
    plain = assessed(visa="other", citizenship="IN")
    assert "blocks new visitor visas" not in " ".join(plain["plan"]["notes"])


def test_a_backup_through_another_service_is_a_second_application():
    (prepare,) = steps(assessed(specialty="obstetrics-gynecology"), "prepare_application")
    assert "Family Medicine" in prepare["detail"]
    assert "second application" in prepare["detail"]
