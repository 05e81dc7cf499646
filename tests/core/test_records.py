"""Records gathered from the ledger: counts, groups worst first, overdue findings; the rows a ledger export lists."""

from __future__ import annotations

from datetime import date

import pytest
from record_samples import inspect

from inspect_cli.core.records import build_record, notice_rows, result_rows
from inspect_cli.ledger.sqlite import SQLiteLedger
from inspect_cli.render.documents import record_markdown


@pytest.fixture
def ledger(tmp_path):
    with SQLiteLedger.open(tmp_path / "l.db") as opened:
        yield opened


def test_record_contents(ledger, jingmen):
    inspect(ledger, jingmen, "缺少材料")
    record = build_record(ledger, 1)
    assert record.total == 16 and [c.count for c in record.counts] == [1, 1, 13, 0, 1]
    assert [g.count.status for g in record.groups] == ["noncompliant", "partial", "not_reviewed", "compliant"]
    # task 11 was never answered: its deadline had passed, but the record does not call it unfinished
    assert [f.task_id for f in record.overdue] == ["1", "2"] and record.checked == 3
    text = record_markdown(build_record(ledger, 1))
    assert "本次涉及任务 16 项，已检查 3 项：" in text and "未完成的任务 2 项：（1）（2）。" in text
    assert text.startswith("# 实地督察情况报告")
    assert "| 督察人员 | 张三、李四 |" in text and "已定稿（第 1 版，内容哈希" in text
    assert "```mermaid\npie title 检查结果" in text
    assert "### 督办通知书\n\n**荆法督〔2017〕1号**" in text
    assert text.index("### 不符合") < text.index("### 基本符合") < text.index("### 符合")
    english = record_markdown(build_record(ledger, 1), lang="en")
    assert english.startswith("# On-site inspection record") and "### Noncompliant (1)" in english
    assert "16 tasks, 3 checked: " in english and "not done: 2: (1) (2)." in english


def test_export_rows_and_filters(ledger, jingmen):
    inspect(ledger, jingmen, "缺")
    rows = notice_rows(ledger, None, None, None)
    assert [(r.notice, r.task_id, r.problem, r.deadline, r.state) for r in rows] == [
        ("荆法督〔2017〕1号", "1", "缺", date(2017, 4, 9), "open"),
        ("荆法督〔2017〕1号", "2", "缺", date(2017, 4, 9), "open"),
    ]
    assert notice_rows(ledger, None, date(2017, 4, 1), None) == []
    assert notice_rows(ledger, "市人社局", None, None) == []
    results = result_rows(ledger, "市编办", None, date(2017, 12, 31))
    assert len(results) == 16 and results[0].status == "noncompliant" and results[0].evidence == 1
