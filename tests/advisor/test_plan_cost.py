"""What a plan costs (plan rules P20), worked out from the plan's steps and the seeded
fee rows: on random profiles, an item for each step that costs money and for
nothing else, items that add up; and pinned cases an adviser checked by hand."""

import dataclasses
import os

from hypothesis import HealthCheck, given, settings

from advisor.engine.applicant import parse_profile
from advisor.engine.assessment import assess
from advisor.engine.fees import Fee, FeeTable
from tests.advisor.calendar_seed import SEED_CALENDAR, SEED_FEES
from tests.advisor.profile_strategies import applicants, seeded_weighting

# The issue asks for 3,000 random profiles; CI's deep run may ask for more.
COST_EXAMPLES = int(os.environ.get("COST_EXAMPLES", "3000"))
VISA_ITEMS = {"visa_fee", "visa_integrity", "sevis", "j1_sponsorship"}
TIGHT_FM_2019 = {
    "specialty": "family-medicine",
    "as_of": "2026-12",
    "years_since_graduation": 7,
    "clinically_active": True,
    "step1_passed": True,
    "step2_ck": 230,
    "step2_ck_taken": "2026-06",
    "oet_passed": False,
    "pathway_met": False,
    "months_available_in_us": 3,
    "budget": "tight",
    "visa": "b1b2",
    "visa_wait_months": 3,
}
READY = {
    "as_of": "2026-12",
    "years_since_graduation": 2,
    "clinically_active": True,
    "step1_passed": True,
    "step2_ck": 245,
    "step2_ck_taken": "2026-06",
    "oet_passed": True,
    "pathway_met": True,
    "usce_hands_on_weeks": 12,
    "us_clinical_letters": 3,
    "usce_last_year": 2026,
    "months_available_in_us": 6,
    "budget": "moderate",
}


def planned(data: dict, calendar=SEED_CALENDAR) -> dict:
    profile = parse_profile(data)
    return assess(profile, seeded_weighting(data["specialty"]), calendar).as_dict()["plan"]


def items(plan: dict, item: str) -> list[dict]:
    return [i for i in plan["cost"]["items"] if i["item"] == item]


def amounts(plan: dict) -> dict[str, tuple[int, int]]:
    return {i["what"]: (i["low"], i["high"]) for i in plan["cost"]["items"]}


# --- the fee tiers ----------------------------------------------------------------


def test_eras_charges_11_a_program_up_to_30_then_30():
    assert SEED_FEES.for_programs("eras", 30) == (330, 330)
    assert SEED_FEES.for_programs("eras", 31) == (360, 360)
    assert SEED_FEES.for_programs("eras", 120) == (3030, 3030)


def test_residencycas_charges_99_for_18_then_18_then_23():
    assert SEED_FEES.for_programs("residencycas", 1) == (99, 99)
    assert SEED_FEES.for_programs("residencycas", 18) == (99, 99)
    assert SEED_FEES.for_programs("residencycas", 19) == (117, 117)
    assert SEED_FEES.for_programs("residencycas", 31) == (99 + 12 * 18 + 23,) * 2


# --- pinned plans -----------------------------------------------------------------


def test_tight_budget_family_medicine_graduate_of_2019():
    plan = planned(TIGHT_FM_2019)
    assert amounts(plan) == {
        "OET Medicine": (385, 455),
        "ECFMG Pathway application": (925, 945),
        "Visa application fee for a visitor visa": (185, 185),
        "Visa integrity fee for a visitor visa": (0, 250),
        "8 weeks of observership: fees": (2000, 6000),
        "2 months in the US: living costs": (1800, 5000),
        # 50-100 typical, a fifth more for a graduation year programs screen out.
        "ERAS, 60-120 programs in Family Medicine": (1230, 3030),
        "ERAS token from ECFMG": (165, 165),
        "USMLE transcript to ERAS": (80, 80),
        "NRMP Match registration": (70, 75),
    }
    cost = plan["cost"]
    assert (cost["low"], cost["high"]) == (6840, 16185)
    # The adviser's all-in estimate of $8,000-12,000 lies within the range.
    assert cost["low"] <= 8000 and cost["high"] >= 12000
    assert cost["programs"]["because"] == ["a graduation year that some programs screen out"]
    # Paid once matched, shown apart: the J-1 through ECFMG and the licence.
    after = {i["item"] for i in cost["after_match"]["items"]}
    assert after == {"j1_sponsorship", "visa_fee", "sevis", "visa_integrity", "training_licence"}


