"""A checklist as an Excel task-division table (任务分解表) and back, without loss; and a blank one to fill in.

Sheet 任务 (Tasks) holds one row per task; 单位 (Units) lists the units with their counts (written, never read);
标题 (Headings) holds the plan's headings. The checklist's id, title, source and hashes are the workbook's
custom properties. A list cell holds one entry a line. `无` in the lead-unit cell says the plan names no lead
unit, and `无` in the due-date cell that a deadline phrase is kept as written without a date; an empty due-date,
recurrence and ongoing cell lets the deadline phrase give them.
"""

from __future__ import annotations

import gettext
import io
import os
import re
import sys
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from python_calamine import CalamineError, CalamineWorkbook

from inspect_cli.domain.checklist import Checklist, Heading, Task, check_recurrence, place, plan_years, unit_counts
from inspect_cli.exceptions import ChecklistInvalid, InputError
from inspect_cli.formats.documents import XLSX_SUFFIXES
from inspect_cli.i18n import DOMAIN, LOCALE_DIR, N_, _

MARK_PROPERTY = "inspect-cli checklist format"
FORMAT_VERSION = "1"
# checklist metadata ↔ custom property names
META_PROPERTIES = {
    "id": "checklist id",
    "title": "checklist title",
    "source": "plan file",
    "source_sha256": "plan sha256",
    "period": "period",
    "sha256": "checklist sha256",
}


@dataclass(frozen=True)
class SheetColumn:
    """A column of the task sheet: the Task field it holds, its titles, its width limit, whether it must be filled."""

    key: str
    zh: str
    en: str
    widest: int
    required: bool = False
    hint: str = ""

    def title(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


TASK_COLUMNS = (
    SheetColumn("id", "序号", "No.", 8, True, N_("The task's number; each row its own.")),
    SheetColumn(
        "place",
        "所属章节",
        "Part/section",
        14,
        False,
        N_("Where the task stands in the plan: 二、（一）3. (part, section, topic), as on the Headings sheet."),
    ),
    SheetColumn("text", "工作任务", "Task", 60, True, N_("The task as the plan writes it.")),
    SheetColumn(
        "lead_units",
        "牵头单位",
        "Lead units",
        24,
        True,
        N_("One unit a line; 无 when the plan names none; 各牵头单位 for every lead unit."),
    ),
    SheetColumn(
        "responsible_units",
        "责任单位",
        "Responsible units",
        28,
        False,
        N_("One unit a line (责任、配合、协办单位); 各责任单位 for every responsible unit."),
    ),
    SheetColumn(
        "deadline",
        "完成时限",
        "Deadline",
        16,
        False,
        N_("As the plan writes it: 2022年6月底前, 每年第一季度, 长期坚持. After rewriting it, clear the due date."),
    ),
    SheetColumn(
        "due",
        "截止日期",
        "Due date",
        12,
        False,
        N_("Left empty, read from the deadline; 无 keeps a deadline not understood without a date."),
    ),
    SheetColumn(
        "recurrence", "重复规则", "Recurrence", 20, False, N_("An RFC 5545 rule; left empty, read from the deadline.")
    ),
    SheetColumn(
        "ongoing", "长期坚持", "Ongoing", 8, False, N_("是 for a standing duty; left empty, read from the deadline.")
    ),
    SheetColumn(
        "review", "待核事项", "Review marks", 24, False, N_("What to check, one a line; delete a line once checked.")
    ),
    SheetColumn("tags", "标签", "Tags", 12, False, N_("One label a line.")),
    SheetColumn("weight", "权重", "Weight", 8, False, N_("A number, 0 or more.")),
    SheetColumn("verify", "核查要点", "Evidence to ask for", 24, False, N_("One hint a line.")),
    SheetColumn("line", "原文行号", "Source line", 8, False, N_("The task's line in the plan.")),
)
HEADING_COLUMNS = (
    SheetColumn("place", "所属章节", "Part/section", 14, True),
    SheetColumn("title", "标题", "Title", 60, True),
)
UNIT_COLUMNS = (
    SheetColumn("unit", "单位", "Unit", 30),
    SheetColumn("lead", "牵头", "Lead", 8),
    SheetColumn("responsible", "责任", "Responsible", 12),
    SheetColumn("every_unit", "各单位", "All units", 8),
    SheetColumn("total", "合计", "Total", 8),
)
SHEET_TITLES = {"tasks": ("任务", "Tasks"), "units": ("单位", "Units"), "headings": ("标题", "Headings")}

NONE_WORDS = {"无", "（无）", "(无)", "none", "(none)", "—", "-", "/"}
EVERY_LEAD = {"zh": "各牵头单位", "en": "(every lead unit)"}
EVERY_RESPONSIBLE = {"zh": "各责任单位", "en": "(every responsible unit)"}
YES_WORDS = {"是", "√", "✓", "yes", "y", "true", "1"}
NO_WORDS = {"否", "", "no", "n", "false", "0"}
_PLACE = re.compile(
    r"^(?:(?P<part>[^、（）()]+)、)?(?:[（(](?P<section>[^（）()]+)[）)])?(?:(?P<topic>[^、（）()]+?)[.．])?$"
)


@dataclass(frozen=True)
class CellProblem:
    """One problem of an edited sheet, printed as `file:sheet!cell: message`."""

    file: str
    cell: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.cell}: {self.message}"


