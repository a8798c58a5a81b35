"""The admin's impact preview: what a weighting or calendar change would do to advice
already given, shown before saving; the required reason; drift refreshed after."""

import dataclasses
import re
from datetime import UTC, date, datetime

import pytest
import time_machine
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from advisor.admin import CALENDAR_DATES
from advisor.admin_preview import PREVIEW_MESSAGE, REASON_MISSING
from advisor.engine.weighting import TUNABLE_FIELDS
from advisor.models import CAS_DATES, MatchCycle, Specialty
from advisor.selectors import match_calendar, weighting_of
from profiles.advising.comparison import reassess
from profiles.advising.impact import (
    PriorityMove,
    calendar_impact,
    calendar_with_cycle,
    weighting_impact,
)
from profiles.models import AdvisingGroup, GroupShare, Profile
from tests.advisor.admin_saving import REASON, admin_save, marker_of
from tests.profiles.factories import make_profile

pytestmark = pytest.mark.django_db

# A plan starts in the month its profile was made, and is re-assessed from that
# month: the numbers below hold for profiles made in this one.
NOVEMBER_2026 = datetime(2026, 11, 16, 12, tzinfo=UTC)
DATES = CALENDAR_DATES
# Where a specialty's values come from: on the form, not in the weighting.
SOURCE_FIELDS = ("figures_source", "mechanics_source", "mechanics_checked_on")
PREVIEW_HEADING = "Check what this change does, give a reason, then save"


@pytest.fixture
def admin_client_in(client, django_user_model):
    root = django_user_model.objects.create_superuser("root", "root@example.com", "pw-long-1")
    client.force_login(root)
    return client


@pytest.fixture
def group():
    return AdvisingGroup.objects.create(name="Cairo career office")


def made_in_november(**answers) -> Profile:
    with time_machine.travel(NOVEMBER_2026):
        return make_profile(**answers)


def letters_short_neurology() -> Profile:
    """Told "more USCE, chosen for letters"; with high research emphasis, "both"."""
    return made_in_november(specialty="neurology", usce_hands_on_weeks=6, us_clinical_letters=1)


def ready_internist() -> Profile:
    """A done clinical file: aims at the first Match whose applications open after now."""
    return made_in_november(
        specialty="internal-medicine", usce_hands_on_weeks=12, us_clinical_letters=3, step2_ck=250
    )


def specialty_data(specialty: Specialty, **changes) -> dict:
    fields = ["name", "slug", *TUNABLE_FIELDS, *SOURCE_FIELDS]
    # An empty figure is posted as an empty field, as the browser sends it; the
    # backup specialty as its id.
    values = {f: specialty.serializable_value(f) for f in fields}
    values = {f: "" if value is None else value for f, value in values.items()}
    return values | changes


def cycle_data(cycle: MatchCycle, **changes) -> dict:
    data = {f: getattr(cycle, f).isoformat() for f in (*DATES, "verified_on")}
    data |= {"match_year": cycle.match_year, "source_url": cycle.source_url}
    # An empty ResidencyCAS date is posted as an empty field.
    data |= {f: getattr(cycle, f).isoformat() if getattr(cycle, f) else "" for f in CAS_DATES}
    if cycle.provisional:
        data["provisional"] = "on"
    return data | changes


def neurology_url() -> str:
    return reverse("admin:advisor_specialty_change", args=[neurology().pk])


def neurology() -> Specialty:
    return Specialty.objects.get(slug="neurology")


# --- the numbers -------------------------------------------------------------------


def test_a_weighting_change_counts_the_specialtys_profiles_it_would_move(group):
    moved = [letters_short_neurology() for _ in range(3)]
    # Shared with two groups, it is still one shared profile.
    GroupShare.objects.create(profile=moved[0], group=group)
    GroupShare.objects.create(profile=moved[0], group=AdvisingGroup.objects.create(name="B"))
    made_in_november(specialty="neurology")  # no USCE: "USCE first" whatever the emphasis
    made_in_november(specialty="internal-medicine", usce_hands_on_weeks=6, us_clinical_letters=1)

    specialty = neurology()
    high = dataclasses.replace(specialty.as_weighting(), research_emphasis="high")
    impact = weighting_impact(specialty_id=specialty.pk, proposed=high)

    assert (impact.checked, impact.checked_shared) == (4, 1)
    assert (impact.priority_changed, impact.priority_changed_shared) == (3, 1)
    assert impact.priority_moves == (PriorityMove("usce_letters", "research_and_usce", 3),)
    assert impact.priority_moves[0].now_label == "Both: clinical gap, then research"
    # A research block of at least 6 months before applying moves them a Match later.
    assert (impact.target_changed, impact.target_changed_shared) == (3, 1)
    assert impact.not_checked == 0 and not impact.new_specialty


