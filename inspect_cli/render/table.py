"""The one renderer: frozen dataclasses in, aligned CJK tables, JSON, CSV or Markdown out."""

from __future__ import annotations

import dataclasses
import enum
import functools
import io
import os
import re
import shutil
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from operator import itemgetter
from typing import Any

from inspect_cli.i18n import _

_SGR = re.compile(r"\x1b\[[0-9;]*m")


@dataclass(frozen=True)
class Column:
    """A table column: its header, how to get the cell from a record, and whether it may wrap."""

    header: str
    get: Callable[[Any], Any]
    wrap: bool = False
    max_width: int | None = None
    align: str = "left"


def json_ready(value: Any) -> Any:
    """A JSON-ready form of a value: dates as ISO strings, tuples as lists, dataclasses as dicts."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: json_ready(getattr(value, f.name)) for f in dataclasses.fields(value) if not f.name.startswith("_")
        }
    if hasattr(value, "_asdict"):  # NamedTuple rows
        return {k: json_ready(v) for k, v in value._asdict().items()}
    if isinstance(value, (list, tuple)):
        return [json_ready(v) for v in value]
    if isinstance(value, dict):
        return {k: json_ready(v) for k, v in value.items()}
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    return value


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

    buffer = io.StringIO()
    rows = [json_ready(r) if not isinstance(r, dict) else r for r in records]
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
_CJK = r"[\u3000-\u9fff\uff00-\uffef]"


def shortest_unbroken(cells: list[str], header: str) -> int:
    """The width a column needs so that none of its short words (unit names, states, English words) is cut in
    two: Chinese headers may wrap between characters, so only a header without Chinese counts."""
    words = [word for cell in cells for word in _WORD_BREAKS.split(_SGR.sub("", cell))]
    if not _compiled(_CJK).search(header):
        words += header.split()
    return max((w for w in map(display_width, words) if w <= _SHORT_WORD), default=0)


# Chinese line breaking (kinsoku): these marks never start a line, these never end one.
CLOSERS = "，。、；：？！）」』》】〕”’…%"
OPENERS = "（「『《【〔“‘"
_IDEOGRAPHIC = "\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
# A break opportunity falls between two tokens: a run of Latin letters, digits and ASCII marks is one token, each
# Chinese character is one; an opening mark belongs to what follows it, a closing mark to what precedes it.
# (ASCII punctuation after a Chinese character, as pasted reports have it, stays with that character)
_TOKEN = rf"\s*[{OPENERS}([]*(?:[^\s{OPENERS}{CLOSERS}{_IDEOGRAPHIC}]+|\S[,.;:!?)\]]*)[{CLOSERS}]*\s*"


@functools.cache
def _compiled(pattern: str) -> re.Pattern[str]:
    """A pattern over the Chinese ranges, compiled when first used (a millisecond each, and a list written as JSON
    or CSV never uses them)."""
    return re.compile(pattern)


def words(text: str):
    """(start, end, token) for each unbreakable piece of a line with the blanks after it: the segmentation rich
    wraps help text by, and the table cells' wrapping."""
    for match in _compiled(_TOKEN).finditer(text):
        yield match.start(), match.end(), match.group()


def _tokens(text: str, hyphens: bool = False) -> list[str]:
    tokens = [token for _start, _end, token in words(text)]
    if hyphens:  # a table cell may also break after a hyphen or a slash (jingmen-/2016-2020, open/overdue)
        tokens = [piece for token in tokens for piece in _AFTER_HYPHEN.split(token) if piece]
    return tokens


_AFTER_HYPHEN = re.compile(r"(?<=[0-9A-Za-z][-/])(?=[0-9A-Za-z])")


def wrap_text(text: str, width: int, hyphens: bool = False) -> list[str]:
    """`text` in lines no wider than `width` (CJK characters count two), broken between words and Chinese
    characters, never before a closing mark or after an opening one; a word wider than a line is broken after
    a hyphen or a slash (with `hyphens`), else cut."""
    from wcwidth import wcswidth

    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        tokens = _tokens(paragraph)
        while tokens:
            token = tokens.pop(0)
            if line and wcswidth(line + token.rstrip()) > width:
                lines.append(line.rstrip())
                line, token = "", token.lstrip()
            if wcswidth(token.rstrip()) > width:  # a word longer than a line
                parts = [part for part in _AFTER_HYPHEN.split(token) if part] if hyphens else [token]
                if len(parts) > 1:
                    tokens[:0] = parts
                    continue
                cut = 1
                while wcswidth(token[: cut + 1]) <= width:
                    cut += 1
                lines.append(line + token[:cut])
                line, token = "", token[cut:]
                tokens.insert(0, token)
                continue
            line += token
        lines.append(line.rstrip())
    return lines


