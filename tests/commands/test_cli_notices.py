"""`inspect-cli notices …` through the CLI: the lifecycle, refusals, list formats."""

from __future__ import annotations

import json

import pytest
from conftest import JINGMEN_CHECKLIST

JM = str(JINGMEN_CHECKLIST)


def test_notice_cli_lifecycle(invoke, tmp_path):
    answers = tmp_path / "a.toml"
    answers.write_text('[[answers]]\ntask = "1"\nstatus = "n"\nnote = "未公开"\n', encoding="utf-8")
    invoke(
        "walk", JM, "--unit", "编办", "--inspector", "张三", "--date", "2017-03-01", "--answers", answers, "--finalize"
    )
    issued = invoke("notices", "issue", "1", "--date", "2017-03-10", "--days", "30", "--code", "荆法督")
    assert issued.exit_code == 0 and issued.stdout.strip() == "荆法督〔2017〕1号"
    again = invoke("notices", "issue", "1", "--date", "2017-03-10")
    assert again.exit_code == 2 and "already issued" in again.stderr
    assert "reminder 1 recorded" in invoke("notices", "remind", "荆法督〔2017〕1号", "--date", "2017-04-01").stdout
    late = invoke(
        "notices", "extend", "荆法督〔2017〕1号", "--to", "2017-06-01", "--reason", "x", "--date", "2017-04-10"
    )
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


def test_list_and_ledger_export_find_a_unit_by_a_unique_part(invoke, tmp_path, monkeypatch):
    import csv
    import io

    from sample_pipeline import generate

    generate(tmp_path, monkeypatch)
    monkeypatch.setenv(
        "INSPECT_LANG", "en"
    )  # the worked example is made in Chinese; the messages below are read in English
    listed = invoke("notices", "list", "--unit", "编办", "--status", "all", "--format", "json")
    assert [row["unit"] for row in json.loads(listed.stdout)] == ["市编办"]
    exported = invoke("ledger", "export", "--unit", "编办")
    rows = list(csv.DictReader(io.StringIO(exported.stdout)))
    assert rows and {row["unit"] for row in rows} == {"市编办"}
    none = invoke("notices", "list", "--unit", "气象局", "--status", "all")
    assert none.exit_code == 0 and none.stderr == "No notices match --unit 气象局 --status all.\n"
    empty = invoke("ledger", "export", "--unit", "气象局")
    assert empty.stderr == "No notices match --unit 气象局.\n"


def _issued(invoke, tmp_path, on="2017-03-10"):
    answers = tmp_path / "a.toml"
    answers.write_text('[[answers]]\ntask = "1"\nstatus = "n"\nnote = "未公开"\n', encoding="utf-8")
    invoke(
        "walk", JM, "--unit", "编办", "--inspector", "张三", "--date", "2017-03-01", "--answers", answers, "--finalize"
    )
    return invoke("notices", "issue", "1", "--date", on, "--days", "30", "--code", "荆法督")


def test_a_notice_is_not_dated_before_its_inspection_nor_a_step_before_the_notice(invoke, tmp_path):
    early = _issued(invoke, tmp_path, on="2017-02-20")
    assert early.exit_code == 2 and "is before inspection 1 took place (2017-03-01)" in early.stderr
    assert _issued(invoke, tmp_path).exit_code == 0
    before = invoke("notices", "remind", "荆法督〔2017〕1号", "--date", "2017-03-05")
    assert before.exit_code == 2 and "before the notice was issued (2017-03-10)" in before.stderr


def test_escalation_goes_up_only(invoke, tmp_path):
    _issued(invoke, tmp_path)
    number = "荆法督〔2017〕1号"
    assert invoke("notices", "escalate", number, "--to", "挂牌督办", "--date", "2017-04-20").exit_code == 0
    down = invoke("notices", "escalate", number, "--to", "约谈", "--date", "2017-04-21")
    assert down.exit_code == 2 and "already escalated to listed supervision; escalation goes up only" in down.stderr
    assert invoke("notices", "escalate", number, "--to", "通报", "--date", "2017-04-22").exit_code == 0


