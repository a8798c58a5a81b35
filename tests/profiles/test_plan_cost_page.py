"""What the plan costs on the pages (P20): the total and its items on the result page,
the cheapest form beside a tight budget, saved advice keeping its figures after an
admin changes a fee, the what-if panel, "download my data" and the advisor's view."""

import importlib
import json
import re

import pytest
from django.urls import reverse

from advisor.models import Fee
from profiles.advising.comparison import compare_with_today
from profiles.cost_page import money
from tests.advisor.admin_saving import admin_save, fee_form_data
from tests.profiles.factories import default_group, make_profile

pytestmark = pytest.mark.django_db
TIGHT = {
    "specialty": "family-medicine",
    "graduation_year": 2019,
    "clinically_active": True,
    "step1_passed": True,
    "step2_ck": 230,
    "oet_passed": False,
    "pathway_met": False,
    "months_available_in_us": 3,
    "budget": "tight",
    "visa": "b1b2",
    "visa_wait_months": 3,
}


def result(client, profile) -> str:
    return client.get(reverse("profiles:result", args=[profile.token])).content.decode()


def total_on(body: str) -> str:
    return re.search(r"<strong data-cost-total>([^<]+)</strong>", body)[1]


def test_the_result_page_gives_the_total_and_each_item_with_its_source(client):
    profile = make_profile(**TIGHT)
    cost = profile.assessment["plan"]["cost"]
    body = result(client, profile)
    assert total_on(body) == money(cost["low"], cost["high"])
    assert "from now to Match Day" in body
    # The items sit in a <details>: on request, with or without JavaScript.
    items = body.split("data-cost-items", 1)[1].split("</details>", 1)[0]
    assert items.count("data-cost-item") == len(cost["items"])
    for item in cost["items"]:
        assert item["what"] in items and money(item["low"], item["high"]) in items
    assert 'href="https://interexchange.org/?p=2304"' in items  # living costs' source
    assert "checked Dec 2026" in items and "Check before you pay" in items
    assert "How many programs:" in items and "graduation year" in items
    # After Match Day, apart from the total.
    after = body.split("data-cost-after", 1)[1].split("</details>", 1)[0]
    assert "ECFMG J-1 sponsorship" in after and "Not part of the total above" in after


def test_a_tight_budget_sees_the_cheapest_form_and_a_moderate_one_does_not(client):
    tight = make_profile(**TIGHT)
    body = result(client, tight)
    cheapest = body.split("data-cheapest", 1)[1].split("</div>", 1)[0]
    low = tight.assessment["plan"]["cost"]["low"]
    assert f"<strong>{money(low, low)}</strong>" in cheapest
    assert "a shared room in a low-cost city" in cheapest
    moderate = make_profile(**{**TIGHT, "budget": "moderate"})
    assert "data-cheapest" not in result(client, moderate)


def test_saved_advice_keeps_its_figures_after_a_fee_changes(client, admin_client):
    saved = make_profile(**TIGHT)
    before = total_on(result(client, saved))
    living = Fee.objects.get(item="living")
    url = reverse("admin:advisor_fee_change", args=[living.pk])
    form = fee_form_data(living, amount_high=living.amount_high + 1000)
    preview, saved_form = admin_save(admin_client, url, form)
    # The preview counts the saved plans whose total the change moves.
    counts = preview.content.decode().split('data-impact="cost"', 1)[1]
    assert re.match(r"><th[^>]*>[^<]*</th><td>1</td>", counts), counts[:200]
    assert saved_form.status_code == 302
    assert total_on(result(client, saved)) == before
    fresh = make_profile(**TIGHT)
    cost = fresh.assessment["plan"]["cost"]
    assert total_on(result(client, fresh)) == money(cost["low"], cost["high"]) != before
    assert cost["high"] == saved.assessment["plan"]["cost"]["high"] + 2 * 1000
    # Advisors see what changed since the applicant was told.
    summary = compare_with_today(saved).plan_summary
    assert any(line.startswith("cost $") for line in summary), summary


def test_the_advisor_sees_the_total_on_the_profile(advisor_client):
    profile = make_profile(shared=True, **TIGHT)
    cost = profile.assessment["plan"]["cost"]
    group = default_group().pk
    url = reverse("profiles:advisor_profile", args=[profile.pk])
    body = advisor_client.get(f"{url}?group={group}").content.decode()
    assert total_on(body) == money(cost["low"], cost["high"])


@pytest.mark.usefixtures("seeded_transactional_db")
def test_seeding_again_never_doubles_a_fee():
    seeded = importlib.import_module("advisor.migrations.0015_seed_fees")
    assert Fee.objects.count() == len(seeded.FEES)


def test_the_fee_admin_names_the_field_of_a_bad_range(admin_client):
    living = Fee.objects.get(item="living")
    url = reverse("admin:advisor_fee_change", args=[living.pk])
    response = admin_client.post(
        url,
        {
            "item": "living",
            "what": living.what,
            "amount_low": 900,
            "amount_high": 100,
            "currency": "USD",
            "unit": "each",
            "source_url": living.source_url,
            "source_date": "n.d.",
            "checked_on": "2026-12-07",
            "change_reason": "test",
        },
    )
    errors = response.context["adminform"].form.errors
    assert errors["amount_high"] == ["Must be at least the low amount."]
    assert "per month" in errors["unit"][0]
    Fee.objects.get(pk=living.pk, amount_high=living.amount_high)  # nothing saved


def test_a_second_row_for_one_fee_or_overlapping_tiers_are_refused():
    from django.core.exceptions import ValidationError

    oet = Fee.objects.get(item="oet")
    twin = Fee(**{f.attname: getattr(oet, f.attname) for f in Fee._meta.concrete_fields})
    twin.pk = None
    with pytest.raises(ValidationError) as refused:
        twin.full_clean()
    assert "item" in refused.value.message_dict
    tier = Fee.objects.get(item="eras_programs", programs_from=1)
    overlap = Fee(**{f.attname: getattr(tier, f.attname) for f in Fee._meta.concrete_fields})
    overlap.pk, overlap.programs_from, overlap.programs_to = None, 25, 40
    with pytest.raises(ValidationError) as refused:
        overlap.full_clean()
    assert "programs_from" in refused.value.message_dict


def test_what_if_shows_the_cost_now_and_with_the_new_answers(client):
    profile = make_profile(**TIGHT)
    from tests.profiles.test_what_if import HTMX, on_screen, url

    response = client.get(url("what_if", profile), on_screen(profile, budget="moderate"), **HTMX)
    body = response.content.decode()
    cost = profile.assessment["plan"]["cost"]
    assert f"About {money(cost['low'], cost['high'])}" in body.split("data-now-cost", 1)[1]
    assert "data-what-if-cost>About $" in body


def test_download_my_data_carries_the_cost(client):
    profile = make_profile(**TIGHT)
    response = client.get(reverse("profiles:my_data", args=[profile.token]))
    data = json.loads(
        b"".join(response.streaming_content) if response.streaming else response.content
    )
    stored = json.dumps(data)
    assert '"cost"' in stored and '"after_match"' in stored