def _register_compact_format() -> None:
    """`simple` with one blank between columns: registered with tabulate once, as a format that wraps lines."""
    import tabulate as tabulate_module
    from tabulate import DataRow, Line, TableFormat

    if "compact" not in tabulate_module.multiline_formats:
        tabulate_module._table_formats["compact"] = TableFormat(  # type: ignore[attr-defined]  # private, unstubbed
            lineabove=None,
            linebelowheader=Line("", "-", " ", ""),
            linebetweenrows=None,
            linebelow=None,
            headerrow=DataRow("", " ", ""),
            datarow=DataRow("", " ", ""),
            padding=0,
            with_header_hide=None,
        )
        tabulate_module.multiline_formats["compact"] = "compact"


_LATIN_WORD = re.compile(r"[A-Za-z]{3,}")
_TEXT_LEAST = 16  # a long-text column keeps eight Chinese characters a line while other columns can give way
_BLANK_BREAK = re.compile(r"(?<=[\s→])(?=\S)")
_HYPHEN_BREAK = re.compile(r"(?<=-)(?=[0-9A-Za-z])")


def _id_pieces(cell: str) -> list[str]:
    """The pieces an id may break into on a narrow terminal: after a blank or an arrow (7 · 2017-12-01,
    2017-05-15→2017-06-30), else after a hyphen (jingmen-2016-2020), nowhere else."""
    if _BLANK_BREAK.search(cell.strip()):
        return _BLANK_BREAK.split(cell)
    return [piece for piece in _HYPHEN_BREAK.split(cell) if piece]


def _wrap_id(cell: str, width: int) -> list[str]:
    """An id on lines of `width`: broken after its blanks or hyphens, cut only when a piece is wider still."""
    lines = [""]
    for piece in _id_pieces(cell):
        if lines[-1] and display_width(lines[-1] + piece.rstrip()) > width:
            lines[-1] = lines[-1].rstrip()
            lines.append("")
        if display_width(piece.rstrip()) > width:
            pieces = [part for part in _HYPHEN_BREAK.split(piece) if part]
            for part in pieces:
                if lines[-1] and display_width(lines[-1] + part.rstrip()) > width:
                    lines.append("")
                if display_width(part.rstrip()) > width:
                    *whole, lines[-1] = wrap_text(lines[-1] + part, width)
                    lines[-1:-1] = whole
                else:
                    lines[-1] += part
        else:
            lines[-1] += piece
    return [line.rstrip() for line in lines]


_LONG_ID = 12  # an id this wide may break at its hyphens before any word does (dates never do)


def column_widths(
    natural: list[int],
    least: list[int],
    pieces: list[int],
    wraps: list[bool],
    room: int,
    atomic: list[bool],
    latin: list[bool] | None = None,
) -> list[int]:
    """Widths for the columns that share `room`: each column gets at least its least width (its short words,
    or its whole cells for an id), then an id column that must break down to its widest piece, then the widest
    columns down to two Chinese characters, one character at worst; what is left goes to the columns nearest
    their natural width, the long-text ones last."""
    widths = [
        min(n, max(w, 2)) for n, w in zip(natural, least, strict=False)
    ]  # a column is at least one Chinese character wide
    for i in sorted(range(len(widths)), key=lambda i: -widths[i]):
        if sum(widths) <= room:
            break
        if widths[i] >= _LONG_ID:
            widths[i] = min(widths[i], max(pieces[i], widths[i] - (sum(widths) - room)))
    # Chinese breaks between any two characters, so its columns give way first, then English words, then ids and dates
    for floor in (_NARROWEST, 2):
        for i in sorted(range(len(widths)), key=lambda i: (atomic[i], bool(latin and latin[i]), -widths[i])):
            if sum(widths) <= room:
                break
            widths[i] = max(min(widths[i], floor), widths[i] - (sum(widths) - room))
    spare = room - sum(widths)
    for i in sorted(range(len(widths)), key=lambda i: (wraps[i], natural[i] - widths[i])):
        grant = max(0, min(natural[i] - widths[i], spare))
        widths[i] += grant
        spare -= grant
    return widths


