"""`inspect-cli notices …` through the CLI: the lifecycle, refusals, list formats."""

from __future__ import annotations

import json

import pytest

from conftest import JINGMEN_CHECKLIST

JM = str(JINGMEN_CHECKLIST)


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


def _finalized_units(invoke, tmp_path, units=("市编办", "市公安局")):
    answers = tmp_path / "a.toml"
    answers.write_text('[[answers]]\ntask = "1"\nstatus = "n"\nnote = "未公开"\n', encoding="utf-8")
    for unit in units:
        done = invoke("walk", JM, "--unit", unit, "--inspector", "张三", "--date", "2017-03-01", "--items", "1",
                      "--answers", answers, "--finalize")
        assert done.exit_code == 0, done.output


@pytest.mark.parametrize("code", ["荆 法督", "荆\u3000法督", "荆法督\n", "荆\x1b[D法督", "荆法督〔", "荆(法)督", "法督2", "", "<script>"])
def test_notice_code_with_blanks_controls_digits_or_brackets_is_refused(invoke, tmp_path, code):
    _finalized_units(invoke, tmp_path, ("市编办",))
    refused = invoke("notices", "issue", "1", "--date", "2017-03-10", "--code", code)
    assert refused.exit_code == 2 and refused.stderr.startswith("Error: notice code") and refused.stderr.count("\n") == 1
    assert invoke("notices", "list", "--status", "all", "-f", "json").stdout.strip() == "[]"


def test_notice_numbers_are_identities_looked_up_exactly(invoke, tmp_path):
    _finalized_units(invoke, tmp_path)
    assert invoke("notices", "issue", "1", "--date", "2017-03-10", "--code", "荆法督").stdout.strip() == "荆法督〔2017〕1号"
    # a number with a blank in its code names no notice: it never finds another unit's notice
    missing = invoke("notices", "close", "荆 法督〔2017〕1号", "--by", "李四", "--evidence", JM)
    assert missing.exit_code == 2 and "no notice 荆 法督〔2017〕1号" in missing.stderr
    shown = json.loads(invoke("notices", "show", " 荆法督(2017)01 ", "-f", "json").stdout)  # the documented normalisation
    assert shown["number"] == "荆法督〔2017〕1号" and shown["unit"] == "市编办"
