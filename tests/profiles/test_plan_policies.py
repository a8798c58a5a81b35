"""Visa policies in the stored plan (P18): a notice under each step a policy concerns,
and the citizenship check once near the top; plans stored without them still render."""

from django.template.loader import render_to_string

from profiles.plan_page import plan_timeline
from tests.advisor.calendar_seed import SEED_CALENDAR
from tests.profiles.plan_samples import NUMBERED_PLAN, dated_plan

POLICY_CHECK = "Some visa rules name countries; add your citizenship to see whether one applies."


def policy(slug: str) -> dict:
    return next(p for p in SEED_CALENDAR.policies if p.slug == slug).as_dict()


def plan_with_policies(**changes) -> dict:
    """The sample plan (as of Nov 2026) with the partial travel ban at the rotations
    and, at the research block, a rule that starts later than the plan was made."""
    plan = dated_plan(policy_check=POLICY_CHECK, **changes)
    later = policy("interview-in-home-country-2025") | {"effective_from": "2027-02-01"}
    by_kind = {step["kind"]: step for step in plan["steps"]}
    by_kind["usce"]["policies"] = [policy("travel-ban-2026-partial")]
    by_kind["research"]["policies"] = [later]
    return plan


def render(plan: dict | list) -> str:
    return render_to_string(
        "profiles/_plan_timeline.html", {"plan": plan_timeline(plan), "heading": "Your plan"}
    )


def test_a_step_carries_its_policies_as_notices():
    timeline = plan_timeline(plan_with_policies())
    by_kind = {step.kind: step for step in timeline.steps}
    (ban,) = by_kind["usce"].policies
    assert ban.title == "Travel ban: no new visitor or J-1 visas for some nationalities"
    assert ban.effective == "since 1 Jan 2026"
    assert ban.status_label == "in force, challenged in court"
    assert ban.checked_on == "7 Dec 2026" and ban.source_url.startswith("https://isso.ucsf.edu/")
    assert by_kind["research"].policies[0].effective == "from 1 Feb 2027"  # still ahead
    assert by_kind["apply"].policies == ()
    assert timeline.policy_check == POLICY_CHECK


def test_the_page_shows_each_notice_under_its_step_with_its_source():
    page = render(plan_with_policies())
    usce_step = page.split('data-kind="usce"')[1].split('data-kind="research"')[0]
    assert 'data-policy="travel-ban-2026-partial"' in usce_step
    assert "Travel ban: no new visitor or J-1 visas for some nationalities" in usce_step
    assert "cannot get a new visitor visa (B-1/B-2)" in usce_step
    assert "In effect since 1 Jan 2026; we last checked it on 7 Dec 2026." in usce_step
    assert "in force, challenged in court" in usce_step
    assert (
        '<a href="https://isso.ucsf.edu/news/presidential-proclamation-expanded-travel-ban-'
        'december-17-2025" rel="noopener">Where this comes from</a>'
    ) in usce_step
    assert "In effect from 1 Feb 2027" in page
    assert page.count("data-policy=") == 2


def test_the_citizenship_check_is_shown_once_right_after_the_steps():
    page = render(plan_with_policies())
    assert page.count("data-policy-check") == 1
    # After the steps it concerns, before the key dates: the first step stays on a
    # phone's first screen.
    assert page.index("</ol>") < page.index(POLICY_CHECK) < page.index('id="key-dates-heading"')


def test_a_plan_stored_before_policies_renders_without_them():
    plan = dated_plan()
    assert "policy_check" not in plan
    assert all("policies" not in step for step in plan["steps"])
    timeline = plan_timeline(plan)
    assert timeline.policy_check == "" and all(s.policies == () for s in timeline.steps)
    page = render(plan)
    assert "data-policy" not in page and "Match Day" in page
    assert "data-policy" not in render(NUMBERED_PLAN)


def test_a_notice_without_a_web_address_shows_no_link():
    plan = plan_with_policies()
    step = next(s for s in plan["steps"] if s["kind"] == "usce")
    step["policies"][0] |= {"source_url": "javascript:alert(1)", "checked_on": None}
    page = render(plan)
    assert "javascript:" not in page and "Where this comes from" in page  # the other one
    assert page.count("Where this comes from") == 1
    assert "In effect since 1 Jan 2026." in page


def test_a_rule_on_the_nationality_leads_what_to_keep_in_mind_once():
    from profiles.result_page import nationality_rules

    plan = plan_with_policies()
    # The ban at two steps, and a rule for everyone: one entry, for the ban only.
    next(s for s in plan["steps"] if s["kind"] == "prepare_application")["policies"] = [
        policy("travel-ban-2026-partial")
    ]
    (entry,) = nationality_rules(plan)
    assert entry["label"] == "A visa rule on your nationality"
    assert entry["text"].startswith("Travel ban: no new visitor or J-1 visas")
    assert nationality_rules({"steps": []}) == [] and nationality_rules([]) == []
