"""Records and notices as documents: escaping, the .docx notice, templates and the sandbox, ledger export."""

from __future__ import annotations

from datetime import date

import pytest
from markdown_it import MarkdownIt

from inspect_cli.core.config import Config
from inspect_cli.core.inspections import finalize, make_evidence, record_answer, select_tasks, start_inspection
from inspect_cli.core.notices import get_notice, issue_notice
from inspect_cli.core.records import build_record, notice_rows, result_rows
from inspect_cli.domain.models import Status
from inspect_cli.exceptions import InputError
from inspect_cli.ledger.sqlite import SQLiteLedger
from inspect_cli.render.documents import notice_markdown, record_markdown, write_document

HOSTILE = (
    "| pipes | in | a row |\n# a heading\n<script>alert(1)</script> **bold** `code` [link](http://x) "
    + "很长的一行" * 200
    + "\n\n- list\n> quote ___ ***"
)


@pytest.fixture
def ledger(tmp_path):
    with SQLiteLedger.open(tmp_path / "l.db") as opened:
        yield opened


def inspect(ledger, jingmen, note, unit="市编办", place="会议室"):
    inspection = start_inspection(
        ledger, jingmen, unit, ["张三", "李四"], date(2017, 3, 1), place, select_tasks(jingmen, unit)
    )
    tasks = [t.task_id for t in ledger.tasks(inspection.id)]
    record_answer(
        ledger, inspection.id, tasks[0], Status.noncompliant, note, "张三", (make_evidence("查阅资料", note),)
    )
    record_answer(ledger, inspection.id, tasks[1], Status.partial, note, "张三")
    record_answer(ledger, inspection.id, tasks[2], Status.compliant, "", "张三")
    finalize(ledger, inspection.id, "张三")
    issue_notice(ledger, inspection.id, Config(code="荆法督"), "张三", date(2017, 3, 10))
    return inspection


def structure(markdown: str) -> tuple[int, int, int]:
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    rows = sum(1 for t in tokens if t.type == "tr_open")
    headings = sum(1 for t in tokens if t.type == "heading_open")
    html = sum(1 for t in tokens if t.type in ("html_block", "html_inline"))
    return rows, headings, html


def test_hostile_text_never_breaks_the_layout(tmp_path, jingmen):
    with SQLiteLedger.open(tmp_path / "clean.db") as clean, SQLiteLedger.open(tmp_path / "hostile.db") as hostile:
        inspect(clean, jingmen, "缺少材料")
        inspect(hostile, jingmen, HOSTILE, place="<b>|#|</b>")
        clean_md, hostile_md = record_markdown(build_record(clean, 1)), record_markdown(build_record(hostile, 1))
    assert structure(clean_md) == structure(hostile_md)
    assert structure(hostile_md)[2] == 0  # no raw HTML gets through
    assert "<script>" not in hostile_md and "&lt;script&gt;" in hostile_md


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


def test_draft_record_says_so(ledger, jingmen):
    start_inspection(ledger, jingmen, "市编办", ["张三"], date(2017, 3, 1), "", select_tasks(jingmen, "市编办"))
    assert "草稿（第 1 版，未定稿）" in record_markdown(build_record(ledger, 1))
    assert "本次督察未下发督办通知书" in record_markdown(build_record(ledger, 1))


def test_docx_notice_reopens_with_number_unit_and_findings(tmp_path, ledger, jingmen):
    import docx
    from docx.shared import Cm

    inspect(ledger, jingmen, "目录未公开")
    path = tmp_path / "notice.docx"
    from inspect_cli.core.config import Office

    notice = get_notice(ledger, "荆法督〔2017〕1号")
    # no [office] configured: the red header names the notice's issuer
    write_document("notice", path, notice, ledger.inspection(1), Office())
    document = docx.Document(path)
    texts = [p.text for p in document.paragraphs if p.text]
    assert texts[:4] == [notice.issuer, "荆法督〔2017〕1号", "督办通知书", "市编办："]
    for finding in get_notice(ledger, "荆法督〔2017〕1号").findings:
        assert any(finding.task_text in t for t in texts) and any(finding.found in t for t in texts)
    assert document.paragraphs[0].alignment == 1  # centred
    section = document.sections[0]
    assert abs(section.page_width - Cm(21)) < Cm(0.01) and abs(section.page_height - Cm(29.7)) < Cm(0.01)
    fonts = {
        r.element.rPr.rFonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia")
        for p in document.paragraphs
        for r in p.runs
    }
    assert "仿宋_GB2312" in fonts


def test_user_template_and_sandbox(tmp_path, ledger, jingmen):
    inspect(ledger, jingmen, "缺")
    own = tmp_path / "mine.md.j2"
    own.write_text("单位：{{ record.inspection.unit }}，共 {{ record.total }} 项\n", encoding="utf-8")
    assert record_markdown(build_record(ledger, 1), template=own) == "单位：市编办，共 16 项\n"
    evil = tmp_path / "evil.md.j2"
    evil.write_text("ok\n{{ record.__class__.__mro__[1].__subclasses__() }}\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"evil.md.j2:2: refused by the template sandbox"):
        record_markdown(build_record(ledger, 1), template=evil)
    evil.write_text("{{ ''.__class__.__base__.__subclasses__() }}", encoding="utf-8")
    with pytest.raises(InputError, match="sandbox"):
        record_markdown(build_record(ledger, 1), template=evil)
    broken = tmp_path / "broken.md.j2"
    broken.write_text("line one\n{% for x in %}\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"broken.md.j2:2: template syntax error"):
        record_markdown(build_record(ledger, 1), template=broken)
    unknown = tmp_path / "unknown.md.j2"
    unknown.write_text("{{ nothing.here }}", encoding="utf-8")
    with pytest.raises(InputError, match=r"unknown.md.j2:1: template error: 'nothing' is undefined"):
        record_markdown(build_record(ledger, 1), template=unknown)


def test_notice_markdown_en(ledger, jingmen):
    inspect(ledger, jingmen, "缺")
    text = notice_markdown(get_notice(ledger, "荆法督〔2017〕1号"), ledger.inspection(1), lang="en")
    assert (
        text.startswith("# Supervision notice\n\n**荆法督〔2017〕1号**")
        and "Rectify by:** 2017-04-09 (30 days)" in text
    )


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
