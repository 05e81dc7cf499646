"""The one way results leave the program: a registry of renderers by format, one `emit` to the terminal or a file.

A format is one `register(Renderer(...))`: its name, its file suffix, how it draws a view and, if it can, how it writes
rows as they come. Every command's --format offers the formats its view is drawn in and every general-purpose one."""

from __future__ import annotations

import csv
import enum
import io
import json
import os
import shutil
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from inspect_cli.i18n import _

if TYPE_CHECKING:  # the table code is loaded only when something is rendered, not for --help
    from inspect_cli.render.table import Column


class Format(str, enum.Enum):
    """The built-in output formats, by name (each is a registered renderer); a command's --format accepts the ones
    its view is drawn in."""

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
    # one row as data for JSON and every general-purpose format, where it differs from its CSV record (None: record)
    data: Callable[[Any], Any] | None = None
    # the JSON of all the rows at once, where the generic encoder is too slow (100,000 deadline rows)
    json: Callable[[list], str] | None = None
    # said on standard error when a table has no rows (nothing: an empty table says nothing)
    empty: str = ""
    # CSV column titles for people (None: the field names, which scripts rely on)
    titles: tuple[str, ...] | None = None
    # makes a row's JSON text for a streamed array, where the generic encoder is too slow (1,000,000 deadline rows)
    json_row: Callable[[], Callable[[Any], str]] | None = None
    # the view's own text in a format, where the format's generic drawing is not what people read (a sync's counts,
    # a review's brief): a Page, or the text itself
    forms: Mapping[str, Callable[[Any], Page | str]] = field(default_factory=dict)
    # a line or more printed after the rows in a format, made from all of them (a table's count of tasks)
    footers: Mapping[str, Callable[[Any], str]] = field(default_factory=dict)


class Printed(str):
    """A line of a Page printed as it is, never wrapped (a file name and line, a day of the calendar)."""


@dataclass(frozen=True)
class Page:
    """A view's text for people: warnings on standard error, lines said (wrapped to the terminal unless Printed),
    a body printed as it is (a table), then notes on standard error (wrapped unless Printed)."""

    lines: tuple[str, ...] = ()
    body: str = ""
    warnings: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    def text(self) -> str:
        """The lines and the body, as one text."""
        return "\n".join((*self.lines, self.body) if self.body else self.lines)


def _written_only(rows: Any, view: View) -> str:
    """A document format's drawing: there is none, its documents are written as files by its writers."""
    raise NotImplementedError


@dataclass(frozen=True)
class Renderer:
    """One output format: its name, the suffix of a file written in it, how it draws a view's rows as text and, when
    it can, how it writes rows as they come (`stream(rows, view, put)` returns how many)."""

    name: str
    suffix: str
    # a document format's is _written_only: it is written as a file by its writers, never drawn as text
    render: Callable[[Any, View], str] = _written_only
    stream: Callable[[Iterator, View, Callable[[str], Any]], int] | None = None
    # offered by every command, whatever its view: the format draws any result's data (`data_of`)
    general: bool = False
    # a table for people: an empty result says the view's `empty` message on standard error instead
    says_empty: bool = False
    # a file in it starts with a byte order mark (a CSV, for Excel)
    bom: bool = False
    # the documents written as files in this format, by kind: the module and function making their bytes (imported
    # when used)
    documents: Mapping[str, tuple[str, str]] = field(default_factory=dict)


RENDERERS: dict[str, Renderer] = {}


def register(renderer: Renderer) -> Renderer:
    """Add a format (or replace the one of that name): every command whose view it can draw offers it."""
    RENDERERS[renderer.name] = renderer
    return renderer


def unregister(name: str) -> None:
    """Take a format away again."""
    RENDERERS.pop(name, None)


def renderer(fmt: str) -> Renderer:
    """The renderer registered for a format name (a Format member is its name)."""
    return RENDERERS[fmt.value if isinstance(fmt, Format) else fmt]


def offered(declared: Sequence[str]) -> tuple[str, ...]:
    """The formats a command offers: those its view is drawn in, then every general-purpose one registered."""
    names = tuple(f.value if isinstance(f, Format) else f for f in declared)
    return names + tuple(name for name, known in RENDERERS.items() if known.general and name not in names)


def data_of(rows: Any, view: View | None = None) -> Any:
    """A result as plain data (dicts, lists, strings, numbers): each row's record, or the whole result's."""
    from inspect_cli.render.table import json_ready

    view = view or View()
    shape = view.data or view.record
    if isinstance(rows, (list, tuple)):
        return json_ready([shape(row) for row in rows] if shape else list(rows))
    return json_ready(shape(rows) if shape else rows)