def test_close_defaults_by_to_the_login_name_and_show_prints_no_python_values(invoke, tmp_path, monkeypatch):
    import getpass

    _issued(invoke, tmp_path)
    number = "荆法督〔2017〕1号"
    proof = tmp_path / "复查记录.pdf"
    proof.write_bytes(b"%PDF-1.4 proof")
    invoke("notices", "respond", number, "--text", "已整改\x1b[31m，见附件\x00", "--date", "2017-04-01")
    closed = invoke("notices", "close", number, "--evidence", proof, "--date", "2017-04-02")
    assert closed.exit_code == 0 and f"by {getpass.getuser()}" in closed.stdout
    shown = invoke("notices", "show", number).stdout
    assert "{" not in shown and "[" not in shown.replace("[closed]", "") and "'" not in shown
    assert "reply: 已整改，见附件" in shown and "复查记录.pdf" in shown


def test_render_refuses_a_suffix_it_cannot_write(invoke, tmp_path):
    _issued(invoke, tmp_path)
    target = tmp_path / "x.pdf"
    result = invoke("notices", "render", "荆法督〔2017〕1号", "-o", target)
    assert result.exit_code == 2 and "written as Markdown (.md) or Word (.docx)" in result.stderr
    assert not target.exists()


@pytest.mark.slow
def test_ledger_tables_fit_80_and_60_columns(tmp_path, monkeypatch):
    import os
    import subprocess
    import sys

    from sample_pipeline import NUMBER, generate
    from wcwidth import wcswidth

    generate(tmp_path, monkeypatch)
    commands = [
        ["notices", "list", "--status", "all"],
        ["inspections", "list"],
        ["deadlines", JM, "--as-of", "2017-12-01"],
        ["inspections", "show", "1"],
    ]
    for width, language in ((60, "en"), (80, "en"), (60, "zh"), (80, "zh")):
        env = {**os.environ, "COLUMNS": str(width), "INSPECT_LANG": language}
        for args in commands:
            run = subprocess.run(
                [sys.executable, "-m", "inspect_cli", *args],
                capture_output=True,
                text=True,
                env=env,
                timeout=120,
                check=False,
            )
            assert run.returncode == 0, run.stderr
            table = [line for line in run.stdout.splitlines() if not line.startswith(("Content hash", "内容哈希"))]
            assert max(wcswidth(line) for line in table) <= width, (width, args, run.stdout)
            if args[0] == "notices":
                assert NUMBER in run.stdout and "2017-03-10" in run.stdout


def _finalized_units(invoke, tmp_path, units=("市编办", "市公安局")):
    answers = tmp_path / "a.toml"
    answers.write_text('[[answers]]\ntask = "1"\nstatus = "n"\nnote = "未公开"\n', encoding="utf-8")
    for unit in units:
        done = invoke(
            "walk",
            JM,
            "--unit",
            unit,
            "--inspector",
            "张三",
            "--date",
            "2017-03-01",
            "--items",
            "1",
            "--answers",
            answers,
            "--finalize",
        )
        assert done.exit_code == 0, done.output


@pytest.mark.parametrize(
    "code", ["荆 法督", "荆\u3000法督", "荆法督\n", "荆\x1b[D法督", "荆法督〔", "荆(法)督", "法督2", "", "<script>"]
)
def test_notice_code_with_blanks_controls_digits_or_brackets_is_refused(invoke, tmp_path, code):
    _finalized_units(invoke, tmp_path, ("市编办",))
    refused = invoke("notices", "issue", "1", "--date", "2017-03-10", "--code", code)
    assert (
        refused.exit_code == 2 and refused.stderr.startswith("Error: notice code") and refused.stderr.count("\n") == 1
    )
    assert invoke("notices", "list", "--status", "all", "-f", "json").stdout.strip() == "[]"


