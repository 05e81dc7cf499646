"""Records and notices as documents: Markdown through the templates; .docx and .xlsx files by registered writers."""

from __future__ import annotations

import importlib
from pathlib import Path

from inspect_cli.core.notices import Notice
from inspect_cli.core.records import Record
from inspect_cli.domain.models import Inspection, Status, UnitKind
from inspect_cli.exceptions import InputError
from inspect_cli.i18n import _
from inspect_cli.render.output import RENDERERS
from inspect_cli.render.templating import render_template, shipped_template


def notice_markdown(
    notice: Notice, inspection: Inspection | None, lang: str = "zh", template: Path | None = None, heading: str = "#"
) -> str:
    """A notice (and the inspection it was issued from) as Markdown, from the shipped template or the user's own."""
    path = template or shipped_template("notice", lang)
    return render_template(path, notice=notice, inspection=inspection, heading=heading)


def record_markdown(
    record: Record, lang: str = "zh", template: Path | None = None, notice_template: Path | None = None
) -> str:
    """An inspection record as Markdown, with its notices in full."""
    notices = [notice_markdown(n, record.inspection, lang, notice_template, heading="###") for n in record.notices]
    return render_template(template or shipped_template("record", lang), record=record, notice_texts=notices)


def summary_markdown(summary, lang: str = "zh") -> str:
    """The office's year as a Markdown page, with its ranking and Mermaid charts."""
    results = [(Status(status).label_in(lang), count) for status, count in summary.results]
    return render_template(
        shipped_template("summary", lang),
        summary=summary,
        results=results,
        unit_kind=lambda kind, count: UnitKind(kind).counted(count, lang),
        unit_kind_name=lambda kind: UnitKind(kind).label_in(lang),
    )


def _writer(kind: str, suffix: str) -> tuple[str, str] | None:
    """(module, function) of the registered format that writes this kind of document as a file with this suffix."""
    for renderer in RENDERERS.values():
        if renderer.suffix == suffix and kind in renderer.documents:
            return renderer.documents[kind]
    return None


def writes_document(kind: str, path: Path | None) -> bool:
    """Whether `path` names a file this kind of document is written to as .docx or .xlsx."""
    return path is not None and _writer(kind, path.suffix.lower()) is not None


def refuse_office_suffix(kind: str, path: Path | None, allowed: str) -> None:
    """InputError when `path` asks for a .docx or .xlsx file this kind of document is not written as, rather than
    text under a name a word processor or spreadsheet cannot open."""
    suffix = path.suffix.lower() if path is not None else ""
    documents = {renderer.suffix for renderer in RENDERERS.values() if renderer.documents}
    if suffix in documents and not writes_document(kind, path):
        raise InputError(
            _("{output}: this is not written as {suffix}; give a file name ending in {allowed}").format(
                output=path, suffix=suffix, allowed=allowed
            )
        )


def write_document(kind: str, path: Path, *content) -> None:
    """Write a document to `path` (atomically) by the writer its registered format has for its kind."""
    from inspect_cli.formats.fileio import atomic_write

    writer = _writer(kind, path.suffix.lower())
    assert writer is not None, path  # callers ask writes_document first
    module, function = writer
    atomic_write(path, getattr(importlib.import_module(module), function)(*content))
