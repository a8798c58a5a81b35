"""Commands around advising groups: create_advisor --group, seed_demo_profiles,
move_shares (splitting the default group), refresh_advice_drift."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from advisor.models import Specialty
from profiles.advising.models import AdvisingGroup, GroupShare
from profiles.models import Profile
from tests.profiles.factories import make_profile

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_move_shares_splits_a_group_by_specialty():
    everyone = AdvisingGroup.objects.create(name="Advisors on this site")
    neuro_desk = AdvisingGroup.objects.create(name="Neurology desk")
    neuro = [make_profile(specialty="neurology", shared_with=[everyone]) for _ in range(2)]
    both = make_profile(specialty="neurology", shared_with=[everyone, neuro_desk])
    medicine = make_profile(shared_with=[everyone])
    dry = run("move_shares", "--from", everyone.name, "--to", neuro_desk.name,
              "--specialty", "neurology", "--dry-run")  # fmt: skip
    assert "Would move 3 profiles" in dry and GroupShare.objects.filter(group=everyone).count() == 4
    said = run("move_shares", "--from", everyone.name, "--to", neuro_desk.name,
               "--specialty", "neurology")  # fmt: skip
    assert "Moved 3 profiles from Advisors on this site to Neurology desk." in said
    assert set(neuro_desk.shares.values_list("profile", flat=True)) == {
        neuro[0].pk,
        neuro[1].pk,
        both.pk,
    }
    assert list(everyone.shares.values_list("profile", flat=True)) == [medicine.pk]
    with pytest.raises(CommandError, match="No advising group is called"):
        run("move_shares", "--from", "Nobody", "--to", neuro_desk.name)


def test_seed_demo_profiles_shares_most_with_a_demo_group():
    said = run("seed_demo_profiles", "40", "--group", "Demo advising group")
    group = AdvisingGroup.objects.get(name="Demo advising group")
    assert "Added 40 demo profiles" in said and "create_advisor NAME --group" in said
    assert Profile.objects.count() == 40
    assert 20 <= group.shares.count() < 40  # about 80%


def test_refresh_advice_drift_finds_advice_a_weighting_change_moved():
    told = make_profile(specialty="neurology", usce_hands_on_weeks=6, us_clinical_letters=1)
    untouched = make_profile(specialty="internal-medicine")
    assert told.advice_drift == "" and told.priority == "usce_letters"
    emphasis = Specialty.objects.get(slug="neurology").research_emphasis
    Specialty.objects.filter(slug="neurology").update(research_emphasis="high")
    assert "1 profile changed" in run("refresh_advice_drift")
    told.refresh_from_db()
    untouched.refresh_from_db()
    assert (told.advice_drift, untouched.advice_drift) == ("priority", "")
    assert "0 profiles changed" in run("refresh_advice_drift")
    Specialty.objects.filter(slug="neurology").update(research_emphasis=emphasis)
    run("refresh_advice_drift")
    told.refresh_from_db()
    assert told.advice_drift == ""
