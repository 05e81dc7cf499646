"""The checks of every kind of input against the limits in force, each before the work it bounds (docs/limits.md).

A file that goes past one is refused with one line naming the file, what is too big and the limit; an office
that needs more raises the limit in inspect.toml under [limits]. The checks read only what they must: a file's
size from the file system, a zip's declared sizes from its directory, a sheet's extent and merged ranges from
its XML text, HTML's nesting from a streaming parse.
"""

from __future__ import annotations

import functools
import io
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from inspect_cli.domain.limits import Limits, in_force
from inspect_cli.exceptions import InputError, InspectError
from inspect_cli.i18n import N_, _

if TYPE_CHECKING:
    import zipfile
    from collections.abc import Callable, Iterable
    from typing import ParamSpec, TypeVar

    from inspect_cli.formats.documents import Document

    _Parameters = ParamSpec("_Parameters")
    _Result = TypeVar("_Result")
    _Warning = TypeVar("_Warning")

# Parts of a .docx or .xlsx smaller than this may unpack many times their size (a sheet of repeated rows does).
_RATIO_FLOOR = 1024 * 1024


def too_big(path: object, what: str, count: int, limit: int, name: str) -> InputError:
    """The one-line error for an input past a limit: the file, what is too big, the limit and its key."""
    return InputError(
        _(
            "{path}: {what}: {count:,} is more than the limit of {limit:,}; raise [limits] {name} in "
            "inspect.toml if the file is right"
        ).format(path=path, what=_(what), count=count, limit=limit, name=name)
    )


def check(path: object, what: str, count: int, name: str, limits: Limits | None = None) -> None:
    """InputError when `count` of `what` goes past the limit `name`."""
    limit = getattr(limits or in_force(), name)
    if count > limit:
        raise too_big(path, what, count, limit, name)


def check_size(path: Path, size: int) -> None:
    """InputError when a file of `size` bytes is larger than its kind may be."""
    office = Path(path).suffix.lower() in (".docx", ".xlsx", ".xlsm")
    check(path, N_("file size in bytes"), size, "office_bytes" if office else "text_bytes")


# ------------------------------------------------------------------ parser failures


def parser_errors(kind: str) -> Callable[[Callable[_Parameters, _Result]], Callable[_Parameters, _Result]]:
    """Decorate a reader `f(path, ...)` so that any failure of the parser it calls is one InputError naming the file.

    A parser given arbitrary bytes may raise anything (a zip, XML or number error, an index past a list's end);
    the cause is always the file, and the user needs to hear which file and that it should be saved again.
    """

    def decorate(reader: Callable[_Parameters, _Result]) -> Callable[_Parameters, _Result]:
        @functools.wraps(reader)
        def guarded(*args: _Parameters.args, **kwargs: _Parameters.kwargs) -> _Result:
            try:
                return reader(*args, **kwargs)
            except InspectError:
                raise
            except RecursionError:
                raise InputError(
                    _("{path}: nests too deeply to read; save it again as {kind}").format(
                        path=_path_of(args, kwargs), kind=kind
                    )
                ) from None
            except Exception as exc:  # noqa: BLE001 - see the docstring: the file is the cause
                detail = (str(exc).strip().splitlines() or [""])[0][:200] or type(exc).__name__
                raise InputError(
                    _("{path}: not a readable {kind} file ({detail}); save it again as {kind}").format(
                        path=_path_of(args, kwargs), kind=kind, detail=detail
                    )
                ) from None

        return guarded

    return decorate


def _path_of(args: tuple[object, ...], kwargs: dict[str, object]) -> object:
    return kwargs.get("path") or next((a for a in args if isinstance(a, Path)), args[0] if args else "?")


# ------------------------------------------------------------------ documents


def document_reader(reader: Callable[..., Document]) -> Callable[..., Document]:
    """Decorate `read_document`: its parser's failures are InputErrors, and a document of more lines or paragraphs
    than the limit is refused before anything works on them."""

    @functools.wraps(reader)
    def bounded_reader(path: str | Path, *args: Any, **kwargs: Any) -> Document:
        document = parser_errors(Path(path).suffix or ".txt")(reader)(path, *args, **kwargs)
        check(path, N_("lines or paragraphs"), len(document.lines), "paragraphs")
        return document

    return bounded_reader


