"""Records and notices as documents: Markdown from the shipped templates, hostile text kept inert, and .docx and
.xlsx files written by the writer registered for their kind and suffix."""

from __future__ import annotations

from datetime import date

import pytest
from markdown_it import MarkdownIt
from record_samples import inspect

from inspect_cli.core.inspections import select_tasks, start_inspection
from inspect_cli.core.notices import get_notice
from inspect_cli.core.records import build_record
from inspect_cli.exceptions import InputError
from inspect_cli.ledger.sqlite import SQLiteLedger
from inspect_cli.render.documents import (
    notice_markdown,
    record_markdown,
    refuse_office_suffix,
    write_document,
    writes_document,
)

HOSTILE = (
    "| pipes | in | a row |\n# a heading\n<script>alert(1)</script> **bold** `code` [link](http://x) "
    + "很长的一行" * 200
    + "\n\n- list\n> quote ___ ***"
)


@pytest.fixture
def ledger(tmp_path):
    with SQLiteLedger.open(tmp_path / "l.db") as opened:
        yield opened


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


def test_draft_record_says_so(ledger, jingmen):
    start_inspection(ledger, jingmen, "市编办", ["张三"], date(2017, 3, 1), "", select_tasks(jingmen, "市编办"))
    assert "草稿（第 1 版，未定稿）" in record_markdown(build_record(ledger, 1))
    assert "本次督察未下发督办通知书" in record_markdown(build_record(ledger, 1))


def test_notice_markdown_en(ledger, jingmen):
    inspect(ledger, jingmen, "缺")
    text = notice_markdown(get_notice(ledger, "荆法督〔2017〕1号"), ledger.inspection(1), lang="en")
    assert (
        text.startswith("# Supervision notice\n\n**荆法督〔2017〕1号**")
        and "Rectify by:** 2017-04-09 (30 days)" in text
    )


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


def test_which_documents_are_written_as_office_files():
    from pathlib import Path

    assert writes_document("notice", Path("通知.DOCX")) and writes_document("summary", Path("2017.xlsx"))
    assert not writes_document("notice", Path("通知.md")) and not writes_document("notice", None)
    assert not writes_document("notice", Path("通知.xlsx"))
    refuse_office_suffix("notice", Path("通知.md"), ".md, .docx")
    refuse_office_suffix("notice", None, ".md, .docx")
    with pytest.raises(InputError, match=r"通知.xlsx: this is not written as .xlsx; give a file name ending in .md"):
        refuse_office_suffix("notice", Path("通知.xlsx"), ".md, .docx")


def test_a_summary_page_names_its_units_and_results_in_the_documents_language(tmp_path, monkeypatch):
    from sample_year import AS_OF, build

    from inspect_cli.core.config import Config
    from inspect_cli.core.summary import year_summary
    from inspect_cli.render.documents import summary_markdown

    build(tmp_path, monkeypatch)
    with SQLiteLedger.open(tmp_path / "year.db") as ledger:
        summary = year_summary(ledger, 2017, Config(), date.fromisoformat(AS_OF), None)
    english, chinese = summary_markdown(summary, "en"), summary_markdown(summary, "zh")
    assert "(2 departments, 1 township, 1 subdistrict)" in english and "compliant" in english
    assert "2个部门" in chinese and "符合" in chinese and "department" not in chinese
