"""Every bad input the field has produced gets one `Error: …` line and exit 2 (3 only for storage), never a hang."""

from __future__ import annotations

import json
import os
import sqlite3
import zipfile

import pytest
from conftest import JINGMEN_CHECKLIST

JM = str(JINGMEN_CHECKLIST)
NUMBER = "荆法督〔2017〕1号"


def one_line(result, code: int = 2) -> str:
    assert result.exit_code == code, (result.exit_code, result.output)
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1, result.stderr
    return result.stderr


@pytest.fixture
def issued(invoke, tmp_path):
    """Inspection 1 of 市编办 finalized with one noncompliant finding, and its notice issued."""
    answers = tmp_path / "a.toml"
    answers.write_text('[[answers]]\ntask = "1"\nstatus = "n"\nnote = "未公开"\n', encoding="utf-8")
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
            "--items",
            "1",
            "--answers",
            answers,
            "--finalize",
        ).exit_code
        == 0
    )
    assert invoke("notices", "issue", "1", "--date", "2017-03-10", "--code", "荆法督").exit_code == 0
    return tmp_path


def _with_recurrence(tmp_path, rule: str):
    text = JINGMEN_CHECKLIST.read_text(encoding="utf-8")
    start = text.index('[[tasks]]\nid = "1"\n')
    text = text[:start] + text[start:].replace("due = 2016-12-31\n", "", 1)
    path = tmp_path / "recurring.toml"
    path.write_text(
        text.replace('[[tasks]]\nid = "1"\n', f'[[tasks]]\nid = "1"\nrecurrence = "{rule}"\n', 1), encoding="utf-8"
    )
    return path


@pytest.mark.parametrize(
    "args",
    [
        ("report", str(2**63)),
        ("inspections", "show", str(2**64)),
        ("notices", "issue", str(2**63)),
        ("inspections", "export", "0"),
    ],
)
def test_ids_past_the_sqlite_range(issued, invoke, args):
    assert "no inspection" in one_line(invoke(*args))


def test_issue_date_at_the_end_of_the_calendar(issued, invoke):
    for period in (("--days", "30"), ("--working-days", "30")):
        one_line(invoke("notices", "issue", "1", "--date", "9999-12-31", *period))


def test_huge_periods_and_item_ranges(issued, invoke):
    one_line(invoke("notices", "issue", "1", "--date", "2017-03-10", "--days", "99999999999"))
    walk = ("walk", JM, "--unit", "编办", "--inspector", "a", "--date", "2017-03-01", "--new", "--items")
    # a range is compared with the task ids, never enumerated: the widest one is as quick as 1-20
    assert "140 task(s)" in invoke(*walk, "1-99999999999").stdout
    for items in ("9" * 30, "99999999999-99999999999999"):
        one_line(invoke(*walk, items))


def test_truncated_utf16_and_garbage_docx_plans(invoke, tmp_path):
    truncated = tmp_path / "plan.txt"
    truncated.write_bytes("一、总体要求\n".encode("utf-16")[:-1])
    assert "plan.txt" in one_line(invoke("checklist", "import", truncated))
    garbage = tmp_path / "plan.docx"
    with zipfile.ZipFile(garbage, "w") as archive:
        archive.writestr("[Content_Types].xml", "<<not xml")
        archive.writestr("word/document.xml", "<w:document><<<")
    assert "not a readable .docx" in one_line(invoke("checklist", "import", garbage))


