"""Reading documents: encodings detected, HTML chrome dropped, .docx paragraphs and tables."""

from __future__ import annotations

import pytest

from inspect_cli.exceptions import InputError
from inspect_cli.formats.documents import decode_text, read_document

TEXT = "荆门市法治政府建设实施方案\n(1)建立行政审批事项目录清单。(牵头单位:市编办。2016年底完成)\n"


@pytest.mark.parametrize(
    "encoding, expected",
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("gb18030", "gb18030"), ("gbk", "gb18030"), ("utf-16", "utf-16")],
)
def test_encodings_are_detected(tmp_path, encoding, expected):
    path = tmp_path / "plan.txt"
    path.write_bytes(TEXT.encode(encoding))
    document = read_document(path)
    assert document.encoding == expected
    assert document.lines[0].text == "荆门市法治政府建设实施方案" and document.lines[1].number == 2


def test_undecodable_bytes_are_refused(tmp_path):
    with pytest.raises(InputError, match="binary"):
        decode_text(b"\x00\x01\x02", tmp_path / "x.txt")


def test_html_chrome_is_dropped_and_lines_keep_source_numbers(tmp_path):
    page = tmp_path / "p.html"
    page.write_text(
        "<html><head><title>标题</title><script>var a=1;</script></head><body>\n"
        "<div id='header'>网站首页 | 政务公开</div>\n<nav><a>(1)导航</a></nav>\n"
        "<div class='main'><p>第一段<b>加粗</b>文字。</p>\n<p>第二段<br>换行后</p></div>\n"
        "<div class='footer'>版权所有</div><aside>侧栏</aside></body></html>",
        encoding="utf-8",
    )
    lines = [(line.number, line.text) for line in read_document(page).lines]
    assert lines == [(4, "第一段加粗文字。"), (5, "第二段"), (5, "换行后")]


def test_docx_paragraphs_and_table_rows(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("第一段")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "牵头单位：市司法局"
    table.rows[0].cells[1].text = "完成时限：2021年底"
    document.add_paragraph("第二段")
    path = tmp_path / "d.docx"
    document.save(path)
    assert [line.text for line in read_document(path).lines] == [
        "第一段",
        "牵头单位：市司法局 完成时限：2021年底",
        "第二段",
    ]


def test_html_table_rows_keep_cells_with_spans_repeated(tmp_path):
    page = tmp_path / "t.html"
    page.write_text(
        "<html><body><p>前言</p><table>"
        "<tr><th>序号</th><th>类别</th><th>任务</th><th>牵头单位</th></tr>\n"
        "<tr><td>1</td><td rowspan='2'>甲类</td><td>任务一</td><td>市司法局</td></tr>\n"
        "<tr><td>2</td><td colspan='2'>任务二</td></tr>\n"
        "</table><p>结尾</p></body></html>",
        encoding="utf-8",
    )
    lines = read_document(page).lines
    assert [line.text for line in lines][0] == "前言" and lines[-1].text == "结尾"
    assert [line.cells for line in lines[1:-1]] == [
        ("序号", "类别", "任务", "牵头单位"),
        ("1", "甲类", "任务一", "市司法局"),
        ("2", "甲类", "任务二", "任务二"),
    ]


def test_xlsx_rows_with_merged_cells_filled(tmp_path):
    from datetime import datetime

    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["序号", "类别", "任务", "完成时限"])
    sheet.append([1, "甲类", "任务一", datetime(2021, 6, 30)])
    sheet.append([2, None, "任务二", "年底前"])
    sheet.append([None, None, None, None])
    sheet.merge_cells("B2:B3")
    path = tmp_path / "t.xlsx"
    workbook.save(path)
    document = read_document(path)
    assert document.encoding == "xlsx"
    assert [line.cells for line in document.lines] == [
        ("序号", "类别", "任务", "完成时限"),
        ("1", "甲类", "任务一", "2021年6月30日"),
        ("2", "甲类", "任务二", "年底前"),
    ]


