"""Read plans and reports (.txt/.md/.html/.docx, UTF-8 or GB18030) into numbered lines of text."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from inspect_cli.exceptions import InputError

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
DOCX_SUFFIXES = {".docx"}
SUPPORTED = sorted(TEXT_SUFFIXES - {""} | HTML_SUFFIXES | DOCX_SUFFIXES)

# Elements and class/id words that hold page furniture rather than the document itself.
_CHROME_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "template")
_CHROME_WORDS = ("nav", "menu", "footer", "header", "breadcrumb", "share", "sidebar", "banner", "copyright", "toolbar")
_BLOCK_TAGS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "tr", "section",
               "article", "blockquote", "pre", "dd", "dt", "table", "ul", "ol", "main", "body", "center", "title"}


@dataclass(frozen=True)
class Line:
    """One line of a document: its 1-based number (a paragraph number for .docx) and its text."""

    number: int
    text: str


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


def read_document(path: Path) -> Document:
    """Read a supported document into lines, or raise InputError saying what is wrong and what to do."""
    path = Path(path)
    raw = _read_bytes(path)
    suffix = path.suffix.lower()
    digest = hashlib.sha256(raw).hexdigest()
    if suffix in DOCX_SUFFIXES:
        lines = _docx_lines(path, raw)
        return Document(path, lines, digest, "docx")
    if suffix not in TEXT_SUFFIXES | HTML_SUFFIXES:
        raise InputError(f"{path}: unsupported file type {suffix!r}; use one of {', '.join(SUPPORTED)}")
    text, encoding = decode_text(raw, path)
    if suffix in HTML_SUFFIXES:
        from inspect_cli.fileio import check_html_nesting

        check_html_nesting(text, path)
        return Document(path, _html_lines(text), digest, encoding)
    return Document(path, _text_lines(text), digest, encoding)


def _read_bytes(path: Path) -> bytes:
    from inspect_cli.fileio import read_input

    raw = read_input(path)
    if not raw.strip():
        raise InputError(f"{path}: the file is empty")
    return raw


def decode_text(raw: bytes, path: Path) -> tuple[str, str]:
    """Decode bytes as UTF-8 (with or without BOM) or, failing that, the detected Chinese encoding."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise InputError(f"{path}: damaged UTF-16 text ({exc.reason} at byte {exc.start}); save it again as UTF-8") from None
    if b"\x00" in raw:
        raise InputError(f"{path}: looks like a binary file, not text; export the document as .txt, .html or .docx")
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is None:
        raise InputError(f"{path}: cannot tell the text encoding (not UTF-8 or GB18030); save it as UTF-8")
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


def _html_lines(html: str) -> tuple[Line, ...]:
    from bs4 import BeautifulSoup, Comment, Declaration, Doctype, NavigableString

    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(_CHROME_TAGS):
        tag.decompose()
    for tag in soup.find_all(True):
        if tag.decomposed:
            continue
        words = " ".join([*tag.get("class", []), tag.get("id", "") or "", tag.get("role", "") or ""]).lower()
        if tag.name not in ("html", "body", "main", "article") and any(word in words for word in _CHROME_WORDS):
            tag.decompose()
    lines: list[Line] = []
    current_block = None
    buffer: list[str] = []
    block_line = 1

    def flush() -> None:
        text = "".join(buffer).strip()
        if text:
            lines.append(Line(block_line, text))
        buffer.clear()

    root = soup.body or soup
    for node in root.descendants:
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


def _docx_lines(path: Path, raw: bytes) -> tuple[Line, ...]:
    import io
    import zipfile

    from docx import Document as open_docx

    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import XMLSyntaxError

    from inspect_cli.fileio import check_zip

    check_zip(raw, path)
    try:
        document = open_docx(io.BytesIO(raw))
    except (zipfile.BadZipFile, KeyError, ValueError, XMLSyntaxError, PackageNotFoundError) as exc:
        raise InputError(f"{path}: not a readable .docx file ({exc}); re-save it from Word as .docx") from None
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    texts: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            texts.append(block.text)
        elif isinstance(block, Table):
            for row in block.rows:
                texts.append(" ".join(cell.text.strip() for cell in row.cells))
    return tuple(Line(number, text) for number, text in enumerate(texts, start=1))
