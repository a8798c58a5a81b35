"""The Step 2 CK pass marks since 2012, each with the page it was read on.

0007 stored 209 from 2000-01-01 to cover any older score, which judged a score
of 2013 against a mark that came in 2014. From shared/facts/application-facts.md
section 2 (stored 2026-12-07): 189 -> 196 from 1 July 2012, 196 -> 203 from
1 July 2013, 203 -> 209 from 1 July 2014, 209 -> 214 from 1 July 2022,
214 -> 218 from 1 July 2025.

- 209 moves to 2014-07-01, its source the USMLE announcement of 2 June 2014.
- 196 (2012) and 203 (2013) are added, from the pages the facts file names
  (medicalopedia, restating USMLE announcements).
- 189 is the mark before July 2012; when it came in is not in the sources, so
  it is stored from 2000-01-01 to cover any older score.
- 214 and 218 keep their values; their source becomes the page the facts file
  read them on, where it is still the seeded https://www.usmle.org/ (the facts
  file found no USMLE page for them).

tests/advisor/calendar_seed.py holds the same marks. Each new or changed row
gets a version with the reason below.
"""

from datetime import date

from django.db import migrations
from django.utils import timezone

VERIFIED_ON = date(2026, 12, 7)
REASON = "Step 2 CK pass marks since 2012, from the facts file of 2026-12-07"
SEEDED_SOURCE = "https://www.usmle.org/"
FLOOR = date(2000, 1, 1)
MOVED = (209, date(2014, 7, 1), "http://www.usmle.org/announcements/?ContentId=134")
ADDED = [
    (189, FLOOR, "http://www.usmle.org/announcements/"),
    (
        196,
        date(2012, 7, 1),
        "https://medicalopedia.org/4257/usmle-step-2-clinical-knowledge-ck-minimum-passing-"
        "score-to-be-reviewed-again-in-july-2013/",
    ),
    (
        203,
        date(2013, 7, 1),
        "https://medicalopedia.org/4318/usmle-step-2-ck-passing-score-increased-from-196-to-203/",
    ),
]
RESOURCED = [
    (
        214,
        date(2022, 7, 1),
        "https://theabramsonfirm.com/usmle-changes-the-step-2-ck-examination-passing-standard/",
    ),
    (218, date(2025, 7, 1), "https://medvily.com/?p=296"),
]


def _version(apps, row, history_type, now):
    PassMark = apps.get_model("advisor", "PassMark")
    fields = [f.attname for f in PassMark._meta.concrete_fields]
    apps.get_model("advisor", "HistoricalPassMark").objects.create(
        **{field: getattr(row, field) for field in fields},
        history_date=now,
        history_type=history_type,
        history_change_reason=REASON,
    )


def seed(apps, schema_editor):
    PassMark = apps.get_model("advisor", "PassMark")
    now = timezone.now()
    score, effective_from, source = MOVED
    # Only the row 0007 stored, unchanged by an admin, is moved.
    floor = PassMark.objects.filter(exam="step2_ck", effective_from=FLOOR, score=score).first()
    if (
        floor is not None
        and not PassMark.objects.filter(exam="step2_ck", effective_from=effective_from).exists()
    ):
        floor.effective_from, floor.source_url, floor.verified_on = (
            effective_from,
            source,
            VERIFIED_ON,
        )
        floor.save()
        _version(apps, floor, "~", now)
    for score, effective_from, source in ADDED:
        mark, created = PassMark.objects.get_or_create(
            exam="step2_ck",
            effective_from=effective_from,
            defaults={"score": score, "source_url": source, "verified_on": VERIFIED_ON},
        )
        if created:
            _version(apps, mark, "+", now)
    for score, effective_from, source in RESOURCED:
        for mark in PassMark.objects.filter(
            exam="step2_ck", effective_from=effective_from, score=score, source_url=SEEDED_SOURCE
        ):
            mark.source_url, mark.verified_on = source, VERIFIED_ON
            mark.save()
            _version(apps, mark, "~", now)


def unseed(apps, schema_editor):
    PassMark = apps.get_model("advisor", "PassMark")
    added = [(score, day) for score, day, _ in ADDED]
    for score, day in added:
        PassMark.objects.filter(exam="step2_ck", effective_from=day, score=score).delete()
    score, effective_from, source = MOVED
    PassMark.objects.filter(
        exam="step2_ck", effective_from=effective_from, score=score, source_url=source
    ).update(effective_from=FLOOR, source_url=SEEDED_SOURCE, verified_on=date(2026, 11, 25))
    for score, day, source in RESOURCED:
        PassMark.objects.filter(
            exam="step2_ck", effective_from=day, score=score, source_url=source
        ).update(source_url=SEEDED_SOURCE, verified_on=date(2026, 11, 25))
    apps.get_model("advisor", "HistoricalPassMark").objects.filter(
        history_change_reason=REASON
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("advisor", "0010_seed_policy_events")]

    operations = [migrations.RunPython(seed, unseed)]
