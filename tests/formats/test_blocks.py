"""The document model: headings, paragraphs and table rows, tables pasted as text recognised."""

from __future__ import annotations

from conftest import CORPUS

from inspect_cli.formats.blocks import BlockKind, blocks_of, pipe_cells
from inspect_cli.formats.documents import Line, read_document


def _lines(text: str) -> tuple[Line, ...]:
    return tuple(Line(number, line) for number, line in enumerate(text.split("\n"), start=1))


def test_pipe_rows_with_and_without_outer_pipes():
    assert pipe_cells("a | b | c |") == ("a", "b", "c")
    assert pipe_cells("| a | b |") == ("a", "b")
    assert pipe_cells("a | b | |") == ("a", "b", "")  # a merged cell left out: the row is short, not wrong
    assert pipe_cells("| --- | --- |") is None
    assert pipe_cells("只有一个 |") is None
    assert pipe_cells("no pipes") is None


def test_markdown_headings_keep_their_level():
    blocks = blocks_of(_lines("# 方案\n## 一、总体要求\n正文。"))
    assert [(b.kind, b.level, b.text) for b in blocks] == [
        (BlockKind.HEADING, 1, "方案"),
        (BlockKind.HEADING, 2, "一、总体要求"),
        (BlockKind.PARAGRAPH, 0, "正文。"),
    ]


def test_one_cell_per_line_split_into_rows_by_their_numbers():
    text = (
        "\n|\n".join(
            [
                "任务",
                "要求",
                "责任科室",
                "时限",
                "类别甲",
                "1",
                "做好第一项工作,按时报送。",
                "办公室",
                "年底前",
                "2",
                "做好第二项工作,按时报送。",
                "各科室",
                "持续推进",
                "类别乙",
                "3",
                "做好第三项工作,按时报送。",
                "办公室",
                "6月底前",
            ]
        )
        + "\n|"
    )
    rows = [block.cells for block in blocks_of(_lines(text))]
    assert rows == [
        ("任务", "要求", "责任科室", "时限"),
        ("类别甲", "1", "做好第一项工作,按时报送。", "办公室", "年底前"),
        ("2", "做好第二项工作,按时报送。", "各科室", "持续推进"),
        ("类别乙", "3", "做好第三项工作,按时报送。", "办公室", "6月底前"),
    ]
    assert all(block.pasted for block in blocks_of(_lines(text)))


def test_one_cell_per_line_without_numbers_split_by_the_header():
    text = "\n|\n".join(
        ["任务", "责任单位", "开展专项整治行动,形成长效机制。", "市公安局", "完善执法制度,规范执法程序。", "市司法局"]
    )
    assert [block.cells for block in blocks_of(_lines(text))] == [
        ("任务", "责任单位"),
        ("开展专项整治行动,形成长效机制。", "市公安局"),
        ("完善执法制度,规范执法程序。", "市司法局"),
    ]


def test_a_stray_pipe_is_not_a_table():
    blocks = blocks_of(_lines("一段文字\n|\n另一段文字"))
    assert [block.kind for block in blocks] == [BlockKind.PARAGRAPH] * 3


def test_every_real_plan_reads_into_blocks_without_losing_a_line():
    for path in sorted((CORPUS / "real" / "plans").glob("*.txt")):
        document = read_document(path)
        texts = "".join(block.text for block in document.blocks)
        for line in document.lines:
            if line.text.strip() not in ("", "|"):
                assert line.text.strip().strip("|").strip().split("|")[0].strip() in texts, (path.name, line.number)


def test_headings_marked_in_word_and_html_keep_their_level(tmp_path):
    import docx

    document = docx.Document()
    document.add_heading("某县实施方案", level=1)
    document.add_heading("一、总体要求", level=2)
    document.add_paragraph("正文。")
    document.save(tmp_path / "plan.docx")
    blocks = read_document(tmp_path / "plan.docx").blocks
    assert [(b.kind, b.level) for b in blocks] == [
        (BlockKind.HEADING, 1),
        (BlockKind.HEADING, 2),
        (BlockKind.PARAGRAPH, 0),
    ]
    (tmp_path / "plan.html").write_text(
        "<html><body><h1>某县实施方案</h1><h3>一、总体要求</h3><p>正文。</p></body></html>", encoding="utf-8"
    )
    blocks = read_document(tmp_path / "plan.html").blocks
    assert [(b.kind, b.level, b.text) for b in blocks] == [
        (BlockKind.HEADING, 1, "某县实施方案"),
        (BlockKind.HEADING, 3, "一、总体要求"),
        (BlockKind.PARAGRAPH, 0, "正文。"),
    ]


def test_line_breaks_inside_pipe_cells_and_the_markdown_rule_under_the_header():
    assert pipe_cells("| 1 | 牵头：市司法局<br>配合：市公安局 |") == ("1", "牵头：市司法局\n配合：市公安局")
    blocks = blocks_of(_lines("| 序号 | 任务 |\n| :---: | --- |\n| 1 | 任务一 |"))
    assert [block.cells for block in blocks] == [("序号", "任务"), ("1", "任务一")]


def test_columns_aligned_by_spaces_or_tabs_are_rows_when_three_lines_agree():
    text = (
        "工作任务        牵头单位    完成时限\n落实执法责任制    县司法局    "
        "6月底前\n规范裁量基准\t县司法局\t9月底前\n一行  两列"
    )
    blocks = blocks_of(_lines(text))
    assert [block.cells for block in blocks[:3]] == [
        ("工作任务", "牵头单位", "完成时限"),
        ("落实执法责任制", "县司法局", "6月底前"),
        ("规范裁量基准", "县司法局", "9月底前"),
    ]
    assert blocks[3].kind is BlockKind.PARAGRAPH
    assert all(block.kind is BlockKind.PARAGRAPH for block in blocks_of(_lines("甲  乙  丙\n丁  戊  己\n正文。")))
