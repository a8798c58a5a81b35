"""Seed the fees and cost ranges a plan's cost is counted from (plan rules P20), from
section 3 of shared/facts/application-facts.md (stored 2026-12-07), in our own
words, each with the source the facts file names.

Where the facts file marks a figure uncertain or two sources disagree, the row is
the range that covers both, with "re-check" ticked and the conflict in its notes:
USMLE Step 1 and Step 2 CK ($695 plus a surcharge of $210 or $235 against about
$1,000 plus a surcharge), the application for ECFMG certification ($160-165
against $580 plus account and credential fees), the Pathway ($925 or $945,
unconfirmed), NRMP ($70 against an older $75), the visa integrity fee (in law,
its collection pending) and ECFMG's J-1 fee (a 2023 checklist). Ranges that are
ranges in the sources (rotation fees, living costs, the training licence) are
seeded as such. `tests/advisor/calendar_seed.py` reads FEES from here.

Migrations do not trigger django-simple-history, so each row gets its first
version here, as 0013 did.
"""

from datetime import date

from django.db import migrations
from django.utils import timezone

CHECKED_ON = date(2026, 12, 7)
REASON = "Fees from the facts file of 2026-12-07"
AAMC_FEES = (
    "https://students-residents.aamc.org/applying-residencies-eras/publication-chapters/"
    "fees-2025-eras-season"
)
SAEM = (
    "https://www.saem.org/about-saem/academies-interest-groups-affiliates2/rams/rams-resources/"
    "aeros-residencycas-infographics"
)
BUDGET_BLOG = "https://visualfoodie.com/how-much-ecfmg-certification-costs"
ECFMG_VISA_FEES = "https://ecfmg.org/evsp/applying-fees.html"