def test_notice_numbers_are_identities_looked_up_exactly(invoke, tmp_path):
    _finalized_units(invoke, tmp_path)
    assert (
        invoke("notices", "issue", "1", "--date", "2017-03-10", "--code", "荆法督").stdout.strip()
        == "荆法督〔2017〕1号"
    )
    # a number with a blank in its code names no notice: it never finds another unit's notice
    missing = invoke("notices", "close", "荆 法督〔2017〕1号", "--by", "李四", "--evidence", JM)
    assert missing.exit_code == 2 and "no notice 荆 法督〔2017〕1号" in missing.stderr
    shown = json.loads(
        invoke("notices", "show", " 荆法督(2017)01 ", "-f", "json").stdout
    )  # the documented normalisation
    assert shown["number"] == "荆法督〔2017〕1号" and shown["unit"] == "市编办"


def _office_notices(path, count: int) -> None:
    """`count` notices with an issue step each and a reminder on every third, written through the ledger."""
    from datetime import date, timedelta

    from inspect_cli.ledger import open_location

    findings = json.dumps(
        [{"task_id": "1", "task_text": "任务", "status": "noncompliant", "found": "缺", "evidence": []}],
        ensure_ascii=False,
    )
    with open_location(path) as ledger, ledger.transaction():
        for n in range(count):
            issued = date(2017, 1, 1) + timedelta(days=n)
            notice_id = ledger.insert_notice(
                {
                    "number": f"督〔2017〕{n + 1}号",
                    "code": "督",
                    "year": 2017,
                    "serial": n + 1,
                    "issuer": "办",
                    "issued_on": issued.isoformat(),
                    "unit": f"单位{n % 7}",
                    "inspection_id": None,
                    "requirement": "整改",
                    "findings": findings,
                    "due": (issued + timedelta(days=30)).isoformat(),
                    "current_due": (issued + timedelta(days=30)).isoformat(),
                    "counting": "days",
                    "period": 30,
                    "reply_due": (issued + timedelta(days=21)).isoformat(),
                    "created_at": "2017-01-01T09:00:00+08:00",
                    "state": "closed" if n % 2 else "open",
                }
            )
            ledger.add_notice_step(notice_id, "issue", issued, "张三", {}, "2017-01-01T09:00:00+08:00")
            if n % 3 == 0:
                ledger.add_notice_step(
                    notice_id, "remind", issued + timedelta(days=5), "张三", {}, "2017-01-06T09:00:00+08:00"
                )