def test_deeply_nested_toml_json_and_html(invoke, tmp_path):
    deep = tmp_path / "deep.toml"
    deep.write_text("a = " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    assert "nest more than" in one_line(invoke("checklist", "show", deep))
    assert "nest more than" in one_line(invoke("walk", JM, "--unit", "编办", "--inspector", "a", "--answers", deep))
    assert "nest more than" in one_line(invoke("deadlines", JM, "--config", deep))
    deep_json = tmp_path / "deep.json"
    deep_json.write_text("{" + '"a":{' * 5000 + "}" * 5001, encoding="utf-8")
    assert "nest more than" in one_line(invoke("inspections", "import", deep_json))
    html = tmp_path / "plan.html"
    html.write_text("<html><body>" + "<div>" * 50000 + "x" + "</div>" * 50000 + "</body></html>", encoding="utf-8")
    assert "[limits] html_depth" in one_line(invoke("checklist", "import", html))


def test_oversized_plan_is_refused_before_reading(invoke, tmp_path):
    big = tmp_path / "plan.txt"
    with big.open("wb") as stream:
        stream.truncate(50 * 1024 * 1024)
    assert "more than the" in one_line(invoke("checklist", "import", big))


@pytest.mark.parametrize(
    "answers",
    [
        '[[answers]]\ntask = "1"\nstatus = "n"\nnote = "x"\n[[answers.evidence]]\nmethod = 1\ndescription = "d"\n',
        '[[answers]]\ntask = "1"\nstatus = "n"\nnote = "x"\nevidence = 5\n',
        "[[answers]]\ntask = 1\nstatus = 3\nnote = 4\n",
    ],
)
def test_answers_with_wrong_types(invoke, tmp_path, answers):
    path = tmp_path / "answers.toml"
    path.write_text(answers, encoding="utf-8")
    one_line(invoke("walk", JM, "--unit", "编办", "--inspector", "a", "--date", "2017-03-01", "--answers", path))


def test_unreadable_evidence_file(issued, invoke, monkeypatch):
    from pathlib import Path

    evidence = issued / "scan.pdf"
    evidence.write_bytes(b"%PDF")
    original = Path.open

    def denied(self, *args, **kwargs):
        if self.name == "scan.pdf":
            raise PermissionError(13, "Permission denied")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", denied)
    invoke("notices", "respond", NUMBER, "--text", "已整改", "--date", "2017-03-20")
    assert "Permission denied" in one_line(
        invoke("notices", "close", NUMBER, "--evidence", evidence, "--by", "李四", "--date", "2017-03-21")
    )


@pytest.mark.parametrize(
    "source, message",
    [
        ('{% include "x.j2" %}\n', "{% include %} is not allowed"),
        ('{% extends "base.j2" %}\n', "{% extends %} is not allowed"),
        ('{% import "m.j2" as m %}\n', "{% import %} is not allowed"),
        ("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}\n", "steps"),
        ('{{ "x" * 1000000000 }}\n', "steps"),
        ("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}\n", "calls itself"),
    ],
)
def test_user_templates_have_no_loader_and_a_step_limit(issued, invoke, source, message):
    template = issued / "mine.md.j2"
    template.write_text(source, encoding="utf-8")
    assert message in one_line(invoke("report", "1", "--template", template))


def test_recurrence_that_never_ends_or_repeats_by_the_second(invoke, tmp_path):
    for rule, message in (
        ("FREQ=YEARLY;INTERVAL=0", "INTERVAL must be"),
        ("FREQ=SECONDLY", "FREQ must be"),
        ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "no occurrence"),
    ):
        path = _with_recurrence(tmp_path, rule)
        assert message in invoke("checklist", "validate", path).output
        assert message in one_line(invoke("deadlines", path, "--as-of", "2017-03-01"))


def test_recurrence_without_a_future_occurrence_is_not_overdue_exit(invoke, tmp_path):
    path = _with_recurrence(tmp_path, "FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=30;UNTIL=20200101")
    result = invoke("deadlines", path, "--as-of", "2026-01-01", "--unit", "编办", "-f", "json")
    assert result.exit_code == 0, result.output
    assert any(row["id"] == "1" and row["due"] == "2019-06-30" for row in __import__("json").loads(result.stdout))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX feature")
