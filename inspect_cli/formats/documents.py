"""Read plans and reports (.txt/.md/.html/.docx/.xlsx, UTF-8 or GB18030) into numbered lines of text."""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path

from inspect_cli.domain.textnorm import int_to_cn
from inspect_cli.exceptions import InputError
from inspect_cli.formats import limits
from inspect_cli.formats.blocks import blocks_of
from inspect_cli.i18n import _

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
DOCX_SUFFIXES = {".docx"}
XLSX_SUFFIXES = {".xlsx", ".xlsm"}
SUPPORTED = sorted(TEXT_SUFFIXES - {""} | HTML_SUFFIXES | DOCX_SUFFIXES | XLSX_SUFFIXES)

# Elements and class/id words that hold page furniture rather than the document itself.
_CHROME_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "template")
_CHROME_WORDS = ("nav", "menu", "footer", "header", "breadcrumb", "share", "sidebar", "banner", "copyright", "toolbar")
_BLOCK_TAGS = {
    "p",
    "div",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "td",
    "th",
    "tr",
    "section",
    "article",
    "blockquote",
    "pre",
    "dd",
    "dt",
    "table",
    "ul",
    "ol",
    "main",
    "body",
    "center",
    "title",
}


@dataclass(frozen=True)
class Line:
    """One line of a document: its 1-based number (a paragraph number for .docx) and its text.

    A table row also keeps its `cells`, merged cells repeated in every row and column they span; a heading
    marked as one (a Word heading style, an HTML h1–h6) keeps its `level`.
    """

    number: int
    text: str
    cells: tuple[str, ...] = ()
    level: int = 0


@dataclass(frozen=True)
class Document:
    """A document read into lines, with what is needed to cite it: name, sha256 and encoding."""

    path: Path
    lines: tuple[Line, ...]
    sha256: str
    encoding: str

    @property
    def name(self) -> str:
        return self.path.name

    @cached_property
    def blocks(self):
        """The document as headings, paragraphs and table rows, tables pasted as text included."""
        return blocks_of(self.lines)


@limits.document_reader
def read_document(path: Path) -> Document:
    """Read a supported document into lines, or raise InputError saying what is wrong and what to do."""
    path = Path(path)
    raw = _read_bytes(path)
    suffix = path.suffix.lower()
    digest = hashlib.sha256(raw).hexdigest()
    if suffix in DOCX_SUFFIXES:
        lines = _docx_lines(path, raw)
        return Document(path, lines, digest, "docx")
    if suffix in XLSX_SUFFIXES:
        return Document(path, _xlsx_lines(path, raw), digest, "xlsx")
    if suffix not in TEXT_SUFFIXES | HTML_SUFFIXES:
        raise InputError(
            _("{path}: unsupported file type {suffix!r}; use one of {value}").format(
                path=path, suffix=suffix, value=", ".join(SUPPORTED)
            )
        )
    text, encoding = decode_text(raw, path)
    if suffix in HTML_SUFFIXES:
        return Document(path, _html_lines(text, path), digest, encoding)
    return Document(path, _text_lines(text), digest, encoding)


def _read_bytes(path: Path) -> bytes:
    from inspect_cli.formats.fileio import read_input

    raw = read_input(path)
    if not raw.strip():
        raise InputError(_("{path}: the file is empty").format(path=path))
    return raw


