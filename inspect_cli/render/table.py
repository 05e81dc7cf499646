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


_SGR = re.compile(r"\x1b\[[0-9;]*m")


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


def to_csv(records: Sequence[Any], fields: Sequence[str] | None = None, titles: Sequence[str] | None = None) -> str:
    """CSV with one column per field of the records (or the named fields), headed by the field names (or `titles`);
    formula-like cells neutralised."""
    import csv
    import io

    buffer = io.StringIO()
    rows = [plain(r) if not isinstance(r, dict) else r for r in records]
    names = list(fields) if fields else (list(rows[0].keys()) if rows else [])
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(list(titles) if titles else names)
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


# Cells that must never be broken across lines: ids and numbers with digits (荆法督〔2017〕1号, 2017-03-10, 12/16),
# and counts with a short unit (28 工作日).
_ATOMIC_CELL = re.compile(r"(?=\S*\d)\S+|-?\d+(?:\.\d+)? ?\S{0,4}")
_NARROWEST = 4  # two Chinese characters


def _atomic(cells: list[str]) -> bool:
    plain_cells = [_SGR.sub("", cell) for cell in cells if cell]
    return bool(plain_cells) and all(_ATOMIC_CELL.fullmatch(cell) and display_width(cell) <= 24 for cell in plain_cells)


_SHORT_WORD = 10  # a word this wide or narrower (five Chinese characters, `finalized`) is never broken when it can fit
_WORD_BREAKS = re.compile(r"[\s、,,;;]+")
_CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")


def shortest_unbroken(cells: list[str], header: str) -> int:
    """The width a column needs so that none of its short words (unit names, states, English words) is cut in
    two: Chinese headers may wrap between characters, so only a header without Chinese counts."""
    words = [word for cell in cells for word in _WORD_BREAKS.split(_SGR.sub("", cell))]
    if not _CJK.search(header):
        words += header.split()
    return max((w for w in map(display_width, words) if w <= _SHORT_WORD), default=0)


