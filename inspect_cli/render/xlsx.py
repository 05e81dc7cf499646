"""Workbooks an office keeps and hands on: the 整改台账 (a row per notice finding) and the year's summary, as .xlsx.

Column titles and values in the chosen language, widths that fit, the title row frozen, long text wrapped, dates
typed as dates, warning lights as cell colours; the same content always gives the same bytes.
"""

from __future__ import annotations

import io
import math
from datetime import date

from inspect_cli.core.models import STATUS_ZH, Status
from inspect_cli.core.records import STATUS_EN
from inspect_cli.render.views import LEDGER_TITLES_ZH

LEDGER_TITLES_EN = {
    "notice": "Notice", "unit": "Unit", "issued_on": "Issued", "task_id": "Task no.", "task": "Task",
    "problem": "Problem found", "deadline": "Rectify by", "extended_deadline": "Extended to", "reply_due": "Reply by",
    "reminders": "Reminders", "escalation": "Escalation", "state": "State", "closed_on": "Closed out",
    "inspection": "Inspection", "date": "Date", "checklist": "Checklist", "status": "Result", "note": "Note",
    "evidence": "Evidence", "light": "Light",
}
TITLES = {"zh": {**LEDGER_TITLES_ZH, "light": "预警"}, "en": LEDGER_TITLES_EN}
# a notice's state and a light, as each language writes them in a cell
STATES = {"zh": {"open": "整改中", "overdue": "逾期未整改", "closed": "已销号", "draft": "草稿", "finalized": "已定稿"},
          "en": {"open": "open", "overdue": "overdue", "closed": "closed", "draft": "draft", "finalized": "finalized"}}
LIGHT_WORDS = {"zh": {"red": "红", "yellow": "黄", "blue": "蓝", "green": "绿", "unknown": "不明"},
               "en": {"red": "red", "yellow": "yellow", "blue": "blue", "green": "green", "unknown": "unknown"}}
# the light's cell colour, the pale fills a spreadsheet uses for good, neutral and bad
LIGHT_FILLS = {"red": "FFC7CE", "yellow": "FFEB9C", "blue": "BDD7EE", "green": "C6EFCE", "unknown": "D9D9D9"}
DATE_FORMATS = {"zh": 'yyyy"年"m"月"d"日"', "en": "yyyy-mm-dd"}
# no column wider than this many characters: longer text wraps inside it
MAX_WIDTH = 48
CJK_WIDENING = 1.1
# the height of one line of 11 pt text, CJK included, in points
LINE_HEIGHT_PT = 15.0
_TITLE_FILL = "D9E1F2"


def _status_word(value: str, lang: str) -> str:
    status = Status(value)
    return STATUS_ZH[status] if lang == "zh" else STATUS_EN[status]


def ledger_xlsx(rows, fields: tuple[str, ...], lights: dict[str, str] | None, lang: str, day: date | None) -> bytes:
    """The ledger export as a workbook: a row per notice finding (or per task result) with these fields, titled in
    `lang`; `lights` (notice number → light) adds the 预警 column, coloured."""
    workbook = _workbook(day)
    sheet = workbook.active
    sheet.title = ("整改台账" if lang == "zh" else "Rectification ledger") if lights is not None else \
        ("督察结果" if lang == "zh" else "Results")
    names = list(fields)
    if lights is not None:
        names.insert(names.index("state") + 1, "light")
    table = []
    for row in rows:
        values = {name: getattr(row, name, None) for name in names}
        if "state" in values:
            values["state"] = STATES[lang].get(values["state"], values["state"])
        if "status" in values:
            values["status"] = _status_word(values["status"], lang)
        if lights is not None:
            values["light"] = lights.get(row.notice, "unknown")
        table.append([values[name] for name in names])
    fills = None
    if lights is not None:
        column = names.index("light")
        fills = {column: LIGHT_FILLS}
        for values in table:
            values[column] = (values[column], LIGHT_WORDS[lang][values[column]])
    _fill_sheet(sheet, [TITLES[lang][name] for name in names], table, lang, fills)
    return workbook_bytes(workbook)