def decode_text(raw: bytes, path: Path) -> tuple[str, str]:
    """Decode bytes as UTF-8 (with or without BOM) or, failing that, the detected Chinese encoding."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise InputError(
                _("{path}: damaged UTF-16 text ({reason} at byte {start}); save it again as UTF-8").format(
                    path=path, reason=exc.reason, start=exc.start
                )
            ) from None
    if b"\x00" in raw:
        raise InputError(
            _("{path}: looks like a binary file, not text; export the document as .txt, .html or .docx").format(
                path=path
            )
        )
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is None:
        raise InputError(
            _("{path}: cannot tell the text encoding (not UTF-8 or GB18030); save it as UTF-8").format(path=path)
        )
    encoding = best.encoding
    # GB2312 and GBK are subsets of GB18030: decoding with the superset never loses characters.
    if encoding.replace("_", "").lower() in {"gb2312", "gbk", "gb18030", "hz", "cp936"}:
        encoding = "gb18030"
    try:
        return raw.decode(encoding), encoding
    except (UnicodeDecodeError, LookupError):
        return str(best), encoding


def _text_lines(text: str) -> tuple[Line, ...]:
    return tuple(Line(number, line.rstrip("\r")) for number, line in enumerate(text.split("\n"), start=1))


@limits.parser_errors("HTML")
def _html_lines(html: str, path: Path) -> tuple[Line, ...]:
    limits.check_html(path, html)
    from bs4 import BeautifulSoup, Comment, Declaration, Doctype
    from bs4.element import NavigableString

    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(_CHROME_TAGS):
        tag.decompose()
    row_cells = _html_tables(soup)
    for tag in soup.find_all(True):
        if tag.decomposed:
            continue
        # class is a list of words; id and role are single values
        words = " ".join([*(tag.get("class") or []), str(tag.get("id") or ""), str(tag.get("role") or "")]).lower()
        if tag.name not in ("html", "body", "main", "article") and any(word in words for word in _CHROME_WORDS):
            tag.decompose()
    lines: list[Line] = []
    current_block = None
    buffer: list[str] = []
    block_line = 1

    def flush() -> None:
        text = "".join(buffer).strip()
        if text:
            name = getattr(current_block, "name", "") or ""
            lines.append(Line(block_line, text, level=int(name[1]) if re.fullmatch(r"h[1-6]", name) else 0))
        buffer.clear()

    root = soup.body or soup
    for node in root.descendants:
        if id(node) in row_cells:
            flush()
            current_block = node
            cells = row_cells[id(node)]
            if any(cells):
                lines.append(
                    Line(getattr(node, "sourceline", None) or block_line, " ".join(c for c in cells if c), cells)
                )
            continue
        if any(id(parent) in row_cells for parent in getattr(node, "parents", ())):
            continue
        if getattr(node, "name", None) == "br":
            flush()
            continue
        if not isinstance(node, NavigableString) or isinstance(node, (Comment, Declaration, Doctype)):
            continue
        block = node.parent
        while block is not None and block.name not in _BLOCK_TAGS:
            block = block.parent
        if block is not current_block:
            flush()
            current_block = block
            block_line = getattr(block, "sourceline", None) or block_line
        buffer.append(" ".join(str(node).split()) if "\n" in str(node) else str(node))
    flush()
    return tuple(lines)


@limits.parser_errors(".docx")
def _docx_lines(path: Path, raw: bytes) -> tuple[Line, ...]:
    limits.check_docx(path, raw)
    import zipfile

    from docx import Document as open_docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import XMLSyntaxError

    try:
        document = open_docx(io.BytesIO(raw))
    except (zipfile.BadZipFile, KeyError, ValueError, XMLSyntaxError, PackageNotFoundError) as exc:
        raise InputError(
            _("{path}: not a readable .docx file ({detail}); re-save it from Word as .docx").format(
                path=path, detail=exc
            )
        ) from None
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    lines: list[Line] = []
    numbering = _DocxNumbering(document)
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            lines.append(Line(len(lines) + 1, numbering.label(block) + block.text, level=_heading_level(block)))
        elif isinstance(block, Table):
            # python-docx repeats a merged cell in every row and column it spans
            for row in block.rows:
                cells = tuple(cell.text.strip() for cell in row.cells)
                lines.append(Line(len(lines) + 1, " ".join(cells), cells))
    return tuple(lines)


def _heading_level(paragraph) -> int:
    """1–9 for a paragraph in a Word heading style (`Heading 2`, `标题 2`), else 0."""
    name = paragraph.style.name if paragraph.style is not None else ""
    match = re.fullmatch(r"(?:Heading|标题)\s*([1-9])", name or "")
    return int(match[1]) if match else 0


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_CN_NUMBER_FORMATS = {
    "chineseCounting",
    "chineseCountingThousand",
    "ideographTraditional",
    "chineseLegalSimplified",
    "taiwaneseCounting",
    "taiwaneseCountingThousand",
    "ideographLegalTraditional",
}


class _DocxNumbering:
    """Word's automatic list numbers, which are not in a paragraph's text: `1.`, `（一）`, `①` as Word shows them."""

    def __init__(self, document) -> None:
        self.levels: dict[tuple[str, int], tuple[str, str, int]] = {}  # (numId, ilvl) → (format, text, start)
        self.counters: dict[str, list[int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract = {node.get(f"{_W}abstractNumId"): node for node in root.iterchildren(f"{_W}abstractNum")}
        for num in root.iterchildren(f"{_W}num"):
            ref = num.find(f"{_W}abstractNumId")
            definition = abstract.get(ref.get(f"{_W}val")) if ref is not None else None
            if definition is None:
                continue
            for level in definition.iterchildren(f"{_W}lvl"):
                values = {
                    name: (level.find(f"{_W}{name}").get(f"{_W}val") if level.find(f"{_W}{name}") is not None else None)
                    for name in ("numFmt", "lvlText", "start")
                }
                self.levels[(num.get(f"{_W}numId"), int(level.get(f"{_W}ilvl", "0")))] = (
                    values["numFmt"] or "decimal",
                    values["lvlText"] or "",
                    int(values["start"] or 1),
                )

    def _num_pr(self, paragraph) -> tuple[str, int] | None:
        p_pr = paragraph._p.pPr
        num_pr = p_pr.find(f"{_W}numPr") if p_pr is not None else None
        style = paragraph.style
        while num_pr is None and style is not None:
            style_pr = style.element.find(f"{_W}pPr")
            num_pr = style_pr.find(f"{_W}numPr") if style_pr is not None else None
            style = style.base_style
        if num_pr is None:
            return None
        num_id, level = num_pr.find(f"{_W}numId"), num_pr.find(f"{_W}ilvl")
        if num_id is None:
            return None
        return num_id.get(f"{_W}val"), int(level.get(f"{_W}val")) if level is not None else 0

    def label(self, paragraph) -> str:
        """The number Word would show before this paragraph, or ""."""
        if not self.levels:
            return ""
        found = self._num_pr(paragraph)
        if found is None or found not in self.levels:
            return ""
        num_id, level = found
        counters = self.counters.setdefault(num_id, [0] * 9)
        number_format, text, start = self.levels[found]
        counters[level] = (counters[level] or start - 1) + 1
        for deeper in range(level + 1, 9):
            counters[deeper] = 0
        if number_format in ("bullet", "none"):
            return ""

        def shown(match: re.Match) -> str:
            shown_level = int(match[1]) - 1
            fmt = self.levels.get((num_id, shown_level), (number_format, "", 1))[0]
            value = counters[shown_level] or self.levels.get((num_id, shown_level), ("", "", 1))[2]
            return _formatted(value, fmt)

        return re.sub(r"%([1-9])", shown, text)


def _formatted(value: int, number_format: str) -> str:
    if number_format in _CN_NUMBER_FORMATS:
        return int_to_cn(value)
    if number_format == "decimalEnclosedCircle" and 1 <= value <= 20:
        return "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"[value - 1]
    return str(value)


def _html_tables(soup) -> dict[int, tuple[str, ...]]:
    """Each table row's cells by the row's id(), rowspan and colspan repeated, for tables holding no other table."""
    rows_cells: dict[int, tuple[str, ...]] = {}
    for table in soup.find_all("table"):
        if table.find("table") is not None:
            continue  # a table laying out the page around other tables: its text is read as the page's lines
        carried: dict[int, tuple[int, str]] = {}  # column → (rows still to fill, text)
        for row in table.find_all("tr"):
            if row.find_parent("table") is not table:
                continue
            cells: list[str] = []
            column = 0
            for cell in row.find_all(["td", "th"], recursive=False):
                while column in carried:
                    cells.append(_carry(carried, column))
                    column += 1
                text = _cell_lines(cell)
                span = _span(cell.get("colspan"))
                for _column in range(span):
                    down = _span(cell.get("rowspan"))
                    if down > 1:
                        carried[column] = (down - 1, text)
                    cells.append(text)
                    column += 1
            while column in carried:
                cells.append(_carry(carried, column))
                column += 1
            rows_cells[id(row)] = tuple(cells)
    return rows_cells


def _cell_lines(cell) -> str:
    """A table cell's text, one line per line break or paragraph inside it (units are often listed one a line)."""
    for tag in cell.find_all("br"):
        tag.replace_with("\n")
    for tag in cell.find_all(["p", "div", "li"]):
        tag.insert_after("\n")
    lines = (" ".join(line.split()) for line in cell.get_text(" ").split("\n"))
    return "\n".join(line for line in lines if line)