# ---------------------------------------------------------------- writing


def checklist_workbook(checklist: Checklist, lang: str) -> bytes:
    """The checklist as .xlsx bytes: tasks, units with their counts, headings, and its identity in the properties."""
    _check_keepable(checklist)
    counts = unit_counts(checklist)
    properties = {MARK_PROPERTY: FORMAT_VERSION}
    for key, name in META_PROPERTIES.items():
        if getattr(checklist, key):
            properties[name] = getattr(checklist, key)
    return _workbook(
        lang,
        checklist.title,
        properties,
        tasks=[[_cell_value(task, column.key, lang) for column in TASK_COLUMNS] for task in checklist.tasks],
        units=[list(row) for row in counts],
        headings=[[_heading_place(h), h.title] for h in (*checklist.parts, *checklist.sections, *checklist.topics)],
    )


def template_workbook(lang: str, checklist: Checklist | None = None) -> bytes:
    """A blank task table: the same columns, input hints, required columns marked, known units offered as a list."""
    units = [[unit] for unit, *_counts in unit_counts(checklist)] if checklist is not None else []
    return _workbook(lang, "", {MARK_PROPERTY: FORMAT_VERSION}, tasks=[], units=units, headings=[])


def _workbook(
    lang: str, title: str, properties: dict[str, str], tasks: list[Any], units: list[Any], headings: list[Any]
) -> bytes:
    """Three sheets (tasks, units, headings) with bold frozen headers, wrapped cells and widths that fit; the task
    sheet with a hint on each column, required titles in red, and the units offered as a list."""
    import xlsxwriter

    stream = io.BytesIO()
    workbook = xlsxwriter.Workbook(
        stream, {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False}
    )
    styles = {
        "header": workbook.add_format(
            {
                "bold": True,
                "bg_color": "#DDEBF7",
                "text_wrap": True,
                "align": "center",
                "valign": "vcenter",
                "border": 1,
            }
        ),
        "required": workbook.add_format(
            {
                "bold": True,
                "font_color": "#C00000",
                "bg_color": "#DDEBF7",
                "text_wrap": True,
                "align": "center",
                "valign": "vcenter",
                "border": 1,
            }
        ),
        "body": workbook.add_format({"text_wrap": True, "valign": "top"}),
        "date": workbook.add_format({"text_wrap": True, "valign": "top", "num_format": "yyyy-mm-dd"}),
    }
    sheets = {}
    for kind, columns, rows in (
        ("tasks", TASK_COLUMNS, tasks),
        ("units", UNIT_COLUMNS, units),
        ("headings", HEADING_COLUMNS, headings),
    ):
        sheets[kind] = _sheet(workbook, SHEET_TITLES[kind][lang == "en"], columns, rows, lang, styles)
    task_sheet, last_row = sheets["tasks"], 1_048_575
    for index, column in enumerate(TASK_COLUMNS):
        hint = in_language(lang, column.hint)
        if column.required:
            hint = in_language(lang, N_("Required. {hint}")).format(hint=hint)
            task_sheet.write_comment(0, index, hint, {"author": "inspect-cli"})
        rule = {"validate": "any", "input_title": column.title(lang)[:32], "input_message": hint[:255]}
        if column.key in ("lead_units", "responsible_units") and units:
            # a cell may list several units, one a line: a name not in the list is allowed after a warning
            rule.update(
                {
                    "validate": "list",
                    "source": f"='{SHEET_TITLES['units'][lang == 'en']}'!$A$2:$A${len(units) + 1}",
                    "error_type": "warning",
                    "error_message": in_language(lang, N_("Not a unit of this checklist; keep it anyway?")),
                }
            )
        task_sheet.data_validation(1, index, last_row, index, rule)
    workbook.set_properties({"title": title, "author": "inspect-cli"})
    for name, value in properties.items():
        workbook.set_custom_property(name, value, "text")
    workbook.close()
    return stream.getvalue()