def test_a_plan_change_without_a_new_priority_or_match_is_counted():
    """More programs to apply to change what the plan costs, not the priority or the
    Match: the preview counts those plans, as reassessing each profile finds them."""
    profiles = [
        made_in_november(specialty="internal-medicine", usce_hands_on_weeks=weeks)
        for weeks in (0, 2, 6, 12)
    ]
    specialty = Specialty.objects.get(slug="internal-medicine")
    current = weighting_of(specialty)
    wider = dataclasses.replace(current, programs_low=80, programs_high=150)
    impact = weighting_impact(specialty_id=specialty.pk, proposed=wider)
    calendar = match_calendar()
    expected = 0
    for profile in profiles:
        was, _ = reassess(profile.assessment, current, calendar)
        now, _ = reassess(profile.assessment, wider, calendar)
        before, after = was.plan.as_dict(), now.plan.as_dict()
        expected += (before["steps"], before["cost"]) != (after["steps"], after["cost"])
    assert expected == len(profiles)
    assert impact.plan_changed == expected and impact.cost_changed == expected
    assert impact.priority_changed == impact.target_changed == 0 and impact.advice_changes


def test_only_the_proposed_change_counts_not_what_changed_since_a_profile_was_saved():
    letters_short_neurology()
    specialty = neurology()
    specialty.research_emphasis = "high"  # saved advice now differs from today's
    specialty.save()
    same = weighting_impact(specialty_id=specialty.pk, proposed=weighting_of(specialty))
    assert (same.checked, same.priority_changed, same.target_changed) == (1, 0, 0)
    assert not same.advice_changes


def test_a_new_specialty_affects_nobody():
    impact = weighting_impact(specialty_id=None, proposed=neurology().as_weighting())
    assert impact.new_specialty and impact.checked == 0 and not impact.advice_changes


def test_profiles_saved_without_their_answers_are_counted_apart():
    old = letters_short_neurology()
    advice = old.stored_advice
    del advice.assessment["input"]
    advice.save()
    impact = weighting_impact(specialty_id=neurology().pk, proposed=neurology().as_weighting())
    assert (impact.checked, impact.not_checked) == (0, 1)


def test_earlier_applications_bring_ready_applicants_a_match_forward(group):
    ready = ready_internist()
    GroupShare.objects.create(profile=ready, group=group)
    letters_short_neurology()  # exams and a rotation still to do: no earlier Match
    assert ready.planned_match == 2028
    calendar = match_calendar()
    earlier = dataclasses.replace(
        calendar.cycle(2027), submit_from=date(2026, 11, 4), programs_review_from=date(2026, 11, 25)
    )
    impact = calendar_impact(proposed=calendar_with_cycle(calendar, earlier))
    assert (impact.checked, impact.checked_shared) == (2, 1)
    assert (impact.target_changed, impact.target_changed_shared) == (1, 1)
    assert impact.priority_changed == 0 and impact.priority_moves == ()


def test_the_proposed_calendar_replaces_the_cycle_of_its_year_or_of_its_old_year():
    calendar = match_calendar()
    moved = dataclasses.replace(calendar.cycle(2027), match_day=date(2027, 3, 26))
    assert calendar_with_cycle(calendar, moved).cycle(2027) == moved
    assert len(calendar_with_cycle(calendar, moved).cycles) == len(calendar.cycles)
    renamed = dataclasses.replace(calendar.cycle(2027), match_year=2030)
    years = [c.match_year for c in calendar_with_cycle(calendar, renamed, replaces=2027).cycles]
    assert 2027 not in years and years[-1] == 2030


