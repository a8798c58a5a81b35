"""The result page's headline: what comes first, in words that agree with the plan.

The priority says what matters most; the plan says what happens first. When the
plan opens with an exam, the headline says so ("First: ... Then: ..."), and it
never calls a file in good shape while something in it holds programs back
(advice rules v4, "The first step").
"""

from __future__ import annotations

from dataclasses import dataclass

from advisor.engine.content import BALANCED_WITH_RISKS, PRIORITIES
from advisor.engine.facts import Facts
from advisor.engine.plan import Plan
from advisor.engine.wording import join_and

# With any of these up, "good shape" would not be true.
NOT_GOOD_SHAPE_FLAGS = ("usce_stale", "exam_failures", "step2_below_pass")
OBSERVE_ONLY_SUMMARIES = {
    "usce_urgent": "Recent US clinical time before anything else, as much as your plan allows: "
    "on your visa that means observerships, and they still show programs you are current.",
    "usce_first": "US clinical time with strong letters comes first: on your visa that means "
    "observerships. Research follows only where your plan makes room for it.",
    "usce_letters": "You have a start. Your next observership should complete your clinical "
    "record as far as your visa allows, at a hospital whose attendings write strong letters.",
}


# When an exam opens the plan, the summary starts after it.
EXAM_FIRST_SUMMARIES = {
    "usce_urgent": "Once the exam is behind you: recent US clinical work, as much as your plan "
    "allows. It shows programs your skills are current.",
    "usce_first": "Once the exam is behind you: US clinical work with strong letters. Research "
    "follows only where your plan makes room for it.",
    "usce_letters": "Once the exam is behind you: US clinical work that completes your record, "
    "at a hospital whose attendings write strong letters.",
    "research_and_usce": "Once the exam is behind you: close the clinical gap; research "
    "follows, as your specialty expects.",
    "research_block": "Once the exam is behind you: research, ideally in your target "
    "specialty, lifts you toward more selective programs.",
    "balanced": "Once the exam is behind you: keep your clinical file current and apply broadly.",
}
# With a US research post held now, the research is under way already.
POST_SUMMARIES = {
    "research_and_usce": "Your specialty expects serious research, and you hold a research "
    "post: keep it, and add observing at your institution for US letters.",
    "research_block": "Your clinical file is solid and you hold a research post: make it "
    "count, ideally in your target specialty.",
    "usce_urgent": "Keep your research post, and add recent US clinical time, observing at "
    "your institution: it shows programs you are current.",
    "usce_first": "Keep your research post, and add US clinical time with strong letters, "
    "observing at your institution.",
    "usce_letters": "Keep your research post, and observe at your institution with letters "
    "in mind: that completes your record as far as your visa allows.",
}


@dataclass(frozen=True)
class Headline:
    text: str
    summary: str
    first_step: str | None  # "exam" when the plan opens with one

    def as_dict(self) -> dict:
        return {"text": self.text, "summary": self.summary, "first_step": self.first_step}


def _first_exams(plan: Plan, step2_given: bool) -> list[str]:
    """The exams that open the plan, as a person says them."""
    said = []
    for step in plan.of_kind("exam"):
        if step.exam == "step3":
            # Usually taken while interviewing; with the certificate's needs met (v4)
            # it comes before applying, and may open the plan (an H-1B route).
            if plan.steps and step is plan.steps[0]:
                said.append("take Step 3")
            continue
        if step.exam == "step1":
            said.append("pass Step 1")
        elif step.exam == "step2_ck":
            said.append("pass Step 2 CK" if step2_given else "take Step 2 CK")
    return said


def headline(
    priority: str,
    facts: Facts,
    flags: tuple[str, ...],
    plan: Plan,
    *,
    step2_given: bool,
    competitive_research_short: bool,
    holds_post: bool = False,
) -> Headline:
    shown = PRIORITIES[priority]
    summary = shown.summary
    if facts.observe_only and priority in OBSERVE_ONLY_SUMMARIES:
        summary = OBSERVE_ONLY_SUMMARIES[priority]
    if holds_post:
        summary = POST_SUMMARIES.get(priority, summary)
    exams = _first_exams(plan, step2_given)
    # Any exam still to take, Step 3 after applying included, rules out "good shape".
    if priority == "balanced" and (
        plan.has("exam")
        or competitive_research_short
        or any(f in flags for f in NOT_GOOD_SHAPE_FLAGS)
    ):
        shown = BALANCED_WITH_RISKS
        summary = shown.summary
    text, then = shown.headline, shown.then
    if priority == "research_and_usce" and holds_post:
        text = "Both: keep your research post, and add observing for letters"
        then = "keep your research post, and add observing for letters"
    elif priority == "research_and_usce" and not plan.has("research"):
        text = "Close the clinical gap first; research when you can add it"
        then = "close the clinical gap; research when you can add it"
        summary = (
            "Your specialty expects serious research, but your plan has room only for the "
            "clinical part now: see below how research could be added later."
        )
    first = plan.steps[0] if plan.steps else None
    if exams and first is not None and first.kind == "exam":
        summary = EXAM_FIRST_SUMMARIES[priority] if not holds_post else summary
        # data-first-step="exam" is the rules' exam (Step 1, Step 2 CK); a Step 3 that
        # opens the plan is said first too, so the words agree with the first step.
        marked = "exam" if exams != ["take Step 3"] else None
        return Headline(f"First: {join_and(exams)}. Then: {then}", summary, marked)
    return Headline(text, summary, None)
