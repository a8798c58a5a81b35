"""When each step of the chain happens, and the earliest Match the chain fits before.

The chain (P4): exams first, the rotations, then needed or stacked research.
Arranging US time takes 3 months and runs beside exam study: places are booked
while studying. Rotations end by June of the application year, as close to it as
the chain allows, so that letters and clinical work are fresh when programs read
them and no rotation falls in July, when new interns start (P6a); exams go first,
because rotations ask for passes and scores take weeks to arrive.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from advisor.engine.applicant import ApplicantProfile
from advisor.engine.calendar import MatchCalendar, month_index
from advisor.engine.plan.needs import EXAM_MONTHS, MIN_RESEARCH_MONTHS, Needs

SCORE_LEAD_MONTHS = 2  # an exam ends this long before applying: scores take ~4 weeks (P3)
ARRANGE_MONTHS = 3  # places fill 3-6 months ahead (P4, application-facts.md 7)
CHANGE_VISA_MONTHS = 2
SPONSOR_APPROVAL_MONTHS = 1  # observing where a US research post is held (P4)
RECENT_USCE_MONTHS = 12  # rotations older than this at application look stale (P6a)
RECENT_USCE_MONTHS_WITH_GAP = 6
MAX_YEARS_AHEAD = 6  # P5
INTERVIEW_SEASON_TAIL = 4  # from a September application, January: the end of interviews
# Research ends by June of the Match year: residency starts in July.
RESEARCH_END_AFTER_APPLICATION = 9

Span = tuple[int, int]


@dataclass(frozen=True)
class Layout:
    application: int  # A: the month applications go to programs
    exams: tuple[tuple[str, Span], ...]
    change_visa: Span | None
    arrange: Span | None
    usce: Span | None
    research: Span | None
    research_in_us: bool
    # The rotations run into July or August of the application year: nothing else fit.
    late_usce: bool = False


def arrange_months(profile: ApplicantProfile) -> int:
    """How long arranging US time takes: the usual lead, or the applicant's own wait for
    a visa interview and a month after it (P4); a month of the sponsor's approval to
    observe where a US research post is held."""
    if profile.in_us_research_post:
        return SPONSOR_APPROVAL_MONTHS
    if profile.visa in ("b1b2", "other"):
        return max(ARRANGE_MONTHS, profile.visa_wait_months + 1)
    return ARRANGE_MONTHS


def lay_out(
    needs: Needs, profile: ApplicantProfile, *, as_of: int, application: int, recency_gap: bool
) -> Layout | None:
    """The chain placed before application month `application`, or None if it does not fit."""
    a = application
    exams, month = [], as_of
    for exam in needs.exams:
        exams.append((exam, (month, month + EXAM_MONTHS - 1)))
        month += EXAM_MONTHS
    if exams and month - 1 > a - SCORE_LEAD_MONTHS:
        return None
    free = month  # the first month after the exams
    if needs.research == "post":
        return _around_post(needs, tuple(exams), free, as_of=as_of, a=a)
    change_visa = (as_of, as_of + CHANGE_VISA_MONTHS - 1) if needs.change_visa else None
    lead = arrange_months(profile)
    # Arranging runs beside the exams; the US time starts after both (P3, P4).
    first_in_us = max(free, as_of + lead)
    u = needs.usce_months
    usce_end = first_in_us + u - 1  # as early as possible, for now
    if u and usce_end > a - 1:
        return None
    usce = research = None
    research_in_us = needs.research_in_us
    if needs.research_in_chain:
        research = _chain_research(
            needs, (free, first_in_us), usce_end, a, change_visa, recency_gap
        )
        if research is None:
            return None
        if u:
            usce = (research[0] - u, research[0] - 1)
    elif u:
        usce_end = _last_rotation_end(usce_end, a)
        usce = (usce_end - u + 1, usce_end)
    if needs.research == "optional":
        research, research_in_us = _optional_research(needs, free, first_in_us, usce, a)
    first = usce[0] if usce else (research[0] if research and research_in_us else None)
    arrange = (first - lead, first - 1) if first is not None else None
    if arrange and profile.visa in ("b1b2", "other") and profile.visa_wait_months:
        # The visa interview is booked now: waits grow, and one slip would cost a year.
        arrange = (as_of, arrange[1])
    late = usce is not None and usce[1] > june_before(a)
    return Layout(a, tuple(exams), change_visa, arrange, usce, research, research_in_us, late)


def june_before(a: int) -> int:
    """June of the application's year: rotations end by then whenever they can (P6a)."""
    june = a // 12 * 12 + 5
    return june if june < a else a - 1