def test_emergency_medicine_applications_follow_residencycas_tiers():
    plan = planned({**READY, "specialty": "emergency-medicine"})
    (applications,) = items(plan, "residencycas_programs")
    assert applications["what"] == "ResidencyCAS, 40-60 programs in Emergency Medicine"
    # 40: $99 for the first 18, 12 x $18, 10 x $23; 60: 30 x $23 from the 31st.
    assert (applications["low"], applications["high"]) == (99 + 216 + 230, 99 + 216 + 690)
    assert not items(plan, "eras_programs") and not items(plan, "eras_token")
    assert [i["what"] for i in items(plan, "usmle_transcript")] == [
        "USMLE transcript to ResidencyCAS"
    ]


def test_a_citizen_pays_no_visa_fee():
    plan = planned({**TIGHT_FM_2019, "visa": "citizen_or_resident", "visa_wait_months": 0})
    every = plan["cost"]["items"] + plan["cost"]["after_match"]["items"]
    assert not {i["item"] for i in every} & VISA_ITEMS
    assert {i["item"] for i in plan["cost"]["after_match"]["items"]} == {"training_licence"}


def test_dermatology_counts_the_first_year_applications():
    plan = planned({**READY, "specialty": "dermatology", "research_publications": 25})
    eras = items(plan, "eras_programs")
    first_year = [i for i in eras if "first year" in i["what"]]
    assert len(first_year) == 1 and not first_year[0]["optional"]
    # Dermatology itself (80-120), and the preliminary or transitional year (50-100).
    assert first_year[0]["low"] == SEED_FEES.for_programs("eras", 50)[0] > 0
    assert first_year[0]["high"] == SEED_FEES.for_programs("eras", 100)[1]
    assert plan["cost"]["low"] >= sum(i["low"] for i in eras) > 0


def test_some_advanced_positions_make_the_first_year_an_item_from_zero():
    plan = planned({**READY, "specialty": "neurology", "research_publications": 10})
    (first_year,) = [i for i in items(plan, "eras_programs") if "first year" in i["what"]]
    assert first_year["optional"] and first_year["low"] == 0 < first_year["high"]


def test_a_competitive_specialty_budgets_the_backup_applications():
    plan = planned({**READY, "specialty": "general-surgery", "research_publications": 15})
    whats = [i["what"] for i in items(plan, "eras_programs")]
    assert any("Family Medicine (your backup)" in what for what in whats), whats


def test_more_programs_with_each_screening_risk():
    plan = planned(
        {**READY, "specialty": "internal-medicine", "years_since_graduation": 6, "step2_ck": 225}
    )
    programs = plan["cost"]["programs"]
    assert (programs["typical_low"], programs["typical_high"]) == (50, 100)
    # A score below the median and a graduation year programs screen out: 1.4 x.
    assert (programs["low"], programs["high"]) == (70, 140)
    step = next(s for s in plan["steps"] if s["kind"] == "prepare_application")
    assert "plan on 70-140 programs" in step["detail"]


def test_a_changed_fee_changes_new_totals_and_leaves_given_ones():
    given = planned(TIGHT_FM_2019)
    dearer = FeeTable(
        tuple(
            dataclasses.replace(f, high=f.high + 500) if f.item == "living" else f
            for f in SEED_FEES.fees
        )
    )
    again = planned(TIGHT_FM_2019, dataclasses.replace(SEED_CALENDAR, fees=dearer))
    assert again["cost"]["high"] == given["cost"]["high"] + 2 * 500  # two months in the US
    assert again["cost"]["low"] == given["cost"]["low"]
    assert given["cost"]["high"] == planned(TIGHT_FM_2019)["cost"]["high"]


def test_no_fee_rows_no_items_and_no_error():
    plan = planned(TIGHT_FM_2019, dataclasses.replace(SEED_CALENDAR, fees=FeeTable()))
    assert plan["cost"]["items"] == [] and (plan["cost"]["low"], plan["cost"]["high"]) == (0, 0)