# --- the two-step save -------------------------------------------------------------


def test_the_first_save_shows_the_impact_and_saves_nothing(admin_client_in, group):
    GroupShare.objects.create(profile=letters_short_neurology(), group=group)
    versions = neurology().history.count()
    data = specialty_data(neurology(), research_emphasis="high", change_reason=REASON)
    page = admin_client_in.post(neurology_url(), data)

    body = page.content.decode()
    assert page.status_code == 200 and "Nothing is saved yet" in body
    assert "We checked 1 saved profile for Neurology (1 of them shared" in body
    assert 'data-move="usce_letters:research_and_usce"' in body
    assert "More USCE, for letters" in body
    assert "Please correct" not in body and PREVIEW_MESSAGE not in body
    assert neurology().research_emphasis == "moderate"
    assert neurology().history.count() == versions


def test_saving_the_previewed_values_again_saves_them_with_the_reason(admin_client_in):
    data = specialty_data(neurology(), research_emphasis="high")
    _, saved = admin_save(admin_client_in, neurology_url(), data)
    assert saved.status_code == 302
    latest = neurology().history.latest()
    assert (latest.research_emphasis, latest.history_change_reason) == ("high", REASON)
    history = admin_client_in.get(reverse("admin:advisor_specialty_history", args=[latest.id]))
    # The project's history template has a "Change reason" column.
    assert REASON in history.content.decode()
    # The admin's own log names the changed field, not the reason or the marker.
    assert LogEntry.objects.get().get_change_message() == "Changed Research emphasis."


def test_other_values_than_the_previewed_ones_are_previewed_again(admin_client_in):
    data = specialty_data(neurology(), research_emphasis="high", change_reason=REASON)
    marker = marker_of(admin_client_in.post(neurology_url(), data))
    again = admin_client_in.post(
        neurology_url(), data | {"research_emphasis": "low", "impact_seen": marker}
    )
    assert again.status_code == 200 and "Nothing is saved yet" in again.content.decode()
    assert marker_of(again) != marker
    forged = admin_client_in.post(neurology_url(), data | {"impact_seen": "0" * 64})
    assert forged.status_code == 200
    assert neurology().research_emphasis == "moderate"


def test_a_reason_is_required_and_short(admin_client_in):
    data = specialty_data(neurology(), research_emphasis="high")
    preview = admin_client_in.post(neurology_url(), data)
    # The preview and the missing reason come in one round.
    body = preview.content.decode()
    assert "Nothing is saved yet" in body and REASON_MISSING in body
    confirmed = data | {"impact_seen": marker_of(preview)}
    assert admin_client_in.post(neurology_url(), confirmed).status_code == 200
    too_long = admin_client_in.post(neurology_url(), confirmed | {"change_reason": "x" * 101})
    assert "Keep the reason to 100 characters or fewer (it has 101)." in too_long.content.decode()
    assert neurology().research_emphasis == "moderate"


# --- the preview as a notice, not an error ------------------------------------------


PREVIEW = re.compile(r"<section [^>]*data-impact-preview.*?</section>", re.S)
REASON_NEEDED = re.compile(r"<p data-impact-reason-needed>(.*?)</p>", re.S)
REASON_FIELD_ERROR = re.compile(
    r'<div class="form-row errors field-change_reason">\s*<ul class="errorlist[^"]*"[^>]*>'
    r"<li>(.*?)</li>"
)


def preview_of(page) -> str:
    """The page's preview section, which must be there."""
    found = PREVIEW.search(page.content.decode())
    assert found, "no impact preview on the page"
    return found[0]


def test_the_preview_is_a_notice_without_the_error_banner(admin_client_in):
    data = specialty_data(neurology(), research_emphasis="high", change_reason=REASON)
    page = admin_client_in.post(neurology_url(), data)
    body, preview = page.content.decode(), preview_of(page)
    assert f'<h2 id="impact-heading">{PREVIEW_HEADING}</h2>' in preview
    assert "Then press Save again to save it with the reason you gave." in preview
    assert "errornote" not in body and "errorlist" not in body
    assert "data-impact-reason-needed" not in body