def in_language(columns: Sequence[Column]) -> list[Column]:
    """The columns with their headers in the interface language."""
    return [dataclasses.replace(column, header=_(column.header)) for column in columns]


def to_table(
    records: Iterable[Any], columns: Sequence[Column], width: int | None = None, translate: bool = True
) -> str:
    """A grid table whose CJK columns line up and that fits `width` (default: the terminal's): text columns
    wrap, ids, numbers and dates never do."""
    import tabulate as tabulate_module

    rows = [[cell_text(column.get(record)) for column in columns] for record in records]
    if not rows:
        return ""
    columns = in_language(columns) if translate else list(columns)
    width = width or terminal_width()
    # each column's distinct cells: what is measured (a long report repeats its units, dates and states)
    distinct = [list(dict.fromkeys(row[i] for row in rows)) for i in range(len(columns))]
    natural = [
        max([display_width(column.header)] + [display_width(cell) for cell in distinct[i]])
        for i, column in enumerate(columns)
    ]
    natural = [min(n, c.max_width) if c.max_width else n for n, c in zip(natural, columns, strict=False)]
    atomic = [_atomic(distinct[i]) for i in range(len(columns))]
    # an id, number or date column keeps its cells whole (its header may wrap); other columns keep their short words
    least = [
        max(max(display_width(cell) for cell in distinct[i]), _widest_token(column.header, hyphens=True))
        if atomic[i]
        else max(shortest_unbroken(distinct[i], column.header), _TEXT_LEAST if column.wrap else 0)
        for i, column in enumerate(columns)
    ]
    pieces = [
        max(
            [_widest_token(column.header, hyphens=True)]
            + [display_width(piece) for cell in distinct[i] for piece in _id_pieces(cell)]
        )
        if atomic[i]
        else 2
        for i, column in enumerate(columns)
    ]
    # a grid costs three columns per column and one more; when that would break a word, the borders go (two spaces)
    grid, simple = 3 * len(columns) + 1, 2 * (len(columns) - 1)
    least = [max(w, 2) for w in least]
    whole = sum(min(n, w) for n, w in zip(natural, least, strict=False))
    # the least width that breaks no word: long ids may break at their hyphens
    unbroken = sum(
        min(n, w, p) if w >= _LONG_ID and a else min(n, w)
        for n, w, p, a in zip(natural, least, pieces, atomic, strict=False)
    )
    # borders when nothing breaks with them, else two blanks, else one; an id breaks before a word does
    compact = len(columns) - 1
    choices = (
        ("simple_grid", grid, whole),
        ("simple", simple, whole),
        ("compact", compact, whole),
        ("simple", simple, unbroken),
        ("compact", compact, unbroken),
    )
    fmt, separators = next(
        ((fmt, used) for fmt, used, needed in choices if needed + used <= width), ("compact", compact)
    )
    if fmt == "compact":
        _register_compact_format()
    latin = [bool(_LATIN_WORD.search(column.header + " ".join(distinct[i]))) for i, column in enumerate(columns)]
    limits = column_widths(natural, least, pieces, [c.wrap for c in columns], width - separators, atomic, latin)
    # what may never be cut: an id's pieces, an English word (Chinese may break between any two characters)
    rigid = [
        pieces[i] if atomic[i] else _widest_latin_word(distinct[i] + [column.header])
        for i, column in enumerate(columns)
    ]
    if any(limit < min(need, natural[i]) for i, (limit, need) in enumerate(zip(limits, rigid, strict=False))):
        return _as_blocks(rows, columns, width)
    headers = [
        "\n".join(wrap_text(column.header, limit, hyphens=True)) for column, limit in zip(columns, limits, strict=False)
    ]
    rows = [
        [
            cell
            if _SGR.search(cell) or display_width(cell) <= limits[i]
            else "\n".join(_wrap_id(cell, limits[i]) if atomic[i] else wrap_text(cell, limits[i], hyphens=True))
            for i, cell in enumerate(row)
        ]
        for row in rows
    ]
    tabulate_module.MIN_PADDING = 0
    return tabulate_module.tabulate(
        rows, headers=headers, tablefmt=fmt, disable_numparse=True, colalign=[c.align for c in columns]
    )