def test_the_observership_step_quotes_the_fee_rows():
    plan = planned(TIGHT_FM_2019)
    (usce,) = [s for s in plan["steps"] if s["kind"] == "usce"]
    assert "about $1,000-3,000 per 4 weeks" in usce["detail"]
    cheaper = FeeTable(
        tuple(
            dataclasses.replace(f, low=800) if f.item == "observership_fees" else f
            for f in SEED_FEES.fees
        )
    )
    plan = planned(TIGHT_FM_2019, dataclasses.replace(SEED_CALENDAR, fees=cheaper))
    (usce,) = [s for s in plan["steps"] if s["kind"] == "usce"]
    assert "about $800-3,000 per 4 weeks" in usce["detail"]


# --- every plan -------------------------------------------------------------------


def _months(step: dict) -> set[int]:
    def index(text: str) -> int:
        year, month = text.split("-")
        return int(year) * 12 + int(month) - 1

    return set(range(index(step["start"]), index(step["end"]) + 1))


def _living_months(plan: dict, data: dict) -> set[int]:
    """In-US months the applicant pays to live through: not those of a post they hold
    now, nor observing at it."""
    found: set[int] = set()
    for step in plan["steps"]:
        if not step["in_us"] or step.get("setting") == "own_institution":
            continue
        if step["kind"] == "research" and data.get("in_us_research_post"):
            continue
        found |= _months(step)
    return found


def _expected_kinds(plan: dict, data: dict) -> dict[str, int]:
    """Fee items each costly step brings, worked out from the spec, not from the code."""
    expected: dict[str, int] = {}

    def add(item: str, n: int = 1) -> None:
        expected[item] = expected.get(item, 0) + n

    steps = plan["steps"]
    for step in steps:
        kind = step["kind"]
        if kind == "exam":
            add(step["exam"])
            if step["exam"] == "step1" and data["exam_failures"] == 0:
                add("ecfmg_application")  # filed before a first Step
        elif kind == "ecfmg":
            if not data["oet_passed"]:
                add("oet")
            if not data["pathway_met"]:
                add("pathway")
        elif kind == "usce" and step["setting"] != "own_institution":
            add("observership_fees" if step["setting"] == "observership" else "hands_on_fees")
        elif kind == "change_visa":
            add("visa_fee"), add("sevis"), add("visa_integrity")
        elif kind == "interviews":
            add("nrmp")
    visitor = data["visa"] in ("b1b2", "other") and not data["in_us_research_post"]
    arranging = any(s["kind"] == "arrange_us_time" for s in steps)
    if visitor and data["visa_wait_months"] > 0 and arranging:
        add("visa_fee"), add("visa_integrity")
        research_in_us = any(s["kind"] == "research" and s["in_us"] for s in steps)
        if data["visa"] == "other" and research_in_us:
            add("sevis")  # if the post sponsors a J-1
    return expected