def column_widths(natural: list[int], atomic: list[bool], preferred: list[bool], width: int,
                  separators: int, unbroken: list[int] | None = None) -> list[int]:
    """Widths that fit `width` when they can: atomic columns keep their natural width; the other columns share
    what is left, short words kept whole when they can be, the `preferred` (long text) ones giving way first,
    each at least two Chinese characters wide."""
    room = width - separators - sum(n for n, keep in zip(natural, atomic) if keep)
    widths = list(natural)
    flexible = [i for i, keep in enumerate(atomic) if not keep]
    if sum(natural[i] for i in flexible) <= room:
        return widths
    least = {i: min(natural[i], max(_NARROWEST, (unbroken or [0] * len(natural))[i])) for i in flexible}
    if sum(least.values()) <= room:
        return _grow(natural, least, preferred, room, widths)
    # the columns that are not preferred to wrap keep their width as long as the wrapping ones keep 8 columns each
    firm = [i for i in flexible if not preferred[i]]
    soft = [i for i in flexible if preferred[i]]
    if sum(natural[i] for i in firm) + 8 * len(soft) > room:
        soft = flexible
    else:
        room -= sum(natural[i] for i in firm)
    # on a very narrow terminal a text column may go down to one Chinese character
    narrowest = _NARROWEST if room >= _NARROWEST * len(soft) else 2
    for position, i in enumerate(sorted(soft, key=lambda i: natural[i])):
        share = max(narrowest, room // (len(soft) - position))
        widths[i] = min(natural[i], share)
        room -= widths[i]
    return widths


def _grow(natural: list[int], least: dict[int, int], preferred: list[bool], room: int, widths: list[int]) -> list[int]:
    """Every flexible column starts at its least width; the other columns grow to their natural width first
    (keeping up to 8 columns in reserve for each long-text one), then the long-text columns share what is left."""
    widths = list(widths)
    for i, value in least.items():
        widths[i] = value
    spare = room - sum(least.values())
    soft = [i for i in least if preferred[i]]
    reserve = sum(max(0, min(8, natural[i]) - least[i]) for i in soft)
    for i in sorted((i for i in least if not preferred[i]), key=lambda i: natural[i] - least[i]):
        grant = max(0, min(natural[i] - widths[i], spare - reserve))
        widths[i] += grant
        spare -= grant
    rest = sorted((i for i in least if preferred[i] or widths[i] < natural[i]), key=lambda i: natural[i] - widths[i])
    for position, i in enumerate(rest):
        grant = min(natural[i] - widths[i], spare // (len(rest) - position))
        widths[i] += grant
        spare -= grant
    return widths


def in_language(columns: Sequence[Column]) -> list[Column]:
    """The columns with their headers in the interface language."""
    from inspect_cli.i18n import _

    return [dataclasses.replace(column, header=_(column.header)) for column in columns]


def to_table(records: Iterable[Any], columns: Sequence[Column], width: int | None = None) -> str:
    """A grid table whose CJK columns line up and that fits `width` (default: the terminal's): text columns
    wrap, ids, numbers and dates never do."""
    import tabulate as tabulate_module

    rows = [[cell_text(column.get(record)) for column in columns] for record in records]
    if not rows:
        return ""
    columns = in_language(columns)
    width = width or terminal_width()
    natural = [max([display_width(column.header)] + [display_width(row[i]) for row in rows]) for i, column in enumerate(columns)]
    natural = [min(n, c.max_width) if c.max_width else n for n, c in zip(natural, columns)]
    atomic = [_atomic([row[i] for row in rows]) for i in range(len(columns))]
    # a grid costs three columns per column and one more; when that does not fit, the borders go (two spaces)
    grid, simple = 3 * len(columns) + 1, 2 * (len(columns) - 1)
    unbroken = [shortest_unbroken([row[i] for row in rows], column.header) for i, column in enumerate(columns)]
    whole = sum(n if keep else min(n, max(_NARROWEST, u)) for n, keep, u in zip(natural, atomic, unbroken))
    least = sum(n if keep else min(n, 2) for n, keep in zip(natural, atomic))
    # borders only when they cost no broken word (or when even without them words must break)
    bordered = whole + grid <= width or (whole + simple > width and least + grid <= width)
    fmt, separators = ("simple_grid", grid) if bordered else ("simple", simple)
    limits = column_widths(natural, atomic, [c.wrap for c in columns], width, separators, unbroken)
    widths = [limit if (limit < natural[i] or columns[i].max_width) and not atomic[i] else None
              for i, limit in enumerate(limits)]
    tabulate_module.MIN_PADDING = 0
    return tabulate_module.tabulate(rows, headers=[c.header for c in columns], tablefmt=fmt,
                                    maxcolwidths=widths, maxheadercolwidths=widths, disable_numparse=True,
                                    colalign=[c.align for c in columns])


_MD_ESCAPES = str.maketrans({"\\": "\\\\", "|": "\\|", "`": "\\`", "*": "\\*", "_": "\\_", "#": "\\#",
                              "<": "&lt;", ">": "&gt;", "[": "\\[", "]": "\\]", "&": "&amp;"})


def md_escape(text: Any) -> str:
    """Text safe inside a GFM table cell or paragraph: no `|`, heading marks, HTML or line breaks leak."""
    value = cell_text(text).translate(_MD_ESCAPES)
    return " ".join(part.strip() for part in value.replace("\r", "\n").split("\n") if part.strip())


def to_markdown_table(records: Iterable[Any], columns: Sequence[Column]) -> str:
    """A GFM table with every cell escaped."""
    columns = in_language(columns)
    lines = ["| " + " | ".join(md_escape(c.header) for c in columns) + " |",
             "|" + "|".join("---" for _ in columns) + "|"]
    for record in records:
        lines.append("| " + " | ".join(md_escape(c.get(record)) or " " for c in columns) + " |")
    return "\n".join(lines) + "\n"


def use_colour(stream=None) -> bool:
    """Colour only on a terminal and only when NO_COLOR is unset."""
    stream = stream or sys.stdout
    return "NO_COLOR" not in os.environ and hasattr(stream, "isatty") and stream.isatty()