def test_a_missing_reason_keeps_the_preview_names_the_field_and_marks_it(admin_client_in):
    letters_short_neurology()
    data = specialty_data(neurology(), research_emphasis="high")
    first = admin_client_in.post(neurology_url(), data)
    # Submitted again as it came back (marker and all), still without a reason: the
    # preview stays, as long as nothing is saved.
    again = admin_client_in.post(neurology_url(), data | {"impact_seen": marker_of(first)})
    for page in (first, again):
        body, preview = page.content.decode(), preview_of(page)
        assert 'data-move="usce_letters:research_and_usce"' in preview
        needed = REASON_NEEDED.search(preview)[1]
        assert '<a href="#id_change_reason">Reason for this change</a>' in needed
        assert REASON_MISSING in needed
        # The field itself is marked, as the admin marks any field to fix; no banner.
        assert REASON_FIELD_ERROR.search(body)[1] == REASON_MISSING
        assert "errornote" not in body and "Please correct" not in body
    assert neurology().research_emphasis == "moderate"
    saved = admin_client_in.post(
        neurology_url(), data | {"impact_seen": marker_of(again), "change_reason": REASON}
    )
    assert saved.status_code == 302 and neurology().research_emphasis == "high"


def test_a_real_field_error_shows_as_usual_and_no_preview(admin_client_in):
    data = specialty_data(neurology(), programs_low=500, change_reason=REASON)
    body = admin_client_in.post(neurology_url(), data).content.decode()
    assert '<p class="errornote">' in body and "Please correct the error below." in body
    assert "Must be at least the lower end of the range." in body
    assert "data-impact-preview" not in body


def test_a_missing_reason_on_the_history_revert_form_keeps_the_preview_too(admin_client_in):
    specialty = neurology()
    admin_save(
        admin_client_in, neurology_url(), specialty_data(specialty, research_emphasis="high")
    )
    moderate = specialty.history.order_by("-history_date")[1]
    url = reverse("admin:advisor_specialty_simple_history", args=[specialty.pk, moderate.pk])
    page = admin_client_in.post(url, specialty_data(moderate.instance))
    assert REASON_MISSING in REASON_NEEDED.search(preview_of(page))[1]
    assert "errornote" not in page.content.decode()


# --- a Match cycle -----------------------------------------------------------------


def test_a_cycle_change_is_previewed_over_every_specialty_then_saved(
    admin_client_in, group, django_capture_on_commit_callbacks
):
    ready = ready_internist()
    GroupShare.objects.create(profile=ready, group=group)
    letters_short_neurology()
    cycle = MatchCycle.objects.get(match_year=2027)
    url = reverse("admin:advisor_matchcycle_change", args=[cycle.pk])
    data = cycle_data(cycle, submit_from="2026-11-04", programs_review_from="2026-11-25")

    with django_capture_on_commit_callbacks(execute=True):
        preview, saved = admin_save(admin_client_in, url, data)

    body = preview.content.decode()
    assert "We checked 2 saved profiles in every specialty (1 of them shared" in body
    assert re.search(r'data-impact="target">.*?<td>1</td><td>1</td>', body, re.S)
    assert saved.status_code == 302
    cycle.refresh_from_db()
    assert cycle.submit_from == date(2026, 11, 4)
    assert cycle.history.latest().history_change_reason == REASON
    ready.refresh_from_db()
    assert ready.advice_drift == "plan"  # now a plan to the 2027 Match


def test_a_new_cycle_previews_against_the_estimate_it_replaces(admin_client_in):
    ready_internist()
    usual = match_calendar().cycle(2028)
    cycle = MatchCycle(**{f: getattr(usual, f) for f in ("match_year", *DATES)})
    cycle.source_url, cycle.verified_on = "https://www.nrmp.org/", date(2026, 11, 16)
    data = cycle_data(cycle, match_day="2028-03-24")
    preview, saved = admin_save(admin_client_in, reverse("admin:advisor_matchcycle_add"), data)
    assert "We checked 1 saved profile in every specialty" in preview.content.decode()
    assert saved.status_code == 302
    assert MatchCycle.objects.get(match_year=2028).history.get().history_change_reason == REASON