# item, what, low, high, unit, programs from, to, source, source date, re-check, notes
FEES = (
    (
        "step1",
        "USMLE Step 1 fee",
        905,
        1300,
        "each",
        None,
        None,
        BUDGET_BLOG,
        "2026",
        True,
        "Two 2026 sources disagree: $695 plus a $210 international surcharge (an app's data) "
        "against about $1,000 plus the surcharge (budget blogs). FSMB's table showed $680 for "
        "2025. The range covers both; re-check at fsmb.org.",
    ),
    (
        "step2_ck",
        "USMLE Step 2 CK fee",
        930,
        1300,
        "each",
        None,
        None,
        BUDGET_BLOG,
        "2026",
        True,
        "Two 2026 sources disagree: $695 plus a $235 international surcharge against about "
        "$1,000 plus the surcharge. The range covers both; re-check at fsmb.org.",
    ),
    (
        "step3",
        "USMLE Step 3 fee",
        935,
        935,
        "each",
        None,
        None,
        "https://miraitalk.com/article/fsmb-step-3-faq/926",
        "2025",
        False,
        "FSMB's fee for 2025 ($925 in 2024), from a copy of FSMB's FAQ.",
    ),
    (
        "ecfmg_application",
        "Application for ECFMG certification",
        160,
        800,
        "each",
        None,
        None,
        "https://www.ecfmg.org/myintealth/faqs.html",
        "2025",
        True,
        "Blogs say $160-165; an app's 2026 data says $580 with the notarised identity check, "
        "plus $110 for the MyIntealth account and $110 a credential. ECFMG says the total cost "
        "of certification did not change in 2025.",
    ),
    (
        "oet",
        "OET Medicine",
        385,
        455,
        "each",
        None,
        None,
        "https://unischolars.com/blog/oet-exam-fee/",
        "Jul 2023",
        False,
        "AUD 587 (about US$385-400) outside the US; US$455 when taken in the US.",
    ),
    (
        "pathway",
        "ECFMG Pathway application",
        925,
        945,
        "each",
        None,
        None,
        BUDGET_BLOG,
        "2026",
        True,
        "Not confirmed at ECFMG: an app's data says $945 for 2026/2027, earlier seasons "
        "$925. Re-check on ECFMG's Pathways pages.",
    ),
    (
        "eras_token",
        "ERAS token from ECFMG",
        165,
        165,
        "each",
        None,
        None,
        "https://ecfmg.org/eras/",
        "2023",
        False,
        "One season; released in late June.",
    ),
    (
        "usmle_transcript",
        "USMLE transcript to an application service",
        80,
        80,
        "each",
        None,
        None,
        AAMC_FEES,
        "2024",
        False,
        "Once a season for each service (ERAS, ResidencyCAS).",
    ),
    (
        "eras_programs",
        "ERAS, programs 1-30 in a specialty",
        11,
        11,
        "per_program",
        1,
        30,
        AAMC_FEES,
        "2025",
        False,
        "2026 season; no change found for 2027.",
    ),
    (
        "eras_programs",
        "ERAS, from the 31st program in a specialty",
        30,
        30,
        "per_program",
        31,
        None,
        AAMC_FEES,
        "2025",
        False,
        "2026 season; counts start again for each specialty.",
    ),
    (
        "residencycas_programs",
        "ResidencyCAS, programs 1-18",
        99,
        99,
        "flat_tier",
        1,
        18,
        SAEM,
        "2025",
        False,
        "A flat fee covers the first 18 programs (2025-26 cycle).",
    ),
    (
        "residencycas_programs",
        "ResidencyCAS, programs 19-30",
        18,
        18,
        "per_program",
        19,
        30,
        SAEM,
        "2025",
        False,
        "",
    ),
    (
        "residencycas_programs",
        "ResidencyCAS, from the 31st program",
        23,
        23,
        "per_program",
        31,
        None,
        SAEM,
        "2025",
        False,
        "",
    ),
    (
        "nrmp",
        "NRMP Match registration",
        70,
        75,
        "each",
        None,
        None,
        "https://www.nrmp.org/match-process/match-fees/",
        "n.d.",
        True,
        "$70 now (a secondary source, n.d.), $75 on NRMP's 2016-17 page. Covers 20 ranks; "
        "more cost $30 each.",
    ),
    (
        "visa_fee",
        "US visa application fee",
        185,
        185,
        "each",
        None,
        None,
        ECFMG_VISA_FEES,
        "n.d.",
        False,
        "The same fee for a visitor (B-1/B-2) and a J-1 visa.",
    ),
    (
        "visa_integrity",
        "Visa integrity fee",
        0,
        250,
        "each",
        None,
        None,
        "https://www.immihelp.com/the-new-250-dollar-us-visa-integrity-fee-what-you-need-to-know",
        "2025",
        True,
        "$250 in the 2025 law, charged when a visa is issued and refundable on "
        "request; when collection starts was still pending in the sources read.",
    ),
    ("sevis", "SEVIS fee (J-1)", 220, 220, "each", None, None, ECFMG_VISA_FEES, "n.d.", False, ""),
    (
        "j1_sponsorship",
        "ECFMG J-1 sponsorship",
        370,
        370,
        "each",
        None,
        None,
        "https://goldenstarz3.com/curriculum-vitae-for-visa-united-states-application-7558",
        "Feb 2023",
        True,
        "From a copy of ECFMG's 2023 checklist; charged again each year.",
    ),
    (
        "observership_fees",
        "Observership fees, per 4 weeks",
        1000,
        3000,
        "per_4_weeks",
        None,
        None,
        "https://foreignmedicaltraining.com/observership-program/",
        "n.d.",
        False,
        "Examples: $1,299-1,599 (foreignmedicaltraining.com), about $2,075 (Master the Wards), "
        "$3,000 (Saint Peter's, $1,500 per 2 weeks). Some charge nothing, some much more.",
    ),
    (
        "hands_on_fees",
        "Hands-on rotation fees, per 4 weeks",
        1499,
        4599,
        "per_4_weeks",
        None,
        None,
        "https://meridian.allenpress.com/jgme/article/14/5/623/487470/",
        "Oct 2022",
        False,
        "JGME 14(5):623. Quotes of $2,500-8,000 exist for some programs (weak sources).",
    ),
    (
        "living",
        "Living costs in the US, per month",
        900,
        2500,
        "per_month",
        None,
        None,
        "https://interexchange.org/?p=2304",
        "n.d.",
        False,
        "A shared room, food, utilities and local travel: about $900-1,200 in a low-cost "
        "city, $1,600-2,500 in New York or Los Angeles.",
    ),
    (
        "training_licence",
        "State training licence",
        0,
        491,
        "each",
        None,
        None,
        "https://lluh.org/health-professionals/gme/resources-residents-fellows/medical-license",
        "n.d.",
        True,
        "California's is $491; other states differ, and some programs pay it.",
    ),
)


def seed(apps, schema_editor):
    Fee = apps.get_model("advisor", "Fee")
    History = apps.get_model("advisor", "HistoricalFee")
    fields = [f.attname for f in Fee._meta.concrete_fields]
    now = timezone.now()
    for item, what, low, high, unit, first, last, url, dated, recheck, notes in FEES:
        if Fee.objects.filter(item=item, programs_from=first).exists():
            continue  # seeded already (tests seed again after a flush): never twice
        fee = Fee.objects.create(
            item=item,
            what=what,
            amount_low=low,
            amount_high=high,
            unit=unit,
            programs_from=first,
            programs_to=last,
            source_url=url,
            source_date=dated,
            checked_on=CHECKED_ON,
            recheck=recheck,
            notes=notes,
        )
        History.objects.create(
            **{field: getattr(fee, field) for field in fields},
            history_date=now,
            history_type="+",
            history_change_reason=REASON,
        )


def unseed(apps, schema_editor):
    apps.get_model("advisor", "Fee").objects.all().delete()
    apps.get_model("advisor", "HistoricalFee").objects.filter(history_change_reason=REASON).delete()


class Migration(migrations.Migration):
    dependencies = [("advisor", "0014_fee")]

    operations = [migrations.RunPython(seed, unseed)]