def _sheet(workbook, name: str, columns: tuple[SheetColumn, ...], rows: list[Any], lang: str, styles: dict[str, Any]):
    from wcwidth import wcswidth

    sheet = workbook.add_worksheet(name)
    widths = []
    for index, column in enumerate(columns):
        title = column.title(lang)
        sheet.write_string(0, index, title, styles["required" if column.required else "header"])
        widths.append(max(wcswidth(title), 4))
    for row_number, row in enumerate(rows, start=1):
        for index, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, date):
                sheet.write_datetime(row_number, index, value, styles["date"])
                text = value.isoformat()
            elif isinstance(value, str):
                if _ILLEGAL.search(value) or sheet.write_string(row_number, index, value, styles["body"]) < 0:
                    raise InputError(
                        _(
                            "{cell}: the value holds a control character or more than 32,767 characters, "
                            "which a spreadsheet cell cannot store; correct the checklist"
                        ).format(cell=f"{name}!{column_letter(index + 1)}{row_number + 1}")
                    )
                text = value
            else:
                sheet.write_number(row_number, index, value, styles["body"])
                text = str(value)
            longest = max(max(wcswidth(line), len(line)) for line in text.split("\n"))
            widths[index] = max(widths[index], min(longest, columns[index].widest))
    for index, width in enumerate(widths):
        sheet.set_column(index, index, width + 2)
    sheet.freeze_panes(1, 0)
    if rows:
        sheet.autofilter(0, 0, len(rows), len(columns) - 1)
    return sheet


def in_language(lang: str, message: str) -> str:
    """A message in the workbook's language, which may not be the interface's."""
    if lang == "en":
        return message
    return _catalog(lang).gettext(message)


@cache
def _catalog(lang: str):
    return gettext.translation(DOMAIN, str(LOCALE_DIR), languages=[lang], fallback=True)


_MARKERS = NONE_WORDS | set(EVERY_LEAD.values()) | set(EVERY_RESPONSIBLE.values())


def _check_keepable(checklist: Checklist) -> None:
    """Refuse what a cell could not give back as it was: a list entry with a line break, spaces around it or one of
    the sheet's own words (无, 各牵头单位), a heading number with the place marks 、（）."""
    for heading in (*checklist.parts, *checklist.sections, *checklist.topics):
        if re.search(r"[、（）()]", heading.number):
            raise InputError(
                _(
                    "heading {number}: its number holds 、 or brackets, which the place column uses; "
                    "renumber it in the checklist"
                ).format(number=heading.number)
            )
    for task in checklist.tasks:
        for key in ("lead_units", "responsible_units", "review", "tags", "verify"):
            for entry in getattr(task, key):
                if (
                    not entry.strip()
                    or entry != entry.strip()
                    or "\n" in entry
                    or "\r" in entry
                    or entry.lower() in _MARKERS
                ):
                    raise InputError(
                        _(
                            "task {id}: {key} entry '{entry}' would not read back from a cell (one entry a "
                            "line, without surrounding spaces); correct the checklist"
                        ).format(id=task.id, key=key, entry=entry)
                    )
        if "\r" in task.text or task.deadline != task.deadline.strip() or task.id != task.id.strip():
            raise InputError(
                _(
                    "task {id}: its number, text or deadline holds a carriage return or surrounding spaces, "
                    "which would not read back from a cell; correct the checklist"
                ).format(id=task.id)
            )


def _cell_value(task: Task, key: str, lang: str):
    if key == "place":
        return place(task) or None
    if key == "lead_units":
        lines = [*task.lead_units, *([EVERY_LEAD[lang]] if task.every_lead_unit else [])]
        return _lines(lines) or ("无" if lang == "zh" else "none")
    if key == "responsible_units":
        return _lines([*task.responsible_units, *([EVERY_RESPONSIBLE[lang]] if task.every_responsible_unit else [])])
    if key == "due":
        if task.due is not None:
            return task.due
        # a phrase kept as written, not understood: `无` stops it being read again
        return ("无" if lang == "zh" else "none") if task.deadline and not (task.recurrence or task.ongoing) else None
    if key == "ongoing":
        return ("是" if lang == "zh" else "yes") if task.ongoing else None
    if key in ("review", "tags", "verify"):
        return _lines(getattr(task, key))
    value = getattr(task, key)
    return value if value != "" else None