def render(rows: Any, fmt: Format | str, view: View | None = None) -> str:
    """The text of a result in a format, drawn by the format's registered renderer (or the view's own form)."""
    view = view or View()
    drawer = renderer(fmt)
    form = view.forms.get(drawer.name)
    if form is not None:
        page = form(rows)
        return page if isinstance(page, str) else page.text()
    return drawer.render(rows, view)


def emit(rows: Any, fmt: Format | str, output: Path | None = None, view: View | None = None) -> None:
    """Render a result and write it: to standard output, or atomically to `-o FILE`; an empty table says
    the view's `empty` message on standard error instead."""
    drawer = renderer(fmt)
    if drawer.says_empty and view is not None and view.empty and not rows:
        write_error(_(view.empty))
        return
    form = view.forms.get(drawer.name) if view is not None else None
    page = form(rows) if form is not None else drawer.render(rows, view or View())
    if isinstance(page, str):
        footer = view.footers.get(drawer.name) if view is not None else None
        write(page + "\n" + footer(rows) if footer is not None else page, output, csv=drawer.bom)
        return
    for line in page.warnings:
        _say_line(line, err=True)
    if output is None or str(output) == "-":
        for line in page.lines:
            _say_line(line)
        if page.body:
            write(page.body)
    else:
        write(page.text(), output, csv=drawer.bom)
    for line in page.notes:
        _say_line(line, err=True)


def _say_line(line: str, err: bool = False) -> None:
    if isinstance(line, Printed):
        out = sys.stderr if err else sys.stdout
        out.write(line + "\n")
        out.flush()
    else:
        say(line, err=err)


# rows of a table sized together: a longer table is printed in pages, each sized to its own rows
TABLE_PAGE = 1000
# lines gathered before each write to the stream
_CHUNK = 2000


def stream(
    rows: Iterable,
    fmt: Format | str,
    output: Path | None = None,
    view: View | None = None,
    wrote: Callable[[int], str] | None = None,
) -> int:
    """Write rows as they are produced, to standard output or atomically to `-o FILE`, and return how many there
    were: JSON as a streamed array, JSON lines and CSV row by row, a table in pages of TABLE_PAGE rows; memory
    stays flat however many rows come. An empty table says the view's `empty` message on standard error."""
    view = view or View()
    drawer = renderer(fmt)
    given = rows
    rows = iter(rows)
    first = next(rows, _NOTHING)
    if first is _NOTHING:
        if drawer.says_empty and view.empty:
            write_error(view.empty)
            return 0
        rows = iter(())
    else:
        rows = chain((first,), rows)
    if output is None or str(output) == "-":
        count = _write_rows(rows, drawer, view, sys.stdout.write, given)
        sys.stdout.flush()
        return count
    from inspect_cli.formats.fileio import atomic_text_writer

    # Excel opens a CSV as UTF-8 only when it starts with a byte order mark
    with atomic_text_writer(output, encoding="utf-8-sig" if drawer.bom else "utf-8") as out:
        count = _write_rows(rows, drawer, view, out.write, given)
    write_error(wrote(count) if wrote else f"Wrote {output}")
    return count


_NOTHING = object()
_SCALARS = (str, int, float, bool, type(None))


def _write_rows(rows: Iterator, drawer: Renderer, view: View, put: Callable[[str], Any], given: Any = None) -> int:
    """Write the rows in a format through `put`, as the renderer streams them or drawn whole; returns how many rows,
    after the view's footer for the format."""
    if drawer.stream is not None and drawer.name not in view.forms:
        count = drawer.stream(rows, view, put)
    else:
        everything = list(rows)
        text = render(everything, drawer.name, view)
        if text:
            put(text if text.endswith("\n") else text + "\n")
        count = len(everything)
    footer = view.footers.get(drawer.name)
    if footer is not None and count:
        text = footer(given)
        if text:
            put(text if text.endswith("\n") else text + "\n")
    return count


def _stream_table(rows: Iterator, view: View, put: Callable[[str], Any]) -> int:
    """A table in pages of TABLE_PAGE rows, each sized to its own rows."""
    from inspect_cli.render.table import to_table

    count = 0
    while page := list(islice(rows, TABLE_PAGE)):
        put(("\n" if count else "") + to_table(page, view.columns) + "\n")
        count += len(page)
    return count


def _stream_lines(
    lines: Callable[..., Iterator[tuple[str, int]]], data: bool = False
) -> Callable[[Iterator, View, Callable], int]:
    """A streamer writing the (text, rows) chunks `lines(rows, view, record, json_ready)` makes (`data`: of each row's
    data, else of its CSV record)."""

    def streamed(rows: Iterator, view: View, put: Callable[[str], Any]) -> int:
        from inspect_cli.render.table import json_ready

        count = 0
        shape = (view.data if data else None) or view.record or (lambda row: row)
        for text, rows_in_chunk in lines(rows, view, shape, json_ready):
            put(text)
            count += rows_in_chunk
        return count

    return streamed


