"""Scores stay within 0-100 and move only in the documented direction."""

from hypothesis import given
from hypothesis import strategies as st

from advisor.engine.applicant import ApplicantProfile
from advisor.engine.assessment import assess as engine_assess
from conftest import DEFAULT_WEIGHTING
from tests.advisor.calendar_seed import SEED_CALENDAR


def assess(profile, weighting):
    return engine_assess(profile, weighting, SEED_CALENDAR)


weightings = st.builds(
    lambda emphasis, usce_target, letters_target, weights, research_target, median: (
        DEFAULT_WEIGHTING.__class__(
            specialty="internal-medicine",
            name="Internal Medicine",
            research_emphasis=emphasis,
            usce_target_weeks=usce_target,
            letters_target=letters_target,
            weight_usce=weights[0],
            weight_letters=weights[1],
            weight_research=weights[2],
            weight_recency=weights[3],
            weight_exam=weights[4],
            research_target=research_target,
            step2_median=median,
        )
    ),
    st.sampled_from(["low", "moderate", "high"]),
    st.integers(1, 52),
    st.integers(1, 10),
    st.lists(st.integers(0, 100), min_size=5, max_size=5).filter(any),
    st.none() | st.integers(0, 30),
    st.none() | st.integers(200, 270),
)

profiles = st.builds(
    ApplicantProfile,
    specialty=st.just("internal-medicine"),
    years_since_graduation=st.integers(0, 60),
    career_goal=st.sampled_from(["academic", "community", "undecided"]),
    clinically_active=st.booleans(),
    step2_ck=st.none() | st.integers(1, 300),
    usce_hands_on_weeks=st.integers(0, 520),
    usce_observership_weeks=st.integers(0, 520),
    usce_online_weeks=st.integers(0, 520),
    us_clinical_letters=st.integers(0, 20),
    research_publications=st.integers(0, 500),
    research_abstracts=st.integers(0, 500),
    research_in_target_specialty=st.booleans(),
    research_us_based=st.booleans(),
    home_clinical_years=st.floats(0, 60),
    budget=st.sampled_from(["tight", "moderate", "comfortable"]),
    visa=st.sampled_from(["citizen_or_resident", "b1b2", "j1", "h1b", "other"]),
    months_available_in_us=st.integers(0, 60),
    step1_passed=st.booleans(),
    oet_passed=st.booleans(),
    pathway_met=st.booleans(),
    as_of=st.sampled_from(["2026-01", "2026-11", "2027-09", "2029-04"]),
)


def more(profile: ApplicantProfile, field: str, extra: int, cap: int) -> ApplicantProfile:
    return profile.__class__(
        **{**profile.as_dict(), field: min(cap, getattr(profile, field) + extra)}
    )


@given(profiles, weightings)
def test_every_score_is_between_0_and_100(profile, weighting):
    scores = assess(profile, weighting).scores.as_dict()
    assert all(0 <= value <= 100 for value in scores.values()), scores


@given(profiles, weightings, st.integers(1, 100))
def test_more_hands_on_weeks_never_lower_usce_or_readiness(profile, weighting, extra):
    before = assess(profile, weighting).scores
    after = assess(more(profile, "usce_hands_on_weeks", extra, 520), weighting).scores
    assert after.usce >= before.usce
    assert after.readiness >= before.readiness


@given(profiles, weightings, st.integers(1, 100))
def test_more_observership_weeks_never_lower_usce(profile, weighting, extra):
    before = assess(profile, weighting).scores
    after = assess(more(profile, "usce_observership_weeks", extra, 520), weighting).scores
    assert after.usce >= before.usce


@given(profiles, weightings, st.integers(1, 10))
def test_more_letters_never_lower_letters_or_readiness(profile, weighting, extra):
    before = assess(profile, weighting).scores
    after = assess(more(profile, "us_clinical_letters", extra, 20), weighting).scores
    assert after.letters >= before.letters
    assert after.readiness >= before.readiness


@given(profiles, weightings, st.sampled_from(["research_publications", "research_abstracts"]))
def test_more_output_never_lowers_research(profile, weighting, field):
    before = assess(profile, weighting).scores
    after = assess(more(profile, field, 1, 500), weighting).scores
    assert after.research >= before.research
    assert after.readiness >= before.readiness


@given(profiles, weightings, st.integers(1, 10))
def test_more_years_since_graduation_never_raise_recency(profile, weighting, extra):
    before = assess(profile, weighting).scores
    after = assess(more(profile, "years_since_graduation", extra, 60), weighting).scores
    assert after.recency <= before.recency


@given(profiles, weightings, st.integers(1, 60))
def test_a_higher_exam_score_never_lowers_readiness(profile, weighting, extra):
    scored = profile.__class__(**{**profile.as_dict(), "step2_ck": 200})
    higher = more(scored, "step2_ck", extra, 300)
    assert assess(higher, weighting).scores.readiness >= assess(scored, weighting).scores.readiness


def test_usce_and_letters_reach_100_at_the_targets(make_weighting):
    profile = ApplicantProfile(
        specialty="internal-medicine",
        years_since_graduation=1,
        as_of="2026-11",
        usce_hands_on_weeks=8,
        us_clinical_letters=2,
    )
    scores = assess(profile, make_weighting()).scores
    assert (scores.usce, scores.letters) == (100, 100)
    scores = assess(profile, make_weighting(usce_target_weeks=16, letters_target=4)).scores
    assert (scores.usce, scores.letters) == (50, 50)


def test_readiness_follows_the_weights(make_weighting):
    # A finished clinical file and a passed exam: no readiness cap applies.
    profile = ApplicantProfile(
        specialty="internal-medicine",
        years_since_graduation=1,
        as_of="2026-11",
        research_publications=4,
        usce_hands_on_weeks=8,
        us_clinical_letters=2,
        step2_ck=255,
    )
    research_only = make_weighting(
        weight_usce=0, weight_letters=0, weight_research=100, weight_recency=0, weight_exam=0
    )
    assert (
        assess(profile, research_only).scores.readiness
        == assess(profile, research_only).scores.research
    )
    # Research is this profile's weakest part, so weighting it more lowers readiness.
    no_research = make_weighting(weight_research=0)
    assert (
        assess(profile, no_research).scores.readiness
        > assess(profile, make_weighting(weight_research=100)).scores.readiness
    )
