"""The inspection record .docx read back: header table, figures, findings worst first with evidence hashes, notices,
content hash, signature block, 第 N 页 共 M 页; English in the same layout."""

from __future__ import annotations

import docx
import pytest
import sample_pipeline
from document_facts import W, field_codes

MM = 36000


@pytest.fixture(scope="module")
def records(produced, tmp_path_factory):
    """The sample record in Chinese (the golden run's) and in English."""
    from typer.testing import CliRunner

    from inspect_cli.cli import app

    english = tmp_path_factory.mktemp("english") / "record.docx"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("INSPECT_LEDGER", str(produced["record.docx"].parent / "ledger.db"))
        patch.setenv("INSPECT_NOW", "2017-03-01T09:00:00+08:00")
        result = CliRunner().invoke(app, ["report", "1", "--lang", "en", "-o", str(english)])
    assert result.exit_code == 0, result.output
    return {"zh": docx.Document(str(produced["record.docx"])), "en": docx.Document(str(english))}


def test_header_table_names_unit_basis_with_hash_inspectors_date_place_method(records):
    header = {row.cells[0].text: row.cells[1].text for row in records["zh"].tables[0].rows}
    assert header["被督察单位"] == "市编办" and header["督察人员"] == "张三、李四"
    assert header["督察日期"] == "2017年3月1日" and header["督察地点"] == "市编办三楼会议室"
    assert header["督察方式"] == "查阅资料、座谈、实地查看"
    assert "荆门市法治政府建设实施方案" in header["督察依据"]
    assert "sha256 26371bc38ab8c792" in header["督察依据"]  # the checklist's full hash, as in record.md
    assert len(header["督察依据"].split("sha256 ")[1].rstrip("）")) == 64


def test_summary_figures_and_counts(records):
    text = "\n".join(p.text for p in records["zh"].paragraphs)
    assert "本次涉及任务 16 项，已检查 15 项：不符合 2 项（12.5%）" in text
    counts = [[cell.text for cell in row.cells] for row in records["zh"].tables[1].rows]
    assert counts[0] == ["结果", "项数", "占比"] and ["符合", "10", "62.5%"] in counts


def test_findings_worst_first_with_evidence_file_hashes(records):
    table = records["zh"].tables[2]
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows[0] == ["任务", "结果", "发现问题", "证据"]
    order = ["不符合", "基本符合", "未检查", "不适用", "符合"]
    results = [row[1] for row in rows[1:]]
    assert results == sorted(results, key=order.index) and len(results) == 16
    first = rows[1]
    assert first[0].startswith("（1）建立行政审批事项目录清单") and first[2].startswith("目录清单已编制但未向社会公开")
    assert "catalogue-binder.jpg sha256 5bfe777b68f8f4e1284566a3cb2a6feec68bf21d521c077b438ad4f1956742a3" in first[3]
    # the title row repeats on every page the table runs to
    assert table.rows[0]._tr.trPr.find(f"{W}tblHeader") is not None


def test_notices_issued_and_content_hash(records):
    text = "\n".join(p.text for p in records["zh"].paragraphs)
    assert "荆法督〔2017〕1号：2017年3月10日签发，问题 4 项，整改期限2017年4月9日" in text
    assert "内容哈希（sha256）：1a5284dba07bbde78ad95b82eca00378bbbdb3b9d920037231ba6b3c5038a406" in text


def test_signature_block_for_inspectors_and_the_unit(records):
    table = records["zh"].tables[-1]
    signatures = [[cell.text for cell in row.cells] for row in table.rows]
    assert signatures == [
        ["督察人员 张三（签字）：", "", "日期：　　年　月　日"],
        ["督察人员 李四（签字）：", "", "日期：　　年　月　日"],
        ["被督察单位负责人（签字）：", "", "日期：　　年　月　日"],
        ["被督察单位（盖章）：", "", ""],
    ]
    # a line to sign on beside each name, and the seal's row tall enough for a seal
    for row in table.rows[:3]:
        assert row.cells[1]._tc.tcPr.find(f"{W}tcBorders").find(f"{W}bottom").get(f"{W}val") == "single"
    assert table.rows[3].height / MM >= 30
    heading = next(p for p in records["zh"].paragraphs if p.text == "四、签字")
    assert heading.paragraph_format.keep_with_next


def test_page_field_reads_page_n_of_m(records):
    footer = records["zh"].sections[0].footer
    assert field_codes(footer._element) == ["PAGE", "NUMPAGES"]
    assert footer.paragraphs[0].text == "第 1 页 共 1 页"
    assert records["en"].sections[0].footer.paragraphs[0].text == "Page 1 of 1"


def test_record_page_is_the_standard_page(records):
    section = records["zh"].sections[0]
    assert abs(section.page_width / MM - 210) < 1 and abs(section.top_margin / MM - 37) < 1
    assert abs(section.left_margin / MM - 28) < 1
    title = records["zh"].paragraphs[0]
    assert title.text == "实地督察情况报告" and title.runs[0].font.size.pt == 22


def test_english_record_in_the_same_layout(records):
    zh, en = records["zh"], records["en"]
    assert [len(t.rows) for t in zh.tables] == [len(t.rows) for t in en.tables]
    assert [len(t.columns) for t in zh.tables] == [len(t.columns) for t in en.tables]
    header = {row.cells[0].text: row.cells[1].text for row in en.tables[0].rows}
    assert header["Inspected unit"] == "市编办" and header["Date of the inspection"] == "2017-03-01"
    assert en.paragraphs[0].text == "On-site Inspection Record"
    assert [[c.text for c in en.tables[2].rows[0].cells]] == [["Task", "Result", "Finding", "Evidence"]]
    assert en.tables[2].rows[1].cells[1].text == "Noncompliant"
    text = "\n".join(p.text for p in en.paragraphs)
    assert "荆法督〔2017〕1号: issued 2017-03-10, 4 finding(s)" in text and "页" not in text


def test_same_inspection_gives_the_same_bytes(produced, invoke, tmp_path, monkeypatch):
    monkeypatch.setenv("INSPECT_LEDGER", str(produced["record.docx"].parent / "ledger.db"))
    first, second = tmp_path / "a.docx", tmp_path / "b.docx"
    for out in (first, second):
        assert invoke("report", "1", "--lang", "zh", "-o", out).exit_code == 0
    assert first.read_bytes() == second.read_bytes() == produced["record.docx"].read_bytes()


def test_markdown_record_unchanged_by_a_docx_suffix_elsewhere(produced, invoke, tmp_path, monkeypatch):
    monkeypatch.setenv("INSPECT_LEDGER", str(produced["record.docx"].parent / "ledger.db"))
    monkeypatch.setenv("INSPECT_LANG", "zh")
    out = tmp_path / "记录.md"
    assert invoke("report", "1", "-o", out).exit_code == 0
    assert out.read_text(encoding="utf-8") == (sample_pipeline.SAMPLES / "record.md").read_text(encoding="utf-8")
