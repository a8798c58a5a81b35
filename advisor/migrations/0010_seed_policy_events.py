"""Seed the visa policies that change a plan (plan rules P18), in our own words.

Every fact is from shared/facts/application-facts.md (sources stored 2026-12-07,
so `checked_on` is that day), sections 1c and 1d and its notes on conflicts;
`source_date` is the date the facts file gives for the source.
tests/advisor/calendar_seed.py holds the same rows as engine values and
test_calendar_data.py checks that the two agree.

- The travel ban of the proclamation of 16 December 2025, in force from
  1 January 2026, as two rows: the full ban (all visas) and the partial ban
  (B, F, M and J visas among others: here the visitor visa and the J-1; the
  H-1B is not in it). Country names mapped to ISO codes: Burma MM, Republic
  of the Congo CG (not CD), Laos LA, Côte d'Ivoire CI, The Gambia GM,
  Antigua and Barbuda AG, Tonga TO. Left out, and said so in the notes:
  "Palestinian Authority travel documents" (not a country) and Turkmenistan
  (its partial ban covers immigrant visas only). A June 2026 court ruling
  against travel-ban policies is reported but its scope was not retrieved,
  so both rows are `in_litigation` and marked for re-check.
- Interviews in the country of nationality or residence (6 September 2025)
  and the end of most interview waivers (2 September 2025): two rows, because
  they are two announcements with their own dates and sources.
- The $100,000 payment on new H-1B petitions for people outside the US (from
  21 September 2025): upheld in D.D.C. (Dec 2025), held unlawful in D. Mass.
  (8 June 2026), its term to 21 September 2026 unless extended; how it stands
  now is not in the sources, so `unresolved` and marked for re-check.

Not seeded: the $250 Visa Integrity Fee (its start is reported as 1 October
2025 or 1 January 2026; it is a cost, for the fee table of P20, not a rule
that moves a step).

Rows from a migration get no history by themselves; each gets a first
version here, as 0004 and 0007 did.
"""

from datetime import date

from django.db import migrations
from django.utils import timezone

CHECKED_ON = date(2026, 12, 7)
REASON = "Seeded from the facts file of 2026-12-07"

TRAVEL_BAN_SOURCES = (
    "Also read: Potomac Law, https://www.potomaclaw.com/news-Expanded-Travel-Ban-Effective-"
    "January-1-2026 ; Fredrikson, https://www.fredlaw.com/alert-president-expands-full-and-"
    "partial-travel-ban-list (both Dec 2025). "
)
TRAVEL_BAN_COURT = (
    "Re-check: Arif Law (Jun 15 2026, https://ariflawoffices.com/fr/wp-json/wp/v2/posts/5712) "
    "reports a federal court ruling against travel-ban policies; its scope was not retrieved. "
    "Exempt by the proclamation: green-card holders, dual nationals travelling on another "
    "country's passport, people inside the US or holding a visa valid on 1 Jan 2026; "
    "national-interest exceptions case by case."
)