def _lines(values) -> str | None:
    return "\n".join(values) or None


_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _heading_place(heading: Heading) -> str:
    if heading.level == "part":
        return f"{heading.number}、"
    if heading.level == "section":
        return (f"{heading.part}、" if heading.part else "") + f"（{heading.number}）"
    return place(Task("", "", part=heading.part, section=heading.section, topic=heading.number))


# ---------------------------------------------------------------- reading


@dataclass
class SheetBook:
    """A workbook as read: its sheets' names, their rows on demand, and its document properties."""

    names: list[str]
    properties: dict[str, str]
    title: str
    _book: CalamineWorkbook
    _rows: dict[str, Any]

    def rows(self, name: str) -> list[list[Any]]:
        """Every row of a sheet from A1 on, cells as python-calamine gives them ("" for an empty one)."""
        if name not in self._rows:
            with _unreadable():
                self._rows[name] = self._book.get_sheet_by_name(name).to_python(skip_empty_area=False)
        return self._rows[name]


@contextmanager
def _unreadable():
    """A workbook python-calamine cannot read, as InputError: its errors, and the panics of its Rust code (a date
    cell holding a number no date has), which are not Exceptions."""
    import zipfile

    try:
        with _quiet_native_stderr():
            yield
    except (CalamineError, zipfile.BadZipFile, ElementTree.ParseError, KeyError, ValueError, OSError) as exc:
        raise InputError(
            _("not a readable .xlsx workbook ({detail}); re-save it from Excel as .xlsx").format(detail=exc)
        ) from exc
    except BaseException as exc:
        if isinstance(exc, (KeyboardInterrupt, SystemExit, GeneratorExit, MemoryError)):
            raise
        raise InputError(
            _("not a readable .xlsx workbook ({detail}); re-save it from Excel as .xlsx").format(detail=exc)
        ) from None


def exported_workbook(path: Path) -> SheetBook | None:
    """The workbook at `path` when it is a checklist table this program wrote (its mark, or exactly its columns), else
    None: a task table from elsewhere is a plan for the plan importer."""
    path = Path(path)
    if path.suffix.lower() not in XLSX_SUFFIXES:
        return None
    from inspect_cli.formats.fileio import read_input

    raw = read_input(path, N_("check the path"), N_("an .xlsx workbook"))
    try:
        book = open_workbook(raw)
        marked = MARK_PROPERTY in book.properties
        return book if marked or (book.names and _task_language(book.rows(book.names[0])) is not None) else None
    except InputError:
        return None  # the plan importer says what is wrong with it


@contextmanager
def _quiet_native_stderr():
    """Standard error closed to native code meanwhile: a Rust panic prints its own backtrace there before Python sees
    it as an exception, and the user is told in one line instead."""
    try:
        sys.stderr.flush()
        saved = os.dup(2)
    except (OSError, ValueError):  # no file descriptor 2 to borrow: leave it as it is
        yield
        return
    try:
        with open(os.devnull, "wb") as devnull:
            os.dup2(devnull.fileno(), 2)
            yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def open_workbook(raw: bytes) -> SheetBook:
    """A workbook's sheets and properties (python-calamine reads the cells, the standard library the properties)."""
    import zipfile

    with _unreadable():
        book = CalamineWorkbook.from_filelike(io.BytesIO(raw))
        properties: dict[str, str] = {}
        title = ""
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            names = set(archive.namelist())
            if "docProps/custom.xml" in names:
                for element in ElementTree.fromstring(archive.read("docProps/custom.xml")):
                    if (name := element.get("name")) is not None and len(element):
                        properties[name] = element[0].text or ""
            if "docProps/core.xml" in names:
                found = ElementTree.fromstring(archive.read("docProps/core.xml")).find(
                    "{http://purl.org/dc/elements/1.1/}title"
                )
                title = (found.text or "") if found is not None else ""
        return SheetBook(list(book.sheet_names), properties, title, book, {})