def _last_rotation_end(earliest: int, a: int) -> int:
    """As close to June of the application year as the chain allows; July or August only
    when even the earliest end falls after June (the Match never moves for this)."""
    return max(earliest, june_before(a))


def _around_post(
    needs: Needs, exams: tuple[tuple[str, Span], ...], free: int, *, as_of: int, a: int
) -> Layout | None:
    """A US research post held now runs from `as_of` for its months, at most to the
    month before applying; observing at its institution happens inside it, after the
    sponsor's approval and the exams, as late as the post allows (P4, P11)."""
    if a - as_of < needs.post_lead:
        return None  # the research it stands for would show too little by the application
    if needs.letters_missing and a <= as_of:
        return None  # letters are asked for before the application month (P3, P15)
    post = (as_of, max(as_of, min(a - 1, as_of + needs.research_months - 1)))
    u = needs.usce_months
    if not u:
        return Layout(a, exams, None, None, None, post, True)
    earliest_start = max(free, as_of + SPONSOR_APPROVAL_MONTHS)
    end = min(post[1], _last_rotation_end(earliest_start + u - 1, a))
    start = end - u + 1
    if start < earliest_start or end > a - 1:
        return None
    arrange = (start - SPONSOR_APPROVAL_MONTHS, start - 1)
    late = end > june_before(a)
    return Layout(a, exams, None, arrange, (start, end), post, True, late)


def _chain_research(
    needs: Needs,
    starts: tuple[int, int],
    usce_end: int,
    a: int,
    change_visa: Span | None,
    recency_gap: bool,
) -> Span | None:
    """`starts`: the first free month after the exams, and the first a US post could start."""
    m = needs.research_months
    free, first_in_us = starts
    lo = free
    if needs.usce_months:
        lo = usce_end + 1
    elif needs.research_in_us:
        lo = first_in_us
    if change_visa:
        lo = max(lo, change_visa[1] + 1)
    if needs.research == "needed":
        hi = a - needs.research_lead  # output to show by the application
    elif needs.research_lead > MIN_RESEARCH_MONTHS:
        # A stacked block in a specialty of high research emphasis is the research the
        # application needs: it starts as long before applying as needed research, and
        # the rotations lead straight into it, which keeps them recent (P4, P6a).
        hi = a - needs.research_lead
        lo = max(lo, hi)
    else:
        hi = a - 1  # a stacked block only has to start before applying (P4, P10)
        if needs.usce_months:
            recent = RECENT_USCE_MONTHS_WITH_GAP if recency_gap else RECENT_USCE_MONTHS
            lo = max(lo, a - recent + 1)
    if lo > hi:
        return None
    start = min(max(a - m + 1, lo), hi)  # ideally the whole block before applying
    # A block started before applying runs at least to the application month (P13).
    return start, min(max(start + m - 1, a), a + RESEARCH_END_AFTER_APPLICATION)


def _optional_research(
    needs: Needs, free: int, first_in_us: int, usce: Span | None, a: int
) -> tuple[Span | None, bool]:
    """Research that helps but never delays: after the rotations, or from the first free
    month, running through the interview season; at home if a US post cannot start in time."""
    in_us = needs.research_in_us
    lo = usce[1] + 1 if usce else (first_in_us if in_us else free)
    # It must start before the application month: after it lie only interviews (P2).
    if lo > a - 1 and in_us:
        return _optional_research(_at_home(needs), free, first_in_us, usce, a)
    if lo > a - 1:
        return None, False
    goal_end = a + INTERVIEW_SEASON_TAIL
    months = min(12, max(needs.research_months, goal_end - lo + 1))
    if in_us and months > needs.us_months_left:
        return _optional_research(_at_home(needs), free, first_in_us, usce, a)
    start = max(lo, goal_end - months + 1)
    end = min(start + months - 1, a + RESEARCH_END_AFTER_APPLICATION)
    if end - start + 1 < needs.research_months:
        return None, False  # too little time before residency for a block worth starting
    return (start, end), in_us


def _at_home(needs: Needs) -> Needs:
    return dataclasses.replace(needs, research_in_us=False, change_visa=False)


def application_month(calendar: MatchCalendar, match_year: int) -> int:
    return month_index(calendar.cycle(match_year).submit_from)
