"""Workbooks an office keeps and hands on: the 整改台账 (a row per notice finding) and the year's summary, as .xlsx.

Column titles and values in the chosen language, widths that fit, the title row frozen, long text wrapped, dates
typed as dates, warning lights as cell colours; the same content always gives the same bytes.
"""

from __future__ import annotations

import io
import math
from datetime import date
from zipfile import ZIP_DEFLATED, ZipFile

from inspect_cli.domain.models import Light, UnitKind
from inspect_cli.i18n import N_, in_language
from inspect_cli.render.package import document_moment, repacked
from inspect_cli.render.views import ledger_title, ledger_word

# the light's cell colour, the pale fills a spreadsheet uses for good, neutral and bad
LIGHT_FILLS = {"red": "FFC7CE", "yellow": "FFEB9C", "blue": "BDD7EE", "green": "C6EFCE", "unknown": "D9D9D9"}
DATE_FORMATS = {"zh": 'yyyy"年"m"月"d"日"', "en": "yyyy-mm-dd"}
# no column wider than this many characters: longer text wraps inside it
MAX_WIDTH = 48
CJK_WIDENING = 1.1
# the height of one line of 11 pt text, CJK included, in points
LINE_HEIGHT_PT = 15.0
_TITLE_FILL = "D9E1F2"


def ledger_xlsx(rows, fields: tuple[str, ...], lights: dict[str, str] | None, lang: str, day: date | None) -> bytes:
    """The ledger export as a workbook: a row per notice finding (or per task result) with these fields, titled in
    `lang`; `lights` (notice number → light) adds the 预警 column, coloured."""
    workbook = _workbook(day)
    sheet = workbook.active
    sheet.title = in_language(N_("Rectification ledger") if lights is not None else N_("Inspection results"), lang)
    names = list(fields)
    if lights is not None:
        names.insert(names.index("state") + 1, "light")
    table = []
    for row in rows:
        values = {name: ledger_word(name, getattr(row, name, None), lang, lights is None) for name in names}
        if lights is not None:
            values["light"] = lights.get(row.notice, "unknown")
        table.append([values[name] for name in names])
    fills = None
    if lights is not None:
        column = names.index("light")
        fills = {column: LIGHT_FILLS}
        for cells in table:
            cells[column] = (cells[column], Light(cells[column]).label_in(lang))
    _fill_sheet(sheet, [ledger_title(name, lang) for name in names], table, lang, fills)
    return workbook_bytes(workbook)


RANKING_TITLES = (
    N_("Rank"),
    N_("Unit"),
    N_("Score"),
    N_("Points"),
    N_("Possible"),
    N_("Deducted"),
    N_("Checked"),
    N_("Findings"),
    N_("Open"),
    N_("Overdue"),
    N_("Closed"),
    N_("Escalated"),
    N_("Inspection"),
    N_("Date"),
)


def summary_xlsx(summary, lang: str) -> bytes:
    """The year's summary as a workbook: the figures, the results, the ranking, notices by month, units by kind."""
    workbook = _workbook(summary.as_of)
    zh = lang == "zh"

    def say(message: str) -> str:
        return in_language(message, lang)

    overview = workbook.active
    overview.title = say(N_("Overview"))
    figures = [
        (say(N_("Supervision year")), summary.year),
        (say(N_("As of")), summary.as_of),
        (say(N_("Units inspected")), summary.units_inspected),
        (say(N_("Inspections")), summary.inspections),
        (say(N_("Tasks checked")), summary.tasks_checked),
        (say(N_("Notices issued")), summary.notices_issued),
        (say(N_("Closed")), summary.notices_closed),
        (say(N_("Open")), summary.notices_open),
        (say(N_("Overdue")), summary.notices_overdue),
        (say(N_("Escalated")), summary.notices_escalated),
        (say(N_("Average days to close")), summary.average_days_to_close),
    ]
    _fill_sheet(overview, [say(N_("Figure")), say(N_("Value"))], [list(f) for f in figures], lang)
    results = workbook.create_sheet(say(N_("Results")))
    _fill_sheet(
        results,
        [say(N_("Result")), say(N_("Tasks"))],
        [[ledger_word("status", status, lang), count] for status, count in summary.results],
        lang,
    )
    ranking = workbook.create_sheet(say(N_("Ranking")))
    _fill_sheet(
        ranking,
        [say(title) for title in RANKING_TITLES],
        [
            [
                r.rank,
                r.unit,
                r.score,
                r.earned,
                r.possible,
                r.deductions,
                r.checked,
                r.findings,
                r.notices.open,
                r.notices.overdue,
                r.notices.closed,
                r.notices.escalated,
                r.inspection,
                r.date,
            ]
            for r in summary.ranking
        ],
        lang,
    )
    months = workbook.create_sheet(say(N_("By month")))
    _fill_sheet(
        months,
        [say(N_("Month")), say(N_("Notices issued that month"))],
        [
            [f"{month}月" if zh else date(2000, month, 1).strftime("%B"), count]
            for month, count in enumerate(summary.notices_by_month, start=1)
        ],
        lang,
    )
    units = workbook.create_sheet(say(N_("Units")))
    _fill_sheet(
        units,
        [say(N_("Kind")), say(N_("Unit"))],
        [[UnitKind(kind).label_in(lang), unit] for kind, names in summary.units for unit in names],
        lang,
    )
    return workbook_bytes(workbook)


def _workbook(day: date | None):
    """A new workbook whose properties carry `day`, not the moment it is made."""
    from openpyxl import Workbook

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
                widths[position] = max(
                    widths[position],
                    _display_width(f"{day.year}年{day.month}月{day.day}日" if lang == "zh" else day.isoformat()),
                )
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
        lines = max((_wrapped_lines(value, width - 1) for value, width in zip(values, widths, strict=False)), default=1)
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

    return sum(
        max(1, math.ceil(max(wcswidth(line), len(line)) / max(width, 1))) for line in str(value).splitlines() or [""]
    )


def _display_width(value) -> int:
    """How many columns of a fixed-width font the longest line of a value takes (a Chinese character: two)."""
    from wcwidth import wcswidth

    if value is None:
        return 0
    text = f"{value:g}" if isinstance(value, float) else str(value)
    return max((max(wcswidth(line), len(line)) for line in text.splitlines()), default=0)


def workbook_bytes(workbook) -> bytes:
    """The saved workbook with its modification time left as set and its ZIP entries dated alike."""
    from openpyxl.writer.excel import ExcelWriter

    buffer = io.BytesIO()
    # ExcelWriter itself, not Workbook.save, which stamps the current time into the properties
    with ZipFile(buffer, "w", ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(workbook, archive).save()
    return repacked(buffer.getvalue())