def check_zip(path: Path, raw: bytes, kind: str) -> zipfile.ZipFile:
    """The open archive when a .docx/.xlsx's declared sizes are within the limits (nothing unpacked yet)."""
    import zipfile

    limits = in_force()
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as exc:
        raise InputError(
            _("{path}: not a readable {kind} file ({detail}); save it again as {kind}").format(
                path=path, kind=kind, detail=exc
            )
        ) from None
    check(path, N_("bytes unpacked from the archive"), sum(m.file_size for m in members), "unpacked_bytes", limits)
    for member in members:
        if member.file_size > _RATIO_FLOOR:
            ratio = member.file_size // max(1, member.compress_size)
            check(path, N_("times one part unpacks its stored size"), ratio, "unpack_ratio", limits)
    return archive


_DOCX_PARAGRAPH = re.compile(rb"<(?:\w+:)?(?:p|tr)[\s>/]")


def check_docx(path: Path, raw: bytes) -> None:
    """InputError when a .docx is past a limit: its zip's sizes, then its paragraphs and table rows, before parsing."""
    with check_zip(path, raw, ".docx") as archive:
        try:
            body = archive.read("word/document.xml")
        except KeyError:
            return  # python-docx says what is missing
        except Exception as exc:  # noqa: BLE001 - a damaged part: zlib, CRC or size errors
            raise InputError(
                _("{path}: not a readable {kind} file ({detail}); save it again as {kind}").format(
                    path=path, kind=".docx", detail=exc
                )
            ) from None
    check(path, N_("paragraphs and table rows"), len(_DOCX_PARAGRAPH.findall(body)), "paragraphs")


_SHEET = re.compile(r"xl/worksheets/[^/]+\.xml$")
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\b[^>]*?\bref=\"([^\"]*)\"")
_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\b[^>]*?\bref=\"([^\"]*)\"")
_ROW = re.compile(rb"<(?:\w+:)?row\b")
_CELL_REF = re.compile(rb"<(?:\w+:)?c\b[^>]*?\br=\"([A-Za-z]{1,4})([0-9]{1,9})\"")
_REF = re.compile(r"^\$?([A-Za-z]{1,4})\$?([0-9]{1,9})$")


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - 64
    return number


def _extent(ref: str) -> tuple[int, int]:
    """(rows, columns) a range such as A1:XFD1048576 covers; (0, 0) when it is not one."""
    parts = ref.split(":")
    corners = [corner for part in parts if (corner := _REF.match(part.strip())) is not None]
    if len(corners) < len(parts):
        return 0, 0
    rows = [int(corner[2]) for corner in corners]
    columns = [_column_number(corner[1]) for corner in corners]
    return max(rows) - min(rows) + 1, max(columns) - min(columns) + 1


def check_xlsx(path: Path, raw: bytes) -> None:
    """InputError when a workbook is past a limit: its zip's sizes, then each sheet's extent, cells and merged
    ranges read from the sheet's XML text, before openpyxl builds a single cell."""
    limits = in_force()
    with check_zip(path, raw, ".xlsx") as archive:
        for member in archive.infolist():
            if not _SHEET.match(member.filename):
                continue
            try:
                xml = archive.read(member)
            except Exception as exc:  # noqa: BLE001 - a damaged part: zlib, CRC or size errors
                raise InputError(
                    _("{path}: not a readable {kind} file ({detail}); save it again as {kind}").format(
                        path=path, kind=".xlsx", detail=exc
                    )
                ) from None
            _check_sheet(path, xml, limits)


def _check_sheet(path: Path, xml: bytes, limits: Limits) -> None:
    dimension = _DIMENSION.search(xml)
    rows, columns = _extent(dimension[1].decode("ascii", "replace")) if dimension else (0, 0)
    # the dimension may be missing or wrong: the cells' own references say how far openpyxl's grid will reach
    deepest = widest = 0
    for letters, number in _CELL_REF.findall(xml):
        widest = max(widest, _column_number(letters.decode("ascii")))
        deepest = max(deepest, int(number))
    rows, columns = max(rows, deepest, len(_ROW.findall(xml))), max(columns, widest)
    check(path, N_("rows of a sheet"), rows, "rows", limits)
    check(path, N_("columns of a sheet"), columns, "columns", limits)
    check(path, N_("cells of a sheet (rows × columns)"), rows * columns, "cells", limits)
    merges = _MERGE.findall(xml)
    check(path, N_("merged ranges of a sheet"), len(merges), "merged_ranges", limits)
    merged = 0
    for ref in merges:
        down, across = _extent(ref.decode("ascii", "replace"))
        merged += down * across
        check(path, N_("cells in the merged ranges of a sheet"), merged, "cells", limits)