@pytest.mark.parametrize("status", ["all", "open", "closed"])
def test_notices_list_reads_a_constant_number_of_queries_however_many_notices(invoke, tmp_path, monkeypatch, status):
    import sqlite3

    connect = sqlite3.connect

    def traced(statements):
        def open_traced(*args, **kwargs):
            connection = connect(*args, **kwargs)
            connection.set_trace_callback(statements.append)
            return connection

        return open_traced

    counts = {}
    for count in (4, 40):
        path = tmp_path / f"office-{count}.db"
        _office_notices(path, count)
        statements: list[str] = []
        monkeypatch.setattr(sqlite3, "connect", traced(statements))
        listed = invoke("--ledger", path, "notices", "list", "--status", status, "--format", "json")
        monkeypatch.setattr(sqlite3, "connect", connect)
        assert listed.exit_code == 0, listed.stderr
        rows = json.loads(listed.stdout)
        expected = {"all": count, "open": count // 2, "closed": count // 2}[status]
        assert len(rows) == expected
        for row in rows:  # the steps read in the one batch land on their own notices
            serial = int(row["number"].split("〕")[1].rstrip("号"))
            assert row["reminders"] == (1 if (serial - 1) % 3 == 0 else 0)
        counts[count] = len([s for s in statements if s.lstrip().upper().startswith("SELECT")])
    assert counts[4] == counts[40] and counts[4] <= 8


def test_notices_list_streams_every_format_alike(invoke, tmp_path):
    import csv
    import io

    _office_notices(tmp_path / "ledger.db", 25)
    as_json = json.loads(invoke("notices", "list", "--status", "all", "--format", "json").stdout)
    as_csv = list(csv.DictReader(io.StringIO(invoke("notices", "list", "--status", "all", "--format", "csv").stdout)))
    table = invoke("notices", "list", "--status", "all").stdout
    assert (
        [row["number"] for row in as_json]
        == [row["number"] for row in as_csv]
        == [f"督〔2017〕{n}号" for n in range(1, 26)]
    )
    assert all(row["number"] in table for row in as_json)


def test_as_of_shows_the_notices_as_they_stood_that_day(invoke, tmp_path):
    """A 2017 notice closed in 2017 and a 2026 notice: in the past, the later notice is absent and a notice closed
    afterwards is open; an extension asked later has not moved its deadline."""
    answers = tmp_path / "a.toml"
    answers.write_text('[[answers]]\ntask = "1"\nstatus = "n"\nnote = "未公开"\n', encoding="utf-8")
    evidence = tmp_path / "复查记录.txt"
    evidence.write_text("已整改", encoding="utf-8")
    for on in ("2017-03-01", "2026-03-01"):
        assert (
            invoke(
                "walk",
                JM,
                "--unit",
                "编办",
                "--inspector",
                "张三",
                "--date",
                on,
                "--answers",
                answers,
                "--finalize",
                "--new",
            ).exit_code
            == 0
        )
    old, new = "荆法督〔2017〕1号", "荆法督〔2026〕1号"
    assert invoke("notices", "issue", "1", "--date", "2017-03-10", "--days", "30", "--code", "荆法督").exit_code == 0
    assert (
        invoke(
            "notices", "extend", old, "--to", "2017-05-31", "--reason", "需市政府审定", "--date", "2017-04-05"
        ).exit_code
        == 0
    )
    assert invoke("notices", "respond", old, "--text", "已整改", "--date", "2017-05-20").exit_code == 0
    assert (
        invoke("notices", "close", old, "--evidence", evidence, "--by", "李四", "--date", "2017-05-30").exit_code == 0
    )
    assert invoke("notices", "issue", "2", "--date", "2026-03-10", "--days", "30", "--code", "荆法督").exit_code == 0

    def listed(as_of: str) -> dict:
        rows = json.loads(invoke("notices", "list", "--status", "all", "--as-of", as_of, "--format", "json").stdout)
        return {row["number"]: row for row in rows}

    assert listed("2017-01-01") == {}
    before_the_extension = listed("2017-04-01")
    assert list(before_the_extension) == [old]
    assert (before_the_extension[old]["status"], before_the_extension[old]["current_due"]) == ("open", "2017-04-09")
    extended = listed("2017-04-20")[old]
    assert (extended["status"], extended["current_due"], extended["closed_on"]) == ("open", "2017-05-31", None)
    assert listed("2019-12-01")[old]["status"] == "closed" and new not in listed("2019-12-01")
    assert set(listed("2026-04-01")) == {old, new}

    def due_rows(as_of: str) -> list:
        return [
            (row["id"], row["state"], row["days_left"])
            for row in json.loads(invoke("deadlines", "--kind", "notice", "--as-of", as_of, "--format", "json").stdout)
        ]

    assert due_rows("2016-12-01") == []
    assert due_rows("2017-04-20") == [(old, "open", 41)]
    assert due_rows("2019-12-01") == []  # the 2017 notice is closed, the 2026 one not issued yet
    assert due_rows("2026-04-20") == [(new, "overdue", -11)]


def _issued_with_a_partial_finding(invoke, tmp_path) -> str:
    answers = tmp_path / "a.toml"
    answers.write_text(
        '[[answers]]\ntask = "1"\nstatus = "n"\nnote = "未公开"\n\n'
        '[[answers]]\ntask = "2"\nstatus = "p"\nnote = "仍有5项未下放"\n',
        encoding="utf-8",
    )
    assert (
        invoke(
            "walk",
            JM,
            "--unit",
            "编办",
            "--inspector",
            "张三",
            "--date",
            "2017-03-01",
            "--answers",
            answers,
            "--finalize",
        ).exit_code
        == 0
    )
    return invoke("notices", "issue", "1", "--date", "2017-03-10", "--days", "30", "--code", "荆法督").stdout.strip()


def test_the_written_report_is_never_due_before_the_rectification(invoke, tmp_path):
    number = _issued_with_a_partial_finding(invoke, tmp_path)
    shown = json.loads(invoke("notices", "show", number, "--format", "json").stdout)
    # 15 working days from 10 March 2017 is 31 March, before the rectification deadline of 9 April
    assert (shown["due"], shown["reply_due"]) == ("2017-04-09", "2017-04-09")


def test_a_partial_finding_is_not_called_a_breach(invoke, tmp_path):
    from docx import Document

    number = _issued_with_a_partial_finding(invoke, tmp_path)
    markdown = invoke("--lang", "zh", "notices", "render", number).stdout
    assert "1. 违反任务（1）" in markdown and "2. 未完全落实任务（2）" in markdown and "违反任务（2）" not in markdown
    assert invoke("--lang", "zh", "notices", "render", number, "-o", tmp_path / "n.docx").exit_code == 0
    text = [paragraph.text for paragraph in Document(str(tmp_path / "n.docx")).paragraphs]
    assert any("未完全落实任务（2）" in line for line in text) and any("违反任务（1）" in line for line in text)
    assert not any("违反任务（2）" in line for line in text)


@pytest.mark.parametrize("rule, light", [("inspection", "red"), ("close-out", "green")])
def test_the_office_chooses_whether_a_close_out_rectifies_the_tasks(invoke, tmp_path, rule, light):
    number = _issued_with_a_partial_finding(invoke, tmp_path)
    evidence = tmp_path / "复查记录.txt"
    evidence.write_text("已整改", encoding="utf-8")
    assert invoke("notices", "respond", number, "--text", "已整改", "--date", "2017-04-01").exit_code == 0
    assert (
        invoke("notices", "close", number, "--evidence", evidence, "--by", "李四", "--date", "2017-04-05").exit_code
        == 0
    )
    (tmp_path / "inspect.toml").write_text(f'[deadlines]\nrectified = "{rule}"\n', encoding="utf-8")

    def task_rows(as_of: str) -> dict:
        rows = json.loads(invoke("deadlines", JM, "--unit", "编办", "--as-of", as_of, "--format", "json").stdout)
        return {row["id"]: row for row in rows if row["kind"] == "task" and row["id"] in ("1", "2")}

    after = task_rows("2017-12-01")  # task 1 was due in 2016: overdue unless the close-out rectified it
    assert after["1"]["light"] == light and after["1"]["state"] == ("overdue" if rule == "inspection" else "done")
    assert task_rows("2017-04-01")["1"]["state"] == "overdue"  # before the close-out the finding stands
    refused = invoke("deadlines", JM, "--as-of", "2017-12-01")
    assert refused.exit_code == 0
    (tmp_path / "inspect.toml").write_text('[deadlines]\nrectified = "closed"\n', encoding="utf-8")
    bad = invoke("deadlines", JM)
    assert bad.exit_code == 2 and "inspection or close-out" in bad.stderr


@pytest.mark.parametrize("language, source", [("zh", "2017 年官方日历"), ("en", "official calendar for 2017")])
def test_the_issue_line_names_the_calendar_in_the_interface_language(invoke, tmp_path, language, source):
    answers = tmp_path / "a.toml"
    answers.write_text('[[answers]]\ntask = "1"\nstatus = "n"\nnote = "未公开"\n', encoding="utf-8")
    invoke(
        "walk", JM, "--unit", "编办", "--inspector", "张三", "--date", "2017-03-01", "--answers", answers, "--finalize"
    )
    issued = invoke(
        "--lang", language, "notices", "issue", "1", "--date", "2017-03-10", "--days", "30", "--code", "荆法督"
    )
    assert issued.exit_code == 0 and source in issued.stderr
    assert language == "en" or "official" not in issued.stderr
