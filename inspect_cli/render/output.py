"""The one way results leave the program: one format enum, one `emit` to the terminal or a file."""

from __future__ import annotations

import enum
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Sequence

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
            import json

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
    width with Chinese line breaking."""
    from inspect_cli.render.table import terminal_width, wrap_text

    stream = sys.stderr if err else sys.stdout
    stream.write("\n".join(wrap_text(text, terminal_width())) + "\n")
    stream.flush()


def allowed_formats(formats: Sequence[Format]) -> str:
    """`[table|json|csv]`, as help shows the formats a command accepts."""
    return "[" + "|".join(f.value for f in formats) + "]"