# ------------------------------------------------------------------ HTML


# Elements that never hold others: the parser does not nest anything inside them.
_VOID = frozenset(
    "area base br col embed hr img input link meta source track wbr param keygen menuitem basefont "
    "bgsound frame spacer command".split()
)
_HTML_BLOCKS = frozenset("p div li tr br h1 h2 h3 h4 h5 h6 dd dt blockquote pre section article".split())


def check_html(path: Path, text: str) -> None:
    """InputError when HTML nests too deep, has too many blocks, or its tables span too many cells or rows.

    A streaming parse keeps the open elements as the tree builder will (an end tag closes up to the last open
    element of its name), so the depth it counts is the depth the tree will have, found before building it.
    """
    from html.parser import HTMLParser

    limits = in_force()

    class Counter(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=False)
            self.open: list[str] = []
            self.counts: dict[str, int] = {}
            self.blocks = self.rows = self.single_cells = 0
            self.spanning: list[tuple[int, int]] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag in _HTML_BLOCKS:
                self.blocks += 1
                check(path, N_("paragraphs and blocks of an HTML page"), self.blocks, "paragraphs", limits)
            if tag == "tr":
                self.rows += 1
                check(path, N_("table rows of an HTML page"), self.rows, "rows", limits)
            elif tag in ("td", "th"):
                values = dict(attrs)
                # the reader takes a span of at most 1,000 columns, as browsers do
                across, down = min(_span(values.get("colspan")), 1000), _span(values.get("rowspan"))
                if down > 1:
                    self.spanning.append((across, down))
                else:
                    self.single_cells += across
            if tag in _VOID:
                return
            self.open.append(tag)
            self.counts[tag] = self.counts.get(tag, 0) + 1
            check(path, N_("depth of nested HTML elements"), len(self.open), "html_depth", limits)

        def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.handle_starttag(tag, attrs)
            if tag not in _VOID:
                self.handle_endtag(tag)

        def handle_endtag(self, tag: str) -> None:
            if not self.counts.get(tag):
                return
            while self.open:
                closed = self.open.pop()
                self.counts[closed] -= 1
                if closed == tag:
                    break

    counter = Counter()
    for start in range(0, len(text), 1 << 16):
        counter.feed(text[start : start + (1 << 16)])
    counter.close()
    # a cell spanning rows is repeated in each row below it that the page has, at most
    cells = counter.single_cells + sum(across * min(down, counter.rows) for across, down in counter.spanning)
    check(path, N_("table cells of an HTML page (spans repeated)"), cells, "cells", limits)


def _span(value: object) -> int:
    """A colspan or rowspan as the reader takes it: 1 when it is not a number."""
    try:
        return max(1, int(str(value).strip()))
    except (TypeError, ValueError):
        return 1


# ------------------------------------------------------------------ warnings


_VARYING = re.compile(r"'[^']*'|\"[^\"]*\"|\([^)]*\)|（[^）]*）|[0-9]+")


def warning_kind(message: str) -> str:
    """A warning's kind: its words with the numbers, quotes and brackets that vary from line to line taken out."""
    words = " ".join(_VARYING.sub("…", message).split())
    return words if len(words) <= 60 else words[:60].rsplit(" ", 1)[0]


def bounded(warnings: Iterable[_Warning], message: Callable[[_Warning], str] = str) -> tuple[list[_Warning], list[str]]:
    """(the warnings to print, lines saying how many more of a kind there are): at most the warnings limit of each
    kind, so that a damaged file of 100,000 lines gives a screen of warnings, not 100,000 lines."""
    limit = in_force().warnings
    shown: list[_Warning] = []
    seen: dict[str, int] = {}
    for warning in warnings:
        kind = warning_kind(message(warning))
        seen[kind] = seen.get(kind, 0) + 1
        if seen[kind] <= limit:
            shown.append(warning)
    more = [
        _("… and {count:,} more like “{kind}”; raise [limits] warnings in inspect.toml to see them").format(
            count=count - limit, kind=kind
        )
        for kind, count in seen.items()
        if count > limit
    ]
    return shown, more