def column_letter(number: int) -> str:
    """The spreadsheet name of a 1-based column: 1 → A, 27 → AA."""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _header(rows: list[list[Any]]) -> list[str]:
    titles = [_text(value) for value in rows[0]] if rows else []
    while titles and not titles[-1]:
        titles.pop()
    return titles


def _task_language(rows: list[list[Any]]) -> str | None:
    """zh or en when the header row is exactly the task columns in that language."""
    titles = _header(rows)
    for lang in ("zh", "en"):
        if titles == [column.title(lang) for column in TASK_COLUMNS]:
            return lang
    return None


def load_any_checklist(path: Path) -> Checklist:
    """A checklist from a TOML file, a checklist workbook, or any plan the plan importer reads."""
    path = Path(path)
    if path.suffix.lower() == ".toml":
        from inspect_cli.formats.checklist_toml import load_checklist

        return load_checklist(path)
    workbook = exported_workbook(path)
    if workbook is not None:
        return read_checklist_workbook(path, workbook)
    from inspect_cli.formats.plan_import import import_plan

    return import_plan(path).checklist


def read_checklist_workbook(
    path: Path, workbook: SheetBook | None = None, checklist_id: str | None = None, title: str | None = None
) -> Checklist:
    """The checklist a workbook holds; ChecklistInvalid naming every cell in error."""
    path = Path(path)
    from inspect_cli.formats.fileio import read_input

    raw = read_input(path, N_("check the path"), N_("an .xlsx workbook")) if workbook is None else b""
    try:
        workbook = workbook or open_workbook(raw)
        meta = {key: workbook.properties.get(name, "") for key, name in META_PROPERTIES.items()}
        # a deadline without a year (年底前) is in the plan's year, when its title names one
        years = set(re.findall(r"(\d{4})\s*年", meta["title"] or workbook.title))
        reader = _SheetReader(str(path), workbook, int(years.pop()) if len(years) == 1 else None)
        checklist = reader.read()
    except ChecklistInvalid:
        raise
    except InputError as error:
        raise InputError(f"{path}: {error.message}") from None
    if reader.problems:
        raise ChecklistInvalid(reader.problems)
    stem = re.sub(r"[^\w.-]+", "-", path.stem).strip("-") or "checklist"
    return replace(
        checklist,
        id=checklist_id or meta["id"] or stem,
        title=title or meta["title"] or workbook.title or path.stem,
        source=meta["source"],
        source_sha256=meta["source_sha256"],
        period=meta["period"],
    )


