"""`manage.py assess`: JSON Lines in, JSON Lines out, bad lines reported and counted."""

import io
import json
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db

GOOD = {"specialty": "internal-medicine", "years_since_graduation": 0, "step2_ck": 250}


def run_assess(monkeypatch, text: str) -> tuple[list[dict], int]:
    monkeypatch.setattr("sys.stdin", io.StringIO(text))
    out = io.StringIO()
    try:
        call_command("assess", stdout=out)
        status = 0
    except SystemExit as exc:
        status = exc.code
    return [json.loads(line) for line in out.getvalue().splitlines()], status


def test_output_has_the_documented_keys(monkeypatch):
    [result], status = run_assess(monkeypatch, json.dumps(GOOD) + "\n")
    assert status == 0
    assert {"line", "priority", "scenario", "flags", "scores", "plan", "faq"} <= set(result)
    assert set(result["scores"]) == {"usce", "letters", "research", "recency", "readiness"}
    assert result["priority"] == "usce_first"
    plan = result["plan"]
    assert {"as_of", "requested_match", "target_match", "moved_because", "calendar"} <= set(plan)
    assert {"us_months", "step2_pass_mark", "steps"} <= set(plan)
    assert plan["steps"] and all(
        {"kind", "start", "end", "in_us", "title", "detail"} <= set(s) for s in plan["steps"]
    )
    assert len(result["faq"]) == 7


@pytest.mark.parametrize(
    ("line", "field", "message"),
    [
        (
            '{"specialty": "astrology", "years_since_graduation": 1}',
            "specialty",
            "unknown specialty",
        ),
        (
            '{"specialty": "internal-medicine", "years_since_graduation": 1, "iq": 3}',
            "iq",
            "unknown field",
        ),
        (
            '{"specialty": "internal-medicine", "years_since_graduation": "1 or 2"}',
            "years_since_graduation",
            "years since graduation in digits",
        ),
        (
            '{"specialty": "internal-medicine", "years_since_graduation": 99}',
            "years_since_graduation",
            "between 0 and 60",
        ),
        (
            '{"specialty": "internal-medicine", "years_since_graduation": 1, "step2_ck": NaN}',
            "step2_ck",
            "finite number",
        ),
    ],
)
def test_bad_line_names_the_field_and_others_still_run(monkeypatch, line, field, message):
    text = "\n".join([json.dumps(GOOD), line, json.dumps(GOOD)]) + "\n"
    results, status = run_assess(monkeypatch, text)
    assert status == 1
    assert [r["line"] for r in results] == [1, 2, 3]
    assert f"{field}: " in results[1]["error"]
    assert message in results[1]["fields"][field]
    assert results[0]["priority"] == results[2]["priority"] == "usce_first"


@pytest.mark.parametrize("line", ["not json", "{", '{"a": 1,}', "[1, 2]", '"text"', "[" * 100_000])
def test_not_json_or_not_an_object(monkeypatch, line):
    results, status = run_assess(monkeypatch, line + "\n" + json.dumps(GOOD) + "\n")
    assert status == 1
    assert results[0]["line"] == 1 and "error" in results[0]
    assert results[1]["line"] == 2 and "priority" in results[1]


def test_blank_lines_are_skipped_but_counted(monkeypatch):
    results, status = run_assess(
        monkeypatch, "\n" + json.dumps(GOOD) + "\n   \n" + json.dumps(GOOD)
    )
    assert status == 0
    assert [r["line"] for r in results] == [2, 4]


def test_file_argument(tmp_path):
    path = tmp_path / "profiles.jsonl"
    path.write_text(json.dumps(GOOD) + "\n")
    out = io.StringIO()
    call_command("assess", str(path), stdout=out)
    assert json.loads(out.getvalue())["scenario"] == "fresh-grad-no-usce"


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="cannot read"):
        call_command("assess", str(tmp_path / "nope.jsonl"))


def test_command_line_exit_status(tmp_path):
    """The real process: stdout JSON Lines and exit status 1 when a line is bad."""
    db = tmp_path / "db.sqlite3"
    env = {"DATABASE_URL": f"sqlite:///{db}", "PATH": "/usr/bin:/bin"}
    manage = [sys.executable, str(settings.BASE_DIR / "manage.py")]
    # The advice tables (specialties, the Match calendar) are all `assess` reads, and
    # migrating them alone takes a third of the time of the whole schema.
    migrate = [*manage, "migrate", "advisor", "-v0"]
    subprocess.run(migrate, check=True, env=env, cwd=settings.BASE_DIR)
    done = subprocess.run(
        [*manage, "assess"],
        input=json.dumps(GOOD) + "\nnope\n",
        capture_output=True,
        text=True,
        env=env,
        cwd=settings.BASE_DIR,
    )
    assert done.returncode == 1
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert lines[0]["priority"] == "usce_first"
    assert lines[1]["line"] == 2 and "error" in lines[1]


def test_a_lone_surrogate_gets_a_line_of_its_own_and_the_rest_go_on(monkeypatch):
    lines = '{"specialty": "\\ud800", "years_since_graduation": 3}\n' + json.dumps(
        {"specialty": "neurology", "years_since_graduation": 3}
    )
    monkeypatch.setattr("sys.stdin", io.StringIO(lines))
    raw = io.BytesIO()
    out = io.TextIOWrapper(raw, encoding="utf-8")  # as strict as a real UTF-8 stdout
    with pytest.raises(SystemExit):
        call_command("assess", stdout=out)
    out.flush()
    first, second = (json.loads(line) for line in raw.getvalue().decode().splitlines())
    assert first["fields"] == {"specialty": "unknown specialty '\ud800'"}
    assert second["priority"]


def test_a_file_line_that_is_not_utf8_is_an_error_for_that_line(tmp_path):
    path = tmp_path / "profiles.jsonl"
    good = json.dumps({"specialty": "neurology", "years_since_graduation": 3}).encode()
    path.write_bytes(b'{"specialty": "x\xff", "years_since_graduation": 3}\n' + good + b"\n")
    out = io.StringIO()
    with pytest.raises(SystemExit):
        call_command("assess", str(path), stdout=out)
    first, second = (json.loads(line) for line in out.getvalue().splitlines())
    assert first == {"line": 1, "error": "not valid UTF-8 text"}
    assert second["priority"]