POLICIES = [
    {
        "slug": "interview-waivers-ended-2025",
        "title": "Visa interviews in person for almost everyone",
        "summary": (
            "Since 2 September 2025 nearly every applicant for a temporary US visa has to "
            "attend an interview at a US embassy or consulate, even to renew a visa they "
            "already held: the old exemptions are mostly gone. Count the interview wait "
            "where you live into the plan before a rotation, a research post or residency."
        ),
        "effective_from": date(2025, 9, 2),
        "status": "in_force",
        "countries": "",
        "concerns": ("visitor_visa", "j1", "h1b"),
        "source_url": (
            "https://www.visaverge.com/news/us-visa-processing-tightened-apply-only-from-your-"
            "home-country"
        ),
        "source_date": "Aug-Sept 2025",
        "recheck": False,
        "notes": (
            "Secondary sources restating the State Department. Also read: "
            "https://www.thediplomacyexpress.com/2025/08/us-announces-new-visa-interview.html "
            "(Aug 2025). Renewals, children and people over 79 lost their waivers."
        ),
    },
    {
        "slug": "interview-in-home-country-2025",
        "title": "Visa interviews in your own country",
        "summary": (
            "Since 6 September 2025 visitor (B-1/B-2) and J-1 applicants are expected to "
            "apply in the country of their nationality or where they live. An appointment "
            "booked in a third country tends to take longer and is harder to get approved, "
            "and the fee is not refunded. Plan with the wait at your own embassy."
        ),
        "effective_from": date(2025, 9, 6),
        "status": "in_force",
        "countries": "",
        "concerns": ("visitor_visa", "j1"),
        "source_url": (
            "https://internationaloffice.berkeley.edu/news/visa-application-guidance-update-"
            "department-state"
        ),
        "source_date": "Sept 9 2025",
        "recheck": False,
        "notes": (
            "The Berkeley page quotes the State Department's notice. Also read: JD Supra, "
            "https://production.jdsupra.com/legalnews/us-department-of-state-policy-changes-"
            "2031998 ."
        ),
    },
    {
        "slug": "h1b-100k-payment-2025",
        "title": "A $100,000 payment on new H-1B petitions",
        "summary": (
            "A proclamation of September 2025 requires a $100,000 payment with a new H-1B "
            "petition for a person outside the US; someone already in the US who changes "
            "status (from F-1 or J-2, for example) is exempt. One federal court upheld it in "
            "December 2025, another held it unlawful on 8 June 2026, and it was to run until "
            "21 September 2026 unless extended. Some hospitals have held back H-1B hiring: "
            "ask each program which visa it sponsors, and check with USCIS before relying on "
            "an H-1B."
        ),
        "effective_from": date(2025, 9, 21),
        "status": "unresolved",
        "countries": "",
        "concerns": ("h1b",),
        "source_url": (
            "https://www.palmerpolaski.com/news/uscis-issues-clarifying-guidance-on-100k-h-1b-fee"
        ),
        "source_date": "Oct 2025",
        "recheck": True,
        "notes": (
            "Proclamation 10973, signed Sept 19 2025; new petitions filed from Sept 21 2025 "
            "12:01 a.m. EDT; cap-exempt employers (most residency programs) included; no "
            "blanket exception for physicians (AAMC, ~Jan 2026, "
            "https://www.aamc.org/news/hospitals-and-health-systems-depend-h-1b-visa-"
            "sponsored-physicians-so-what-happens-now ). Courts: upheld Dec 23 2025, D.D.C., "
            "Chamber of Commerce v. DHS (https://www.meltzerhellrung.com/court-upholds-100000-"
            "h-1b-fee-requirement-other-legal-challenges-still-pending ), D.C. Circuit appeal "
            "argued Feb 2026, outcome not found; held unlawful and agency materials vacated "
            "Jun 8 2026, D. Mass., State of California v. Mullin "
            "(https://www.lawfirm4immigrants.com/federal-judge-strikes-down-trump-100000-"
            "h1b-fee/ ), appeal or stay expected. Not found: any extension past Sept 21 2026. "
            "Re-check USCIS before every release."
        ),
    },
    {
        "slug": "travel-ban-2026-full",
        "title": "Travel ban: no new US visas for some nationalities",
        "summary": (
            "From 1 January 2026 citizens of the countries named here who are outside the "
            "US without a valid visa cannot get a new US visa of any kind: no visitor visa "
            "for rotations, no J-1 and no H-1B for residency. It does not cover someone "
            "travelling on another country's passport, and exceptions are decided case by "
            "case. The ban is challenged in court: check where it stands before you plan "
            "around it."
        ),
        "effective_from": date(2026, 1, 1),
        "status": "in_litigation",
        "countries": ("AF, BF, CG, ER, GQ, HT, IR, LA, LY, ML, MM, NE, SD, SL, SO, SS, SY, TD, YE"),
        "concerns": ("visitor_visa", "j1", "h1b"),
        "source_url": (
            "https://isso.ucsf.edu/news/presidential-proclamation-expanded-travel-ban-"
            "december-17-2025"
        ),
        "source_date": "Dec 2025",
        "recheck": True,
        "notes": (
            "Proclamation of Dec 16 2025. Left out: holders of Palestinian Authority travel "
            "documents (in the full ban, but not a country, so no ISO code). "
            + TRAVEL_BAN_SOURCES
            + TRAVEL_BAN_COURT
        ),
    },
    {
        "slug": "travel-ban-2026-partial",
        "title": "Travel ban: no new visitor or J-1 visas for some nationalities",
        "summary": (
            "From 1 January 2026 citizens of the countries named here who are outside the "
            "US without a valid visa cannot get a new visitor visa (B-1/B-2), so no US "
            "rotation or observership, nor a J-1, the usual visa for residency. The H-1B is "
            "not part of this ban. It does not cover someone travelling on another "
            "country's passport, and exceptions are decided case by case. The ban is "
            "challenged in court: check where it stands before you plan around it."
        ),
        "effective_from": date(2026, 1, 1),
        "status": "in_litigation",
        "countries": ("AG, AO, BI, BJ, CI, CU, DM, GA, GM, MR, MW, NG, SN, TG, TO, TZ, VE, ZM, ZW"),
        "concerns": ("visitor_visa", "j1"),
        "source_url": (
            "https://isso.ucsf.edu/news/presidential-proclamation-expanded-travel-ban-"
            "december-17-2025"
        ),
        "source_date": "Dec 2025",
        "recheck": True,
        "notes": (
            "Proclamation of Dec 16 2025; the partial ban also stops F, M and immigrant "
            "visas. Left out: Turkmenistan, whose partial ban covers immigrant visas only. "
            + TRAVEL_BAN_SOURCES
            + TRAVEL_BAN_COURT
        ),
    },
]
CONCERN_FIELDS = {
    "visitor_visa": "concerns_visitor_visa",
    "j1": "concerns_j1",
    "h1b": "concerns_h1b",
}


def seed(apps, schema_editor):
    PolicyEvent = apps.get_model("advisor", "PolicyEvent")
    History = apps.get_model("advisor", "HistoricalPolicyEvent")
    fields = [f.attname for f in PolicyEvent._meta.concrete_fields]
    now = timezone.now()
    for values in POLICIES:
        values = dict(values)
        concerns = values.pop("concerns")
        values |= {field: name in concerns for name, field in CONCERN_FIELDS.items()}
        values["checked_on"] = CHECKED_ON
        row, created = PolicyEvent.objects.get_or_create(slug=values.pop("slug"), defaults=values)
        if created:
            History.objects.create(
                **{field: getattr(row, field) for field in fields},
                history_date=now,
                history_type="+",
                history_change_reason=REASON,
            )


def unseed(apps, schema_editor):
    slugs = [values["slug"] for values in POLICIES]
    apps.get_model("advisor", "PolicyEvent").objects.filter(slug__in=slugs).delete()
    apps.get_model("advisor", "HistoricalPolicyEvent").objects.filter(
        history_change_reason=REASON
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("advisor", "0009_policy_event")]

    operations = [migrations.RunPython(seed, unseed)]
