"""The words of the site: priorities, flags, the worked scenarios and the FAQ.

Facts come from the adviser's article in shared/seed; every sentence is our own.
Slugs are stable: the engine, saved assessments and tests refer to them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Priority:
    slug: str
    headline: str  # said to the applicant
    summary: str
    label: str  # the same priority in an advisor's list, about someone else
    then: str  # what follows an exam that must come first: "First: ... Then: <then>"


PRIORITIES = {
    p.slug: p
    for p in (
        Priority(
            "usce_urgent",
            "Recent US clinical experience comes first",
            "Recent hands-on US work before anything else, as much as your plan allows: it is "
            "what shows programs your skills are current.",
            "USCE urgently",
            "recent US clinical experience, as much as you can",
        ),
        Priority(
            "usce_first",
            "US clinical experience first",
            "Hands-on US clinical work with strong letters comes first; research follows only "
            "where your plan makes room for it.",
            "USCE first",
            "US clinical experience",
        ),
        Priority(
            "usce_letters",
            "More US clinical experience, chosen for letters",
            "You have a start. Your next rotation should complete your clinical record, and be "
            "chosen at a hospital whose attendings write strong letters.",
            "More USCE, for letters",
            "more US clinical experience, chosen for letters",
        ),
        Priority(
            "research_and_usce",
            "Both: close the clinical gap, then research",
            "Your specialty expects serious research, but you still need proof that you work "
            "well in a US clinical team. Your plan does the clinical part first.",
            "Both: clinical gap, then research",
            "close the clinical gap, then research",
        ),
        Priority(
            "research_block",
            "Research is your next step",
            "Your clinical file is solid. Research, ideally in your target specialty, is now "
            "what lifts you toward more selective and university programs.",
            "Research block next",
            "a research block",
        ),
        Priority(
            "balanced",
            "You are in good shape: keep a balance",
            "Your clinical file is done. Some research helps; more rotations add little now.",
            "In good shape: balance",
            "keep your file current",
        ),
    )
}

# "Good shape" is never said while one of these holds (advice rules v4, the first step).
BALANCED_WITH_RISKS = Priority(
    "balanced",
    "Your clinical file is done: keep it current and apply broadly",
    "The clinical part is complete, but something in your file makes some programs hesitate "
    "(see what to watch out for): apply to a wide list and keep your file current.",
    "Clinical file done, with risks",
    "keep your file current",
)

FLAG_LABELS = {
    "recency_gap": "Time since graduation",
    "observership_weak": "Observership only",
    "online_not_counted": "Online rotations don't count",
    "budget_tight": "Tight budget",
    "visa_limits_research": "Visa limits research",
    "can_stack": "Time to do both",
    "research_off_specialty": "Research outside the target specialty",
    "step2_below_pass": "Step 2 CK below the pass mark",
    "step2_below_median": "Step 2 CK below the specialty median",
    "yog_cutoff_risk": "Graduation-year cut-offs",
    "usce_stale": "US experience getting old",
    "exam_failures": "Failed exam attempts",
    "observe_only": "Observing only on your visa",
    "j1_home_rule": "J-1 home-residency rule",
    "competitive_for_imgs": "Competitive for IMGs",
}


@dataclass(frozen=True)
class Scenario:
    slug: str
    title: str
    profile: str
    steps: tuple[str, ...]
    point: str


SCENARIOS = {
    s.slug: s
    for s in (
        Scenario(
            "fresh-grad-no-usce",
            "Recent graduate, good score, no US experience",
            "Graduated this year with a Step 2 CK around 250 and nothing in the US yet, "
            "aiming at a specialty where clinical work counts most.",
            (
                "Two to three months of hands-on rotations at solid, realistic hospitals.",
                "Two or three strong letters from the attendings of those rotations.",
                "Then, for university programs, 6-12 months of research.",
            ),
            "Without any US clinical story, a lab is the wrong place to start.",
        ),
        Scenario(
            "long-gap-no-usce",
            "Six years out, non-clinical job, no US experience",
            "Graduated six years ago, working outside medicine, Step 2 CK in the low 230s, "
            "happy with any community program that will train them.",
            (
                "Recent US clinical work, and plenty of it, before anything else.",
                "Show that you are current, dependable and safe with patients.",
                "Letters that speak directly to your recent clinical performance.",
            ),
            "Research is a side issue here: community programs mostly look at the clinical record.",
        ),
        Scenario(
            "usce-done-academic",
            "Clinical file done, aiming at academic programs",
            "Three months of US rotations and three letters from US attendings, a Step 2 CK "
            "of 245, and a university program as the goal.",
            (
                "Take a research post next, ideally in a university department of the "
                "specialty you are applying to.",
                "Aim for one or two abstracts and a paper in press or submitted.",
                "Add a strong letter from your research mentor.",
            ),
            "The clinical gap is closed; research now widens the range of programs that "
            "will look at you.",
        ),
    )
}


# Which headline each worked example agrees with: an example is shown only
# beside advice it does not contradict (a lab-first example never sits under
# "clinical experience first").
SCENARIO_FITS = {
    "fresh-grad-no-usce": ("usce_first", "usce_urgent", "usce_letters", "research_and_usce"),
    "long-gap-no-usce": ("usce_urgent", "usce_first", "usce_letters", "research_and_usce"),
    "usce-done-academic": ("research_block",),
}


def scenario_fits(slug: str, priority: str) -> bool:
    return priority in SCENARIO_FITS.get(slug, ())


@dataclass(frozen=True)
class FaqEntry:
    slug: str
    question: str
    answer: str


FAQ = {
    f.slug: f
    for f in (
        FaqEntry(
            "only-one-choice",
            "I can pay for only one of the two. Which should it be?",
            "US clinical experience, for nearly everyone. Many programs screen out applicants "
            "who have none, while research mostly helps you reach higher once you are in the "
            "running.",
        ),
        FaqEntry(
            "how-much-usce",
            "How much US clinical experience is enough before I turn to research?",
            "About 8-12 weeks of supervised, hands-on work and two or three strong letters "
            "from US attendings. Past that point each extra week counts for less, and research "
            "starts to pay off more, above all for academic programs.",
        ),
        FaqEntry(
            "observership-counts",
            "Does an observership count?",
            "Only a little. Hands-on rotations, where you are part of the team, count "
            "fully. An observership can still lead to a letter, but try to "
            "add at least one hands-on rotation. Online rotations do not count.",
        ),
        # For a graduate whose status allows only observing (rules v4, S4 and S5): the
        # same questions, answered without sending them to hands-on work.
        FaqEntry(
            "how-much-usce-observe-only",
            "How much US clinical experience is enough before I turn to research?",
            "For a graduate whose visa does not cover patient care (a visitor visa, a J-1 "
            "research post, an H-1B for another job), about 12 weeks of observing and two or "
            "three strong letters from US attendings who saw you work: that is as complete as "
            "your status allows. Past that, research and "
            "clinical work at home add more than further observing.",
        ),
        FaqEntry(
            "observership-counts-observe-only",
            "Does an observership count?",
            "Yes: for you it is the US clinical experience your visa allows, since a graduate "
            "on a visitor, research or work visa may observe but not treat patients. Choose "
            "observerships where attendings get to know you and write letters. Online "
            "rotations do not count.",
        ),
        FaqEntry(
            "research-instead-of-usce",
            "Can a strong research record make up for having no US clinical experience?",
            "Rarely. Publications may bring a few academic interviews, but many programs, "
            "community ones above all, hesitate to rank someone who has never worked in a US "
            "clinical team. It is a gamble, not a plan.",
        ),
        FaqEntry(
            "competitive-specialty",
            "My specialty is very competitive. Do I still need clinical experience?",
            "Yes. In Dermatology, Radiation Oncology, Neurosurgery and similar fields research "
            "weighs a lot, often a year or two of it, but programs still want proof of "
            "clinical ability. The usual order: early rotations for letters, then a serious "
            "research year at a strong institution.",
        ),
        FaqEntry(
            "research-same-specialty",
            "Should my research be in the specialty I am applying to?",
            "Yes, as far as you can. Internal Medicine research for Internal Medicine, "
            "Neurology research for Neurology. Work in an unrelated field helps much less, "
            "unless your mentor and letters are exceptionally strong.",
        ),
        FaqEntry(
            "usce-to-research",
            "How do I turn a rotation into a research opportunity?",
            "Be the most reliable member of the team: arrive early, know your patients, take "
            "on small tasks such as a case report or a quality-improvement project. Then ask "
            "an attending or the chief resident whether an ongoing project could use help. "
            "Many clinical research posts start exactly that way.",
        ),
    )
}