def _carry(carried: dict[int, tuple[int, str]], column: int) -> str:
    left, text = carried[column]
    if left <= 1:
        del carried[column]
    else:
        carried[column] = (left - 1, text)
    return text


def _span(value) -> int:
    try:
        return max(1, min(int(str(value).strip()), 1000))
    except (TypeError, ValueError):
        return 1


_DEFAULT_SHEET = re.compile(r"^(sheet|工作表)\s*\d*$", re.IGNORECASE)


@limits.parser_errors(".xlsx")
def _xlsx_lines(path: Path, raw: bytes) -> tuple[Line, ...]:
    """Every non-empty row of every sheet, merged cells filled from their top-left cell, after the sheet's name when it
    is not Excel's default; line numbers count rows read."""
    limits.check_xlsx(path, raw)
    import zipfile

    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(raw), read_only=False, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise InputError(
            _("{path}: not a readable .xlsx workbook ({detail}); re-save it from Excel as .xlsx").format(
                path=path, detail=exc
            )
        ) from exc
    lines: list[Line] = []
    for sheet in workbook.worksheets:
        grid = [[_cell_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]
        for merged in sheet.merged_cells.ranges:
            top = grid[merged.min_row - 1][merged.min_col - 1] if merged.min_row <= len(grid) else ""
            for row_index in range(merged.min_row - 1, min(merged.max_row, len(grid))):
                for column in range(merged.min_col - 1, min(merged.max_col, len(grid[row_index]))):
                    grid[row_index][column] = top
        if not _DEFAULT_SHEET.match(sheet.title.strip()):  # a sheet named `2023年` or `任务分解` titles its rows
            lines.append(Line(1, sheet.title.strip(), level=1))
        for number, row in enumerate(grid, start=1):
            cells = tuple(row)
            if any(cells):
                lines.append(Line(number, " ".join(c for c in cells if c), cells))
    return tuple(lines)


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, date):  # a deadline typed as a date: written the way plans write it
        return f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
