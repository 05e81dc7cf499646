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
    assert set(rows[0]) == {"kind", "id", "unit", "due", "days_left", "light", "state"}
    assert rows[0] == {"kind": "task", "id": "3", "unit": "市行政审批局", "due": "2016-12-31", "days_left": -1,
                       "light": "red", "state": "overdue"}
    assert [r["light"] for r in rows] == sorted((r["light"] for r in rows), key=["red", "yellow", "blue", "green"].index)
    failing = invoke("deadlines", JM, "--as-of", "2017-01-01", "--unit", "审批局", "--fail-on", "red", "-f", "csv")
    assert failing.exit_code == 1
    table = list(csv.DictReader(io.StringIO(failing.stdout)))
    assert list(table[0]) == ["kind", "id", "unit", "due", "days_left", "light", "state"]
    calm = invoke("deadlines", JM, "--as-of", "2016-06-01", "--unit", "审批局", "--fail-on", "yellow")
    assert calm.exit_code == 0
    soon = invoke("deadlines", JM, "--as-of", "2016-12-28", "--unit", "审批局", "--fail-on", "yellow", "--soon", "3")
    assert soon.exit_code == 1 and "黄 yellow" in soon.stdout
    assert invoke("deadlines", JM, "--as-of", "2016-12-20", "--unit", "审批局", "--fail-on", "yellow", "--soon", "3").exit_code == 0


def test_kind_filter_and_notices_only(invoke):
    assert json.loads(invoke("deadlines", "--format", "json").stdout) == []
    assert json.loads(invoke("deadlines", JM, "--kind", "notice", "-f", "json").stdout) == []


def test_bad_inputs_exit_2(invoke, tmp_path, isolated_settings):
    bad_date = invoke("deadlines", JM, "--as-of", "2017-13-01")
    assert bad_date.exit_code == 2 and "YYYY-MM-DD" in bad_date.output
    (isolated_settings / "inspect.toml").write_text("[deadlines]\nsoon = 3\n", encoding="utf-8")
    bad_config = invoke("deadlines", JM)
    assert bad_config.exit_code == 2 and bad_config.stderr.startswith("Error: ") and "unknown key 'soon'" in bad_config.stderr
    unknown = invoke("notices", "show", "荆法督〔2017〕1号")
    assert unknown.exit_code == 2


def test_config_sets_light_thresholds(invoke, isolated_settings):
    (isolated_settings / "inspect.toml").write_text("[deadlines]\nsoon_days = 400\n", encoding="utf-8")
    rows = json.loads(invoke("deadlines", JM, "--as-of", "2017-01-01", "--unit", "审批局", "-f", "json").stdout)
    assert {r["id"]: r["light"] for r in rows}["14"] == "yellow"


def test_notice_cli_lifecycle(invoke, tmp_path):
    answers = tmp_path / "a.toml"
    answers.write_text('[[answers]]\ntask = "1"\nstatus = "n"\nnote = "未公开"\n', encoding="utf-8")
    invoke("walk", JM, "--unit", "编办", "--inspector", "张三", "--date", "2017-03-01", "--answers", answers, "--finalize")
    issued = invoke("notices", "issue", "1", "--date", "2017-03-10", "--days", "30", "--code", "荆法督")
    assert issued.exit_code == 0 and issued.stdout.strip() == "荆法督〔2017〕1号"
    again = invoke("notices", "issue", "1", "--date", "2017-03-10")
    assert again.exit_code == 2 and "already issued" in again.stderr
    assert "reminder 1 recorded" in invoke("notices", "remind", "荆法督〔2017〕1号", "--date", "2017-04-01").stdout
    late = invoke("notices", "extend", "荆法督〔2017〕1号", "--to", "2017-06-01", "--reason", "x", "--date", "2017-04-10")
    assert late.exit_code == 2 and "must be asked by the deadline" in late.stderr
    no_evidence = invoke("notices", "close", "荆法督〔2017〕1号", "--by", "李四")
    assert no_evidence.exit_code == 2
    rows = json.loads(invoke("notices", "list", "--as-of", "2017-04-20", "--format", "json").stdout)
    assert rows[0]["number"] == "荆法督〔2017〕1号" and rows[0]["status"] == "overdue" and rows[0]["reminders"] == 1
    overdue = invoke("deadlines", "--kind", "notice", "--as-of", "2017-04-20", "--fail-on", "red", "-f", "json")
    assert overdue.exit_code == 1 and json.loads(overdue.stdout)[0]["days_left"] == -11
    shown = json.loads(invoke("notices", "show", "荆法督[2017]1号", "--format", "json").stdout)
    assert shown["due"] == "2017-04-09" and [s["kind"] for s in shown["steps"]] == ["issue", "remind"]
    header = invoke("notices", "list", "--status", "closed", "--format", "csv").stdout.splitlines()
    assert header == ["number,unit,issued_on,due,current_due,reply_due,status,reminders,escalation,closed_on,findings"]


def _spawn_deadlines(env_extra):
    env = {**os.environ, **env_extra}
    if "NO_COLOR" not in env_extra:
        env.pop("NO_COLOR", None)
    child = pexpect.spawn(sys.executable, ["-m", "inspect_cli", "deadlines", JM, "--as-of", "2017-01-01", "--unit", "审批局"],
                          env=env, encoding="utf-8", dimensions=(40, 120), timeout=30)
    child.expect(pexpect.EOF)
    return child.before


def test_table_is_coloured_on_a_terminal_unless_no_color(tmp_path):
    base = {"INSPECT_LEDGER": str(tmp_path / "l.db"), "INSPECT_CACHE": str(tmp_path / "cache")}
    assert "\x1b[" in _spawn_deadlines(base)
    assert "\x1b[" not in _spawn_deadlines({**base, "NO_COLOR": "1"})
