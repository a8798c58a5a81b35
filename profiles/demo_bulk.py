"""Made-up profiles by the hundred thousand, for the benchmark at a million rows:
the engine runs in every core's process, PostgreSQL takes the rows by COPY.

`demo_profiles_create` (profiles/demo.py) makes the same profiles through the ORM;
this is its fast path, used by `seed_demo_profiles` on PostgreSQL.
"""

from __future__ import annotations

import json
import os
import random
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import JSONField
from django.utils import timezone

from advisor.models import Specialty
from advisor.selectors import match_calendar
from profiles.advising.cases import cases_refresh
from profiles.advising.models import GroupShare
from profiles.demo import demo_profile
from profiles.models import Profile
from profiles.services import assessment_store, current_weighting_version

CHUNK = 5_000


@dataclass(frozen=True)
class _Setting:
    """What a worker process needs, as plain values: no database there."""

    specialties: list
    versions: dict
    calendar: object
    this_year: int
    share_ratio: float


def _profile_columns() -> list:
    return [f for f in Profile._meta.concrete_fields if f.attname != "id"]


def _chunk_rows(setting: _Setting, seed: int, count: int) -> list[tuple]:
    """Rows for `count` made-up applicants, ready for COPY but for their ids: (the
    profile's column values, advice JSON, weighting JSON, whether it is shared).
    Plain values: pickling model instances back to the parent cost more than the
    engine did."""
    rng = random.Random(seed)
    columns = _profile_columns()
    made = []
    now = timezone.now()
    for _ in range(count):
        specialty = rng.choice(setting.specialties)
        profile = demo_profile(rng, specialty, setting.this_year)
        advice = assessment_store(
            profile, weighting_version=setting.versions[specialty.pk], calendar=setting.calendar
        )
        profile.created_at = profile.updated_at = now
        shared = rng.random() < setting.share_ratio
        made.append(
            (
                [_db_value(profile, field) for field in columns],
                json.dumps(advice.assessment),
                json.dumps(advice.weighting),
                shared,
            )
        )
    return made


def demo_profiles_copy(*, count: int, seed: int = 1, group=None, share_ratio: float = 0.8) -> int:
    """Make `count` profiles with real stored advice; about `share_ratio` of them
    shared with `group`. PostgreSQL only (COPY); commits every CHUNK rows."""
    specialties = list(Specialty.objects.all())
    setting = _Setting(
        specialties=specialties,
        versions={s.pk: current_weighting_version(s) for s in specialties},
        calendar=match_calendar(),
        this_year=timezone.now().year,
        share_ratio=share_ratio if group else 0.0,
    )
    workers = max(1, os.cpu_count() or 1)
    jobs = [(seed * 1_000_003 + n, min(CHUNK, count - start)) for n, start in
            enumerate(range(0, count, CHUNK))]  # fmt: skip
    connection.close()  # the workers fork: none may share this connection
    with ProcessPoolExecutor(workers) as pool:
        for made in pool.map(_chunk_rows, [setting] * len(jobs), *zip(*jobs, strict=True)):
            _copy(made, group)
    return count


def _copy(made: list[tuple], group) -> None:
    columns = _profile_columns()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence('profiles_profile', 'id')) "
            "FROM generate_series(1, %s)",
            [len(made)],
        )
        ids = [row[0] for row in cursor.fetchall()]
        names = ", ".join(["id", *(f.column for f in columns)])
        with cursor.cursor.copy(f"COPY profiles_profile ({names}) FROM STDIN") as copy:
            for pk, (values, *_rest) in zip(ids, made, strict=True):
                copy.write_row([pk, *values])
        advice_columns = "profile_id, assessment, weighting"
        with cursor.cursor.copy(
            f"COPY profiles_storedadvice ({advice_columns}) FROM STDIN"
        ) as copy:
            for pk, (_values, assessment, weighting, _case) in zip(ids, made, strict=True):
                copy.write_row([pk, assessment, weighting])
        if group is not None:
            shared = [pk for pk, (*_, is_shared) in zip(ids, made, strict=True) if is_shared]
            _copy_cases(cursor, shared, group)
            # COPY makes the shares empty; the one writer of the copies fills (and
            # tallies) them, one UPDATE for the chunk.
            cases_refresh(profile_ids=shared)


def _copy_cases(cursor, profile_ids: list[int], group) -> None:
    """Shares as the model makes them (every column at its default), not yet copied."""
    columns = [f for f in GroupShare._meta.concrete_fields if f.attname != "id"]
    names = ", ".join(f.column for f in columns)
    with cursor.cursor.copy(f"COPY profiles_groupshare ({names}) FROM STDIN") as copy:
        for pk in profile_ids:
            share = GroupShare(profile_id=pk, group=group)
            copy.write_row([_db_value(share, field) for field in columns])


def _db_value(instance, field):
    value = getattr(instance, field.attname)
    if isinstance(field, JSONField):
        return json.dumps(value)  # COPY's text format reads JSON text into jsonb (flags)
    return field.get_db_prep_save(value, connection)
