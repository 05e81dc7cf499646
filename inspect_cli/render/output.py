"""The one way results leave the program: one format enum, one `emit` to the terminal or a file."""

from __future__ import annotations

import csv
import enum
import io
import json
import os
import shutil
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain, islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from inspect_cli.i18n import _

if TYPE_CHECKING:  # the table code is loaded only when something is rendered, not for --help
    from inspect_cli.render.table import Column


class Format(str, enum.Enum):
    """Every output format; a command's --format accepts the ones that make sense for it."""

    table = "table"
    text = "text"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    md = "md"
    toml = "toml"


@dataclass(frozen=True)
class View:
    """How one kind of result is shown: its table columns, its fields for JSON and CSV."""

    columns: tuple[Column, ...] = ()
    # the keys of a row in JSON and CSV, in order (None: every field of the row)
    fields: tuple[str, ...] | None = None
    # one row as data for JSON and CSV (None: the row's own fields)
    record: Callable[[Any], dict] | None = None
    # the JSON of all the rows at once, where the generic encoder is too slow (100,000 deadline rows)
    json: Callable[[list], str] | None = None
    # said on standard error when a table has no rows (nothing: an empty table says nothing)
    empty: str = ""
    # CSV column titles for people (None: the field names, which scripts rely on)
    titles: tuple[str, ...] | None = None
    # makes a row's JSON text for a streamed array, where the generic encoder is too slow (1,000,000 deadline rows)
    json_row: Callable[[], Callable[[Any], str]] | None = None


def render(rows: Any, fmt: Format, view: View | None = None) -> str:
    """The text of a result in a format: rows through the view's columns (table, md) or fields (json, csv)."""
    from inspect_cli.render.table import plain, to_csv, to_json, to_markdown_table, to_table

    view = view or View()
    if fmt is Format.json and view.json:
        return view.json(rows)
    if fmt in (Format.json, Format.jsonl, Format.csv) and isinstance(rows, (list, tuple)):
        data = [view.record(row) for row in rows] if view.record else rows
        if fmt is Format.csv:
            return to_csv(data, view.fields, view.titles)
        if fmt is Format.jsonl:
            return "".join(json.dumps(plain(row), ensure_ascii=False) + "\n" for row in data)
        return to_json(data)
    if fmt is Format.json:
        return to_json(view.record(rows) if view.record else rows)
    if fmt is Format.md:
        return to_markdown_table(rows, view.columns)
    if fmt is Format.table:
        return to_table(rows, view.columns)
    return rows if isinstance(rows, str) else str(rows)


def emit(rows: Any, fmt: Format, output: Path | None = None, view: View | None = None) -> None:
    """Render a result and write it: to standard output, or atomically to `-o FILE`; an empty table says
    the view's `empty` message on standard error instead."""
    if fmt is Format.table and view is not None and view.empty and not rows:
        write_error(_(view.empty))
        return
    write(render(rows, fmt, view), output, csv=fmt is Format.csv)


# rows of a table sized together: a longer table is printed in pages, each sized to its own rows
TABLE_PAGE = 1000
# lines gathered before each write to the stream
_CHUNK = 2000


def stream(
    rows: Iterable,
    fmt: Format,
    output: Path | None = None,
    view: View | None = None,
    wrote: Callable[[int], str] | None = None,
) -> int:
    """Write rows as they are produced, to standard output or atomically to `-o FILE`, and return how many there
    were: JSON as a streamed array, JSON lines and CSV row by row, a table in pages of TABLE_PAGE rows; memory
    stays flat however many rows come. An empty table says the view's `empty` message on standard error."""
    view = view or View()
    rows = iter(rows)
    first = next(rows, _NOTHING)
    if first is _NOTHING:
        if fmt is Format.table and view.empty:
            write_error(view.empty)
            return 0
        rows = iter(())
    else:
        rows = chain((first,), rows)
    if output is None or str(output) == "-":
        count = _write_rows(rows, fmt, view, sys.stdout.write)
        sys.stdout.flush()
        return count
    from inspect_cli.formats.fileio import atomic_text_writer

    # Excel opens a CSV as UTF-8 only when it starts with a byte order mark
    with atomic_text_writer(output, encoding="utf-8-sig" if fmt is Format.csv else "utf-8") as out:
        count = _write_rows(rows, fmt, view, out.write)
    write_error(wrote(count) if wrote else f"Wrote {output}")
    return count


_NOTHING = object()
_SCALARS = (str, int, float, bool, type(None))


def _write_rows(rows: Iterator, fmt: Format, view: View, put: Callable[[str], Any]) -> int:
    """Write the rows in a format through `put`, a chunk of lines at a time; returns how many rows."""

    from inspect_cli.render.table import plain

    count = 0
    record = view.record or (lambda row: row)
    if fmt in (Format.json, Format.jsonl, Format.csv):
        lines = (
            _json_lines(rows, fmt, view, record, plain)
            if fmt is not Format.csv
            else _csv_lines(rows, view, record, plain)
        )
        for text, rows_in_chunk in lines:
            put(text)
            count += rows_in_chunk
        return count
    if fmt is Format.table:
        from inspect_cli.render.table import to_table

        while page := list(islice(rows, TABLE_PAGE)):
            put(("\n" if count else "") + to_table(page, view.columns) + "\n")
            count += len(page)
        return count
    everything = list(rows)
    text = render(everything, fmt, view)
    if text:
        put(text if text.endswith("\n") else text + "\n")
    return len(everything)