def _widest_latin_word(cells: list[str]) -> int:
    return max(
        (
            display_width(word)
            for cell in cells
            for token in _tokens(_SGR.sub("", cell), hyphens=True)
            for word in [token.strip()]
            if _LATIN_WORD.search(word)
        ),
        default=0,
    )


def _as_blocks(rows: list[list[str]], columns: Sequence[Column], width: int) -> str:
    """Rows too wide for a table on this terminal, one block each: `header: value` for the first column, then
    the others indented, filled to the width (no word or id is cut to make a table fit)."""
    blocks = []
    for row in rows:
        pairs = [
            _("{key}: {value}").format(key=column.header, value=_SGR.sub("", cell))
            for column, cell in zip(columns, row, strict=False)
            if cell
        ]
        lines = wrap_text(pairs.pop(0), width, hyphens=True) if row[0] else [""]
        for pair in pairs:
            if display_width(lines[-1]) > 2 and display_width(f"{lines[-1]}  {pair}") <= width and len(lines) > 1:
                lines[-1] = f"{lines[-1]}  {pair}"
            else:
                lines += ["  " + line for line in wrap_text(pair, width - 2, hyphens=True)]
        blocks.append("\n".join(lines))
    return "\n".join(blocks)


def _widest_token(text: str, hyphens: bool = False) -> int:
    """The widest piece of `text` that cannot be broken (a word; a Chinese character is two columns)."""
    return max((display_width(token.strip()) for token in _tokens(text, hyphens)), default=0)


_MD_ESCAPES = str.maketrans(
    {
        "\\": "\\\\",
        "|": "\\|",
        "`": "\\`",
        "*": "\\*",
        "_": "\\_",
        "#": "\\#",
        "<": "&lt;",
        ">": "&gt;",
        "[": "\\[",
        "]": "\\]",
        "&": "&amp;",
    }
)


def md_escape(text: Any) -> str:
    """Text safe inside a GFM table cell or paragraph: no `|`, heading marks, HTML or line breaks leak."""
    value = cell_text(text).translate(_MD_ESCAPES)
    return " ".join(part.strip() for part in value.replace("\r", "\n").split("\n") if part.strip())


def to_markdown_table(records: Iterable[Any], columns: Sequence[Column]) -> str:
    """A GFM table with every cell escaped."""
    columns = in_language(columns)
    lines = [
        "| " + " | ".join(md_escape(c.header) for c in columns) + " |",
        "|" + "|".join("---" for _ in columns) + "|",
    ]
    for record in records:
        lines.append("| " + " | ".join(md_escape(c.get(record)) or " " for c in columns) + " |")
    return "\n".join(lines) + "\n"


_CELL_SPLIT = re.compile(r"(?<!\\)\|")
_MD_UNESCAPE = re.compile(r"\\(.)")
_LIST_ITEM = re.compile(r"^(\s*(?:[-*]|\d+\.)\s+)")


def markdown_for_terminal(text: str, width: int | None = None) -> str:
    """A Markdown document set for reading in a terminal of `width`: its tables drawn as tables that fit, its
    paragraphs and list items wrapped with Chinese line breaking (a list item's lines under its text)."""
    width = width or terminal_width()
    out: list[str] = []
    lines = text.splitlines()
    index = 0
    while index < len(lines):
        line = lines[index]
        if line.startswith("|"):
            block = []
            while index < len(lines) and lines[index].startswith("|"):
                block.append(
                    [_MD_UNESCAPE.sub(r"\1", cell.strip()) for cell in _CELL_SPLIT.split(lines[index].strip())[1:-1]]
                )
                index += 1
            header, rows = block[0], [row for row in block[2:]]
            columns = [Column(name, itemgetter(position), wrap=True) for position, name in enumerate(header)]
            out.append(to_table(rows, columns, width, translate=False) if rows else "")
            continue
        marker = _LIST_ITEM.match(line)
        indent = " " * display_width(marker.group(1)) if marker else ""
        wrapped = (
            wrap_text(line, width)
            if not marker
            else [
                marker.group(1) + first if n == 0 else indent + first
                for n, first in enumerate(wrap_text(line[marker.end() :], width - len(indent)))
            ]
        )
        out += wrapped if line.strip() else [""]
        index += 1
    return "\n".join(out).rstrip() + "\n"


def use_colour(stream=None) -> bool:
    """Colour only on a terminal and only when NO_COLOR is unset."""
    stream = stream or sys.stdout
    return "NO_COLOR" not in os.environ and hasattr(stream, "isatty") and stream.isatty()
