"""Turns a stored assessment (plain JSON) into what the result page shows.

The page is rendered from what was stored, never recomputed, so an applicant
sees the same advice every time they open their link.
"""

from __future__ import annotations

from dataclasses import dataclass

from advisor.engine.content import FAQ, FLAG_LABELS, PRIORITIES, SCENARIOS, scenario_fits
from advisor.engine.wording import count
from profiles.plan_page import plan_timeline


@dataclass(frozen=True)
class Marker:
    position: int  # 0-100 along the bar
    label: str


@dataclass(frozen=True)
class ScoreBar:
    key: str
    label: str
    value: int
    note: str
    markers: tuple[Marker, ...] = ()


def score_bars(assessment: dict, weighting: dict) -> list[ScoreBar]:
    scores, facts = assessment["scores"], assessment["facts"]
    inputs = assessment.get("input", {})
    target_weeks, target_letters = weighting["usce_target_weeks"], weighting["letters_target"]
    meaningful_at = min(100, round(100 * 4 / target_weeks))
    effective = facts["effective_usce_weeks"]
    effective = int(effective) if float(effective).is_integer() else effective
    usce_note = f"{count(effective, 'week')}; programs look for {target_weeks}"
    if facts.get("observe_only"):
        # v4: observing is all this status allows; its aim is counted in plain weeks.
        observed = facts.get("usce_weeks_counted", effective)
        observed = int(observed) if float(observed).is_integer() else observed
        usce_note = (
            f"{count(observed, 'week')} counted as observing, which is all your visa "
            "allows; aim for 12"
        )
    return [
        ScoreBar(
            "usce",
            "US clinical experience",
            scores["usce"],
            usce_note,
            (Marker(meaningful_at, "4 wk"), Marker(100, f"target {target_weeks} wk")),
        ),
        ScoreBar(
            "letters",
            "US clinical letters",
            scores["letters"],
            f"{count(inputs.get('us_clinical_letters', 0), 'letter')}; programs look for "
            f"{target_letters}",
            (Marker(100, f"target {target_letters}"),),
        ),
        ScoreBar(
            "research",
            "Research",
            scores["research"],
            _research_note(facts, inputs),
        ),
        ScoreBar(
            "recency",
            "Clinical recency",
            scores["recency"],
            "still at medical school"
            if inputs.get("student")
            else _since_graduation(inputs.get("years_since_graduation")),
        ),
        ScoreBar(
            "readiness",
            "Overall readiness",
            scores["readiness"],
            f"all of the above, weighed as {weighting['name']} programs weigh them",
        ),
    ]


def _research_note(facts: dict, inputs: dict) -> str:
    """ "2 papers, 1 abstract": the two kinds named, as the applicant gave them."""
    papers, abstracts = inputs.get("research_publications"), inputs.get("research_abstracts")
    if papers is None or abstracts is None:
        return count(facts["research_output"], "paper or abstract", "papers and abstracts")
    if not papers and not abstracts:
        return "no papers or abstracts yet"
    named = [count(papers, "paper")] if papers else []
    if abstracts:
        named.append(count(abstracts, "abstract or poster", "abstracts and posters"))
    return ", ".join(named)


def _since_graduation(years: int | None) -> str:
    if years is None:
        return "years since graduation unknown"
    if years == 0:
        return "graduating or graduated this year"
    return f"{count(years, 'year')} since graduation"


@dataclass(frozen=True)
class Headline:
    headline: str
    summary: str
    first_step: str  # "exam" when the plan opens with one, else ""


def headline_of(assessment: dict) -> Headline:
    """The headline the engine wrote (rules v4), or, for advice stored before it did,
    the priority's own words: stored advice is shown as it was given."""
    written = assessment.get("headline")
    if written:
        return Headline(written["text"], written["summary"], written.get("first_step") or "")
    priority = PRIORITIES[assessment["priority"]]
    return Headline(priority.headline, priority.summary, "")


def result_context(assessment: dict, weighting: dict) -> dict:
    scenario_slug = assessment["scenario"] or assessment["nearest_scenario"]
    if "example" in assessment:
        # v4: the engine says which example agrees with the plan, if any.
        shown = assessment["example"] is not None
    else:  # a worked example is shown only beside advice it agrees with
        shown = scenario_fits(scenario_slug, assessment["priority"])
    reasons = assessment["reasons"]
    headline = headline_of(assessment)
    return {
        "priority": headline,
        "first_step": headline.first_step,
        "priority_slug": assessment["priority"],
        "why": [r["text"] for r in reasons if r["topic"] not in FLAG_LABELS],
        "watch_outs": [
            *nationality_rules(assessment["plan"]),
            *(
                {"flag": r["topic"], "label": FLAG_LABELS[r["topic"]], "text": r["text"]}
                for r in reasons
                if r["topic"] in FLAG_LABELS
            ),
        ],
        "bars": score_bars(assessment, weighting),
        "scenario": SCENARIOS[scenario_slug] if shown else None,
        "scenario_slug": assessment["scenario"] or "",
        "scenario_is_nearest": assessment["scenario"] is None,
        "plan": plan_timeline(
            assessment["plan"], budget=(assessment.get("input") or {}).get("budget")
        ),
        "us_time_beyond_answer": us_time_beyond_answer(assessment),
        "scores_note": assessment.get("scores_note"),
        "faq": [
            FAQ[slug] for slug in assessment["faq"] if faq_concerns(slug, assessment, weighting)
        ],
        "specialty_name": weighting["name"],
    }


def faq_concerns(slug: str, assessment: dict, weighting: dict) -> bool:
    """The question about very competitive specialties (dermatology, neurosurgery...) is
    for those applying to one: a family medicine applicant is not shown it."""
    if slug != "competitive-specialty":
        return True
    high = weighting.get("research_emphasis") == "high"
    return high or "competitive_for_imgs" in assessment.get("flags", ())


def nationality_rules(plan: dict) -> list[dict]:
    """A visa rule that names the applicant's country (a travel ban) leads what to keep
    in mind: it can block steps of the plan, each of which also shows it."""
    seen, found = set(), []
    for step in plan.get("steps", []) if isinstance(plan, dict) else []:
        for policy in step.get("policies", []):
            if policy.get("names_countries") and policy["slug"] not in seen:
                seen.add(policy["slug"])
                found.append(
                    {
                        "flag": "visa_policy",
                        "label": "A visa rule on your nationality",
                        "text": f"{policy['title']}: {policy['summary']} The plan's steps it "
                        "blocks say so.",
                    }
                )
    return found


def us_time_beyond_answer(assessment: dict) -> str:
    """Said at the top of the plan when it asks for more months in the US than the
    applicant said they have (only with none: plan rule P7), so nobody books a year
    around a plan without seeing that first; "" otherwise."""
    plan = assessment["plan"]
    available = assessment.get("input", {}).get("months_available_in_us")
    asked = plan.get("us_months", 0) if isinstance(plan, dict) else 0
    if available is None or asked <= available:
        return ""
    return (
        f"You said you cannot spend time in the US yet; this plan asks for "
        f"{count(asked, 'month')} there, as US clinical work moves an application most. "
        "If you cannot find that time, talk the plan over with an advisor first."
    )