def test_docx_merged_cells_are_carried_down(tmp_path):
    import docx

    document = docx.Document()
    table = document.add_table(rows=3, cols=2)
    for row, (first, second) in enumerate([("类别", "任务"), ("甲类", "任务一"), ("", "任务二")]):
        table.rows[row].cells[0].text, table.rows[row].cells[1].text = first, second
    table.cell(1, 0).merge(table.cell(2, 0))
    path = tmp_path / "m.docx"
    document.save(path)
    assert [line.cells for line in read_document(path).lines][1:] == [("甲类", "任务一"), ("甲类", "任务二")]


def test_a_broken_workbook_is_one_clear_error(tmp_path):
    path = tmp_path / "bad.xlsx"
    path.write_bytes(b"PK\x03\x04 not a workbook")
    with pytest.raises(InputError, match="not a readable .xlsx"):
        read_document(path)


def test_docx_automatic_list_numbers_are_written_as_word_shows_them(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("标题")
    document.add_paragraph("任务甲", style="List Number")
    document.add_paragraph("任务乙", style="List Number")
    document.add_paragraph("要点", style="List Bullet")
    # the list style's first level shown as Chinese numerals with 、, as many plans number their parts
    root = document.part.numbering_part.element
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    num_id = document.styles["List Number"].element.find(f"{w}pPr").find(f"{w}numPr").find(f"{w}numId").get(f"{w}val")
    num = next(n for n in root.iterchildren(f"{w}num") if n.get(f"{w}numId") == num_id)
    abstract_id = num.find(f"{w}abstractNumId").get(f"{w}val")
    abstract = next(a for a in root.iterchildren(f"{w}abstractNum") if a.get(f"{w}abstractNumId") == abstract_id)
    level = next(lvl for lvl in abstract.iterchildren(f"{w}lvl") if lvl.get(f"{w}ilvl") == "0")
    level.find(f"{w}numFmt").set(f"{w}val", "chineseCounting")
    level.find(f"{w}lvlText").set(f"{w}val", "%1、")
    path = tmp_path / "numbered.docx"
    document.save(path)
    assert [line.text for line in read_document(path).lines] == ["标题", "一、任务甲", "二、任务乙", "要点"]


def test_html_cells_keep_their_line_breaks_and_paragraphs(tmp_path):
    page = tmp_path / "t.html"
    page.write_text(
        "<table><tr><td>1</td><td>镇司法所<br>镇派出所</td><td><p>县公安局</p><p>县民政局</p></td></tr></table>",
        encoding="utf-8",
    )
    assert read_document(page).lines[0].cells == ("1", "镇司法所\n镇派出所", "县公安局\n县民政局")


def test_a_named_sheet_titles_its_rows_and_a_default_one_does_not(tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.title = "2023年"
    workbook.active.append(["序号", "工作任务"])
    workbook.create_sheet("Sheet2").append(["1", "任务一"])
    path = tmp_path / "t.xlsx"
    workbook.save(path)
    lines = read_document(path).lines
    assert [(line.text, line.level) for line in lines][0] == ("2023年", 1)
    assert [line.cells for line in lines[1:]] == [("序号", "工作任务"), ("1", "任务一")]


def test_a_table_laying_out_the_page_is_read_as_lines_and_the_table_inside_it_as_rows(tmp_path):
    page = tmp_path / "t.html"
    page.write_text(
        "<table><tr><td>某市政府</td></tr><tr><td><p>前言</p><table><tr><td>序号</td><td>工作任务</td></tr>"
        "<tr><td>1</td><td>任务一</td></tr></table></td></tr></table>",
        encoding="utf-8",
    )
    lines = read_document(page).lines
    assert [line.text for line in lines if not line.cells] == ["某市政府", "前言"]
    assert [line.cells for line in lines if line.cells] == [("序号", "工作任务"), ("1", "任务一")]
