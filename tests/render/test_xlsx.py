"""The 整改台账 and the year summary as .xlsx, read back with openpyxl: titles, widths, frozen titles, dates typed
as dates, a row per notice finding, values in the chosen language, lights as colours, the same bytes twice."""

from __future__ import annotations

import csv
import io
from datetime import datetime

import pytest
from openpyxl import load_workbook

from inspect_cli.render.xlsx import LIGHT_FILLS, MAX_WIDTH


@pytest.fixture
def at_sample(produced, monkeypatch):
    """Commands run against the worked example's ledger, on 1 April 2017 (after the reminder, before the deadline)."""
    monkeypatch.setenv("INSPECT_LEDGER", str(produced["ledger.xlsx"].parent / "ledger.db"))
    monkeypatch.setenv("INSPECT_NOW", "2017-04-01T09:00:00+08:00")


def test_ledger_titles_rows_dates_and_frozen_titles(produced):
    sheet = load_workbook(produced["ledger.xlsx"]).active
    assert sheet.title == "整改台账"
    titles = [cell.value for cell in sheet[1]]
    assert titles[:6] == ["文号", "单位", "签发日期", "任务编号", "任务", "存在问题"]
    assert "预警" in titles and titles.index("预警") == titles.index("状态") + 1
    assert sheet.freeze_panes == "A2"
    # one row per notice finding: the CSV export has the same rows
    rows = list(csv.DictReader(io.StringIO(produced["ledger.csv"].read_text(encoding="utf-8-sig"))))
    assert sheet.max_row - 1 == len(rows) == 4
    assert [sheet.cell(row=n + 2, column=4).value for n in range(4)] == [row["task_id"] for row in rows]
    issued = sheet.cell(row=2, column=titles.index("签发日期") + 1)
    assert isinstance(issued.value, datetime) and issued.value.date().isoformat() == "2017-03-10"
    assert issued.number_format == 'yyyy"年"m"月"d"日"'
    assert sheet.cell(row=2, column=titles.index("整改期限") + 1).value.date().isoformat() == "2017-04-09"
    assert sheet.cell(row=2, column=titles.index("状态") + 1).value == "整改中"


def test_ledger_widths_fit_and_long_text_wraps(produced):
    from wcwidth import wcswidth

    def shown(value) -> int:  # columns a value takes: 2017年3月10日 is 13, a Chinese character 2
        if isinstance(value, datetime):
            return wcswidth(f"{value.year}年{value.month}月{value.day}日")
        return max(wcswidth(line) for line in str(value).splitlines())

    sheet = load_workbook(produced["ledger.xlsx"]).active
    for column in sheet.iter_cols():
        width = sheet.column_dimensions[column[0].column_letter].width
        need = max(shown(cell.value) for cell in column if cell.value is not None)
        # wide enough for the widest value (up to the limit, beyond which text wraps), and no wider than needed
        assert min(MAX_WIDTH, need) <= width <= min(MAX_WIDTH, need * 1.1 + 3)
    task = sheet.cell(row=2, column=5)
    assert task.alignment.wrap_text and wcswidth(task.value) > MAX_WIDTH
    assert sheet.row_dimensions[2].height > sheet.row_dimensions[1].height  # tall enough for its wrapped lines


def test_ledger_lights_as_cell_colours(produced, at_sample, invoke, tmp_path):
    out = tmp_path / "台账.xlsx"
    assert invoke("ledger", "export", "-o", out).exit_code == 0
    sheet = load_workbook(out).active
    light = [cell.value for cell in sheet[1]].index("预警") + 1
    # 8 days left on 1 April: blue (within 30 days, beyond 7)
    cell = sheet.cell(row=2, column=light)
    assert cell.value == "蓝" and cell.fill.fgColor.rgb.endswith(LIGHT_FILLS["blue"])


def test_ledger_in_english(produced, at_sample, invoke, tmp_path):
    out = tmp_path / "ledger.xlsx"
    assert invoke("ledger", "export", "--headers", "en", "-o", out).exit_code == 0
    sheet = load_workbook(out).active
    titles = [cell.value for cell in sheet[1]]
    assert sheet.title == "Rectification ledger" and titles[:3] == ["Notice number", "Unit", "Issued on"]
    assert sheet.cell(row=2, column=titles.index("State") + 1).value == "open"
    assert sheet.cell(row=2, column=titles.index("Warning light") + 1).value == "blue"
    assert sheet.cell(row=2, column=3).number_format == "yyyy-mm-dd"


def test_results_export_as_a_workbook(produced, at_sample, invoke, tmp_path):
    out = tmp_path / "结果.xlsx"
    assert invoke("ledger", "export", "--what", "results", "-o", out).exit_code == 0
    sheet = load_workbook(out).active
    titles = [cell.value for cell in sheet[1]]
    assert sheet.title == "督察结果" and "预警" not in titles and sheet.max_row - 1 == 16
    assert {sheet.cell(row=n, column=titles.index("结果") + 1).value for n in range(2, 18)} == {
        "符合",
        "基本符合",
        "不符合",
        "不适用",
        "未检查",
    }


def test_same_ledger_gives_the_same_bytes(produced, at_sample, invoke, tmp_path):
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    for out in (first, second):
        assert invoke("ledger", "export", "-o", out).exit_code == 0
    assert first.read_bytes() == second.read_bytes()


def test_csv_export_stays_as_it_was(produced, at_sample, invoke, tmp_path):
    out = tmp_path / "ledger.csv"
    assert invoke("ledger", "export", "-o", out).exit_code == 0
    text = out.read_text(encoding="utf-8-sig")
    assert text.splitlines()[0].startswith("notice,unit,issued_on,task_id") and "light" not in text.splitlines()[0]


def test_summary_tables_on_sheets(produced, at_sample, invoke, tmp_path, monkeypatch):
    monkeypatch.setenv("INSPECT_LANG", "zh")
    first, second = tmp_path / "总结.xlsx", tmp_path / "again.xlsx"
    for out in (first, second):
        assert invoke("summary", "--year", "2017", "--as-of", "2017-04-01", "-o", out).exit_code == 0
    assert first.read_bytes() == second.read_bytes()
    workbook = load_workbook(first)
    assert workbook.sheetnames == ["概况", "检查结果", "排名", "按月", "单位"]
    overview = {row[0]: row[1] for row in workbook["概况"].iter_rows(min_row=2, values_only=True)}
    assert overview["年度"] == 2017 and overview["下发督办通知书"] == 1 and overview["督察单位数"] == 1
    assert isinstance(overview["统计日期"], datetime)
    ranking = list(workbook["排名"].iter_rows(values_only=True))
    assert ranking[0][:2] == ("排名", "单位") and ranking[1][1] == "市编办"
    assert isinstance(ranking[1][-1], datetime)
    months = list(workbook["按月"].iter_rows(min_row=2, values_only=True))
    assert len(months) == 12 and months[2] == ("3月", 1)
    assert all(workbook[name].freeze_panes == "A2" for name in workbook.sheetnames)


@pytest.mark.parametrize(
    "args, name",
    [(("report", "1"), "记录.xlsx"), (("summary", "--year", "2017"), "总结.docx"), (("ledger", "export"), "台账.docx")],
)
def test_an_office_file_of_the_wrong_kind_is_refused_in_one_line(produced, at_sample, invoke, tmp_path, args, name):
    result = invoke(*args, "-o", tmp_path / name)
    assert result.exit_code == 2 and not (tmp_path / name).exists()
    assert "is not written as" in result.stderr and len(result.stderr.strip().splitlines()) == 1