def _chunks(texts: Iterator[str]) -> Iterator[tuple[str, int]]:
    while chunk := list(islice(texts, _CHUNK)):
        yield "".join(chunk), len(chunk)


def _jsonl_lines(rows: Iterator, view: View, record: Callable, json_ready: Callable) -> Iterator[tuple[str, int]]:
    """JSON lines, one row's record a line; (text, rows) chunks."""
    yield from _chunks(json.dumps(json_ready(record(row)), ensure_ascii=False) + "\n" for row in rows)


def _json_lines(rows: Iterator, view: View, record: Callable, json_ready: Callable) -> Iterator[tuple[str, int]]:
    """A JSON array (the bytes json.dumps(indent=2) makes of the whole list); (text, rows) chunks."""
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
            return "  " + json.dumps(json_ready(data), ensure_ascii=False, indent=2).replace("\n", "\n  ")

    opening = "[\n"
    for text, count in _chunks(",\n" + encode(row) for row in rows):
        yield opening + text[2:] if opening else text, count
        opening = ""
    yield ("[]\n" if opening else "\n]\n"), 0


def _csv_lines(rows: Iterator, view: View, record: Callable, json_ready: Callable) -> Iterator[tuple[str, int]]:
    """CSV headed by the view's titles (or field names), formula-like cells neutralised; (text, rows) chunks."""
    from inspect_cli.render.table import cell_text, spreadsheet_safe

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    names = list(view.fields) if view.fields else None
    count = 0
    for row in rows:
        data = record(row)
        data = data if isinstance(data, dict) else json_ready(data)
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


def allowed_formats(formats: Sequence[Format | str]) -> str:
    """`[table|json|csv]`, as help shows the formats a command accepts."""
    return "[" + "|".join(f.value if isinstance(f, Format) else f for f in formats) + "]"


# ---------------------------------------------------------------- the built-in formats


def _records(rows: Any, view: View) -> Any:
    return [view.record(row) for row in rows] if view.record else rows


def _as_text(rows: Any, _view: View) -> str:
    return rows if isinstance(rows, str) else str(rows)


def _table(rows: Any, view: View) -> str:
    from inspect_cli.render.table import to_table

    return to_table(rows, view.columns)


def _markdown(rows: Any, view: View) -> str:
    from inspect_cli.render.table import to_markdown_table

    return to_markdown_table(rows, view.columns)


def _json(rows: Any, view: View) -> str:
    if view.json:
        return view.json(rows)
    # pretty JSON with Chinese kept readable: the data is JSON-ready already
    return json.dumps(data_of(rows, view), ensure_ascii=False, indent=2)


def _jsonl(rows: Any, view: View) -> str:
    from inspect_cli.render.table import json_ready

    if not isinstance(rows, (list, tuple)):
        return _as_text(rows, view)
    return "".join(json.dumps(json_ready(row), ensure_ascii=False) + "\n" for row in _records(rows, view))


def _csv(rows: Any, view: View) -> str:
    from inspect_cli.render.table import to_csv

    if not isinstance(rows, (list, tuple)):
        return _as_text(rows, view)
    return to_csv(_records(rows, view), view.fields, view.titles)


def _toml(rows: Any, view: View) -> str:
    import tomli_w

    def without_none(value):  # TOML has no null: an empty value is left out
        if isinstance(value, dict):
            return {key: without_none(item) for key, item in value.items() if item is not None}
        if isinstance(value, list):
            return [without_none(item) for item in value]
        return value

    return tomli_w.dumps(without_none(data_of(rows, view)))


register(Renderer("table", ".txt", _table, _stream_table, says_empty=True))
register(Renderer("text", ".txt", _as_text))
register(Renderer("json", ".json", _json, _stream_lines(_json_lines, data=True)))
register(Renderer("jsonl", ".jsonl", _jsonl, _stream_lines(_jsonl_lines)))
register(Renderer("csv", ".csv", _csv, _stream_lines(_csv_lines), bom=True))
register(Renderer("md", ".md", _markdown))
register(Renderer("toml", ".toml", _toml))
register(
    Renderer(
        "docx",
        ".docx",
        documents={
            "notice": ("inspect_cli.render.docx_gongwen", "notice_docx"),
            "record": ("inspect_cli.render.docx_record", "record_docx"),
        },
    )
)
register(
    Renderer(
        "xlsx",
        ".xlsx",
        documents={
            "ledger": ("inspect_cli.render.xlsx", "ledger_xlsx"),
            "summary": ("inspect_cli.render.xlsx", "summary_xlsx"),
        },
    )
)