def test_named_pipe_or_device_is_refused_not_waited_on(issued, invoke):
    fifo = issued / "pipe.toml"
    os.mkfifo(fifo)
    for args in (
        ("checklist", "show", fifo),
        ("checklist", "import", fifo),
        ("inspections", "import", fifo),
        ("walk", JM, "--unit", "编办", "--inspector", "a", "--answers", fifo),
        ("deadlines", JM, "--config", fifo),
        ("report", "1", "--template", fifo),
        ("notices", "respond", NUMBER, "--file", fifo),
        ("review", fifo),
        ("checklist", "show", "/dev/zero"),
    ):
        assert "not a regular file" in one_line(invoke(*args)), args


@pytest.mark.parametrize(
    "content, name",
    [
        ('{"unit": "市编办"}'.encode("gbk") + "编办".encode("gbk"), "export.json"),
        (b"PK\x03\x04\x00\x00binary", "export.docx"),
    ],
)
def test_inspections_import_of_gbk_or_docx(invoke, tmp_path, content, name):
    path = tmp_path / name
    path.write_bytes(content)
    assert name in one_line(invoke("inspections", "import", path))


def test_directory_given_as_a_file(invoke, tmp_path):
    for args in (
        ("checklist", "show", tmp_path),
        ("inspections", "import", tmp_path),
        ("walk", JM, "--unit", "编办", "--inspector", "a", "--answers", tmp_path),
    ):
        assert "is a directory" in one_line(invoke(*args))


def test_lock_folder_problem_is_a_storage_error(issued, invoke):
    (issued / ".ledger.db.locks").rename(issued / "moved")
    (issued / ".ledger.db.locks").write_text("a file where the lock folder goes", encoding="utf-8")
    assert "lock" in one_line(invoke("inspections", "reopen", "1", "--reason", "补充"), code=3)


def test_csv_export_neutralises_formulas(invoke, tmp_path):
    answers = tmp_path / "a.toml"
    answers.write_text(
        '[[answers]]\ntask = "1"\nstatus = "n"\nnote = "=HYPERLINK(\\"http://x\\",\\"点击\\")"\n', encoding="utf-8"
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
            "--items",
            "1",
            "--answers",
            answers,
            "--finalize",
        ).exit_code
        == 0
    )
    exported = invoke("ledger", "export", "--what", "results").stdout
    assert "'=HYPERLINK" in exported and ",=HYPERLINK" not in exported


def test_code_stored_by_an_earlier_version_is_escaped_in_markdown(issued, invoke):
    connection = sqlite3.connect(issued / "ledger.db", isolation_level=None)
    connection.execute("DROP TRIGGER notice_steps_are_append_only_update")  # re-seal below as an old ledger would be
    connection.close()
    from inspect_cli.ledger.sqlite import SQLiteLedger

    with SQLiteLedger.open(issued / "ledger.db") as ledger, ledger.transaction():
        ledger.update_notice(1, number="<script>\n# 法督〔2017〕1号")
    rendered = invoke("notices", "render", "<script>\n# 法督〔2017〕1号").stdout
    assert "<script>" not in rendered and "\n# 法督" not in rendered and "&lt;script&gt;" in rendered


def test_argument_that_is_not_utf8(tmp_path):
    import subprocess
    import sys

    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "inspect_cli",
            "inspections",
            "list",
            "--unit",
            b"\xff\xfe".decode("utf-8", "surrogateescape"),
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "INSPECT_LEDGER": str(tmp_path / "l.db")},
    )
    assert result.returncode == 2 and result.stderr.startswith("Error: argument") and result.stderr.count("\n") == 1


@pytest.mark.parametrize("as_of", ["0001-01-01", "0002-06-01", "9998-12-31", "9999-12-31"])
def test_a_recurring_task_judged_at_the_ends_of_the_calendar(invoke, tmp_path, as_of):
    # the window around the day once reached past year 1 or 9999 and ended in a traceback
    checked = invoke(
        "deadlines",
        _with_recurrence(tmp_path, "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=31"),
        "--as-of",
        as_of,
        "--format",
        "json",
    )
    assert checked.exit_code in (0, 1), checked.output
    assert any(row["id"] == "1" and row["kind"] == "task" for row in json.loads(checked.stdout)), checked.stdout[:500]