class _SheetReader:
    """Reads the task and heading sheets cell by cell, collecting every problem with its cell."""

    def __init__(self, name: str, workbook: SheetBook, year: int | None) -> None:
        self.name, self.workbook, self.year = name, workbook, year
        self.problems: list[CellProblem] = []

    def problem(self, sheet: str, column: int, row: int, message: str) -> None:
        self.problems.append(CellProblem(self.name, f"{sheet}!{column_letter(column)}{row}", message))

    def read(self) -> Checklist:
        sheet = self.workbook.names[0]
        rows = self.workbook.rows(sheet)
        titles = _header(rows)
        lang = "en" if titles and titles[0] == TASK_COLUMNS[0].en else "zh"
        expected = [column.title(lang) for column in TASK_COLUMNS]
        if titles != expected:
            missing = [title for title in expected if title not in titles]
            extra = [title for title in titles if title and title not in expected]
            detail = (
                _("missing: {missing}").format(missing="、".join(missing))
                if missing
                else _("not expected: {extra}").format(extra="、".join(extra))
                if extra
                else _("in another order")
            )
            self.problems.append(
                CellProblem(
                    self.name,
                    f"{sheet}!A1:{column_letter(len(expected))}1",
                    _(
                        "the header row is not the task table's columns ({detail}); use the "
                        "columns of 'inspect-cli checklist template'"
                    ).format(detail=detail),
                )
            )
            return Checklist("", "", ())
        headings = self._headings()
        tasks: list[Task] = []
        first_row: dict[str, int] = {}
        width = len(TASK_COLUMNS)
        for row_number, row in enumerate(rows[1:], start=2):
            row = (list(row) + [""] * width)[:width]
            if all(_text(value) == "" for value in row):
                continue
            task = self._task(sheet, row_number, dict(zip((column.key for column in TASK_COLUMNS), row, strict=False)))
            if task is None:
                continue
            if task.id in first_row:
                self.problem(
                    sheet,
                    1,
                    row_number,
                    _("number {id} repeats row {row}; give each task its own number").format(
                        id=task.id, row=first_row[task.id]
                    ),
                )
            else:
                first_row[task.id] = row_number
            tasks.append(task)
            for level, key, heading in _task_headings(task):
                headings.setdefault((level, key), heading)
        if not tasks and not self.problems:
            self.problems.append(
                CellProblem(self.name, f"{sheet}!A2", _("the sheet lists no task; fill in a row a task"))
            )
        by_level = {
            level: tuple(h for (lvl, _key), h in headings.items() if lvl == level)
            for level in ("part", "section", "topic")
        }
        return Checklist(
            "", "", tuple(tasks), parts=by_level["part"], sections=by_level["section"], topics=by_level["topic"]
        )

    def _headings(self) -> dict[tuple[str, tuple[str | None, ...]], Heading]:
        found: dict[tuple[str, tuple[str | None, ...]], Heading] = {}
        sheet = next((name for name in self.workbook.names if name in SHEET_TITLES["headings"]), None)
        if sheet is None:
            return found
        for row_number, row in enumerate(self.workbook.rows(sheet)[1:], start=2):
            label, title = (_text(value) for value in (list(row) + ["", ""])[:2])
            if not label and not title:
                continue
            path = self._place(sheet, 1, row_number, label)
            if path is None:
                continue
            part, section, topic = path
            if topic is not None:
                heading = Heading("topic", topic, title, part, section)
            elif section is not None:
                heading = Heading("section", section, title, part)
            elif part is not None:
                heading = Heading("part", part, title)
            else:
                self.problem(sheet, 1, row_number, _("the heading names no place; write it like 二、（一）3."))
                continue
            if (heading.level, heading.key) in found:
                self.problem(sheet, 1, row_number, _("heading {place} is listed twice").format(place=label))
            found[(heading.level, heading.key)] = heading
        return found

    def _place(self, sheet: str, column: int, row: int, label: str) -> tuple[Any, ...] | None:
        match = _PLACE.match(label.strip())
        if match is None:
            self.problem(
                sheet,
                column,
                row,
                _(
                    "'{value}' is not a place in the plan; write it like 二、（一）3. (part、, (section), topic.)"
                ).format(value=label),
            )
            return None
        return match["part"], match["section"], match["topic"]

    def _task(self, sheet: str, row: int, cells: dict[str, Any]) -> Task | None:
        before = len(self.problems)
        column = {c.key: index for index, c in enumerate(TASK_COLUMNS, start=1)}

        def bad(key: str, message: str) -> None:
            self.problem(sheet, column[key], row, message)

        task_id = _number(cells["id"])
        if not task_id:
            bad("id", _("the number is empty; give the task a number"))
        text = _text(cells["text"], strip=False)
        if not text.strip():
            bad("text", _("the task is empty; write the task, or delete the row"))
        part = section = topic = None
        label = _text(cells["place"])
        if label:
            path = self._place(sheet, column["place"], row, label)
            if path is not None:
                part, section, topic = path
        lead, every_lead = _units(cells["lead_units"], EVERY_LEAD)
        if not lead and not every_lead and _text(cells["lead_units"]).lower() not in NONE_WORDS:
            bad("lead_units", _("lead unit is empty; write the lead unit (one a line), or 无 when the plan names none"))
        responsible, every_responsible = _units(cells["responsible_units"], EVERY_RESPONSIBLE)
        deadline = _text(cells["deadline"])
        due, recurrence, ongoing = self._deadline(bad, deadline, cells)
        weight = cells["weight"]
        if isinstance(weight, str):
            try:
                weight = float(weight) if weight.strip() else None
            except ValueError:
                bad(
                    "weight",
                    _("'{value}' is not a number; write a weight such as 1 or 0.5").format(value=cells["weight"]),
                )
        if isinstance(weight, float) and weight.is_integer():
            weight = int(weight)  # a spreadsheet keeps every number as a float
        if isinstance(weight, bool) or (isinstance(weight, (int, float)) and weight < 0):
            bad("weight", _("a weight is 0 or more"))
        line = cells["line"]
        if isinstance(line, float) and line.is_integer():
            line = int(line)
        elif isinstance(line, str):
            line = int(line) if line.strip().isdigit() else (None if not line.strip() else line)
        if line is not None and not isinstance(line, int):
            bad("line", _("'{value}' is not a line number").format(value=cells["line"]))
        if len(self.problems) > before:
            return None
        return Task(
            id=task_id,
            text=text,
            lead_units=lead,
            responsible_units=responsible,
            every_lead_unit=every_lead,
            every_responsible_unit=every_responsible,
            deadline=deadline,
            due=due,
            recurrence=recurrence,
            ongoing=ongoing,
            part=part,
            section=section,
            topic=topic,
            tags=_list(cells["tags"]),
            weight=weight,
            verify=_list(cells["verify"]),
            line=line,
            review=_list(cells["review"]),
        )

    def _deadline(self, bad, phrase: str, cells: dict[str, Any]) -> tuple[Any, ...]:
        """The due date, recurrence and ongoing flag: as written, or read from the phrase when all three are empty."""
        from inspect_cli.domain.deadline_phrases import parse_deadline, validate_recurrence

        rule = parse_deadline(phrase, self.year)
        due_cell, written_rule = cells["due"], _text(cells["recurrence"])
        ongoing_text = _text(cells["ongoing"]).lower()
        if ongoing_text not in YES_WORDS | NO_WORDS:
            bad(
                "ongoing",
                _("'{value}': write 是 for a standing duty, or leave it empty").format(value=cells["ongoing"]),
            )
            return None, None, False
        ongoing = ongoing_text in YES_WORDS
        due = _date(due_cell)
        kept_as_written = isinstance(due_cell, str) and due_cell.strip().lower() in NONE_WORDS
        if due is None and not kept_as_written and _text(due_cell):
            bad("due", _("'{value}' is not a date; write it as 2022-06-30, or 无").format(value=due_cell))
            return None, None, False
        if written_rule:
            error = validate_recurrence(written_rule) or check_recurrence(written_rule, plan_years(""))
            if error:
                bad("recurrence", _("recurrence not understood: {detail}").format(detail=error))
                return None, None, False
        if due is None and not written_rule and not ongoing and not kept_as_written:
            if phrase and not rule.recognised:
                bad(
                    "deadline",
                    _(
                        "deadline '{phrase}' is not understood; write it like 2022年6月底前, 每年第一季度 or "
                        "长期坚持, or write 无 as its due date to keep it as written"
                    ).format(phrase=phrase),
                )
            return rule.due, rule.recurrence, rule.ongoing
        if (due is not None) + bool(written_rule) + ongoing > 1:
            bad("due", _("a task has one of a due date, a recurrence or 是 under ongoing, not several"))
        elif (
            rule.recognised
            and rule.has_deadline
            and (rule.due, rule.recurrence, rule.ongoing) != (due, written_rule or None, ongoing)
        ):
            meaning = rule.due or rule.recurrence or _("ongoing")
            bad(
                "due",
                _(
                    "does not match the deadline '{phrase}', which means {meaning}; correct it, or clear the due "
                    "date, recurrence and ongoing cells to read them from the deadline"
                ).format(phrase=phrase, meaning=meaning),
            )
        return due, written_rule or None, ongoing


