"""`inspect-cli report`: the inspection record (督察记录 / 实地督察情况报告) in Markdown or Word."""

from __future__ import annotations

from pathlib import Path

import typer

from inspect_cli.commands.options import (
    ConfigOption,
    Lang,
    LedgerOption,
    OutputOption,
    document_language,
    load_office_config,
    open_ledger,
)
from inspect_cli.i18n import _
from inspect_cli.render.output import write


def report(
    inspection_id: int = typer.Argument(..., metavar="INSPECTION_ID", help="Inspection number."),
    output: OutputOption = None,
    lang: Lang | None = typer.Option(None, "--lang", help="zh or en (default: the interface language)."),
    template: Path | None = typer.Option(None, "--template", help="Your own Jinja2 record template (sandboxed)."),
    ledger: LedgerOption = None,
    config: ConfigOption = None,
) -> None:
    """Write the inspection record: header, summary figures, findings worst first, notices, signatures.

    Markdown on standard output or to FILE.md; a Word document to sign and seal with -o FILE.docx.

    Example: inspect-cli report 3 -o 市编办督察记录.md
    """
    from inspect_cli.core.records import build_record
    from inspect_cli.render.documents import record_markdown, refuse_office_suffix, write_document, writes_document

    refuse_office_suffix("record", output, ".md, .docx")
    configured = load_office_config(config)
    template = template or (Path(configured.record_template) if configured.record_template else None)
    notice_template = Path(configured.notice_template) if configured.notice_template else None
    with open_ledger(ledger, create=False) as opened:
        record = build_record(opened, inspection_id)
    if output is not None and writes_document("record", output):
        write_document("record", output, record, document_language(lang))
        typer.echo(_("Wrote {output}").format(output=output), err=True)
        return
    write(record_markdown(record, document_language(lang), template, notice_template), output)