@settings(max_examples=COST_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(applicants())
def test_every_plan_counts_each_costly_step_once_and_nothing_else(applicant):
    data, weighting = applicant
    profile = parse_profile(data)
    data = {**profile.as_dict(), **data}
    plan = assess(profile, weighting, SEED_CALENDAR).as_dict()["plan"]
    cost = plan["cost"]
    every = cost["items"] + cost["after_match"]["items"]
    # low <= high everywhere, and the items add up to the totals.
    assert all(0 <= i["low"] <= i["high"] for i in every)
    assert 0 <= cost["low"] <= cost["high"]
    assert cost["low"] == sum(i["low"] for i in cost["items"])
    assert cost["high"] == sum(i["high"] for i in cost["items"])
    after = cost["after_match"]
    assert (after["low"], after["high"]) == (
        sum(i["low"] for i in after["items"]),
        sum(i["high"] for i in after["items"]),
    )
    # Each item belongs to a step of the plan, starting in the month it names.
    starts = {(s["kind"], s["start"]) for s in plan["steps"]}
    assert all((i["step"], i["month"]) in starts for i in every)
    assert all(i["step"] == "before_residency" for i in after["items"])
    # Exactly the fee items the costly steps bring (applications are checked below).
    counted: dict[str, int] = {}
    for i in cost["items"]:
        if i["step"] != "apply" and i["item"] != "living":
            counted[i["item"]] = counted.get(i["item"], 0) + 1
    assert counted == _expected_kinds(plan, data)
    # Living costs: one month's worth for each month in the US the applicant pays for.
    living = _living_months(plan, data)
    living_fee = SEED_FEES.get("living")
    paid = [i for i in cost["items"] if i["item"] == "living"]
    assert sum(i["high"] for i in paid) == len(living) * living_fee.high
    if plan["us_months"] == 0:
        assert not paid
    # The application: its own service's tiers, and no other service's.
    applications = [i for i in cost["items"] if i["step"] == "apply"]
    services = {i["item"] for i in applications if i["item"].endswith("_programs")}
    if weighting.programs_low and weighting.programs_high:
        assert f"{weighting.application_service}_programs" in services
    assert any(i["item"] == "eras_token" for i in applications) == ("eras_programs" in services)
    # After Match Day: no visa fee for a citizen or permanent resident.
    if data["visa"] == "citizen_or_resident":
        assert not {i["item"] for i in every} & VISA_ITEMS


def test_items_say_where_each_figure_comes_from():
    plan = planned(TIGHT_FM_2019)
    for item in plan["cost"]["items"] + plan["cost"]["after_match"]["items"]:
        assert item["source_url"].startswith("https://"), item
        assert item["checked_on"] == "2026-12-07"
    flagged = {i["item"] for i in plan["cost"]["items"] if i["check"]}
    assert {"pathway", "nrmp", "visa_integrity"} <= flagged


def test_fee_rows_are_the_engine_s_kinds():
    assert all(isinstance(f, Fee) for f in SEED_FEES.fees)
    assert {f.item for f in SEED_FEES.fees} == set(
        __import__("advisor.engine.fees", fromlist=["ITEMS"]).ITEMS
    )


def test_a_blocked_visitor_visa_makes_the_us_time_costs_conditional():
    plan = planned({**TIGHT_FM_2019, "citizenship": "NG"})
    us_time = [i for i in plan["cost"]["items"] if i["step"] in ("arrange_us_time", "usce")]
    assert {i["item"] for i in us_time} >= {"visa_fee", "observership_fees", "living"}
    assert all(i["optional"] and i["low"] == 0 < i["high"] for i in us_time)
    assert all("blocks new visitor visas" in i["note"] for i in us_time)


def test_the_backup_list_is_not_widened_by_the_first_choice_s_median():
    # 240 is below OB-GYN's median (242), which says nothing of family medicine's.
    plan = planned(
        {**READY, "specialty": "obstetrics-gynecology", "step2_ck": 240, "us_clinical_letters": 1}
    )
    whats = [i["what"] for i in plan["cost"]["items"] if i["item"].endswith("_programs")]
    assert "ResidencyCAS, 70-120 programs in Obstetrics and Gynecology" in whats
    assert "ERAS, 50-100 programs in Family Medicine (your backup)" in whats


def test_a_first_step_brings_the_ecfmg_application_and_a_retake_does_not():
    student = {
        **READY,
        "specialty": "internal-medicine",
        "student": True,
        "years_since_graduation": 0,
        "step1_passed": False,
        "step2_ck": None,
        "step2_ck_taken": None,
    }
    (application,) = items(planned(student), "ecfmg_application")
    assert not application["optional"] and application["low"] > 0
    assert not items(planned({**student, "exam_failures": 1}), "ecfmg_application")


def test_application_tiers_are_worded_from_the_rows():
    plan = planned({**READY, "specialty": "emergency-medicine"})
    (applications,) = items(plan, "residencycas_programs")
    assert applications["note"] == (
        "$99 for up to 18 programs; $18 each for programs 19-30; $23 each from program 31. "
        "Counted again for each specialty."
    )


def test_the_tight_budget_reason_names_what_the_whole_plan_costs():
    profile = parse_profile(TIGHT_FM_2019)
    out = assess(profile, seeded_weighting("family-medicine"), SEED_CALENDAR).as_dict()
    (reason,) = [r["text"] for r in out["reasons"] if r["topic"] == "budget_tight"]
    cost = out["plan"]["cost"]
    assert f"about ${cost['low']:,}-{cost['high']:,} from now to Match Day" in reason
    assert f"${cost['low']:,}, is its cheapest form" in reason