def _task_headings(task: Task):
    """The headings a task names, each with an empty title (for a sheet whose Headings sheet lacks them)."""
    if task.part is not None:
        yield "part", (task.part,), Heading("part", task.part, "")
    if task.section is not None:
        yield "section", (task.part, task.section), Heading("section", task.section, "", task.part)
    if task.topic is not None:
        yield "topic", (task.part, task.section, task.topic), Heading("topic", task.topic, "", task.part, task.section)


def _text(value, strip: bool = True) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    text = (
        value.isoformat()
        if isinstance(value, date)
        else _number(value)
        if isinstance(value, (int, float))
        else str(value)
    )
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.strip() if strip else text


def _number(value) -> str:
    """A cell's number as text: 12 and 12.0 are "12"."""
    if isinstance(value, bool) or value is None:
        return "" if value is None else str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip() if not isinstance(value, int) else str(value)


def _list(value) -> tuple[str, ...]:
    return tuple(line.strip() for line in _text(value).split("\n") if line.strip())


def _units(value, every_words: dict[str, Any]) -> tuple[tuple[str, ...], bool]:
    names = _list(value)
    every = any(name in every_words.values() or name == every_words["zh"] + "落实" for name in names)
    kept = tuple(
        name
        for name in names
        if name not in every_words.values() and name != every_words["zh"] + "落实" and name.lower() not in NONE_WORDS
    )
    return kept, every


def _date(value) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None
