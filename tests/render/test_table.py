"""The renderer: CJK tables that line up and fit, Markdown escaping, CSV and JSON."""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from datetime import date

import pytest
from wcwidth import wcswidth

from inspect_cli.render.table import Column, json_ready, md_escape, to_csv, to_markdown_table, to_table


@dataclass(frozen=True)
class Row:
    id: str
    text: str
    units: tuple[str, ...]
    due: date | None


ROWS = [
    Row(
        "1",
        "建立行政审批事项目录清单,并根据国务院、省政府取消和下放行政审批事项情况实行动态调整。",
        ("市编办",),
        date(2016, 12, 31),
    ),
    Row(
        "125",
        "各级党政主要负责人要履行推进法治建设第一责任人职责 with some English words mixed in",
        ("市委办公室", "市政府办公室"),
        None,
    ),
]
COLUMNS = [
    Column("编号", lambda r: r.id),
    Column("任务", lambda r: r.text, wrap=True),
    Column("单位", lambda r: r.units, wrap=True),
    Column("期限", lambda r: r.due),
]


def test_table_fits_the_width_and_borders_line_up():
    for width in (60, 80, 120):
        lines = to_table(ROWS, COLUMNS, width=width).splitlines()
        assert {wcswidth(line) for line in lines} == {wcswidth(lines[0])} and wcswidth(lines[0]) <= width
    assert "市委办公室、市政府办公室" in to_table(ROWS, COLUMNS, width=200)


def test_markdown_escaping_keeps_one_cell_one_line():
    text = "a|b\n# c <d> `e` *f* _g_ [h](i) & j"
    assert md_escape(text) == "a\\|b \\# c &lt;d&gt; \\`e\\` \\*f\\* \\_g\\_ \\[h\\](i) &amp; j"
    table = to_markdown_table([Row("1", text, (), None)], COLUMNS)
    assert table.count("\n") == 3 and table.splitlines()[2].count(" | ") == 3


def test_csv_and_json_ready_data():
    rows = list(csv.DictReader(io.StringIO(to_csv(ROWS))))
    assert rows[1]["units"] == "市委办公室、市政府办公室" and rows[0]["due"] == "2016-12-31" and rows[1]["due"] == ""
    data = json_ready(ROWS)
    assert data[1]["units"] == ["市委办公室", "市政府办公室"] and data[0]["due"] == "2016-12-31"
    assert json.loads(json.dumps(data)) == data  # nothing left that JSON cannot hold


def test_tables_fit_60_80_and_120_columns_and_never_break_ids_numbers_or_dates(jingmen):
    from datetime import date

    from wcwidth import wcswidth

    from inspect_cli.render.table import Column, to_table

    tasks = list(jingmen.tasks[:12])
    columns = [
        Column("编号", lambda t: t.id),
        Column("任务", lambda t: t.text, wrap=True),
        Column("单位", lambda t: "、".join(t.lead_units)),
        Column("期限", lambda t: t.due or date(2017, 3, 10)),
        Column("文号", lambda t: f"荆法督〔2017〕{t.id}号"),
    ]
    for width in (60, 80, 120):
        text = to_table(tasks, columns, width=width)
        assert max(wcswidth(line) for line in text.splitlines()) <= width, width
        for task in tasks:
            assert f"荆法督〔2017〕{task.id}号" in text
            assert (task.due or date(2017, 3, 10)).isoformat() in text


@pytest.mark.slow
def test_cli_tables_fit_the_terminal(tmp_path):
    import os
    import subprocess
    import sys

    from conftest import CORPUS, JINGMEN_CHECKLIST
    from wcwidth import wcswidth

    commands = [
        ["checklist", "show", str(JINGMEN_CHECKLIST)],
        ["review", str(CORPUS / "annual-reports")],
        ["checklist", "units", str(JINGMEN_CHECKLIST)],
    ]
    for width in (60, 80):
        env = {**os.environ, "COLUMNS": str(width), "INSPECT_CACHE": str(tmp_path / "cache")}
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
            assert max(wcswidth(line) for line in run.stdout.splitlines()) <= width, (width, args)


def test_formula_like_csv_cells_are_neutralised():
    from inspect_cli.render.table import to_csv

    rows = [{"a": '=HYPERLINK("http://x")', "b": "+1+1", "c": "-2", "d": "@SUM(A1)", "e": "\tx", "f": "普通"}]
    assert to_csv(rows).splitlines()[1] == '"\'=HYPERLINK(""http://x"")",\'+1+1,-2,\'@SUM(A1),\'\tx,普通'


def test_short_words_are_not_cut_when_the_long_columns_can_give_way():
    @dataclass(frozen=True)
    class Listed:
        id: int
        on: date
        unit: str
        checklist: str
        state: str
        progress: str
        inspector: str
        text: str

    rows = [
        Listed(
            1,
            date(2017, 3, 1),
            "市编办",
            "jingmen-2016-2020",
            "finalized",
            "16/16",
            "张三",
            "建立行政审批事项目录清单,并根据国务院、省政府取消和下放行政审批事项情况实行动态调整。",
        )
    ]
    columns = [
        Column("编号", lambda r: r.id),
        Column("日期", lambda r: r.on),
        Column("单位", lambda r: r.unit),
        Column("清单", lambda r: r.checklist),
        Column("状态", lambda r: r.state),
        Column("进度", lambda r: r.progress),
        Column("检查人员", lambda r: r.inspector),
        Column("任务", lambda r: r.text, wrap=True),
    ]
    for width in (80, 100):
        table = to_table(rows, columns, width=width)
        lines = table.splitlines()
        assert max(wcswidth(line) for line in lines) <= width
        # the unit and the state stay whole on one line; the long task text wraps instead
        assert any("市编办" in line and "finalized" in line for line in lines), table
        assert "动态" in table and len(lines) > 4  # the task text is there, wrapped over several lines


def test_a_table_that_would_cut_english_words_is_shown_as_blocks_instead():
    @dataclass(frozen=True)
    class Notice:
        number: str
        unit: str
        state: str
        escalation: str

    rows = [
        Notice("荆法督〔2017〕4号", "市财政局", "overdue", "listed for supervision"),
        Notice("荆法督〔2017〕5号", "牌楼镇", "closed", ""),
    ]
    columns = [
        Column("Number", lambda r: r.number),
        Column("Unit", lambda r: r.unit),
        Column("State", lambda r: r.state),
        Column("Escalated", lambda r: r.escalation),
    ]
    assert to_table(rows, columns, width=100).splitlines()[0].startswith("┌")
    blocks = to_table(rows, columns, width=30).splitlines()
    assert blocks[:3] == ["Number: 荆法督〔2017〕4号", "  Unit: 市财政局", "  State: overdue"]
    assert max(wcswidth(line) for line in blocks) <= 30
    words = {word for line in blocks for word in re.findall(r"[A-Za-z]+", line)}
    assert {"listed", "supervision", "overdue", "closed"} <= words  # none cut in two
