"""The one renderer: frozen dataclasses in, aligned CJK tables, JSON, CSV or Markdown out."""

from __future__ import annotations

import dataclasses
import enum
import json
import os
import re
import shutil
import sys
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Callable, Iterable, Sequence


@dataclass(frozen=True)
class Column:
    """A table column: its header, how to get the cell from a record, and whether it may wrap."""

    header: str
    get: Callable[[Any], Any]
    wrap: bool = False
    max_width: int | None = None
    align: str = "left"


def plain(value: Any) -> Any:
    """A JSON-ready form of a value: dates as ISO strings, tuples as lists, dataclasses as dicts."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value) if not f.name.startswith("_")}
    if hasattr(value, "_asdict"):  # NamedTuple rows
        return {k: plain(v) for k, v in value._asdict().items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    return value


def to_json(value: Any) -> str:
    """Pretty JSON with Chinese kept readable."""
    return json.dumps(plain(value), ensure_ascii=False, indent=2)


def cell_text(value: Any) -> str:
    """The text of one table or CSV cell: lists joined with 、, dates ISO, None empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "、".join(cell_text(v) for v in value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return str(value.value)
    return str(value)


_NUMBER_CELL = re.compile(r"[+-]?\d+(\.\d+)?")


def spreadsheet_safe(text: str) -> str:
    """A CSV cell a spreadsheet shows as text: one starting with = + - @ (or a tab or carriage return) gets a
    leading apostrophe, so Excel or LibreOffice never runs it as a formula; plain numbers stay numbers."""
    if text[:1] in ("=", "+", "-", "@", "\t", "\r") and not _NUMBER_CELL.fullmatch(text):
        return "'" + text
    return text


def to_csv(records: Sequence[Any], fields: Sequence[str] | None = None) -> str:
    """CSV with one column per field of the records (or the named fields); formula-like cells neutralised."""
    import csv
    import io

    buffer = io.StringIO()
    rows = [plain(r) if not isinstance(r, dict) else r for r in records]
    names = list(fields) if fields else (list(rows[0].keys()) if rows else [])
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(names)
    for row in rows:
        writer.writerow([spreadsheet_safe(cell_text(row.get(name))) for name in names])
    return buffer.getvalue()


def terminal_width() -> int:
    """Columns to wrap tables to: $COLUMNS, the terminal's width, or 100 when there is none."""
    return shutil.get_terminal_size((100, 24)).columns


def display_width(text: str) -> int:
    """Columns a string takes in a terminal (CJK characters take two)."""
    from wcwidth import wcswidth

    width = max((wcswidth(line) for line in text.split("\n")), default=0)
    return width if width >= 0 else len(text)


def to_table(records: Iterable[Any], columns: Sequence[Column], width: int | None = None) -> str:
    """A grid table whose CJK columns line up, wrapping the wrappable columns to fit `width`."""
    import tabulate as tabulate_module

    rows = [[cell_text(column.get(record)) for column in columns] for record in records]
    if not rows:
        return ""
    width = width or terminal_width()
    natural = [max([display_width(column.header)] + [display_width(row[i]) for row in rows]) for i, column in enumerate(columns)]
    limits = [min(n, c.max_width) if c.max_width else n for n, c in zip(natural, columns)]
    wrapping = sorted((i for i, c in enumerate(columns) if c.wrap), key=lambda i: limits[i])
    # each column costs its text plus one space either side and one border
    room = width - (3 * len(columns) + 1) - sum(limits[i] for i in range(len(columns)) if i not in wrapping)
    for position, i in enumerate(wrapping):
        share = max(8, room // (len(wrapping) - position))
        limits[i] = min(limits[i], share)
        room -= limits[i]
    widths = [limit if limit < natural[i] else None for i, limit in enumerate(limits)]
    tabulate_module.MIN_PADDING = 0
    return tabulate_module.tabulate(rows, headers=[c.header for c in columns], tablefmt="simple_grid",
                                    maxcolwidths=widths, disable_numparse=True,
                                    colalign=[c.align for c in columns])


_MD_ESCAPES = str.maketrans({"\\": "\\\\", "|": "\\|", "`": "\\`", "*": "\\*", "_": "\\_", "#": "\\#",
                              "<": "&lt;", ">": "&gt;", "[": "\\[", "]": "\\]", "&": "&amp;"})


def md_escape(text: Any) -> str:
    """Text safe inside a GFM table cell or paragraph: no `|`, heading marks, HTML or line breaks leak."""
    value = cell_text(text).translate(_MD_ESCAPES)
    return " ".join(part.strip() for part in value.replace("\r", "\n").split("\n") if part.strip())


def to_markdown_table(records: Iterable[Any], columns: Sequence[Column]) -> str:
    """A GFM table with every cell escaped."""
    lines = ["| " + " | ".join(md_escape(c.header) for c in columns) + " |",
             "|" + "|".join("---" for _ in columns) + "|"]
    for record in records:
        lines.append("| " + " | ".join(md_escape(c.get(record)) or " " for c in columns) + " |")
    return "\n".join(lines) + "\n"


def use_colour(stream=None) -> bool:
    """Colour only on a terminal and only when NO_COLOR is unset."""
    stream = stream or sys.stdout
    return "NO_COLOR" not in os.environ and hasattr(stream, "isatty") and stream.isatty()
