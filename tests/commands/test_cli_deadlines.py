"""`inspect-cli deadlines` and `inspect-cli notices` through the CLI: formats, exit codes, colour."""

from __future__ import annotations

import csv
import io
import json
import os
import sys

import pexpect
from conftest import JINGMEN_CHECKLIST

JM = str(JINGMEN_CHECKLIST)


def test_json_rows_and_fail_on(invoke):
    result = invoke("deadlines", JM, "--as-of", "2017-01-01", "--unit", "审批局", "--format", "json")
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    # every key the docs list is in every row: a task's calendar keys and a missing reason are null
    assert rows[0] == {
        "kind": "task",
        "id": "3",
        "unit": "市行政审批局",
        "due": "2016-12-31",
        "days_left": -1,
        "light": "red",
        "state": "overdue",
        "working_days_left": None,
        "calendar": None,
        "reason": None,
    }
    assert [r["light"] for r in rows] == sorted(
        (r["light"] for r in rows), key=["red", "yellow", "unknown", "blue", "green"].index
    )
    failing = invoke("deadlines", JM, "--as-of", "2017-01-01", "--unit", "审批局", "--fail-on", "red", "-f", "csv")
    assert failing.exit_code == 1
    table = list(csv.DictReader(io.StringIO(failing.stdout)))
    assert list(table[0]) == [
        "kind",
        "id",
        "unit",
        "due",
        "days_left",
        "working_days_left",
        "light",
        "state",
        "calendar",
        "reason",
    ]
    calm = invoke("deadlines", JM, "--as-of", "2016-06-01", "--unit", "审批局", "--fail-on", "yellow")
    assert calm.exit_code == 0
    soon = invoke("deadlines", JM, "--as-of", "2016-12-28", "--unit", "审批局", "--fail-on", "yellow", "--soon", "3")
    assert soon.exit_code == 1 and "yellow" in soon.stdout
    assert (
        invoke(
            "deadlines", JM, "--as-of", "2016-12-20", "--unit", "审批局", "--fail-on", "yellow", "--soon", "3"
        ).exit_code
        == 0
    )


def test_kind_filter_and_notices_only(invoke):
    assert json.loads(invoke("deadlines", "--format", "json").stdout) == []
    assert json.loads(invoke("deadlines", JM, "--kind", "notice", "-f", "json").stdout) == []


def test_bad_inputs_exit_2(invoke, tmp_path, isolated_settings):
    bad_date = invoke("deadlines", JM, "--as-of", "2017-13-01")
    assert bad_date.exit_code == 2 and "YYYY-MM-DD" in bad_date.output
    (isolated_settings / "inspect.toml").write_text("[deadlines]\nsoon = 3\n", encoding="utf-8")
    bad_config = invoke("deadlines", JM)
    assert (
        bad_config.exit_code == 2
        and bad_config.stderr.startswith("Error: ")
        and "unknown key 'soon'" in bad_config.stderr
    )
    unknown = invoke("notices", "show", "荆法督〔2017〕1号")
    assert unknown.exit_code == 2


def test_config_sets_light_thresholds(invoke, isolated_settings):
    (isolated_settings / "inspect.toml").write_text("[deadlines]\nsoon_days = 400\n", encoding="utf-8")
    rows = json.loads(invoke("deadlines", JM, "--as-of", "2017-01-01", "--unit", "审批局", "-f", "json").stdout)
    assert {r["id"]: r["light"] for r in rows}["14"] == "yellow"


def _spawn_deadlines(env_extra):
    env = {**os.environ, **env_extra}
    if "NO_COLOR" not in env_extra:
        env.pop("NO_COLOR", None)
    child = pexpect.spawn(
        sys.executable,
        ["-m", "inspect_cli", "deadlines", JM, "--as-of", "2017-01-01", "--unit", "审批局"],
        env=env,
        encoding="utf-8",
        dimensions=(40, 120),
        timeout=30,
    )
    child.expect(pexpect.EOF)
    return child.before


def test_table_is_coloured_on_a_terminal_unless_no_color(tmp_path):
    base = {"INSPECT_LEDGER": str(tmp_path / "l.db"), "INSPECT_CACHE": str(tmp_path / "cache")}
    assert "\x1b[" in _spawn_deadlines(base)
    assert "\x1b[" not in _spawn_deadlines({**base, "NO_COLOR": "1"})


def test_unparsed_deadline_is_its_own_state_in_a_warning_colour(tmp_path):
    from checklist_samples import UNPARSED_CHECKLIST

    checklist = tmp_path / "unparsed.toml"
    checklist.write_text(UNPARSED_CHECKLIST, encoding="utf-8")
    env = {
        **os.environ,
        "INSPECT_LEDGER": str(tmp_path / "l.db"),
        "INSPECT_CACHE": str(tmp_path / "cache"),
        "INSPECT_CONFIG": str(tmp_path / "none.toml"),
    }
    env.pop("NO_COLOR", None)
    child = pexpect.spawn(
        sys.executable,
        ["-m", "inspect_cli", "deadlines", str(checklist), "--as-of", "2017-01-01"],
        env=env,
        encoding="utf-8",
        dimensions=(40, 120),
        timeout=30,
    )
    child.expect(pexpect.EOF)
    lines = child.before.splitlines()
    [unparsed] = [line for line in lines if "unparsed" in line]
    # magenta (35), never green (32); listed above the green rows
    assert "\x1b[35m" in unparsed and "\x1b[32m" not in unparsed and "unknown" in unparsed
    assert lines.index(unparsed) < min(i for i, line in enumerate(lines) if "no deadline" in line or "open" in line)