def summary_xlsx(summary, lang: str) -> bytes:
    """The year's summary as a workbook: the figures, the results, the ranking, notices by month, units by kind."""
    workbook = _workbook(summary.as_of)
    zh = lang == "zh"
    overview = workbook.active
    overview.title = "概况" if zh else "Overview"
    figures = [
        ("年度" if zh else "Year", summary.year), ("统计日期" if zh else "As of", summary.as_of),
        ("督察单位数" if zh else "Units inspected", summary.units_inspected),
        ("督察次数" if zh else "Inspections", summary.inspections),
        ("检查任务数" if zh else "Tasks checked", summary.tasks_checked),
        ("下发督办通知书" if zh else "Notices issued", summary.notices_issued),
        ("已销号" if zh else "Closed", summary.notices_closed), ("整改中" if zh else "Open", summary.notices_open),
        ("逾期" if zh else "Overdue", summary.notices_overdue), ("升级处理" if zh else "Escalated", summary.notices_escalated),
        ("平均销号天数" if zh else "Average days to close", summary.average_days_to_close)]
    _fill_sheet(overview, ["项目" if zh else "Figure", "数值" if zh else "Value"], [list(f) for f in figures], lang)
    results = workbook.create_sheet("检查结果" if zh else "Results")
    _fill_sheet(results, ["结果" if zh else "Result", "项数" if zh else "Tasks"],
                [[_status_word(status, lang), count] for status, count in summary.results], lang)
    ranking = workbook.create_sheet("排名" if zh else "Ranking")
    _fill_sheet(ranking, ["名次", "单位", "得分", "得分点", "满分点", "扣分", "检查任务", "问题", "整改中", "逾期", "已销号",
                          "升级", "督察编号", "督察日期"] if zh else
                ["Rank", "Unit", "Score", "Points", "Possible", "Deducted", "Checked", "Findings", "Open", "Overdue",
                 "Closed", "Escalated", "Inspection", "Date"],
                [[r.rank, r.unit, r.score, r.earned, r.possible, r.deductions, r.checked, r.findings, r.notices.open,
                  r.notices.overdue, r.notices.closed, r.notices.escalated, r.inspection, r.date]
                 for r in summary.ranking], lang)
    months = workbook.create_sheet("按月" if zh else "By month")
    _fill_sheet(months, ["月份" if zh else "Month", "下发通知书" if zh else "Notices issued"],
                [[f"{month}月" if zh else date(2000, month, 1).strftime("%B"), count]
                 for month, count in enumerate(summary.notices_by_month, start=1)], lang)
    units = workbook.create_sheet("单位" if zh else "Units")
    kinds = {"部门": "department", "乡镇": "township", "街道": "subdistrict"}
    _fill_sheet(units, ["类别" if zh else "Kind", "单位" if zh else "Unit"],
                [[kind if zh else kinds.get(kind, kind), unit] for kind, names in summary.units for unit in names], lang)
    return workbook_bytes(workbook)


def _workbook(day: date | None):
    """A new workbook whose properties carry `day`, not the moment it is made."""
    from openpyxl import Workbook

    from inspect_cli.render.package import document_moment

    workbook = Workbook()
    moment = document_moment(day)
    workbook.properties.created = workbook.properties.modified = moment
    workbook.properties.creator = workbook.properties.lastModifiedBy = "inspect-cli"
    return workbook


def _fill_sheet(sheet, titles: list[str], rows: list[list], lang: str, fills: dict | None = None) -> None:
    """Titles in bold on a frozen first row, then the rows: dates typed as dates, long text wrapped, widths to fit;
    `fills` colours a column's cells, its values given as (colour key, text)."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wrap = Alignment(wrap_text=True, vertical="top")
    sheet.append(titles)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor=_TITLE_FILL)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    widths = [_display_width(title) for title in titles]
    for values in rows:
        shown = [value[1] if isinstance(value, tuple) else value for value in values]
        sheet.append(shown)
        for position, value in enumerate(values):
            cell = sheet.cell(row=sheet.max_row, column=position + 1)
            cell.alignment = wrap
            if isinstance(shown[position], date):
                cell.number_format = DATE_FORMATS[lang]
                day = shown[position]
                widths[position] = max(widths[position], _display_width(
                    f"{day.year}年{day.month}月{day.day}日" if lang == "zh" else day.isoformat()))
            else:
                widths[position] = max(widths[position], _display_width(shown[position]))
            if fills and position in fills:
                cell.fill = PatternFill("solid", fgColor=fills[position][value[0]])
    # Chinese characters come out a little wider than two digits in the fonts spreadsheets fall back to
    widths = [min(MAX_WIDTH, round(width * CJK_WIDENING) + 2) for width in widths]
    for position, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(position)].width = width
    # a row as tall as its most wrapped cell: spreadsheets do not all measure wrapped text when they open a file
    for number, values in enumerate(sheet.iter_rows(min_row=1, values_only=True), start=1):
        lines = max((_wrapped_lines(value, width - 1) for value, width in zip(values, widths)), default=1)
        sheet.row_dimensions[number].height = LINE_HEIGHT_PT * max(1, lines)
    sheet.freeze_panes = "A2"
    if rows:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(titles))}{len(rows) + 1}"
    # printed on A4 across, as wide as the page, the title row on every page
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"


def _wrapped_lines(value, width: float) -> int:
    """How many lines a value takes in a column `width` characters wide."""
    if value is None or isinstance(value, (int, float, date)):
        return 1
    from wcwidth import wcswidth

    return sum(max(1, math.ceil(max(wcswidth(line), len(line)) / max(width, 1))) for line in str(value).splitlines() or [""])


def _display_width(value) -> int:
    """How many columns of a fixed-width font the longest line of a value takes (a Chinese character: two)."""
    from wcwidth import wcswidth

    if value is None:
        return 0
    text = f"{value:g}" if isinstance(value, float) else str(value)
    return max((max(wcswidth(line), len(line)) for line in text.splitlines()), default=0)


def workbook_bytes(workbook) -> bytes:
    """The saved workbook with its modification time left as set and its ZIP entries dated alike."""
    from zipfile import ZIP_DEFLATED, ZipFile

    from openpyxl.writer.excel import ExcelWriter

    from inspect_cli.render.package import repacked

    buffer = io.BytesIO()
    # ExcelWriter itself, not Workbook.save, which stamps the current time into the properties
    with ZipFile(buffer, "w", ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(workbook, archive).save()
    return repacked(buffer.getvalue())