def _chunks(texts: Iterator[str]) -> Iterator[tuple[str, int]]:
    while chunk := list(islice(texts, _CHUNK)):
        yield "".join(chunk), len(chunk)


def _json_lines(
    rows: Iterator, fmt: Format, view: View, record: Callable, plain: Callable
) -> Iterator[tuple[str, int]]:
    """A JSON array (the bytes json.dumps(indent=2) makes of the whole list), or JSON lines; (text, rows) chunks."""

    if fmt is Format.jsonl:
        yield from _chunks(json.dumps(plain(record(row)), ensure_ascii=False) + "\n" for row in rows)
        return
    if view.json_row is not None:
        encode = view.json_row()
    else:
        # json.dumps(indent=2) runs the pure-Python encoder; a flat record (the rows of every list) gets the same
        # bytes from the C encoder with the indented separators
        flat = json.JSONEncoder(ensure_ascii=False, separators=(",\n    ", ": ")).encode

        def encode(row) -> str:
            data = record(row)
            if type(data) is dict and data and all(type(value) in _SCALARS for value in data.values()):
                return "  {\n    " + flat(data)[1:-1] + "\n  }"
            return "  " + json.dumps(plain(data), ensure_ascii=False, indent=2).replace("\n", "\n  ")

    opening = "[\n"
    for text, count in _chunks(",\n" + encode(row) for row in rows):
        yield opening + text[2:] if opening else text, count
        opening = ""
    yield ("[]\n" if opening else "\n]\n"), 0


def _csv_lines(rows: Iterator, view: View, record: Callable, plain: Callable) -> Iterator[tuple[str, int]]:
    """CSV headed by the view's titles (or field names), formula-like cells neutralised; (text, rows) chunks."""
    from inspect_cli.render.table import cell_text, spreadsheet_safe

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    names = list(view.fields) if view.fields else None
    count = 0
    for row in rows:
        data = record(row)
        data = data if isinstance(data, dict) else plain(data)
        if names is None:
            names = list(data.keys())
        if count == 0:
            writer.writerow(list(view.titles) if view.titles else names)
        writer.writerow([spreadsheet_safe(cell_text(data.get(name))) for name in names])
        count += 1
        if count % _CHUNK == 0:
            yield buffer.getvalue(), _CHUNK
            buffer.seek(0)
            buffer.truncate()
    if count == 0:
        writer.writerow(list(view.titles) if view.titles else (names or []))
    yield buffer.getvalue(), count % _CHUNK


def write(text: str, output: Path | None = None, csv: bool = False, wrote: str = "") -> None:
    """Print text, or write it atomically to a file (a CSV file with a byte order mark, for Excel) and say so
    (`wrote`, or `Wrote FILE`)."""
    if output is None or str(output) == "-":
        # straight to standard output: a megabyte of JSON need not be scanned for colour codes
        if text:
            # a report of a million rows is a few hundred megabytes: written as it is when it ends in one newline
            sys.stdout.write(text if text.endswith("\n") and not text.endswith("\n\n") else text.rstrip("\n") + "\n")
            sys.stdout.flush()
        return
    from inspect_cli.formats.fileio import atomic_write

    # Excel opens a CSV as UTF-8 only when it starts with a byte order mark
    atomic_write(output, text if text.endswith("\n") else text + "\n", encoding="utf-8-sig" if csv else "utf-8")
    write_error(wrote or _("Wrote {output}").format(output=output))


def write_error(text: str) -> None:
    """One message on standard error."""
    sys.stderr.write(text.rstrip("\n") + "\n")
    sys.stderr.flush()


def say(text: str, err: bool = False) -> None:
    """A note for the person at the terminal (not an error, which stays one line), wrapped to the terminal's
    width with Chinese line breaking; written to a pipe or a file (no terminal, no $COLUMNS) it stays one line."""
    stream = sys.stderr if err else sys.stdout
    if _has_width(stream) and len(text) * 2 > shutil.get_terminal_size((100, 24)).columns:
        # the line breaker (and wcwidth) is loaded only for a note that may not fit
        from inspect_cli.render.table import terminal_width, wrap_text

        text = "\n".join(wrap_text(text, terminal_width()))
    stream.write(text + "\n")
    stream.flush()


def _has_width(stream) -> bool:
    """True when the stream has a width to wrap to: a terminal, or one given by $COLUMNS."""
    return "COLUMNS" in os.environ or (hasattr(stream, "isatty") and stream.isatty())


def allowed_formats(formats: Sequence[Format]) -> str:
    """`[table|json|csv]`, as help shows the formats a command accepts."""
    return "[" + "|".join(f.value for f in formats) + "]"
