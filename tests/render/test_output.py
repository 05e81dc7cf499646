"""The one renderer: a result in each format, to the terminal or to a file."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import date

from inspect_cli.render.output import Format, View, emit, render
from inspect_cli.render.table import Column


@dataclass(frozen=True)
class Row:
    id: str
    unit: str
    due: date | None


ROWS = [Row("1", "市编办", date(2016, 12, 31)), Row("2", "=HYPERLINK()", None)]
VIEW = View(
    columns=(Column("编号", lambda r: r.id), Column("单位", lambda r: r.unit), Column("期限", lambda r: r.due)),
    fields=("id", "unit", "due"),
    empty="Nothing here.",
)


def test_one_result_in_every_format():
    assert json.loads(render(ROWS, Format.json, VIEW)) == [
        {"id": "1", "unit": "市编办", "due": "2016-12-31"},
        {"id": "2", "unit": "=HYPERLINK()", "due": None},
    ]
    assert '"unit": "市编办"' in render(ROWS, Format.json, VIEW)  # Chinese is written as is, not as \\u escapes
    assert [json.loads(line)["unit"] for line in render(ROWS, Format.jsonl, VIEW).splitlines()] == [
        "市编办",
        "=HYPERLINK()",
    ]
    rows = list(csv.DictReader(io.StringIO(render(ROWS, Format.csv, VIEW))))
    assert rows[0] == {"id": "1", "unit": "市编办", "due": "2016-12-31"} and rows[1]["unit"] == "'=HYPERLINK()"
    assert render(ROWS, Format.md, VIEW).splitlines()[0] == "| 编号 | 单位 | 期限 |"
    table = render(ROWS, Format.table, VIEW)
    assert "市编办" in table and "2016-12-31" in table and "编号" in table


def test_emit_writes_a_file_with_a_bom_for_csv_and_says_so(tmp_path, capsys):
    emit(ROWS, Format.csv, tmp_path / "out.csv", VIEW)
    assert (tmp_path / "out.csv").read_bytes().startswith(b"\xef\xbb\xbfid,unit,due\n")
    emit(ROWS, Format.json, tmp_path / "out.json", VIEW)
    assert json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))[0]["unit"] == "市编办"
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.splitlines() == [
        f"Wrote {tmp_path / 'out.csv'}",
        f"Wrote {tmp_path / 'out.json'}",
    ]


def test_an_empty_table_says_so_on_standard_error_while_machine_formats_stay_valid(capsys):
    emit([], Format.table, view=VIEW)
    assert capsys.readouterr() == ("", "Nothing here.\n")
    emit([], Format.json, view=VIEW)
    assert json.loads(capsys.readouterr().out) == []
    emit([], Format.csv, view=VIEW)
    assert capsys.readouterr().out == "id,unit,due\n"


def test_a_command_refuses_a_format_it_does_not_offer(invoke):
    result = invoke("notices", "list", "--format", "md")
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "Error: Invalid value for '--format' / '-f': 'md' is not one of 'table', 'json', 'csv'."
    )
    assert "[table|json|csv]" in invoke("notices", "list", "--help").stdout


def test_streamed_rows_are_the_bytes_the_whole_render_makes(capsys):
    from inspect_cli.render.output import stream

    nested = [{"id": "1", "unit": "市编办", "tags": ["a", "b"]}, {"id": "2", "unit": "x", "tags": []}]
    flat = [{"id": str(n), "unit": "市编办", "n": n, "ok": n % 2 == 0, "none": None} for n in range(3)]
    for rows, view in ((ROWS, VIEW), (nested, View()), (flat, View()), ([], VIEW), ([], View())):
        for fmt in (Format.json, Format.jsonl, Format.csv):
            count = stream(iter(rows), fmt, view=view)
            expected = render(list(rows), fmt, view)
            printed = expected if expected.endswith("\n") or not expected else expected + "\n"  # as `write` prints it
            assert capsys.readouterr().out == printed, (rows, fmt)
            assert count == len(rows)


def test_a_long_table_is_printed_in_pages_and_an_empty_one_says_so(capsys, monkeypatch):
    from inspect_cli.render import output
    from inspect_cli.render.output import stream

    monkeypatch.setattr(output, "TABLE_PAGE", 2)
    assert stream(iter(ROWS * 2 + ROWS[:1]), Format.table, view=VIEW) == 5
    printed = capsys.readouterr().out
    assert printed.count("编号") == 3 and printed.count("市编办") == 3
    assert stream(iter([]), Format.table, view=VIEW) == 0
    assert capsys.readouterr().err == "Nothing here.\n"


def test_a_streamed_file_is_written_whole_or_not_at_all(tmp_path):
    from inspect_cli.render.output import stream

    target = tmp_path / "out.csv"
    assert stream(iter(ROWS), Format.csv, target, VIEW, wrote=lambda count: f"{count} rows") == 2
    assert target.read_bytes().startswith(b"\xef\xbb\xbf") and "'=HYPERLINK()" in target.read_text(encoding="utf-8-sig")

    def failing():
        yield ROWS[0]
        raise KeyboardInterrupt

    broken = tmp_path / "broken.csv"
    try:
        stream(failing(), Format.csv, broken, VIEW)
    except KeyboardInterrupt:
        pass
    assert not broken.exists() and list(tmp_path.iterdir()) == [target]


def test_a_note_wraps_to_a_given_width_and_stays_one_line_in_a_pipe(capsys, monkeypatch):
    from inspect_cli.render.output import say

    note = (
        "已导入 140 项任务（3 个部分、7 个章节、40 个专题）；涉及单位 33 个；无期限任务 3 项；警告 0 条；"
        "按 utf-8 编码读取"
    )
    monkeypatch.delenv("COLUMNS", raising=False)
    say(note, err=True)
    assert capsys.readouterr().err == note + "\n"  # captured: no terminal, no width, one line for a script
    monkeypatch.setenv("COLUMNS", "60")
    say(note, err=True)
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) > 1 and "".join(lines).replace(" ", "") == note.replace(" ", "")
