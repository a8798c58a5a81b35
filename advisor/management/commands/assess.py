"""`manage.py assess [FILE]`: JSON Lines of profiles in, JSON Lines of assessments out.

Each input line gets one output line, in order. A bad line gets
`{"line": N, "error": ...}` and the rest are still assessed; the exit status
is 1 if any line was bad. Blank lines are skipped (they hold no profile).
A line may carry `as_of` ("YYYY-MM", the month the plan starts from; the
current month if absent) and `target_match` (a Match year, or null for the
earliest reachable) beside the profile fields. Lines in the shape of
shared/cases (`{"id", "input", "expect"}`) are accepted too: the profile is
read from `input` and the `id` is echoed back.
"""

from __future__ import annotations

import json
import sys
from typing import Any, TextIO

from django.core.management.base import BaseCommand, CommandError

from advisor.engine.applicant import ProfileError
from advisor.engine.assessment import assessment_from_data
from advisor.selectors import match_calendar, weightings_by_slug

CASE_KEYS = {"id", "input", "expect"}


class Command(BaseCommand):
    help = "Assess applicant profiles given as JSON Lines (a file, or standard input)."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="JSON Lines file; standard input if omitted")

    def handle(self, *args, file: str | None = None, **options):
        weightings = weightings_by_slug()
        calendar = match_calendar()
        if file is None:
            bad = self.assess_lines(sys.stdin, weightings, calendar)
        else:
            try:
                # Bytes that are not UTF-8 become U+FFFD, and that line's error says so;
                # the other lines are still assessed.
                with open(file, encoding="utf-8", errors="replace") as stream:
                    bad = self.assess_lines(stream, weightings, calendar)
            except OSError as exc:
                raise CommandError(f"cannot read {file}: {exc.strerror}") from exc
        if bad:
            sys.exit(1)

    def assess_lines(self, stream: TextIO, weightings, calendar) -> int:
        bad = 0
        for number, line in enumerate(stream, start=1):
            if not line.strip():
                continue
            if "\ufffd" in line:
                result = {"line": number, "error": "not valid UTF-8 text"}
            else:
                result = assess_line(number, line, weightings, calendar)
            bad += "error" in result
            self.stdout.write(result_line(result))
        return bad


def result_line(result: dict[str, Any]) -> str:
    text = json.dumps(result, ensure_ascii=False)
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        # A lone surrogate ("\ud800" in the input, echoed in an error) cannot be
        # written as UTF-8; JSON's \u escapes can carry it.
        return json.dumps(result)


def assess_line(number: int, line: str, weightings, calendar) -> dict[str, Any]:
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        return {"line": number, "error": f"not valid JSON: {exc.msg} (column {exc.colno})"}
    except RecursionError:
        return {"line": number, "error": "not valid JSON: nested too deeply"}
    except ValueError:  # e.g. a number with thousands of digits
        return {"line": number, "error": "not valid JSON: a number is too long"}
    head: dict[str, Any] = {"line": number}
    if _is_case(data):
        head["id"] = data.get("id")
        data = data["input"]
    try:
        _, assessment = assessment_from_data(data, weightings=weightings, calendar=calendar)
    except ProfileError as exc:
        return {**head, "error": str(exc), "fields": exc.errors}
    return {**head, **assessment.as_dict()}


def _is_case(data: Any) -> bool:
    return isinstance(data, dict) and isinstance(data.get("input"), dict) and set(data) <= CASE_KEYS
