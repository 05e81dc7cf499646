"""`inspect-cli summary`: the office's year in figures, for its annual report."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import typer

from inspect_cli.commands.options import (
    ConfigOption,
    LedgerOption,
    OutputOption,
    date_option,
    document_language,
    format_option,
    load_office_config,
    read_ledger,
)
from inspect_cli.domain.clock import today
from inspect_cli.i18n import _
from inspect_cli.render.output import Format, emit
from inspect_cli.settings import current


def summary(
    year: int | None = typer.Option(None, "--year", min=1900, max=2999, help="The year (default: this year)."),
    checklist: Path | None = typer.Option(
        None,
        "--checklist",
        help="Only inspections of this checklist, its task weights for the ranking (default: all, weight 1).",
    ),
    as_of: date | None = date_option("Judge notices overdue on this date (default: today in China).", "--as-of"),
    output_format: str = format_option(Format.md, Format.json, help_text="md (a page for the annual report) or json."),
    output: OutputOption = None,
    ledger: LedgerOption = None,
    config: ConfigOption = None,
) -> None:
    """The office's year in figures, a page for its annual report.

    Units inspected (部门, 乡镇, 街道), tasks checked, results, notices issued, closed, overdue and escalated,
    average days to close, the ranking, and charts of scores and of notices by month.

    -o FILE.xlsx writes the figures, results, ranking, notices by month and units as sheets of a workbook.

    Example: inspect-cli summary --year 2017 -o 2017年督察工作总结.md
    """
    from inspect_cli.core.summary import year_summary
    from inspect_cli.formats.checklist_cache import load_cached
    from inspect_cli.render.documents import refuse_office_suffix, write_document, writes_document

    refuse_office_suffix("summary", output, ".md, .json, .xlsx")
    # parsed once and cached by the file's sha256, as the deadline report does
    loaded = load_cached(checklist, current().cache_dir) if checklist else None
    settings = load_office_config(config)
    when = as_of or today()
    wanted = year or when.year
    empty = year_summary_of_nothing(wanted, when)
    found = read_ledger(ledger, lambda opened: year_summary(opened, wanted, settings, when, loaded), empty)

    if output is not None and writes_document("summary", output):
        write_document("summary", output, found, document_language(None))
        typer.echo(_("Wrote {output}").format(output=output), err=True)
        return
    from inspect_cli.render.reports import summary_view

    emit(found, output_format, output, summary_view(document_language(None)))


def year_summary_of_nothing(year: int, as_of: date):
    """The summary of a year with no ledger yet: every figure zero."""
    from inspect_cli.core.summary import KINDS, YearSummary
    from inspect_cli.domain.models import Status

    return YearSummary(
        year,
        as_of,
        tuple((kind, ()) for kind in KINDS),
        0,
        0,
        tuple((s.value, 0) for s in Status if s is not Status.not_reviewed),
        0,
        0,
        0,
        0,
        0,
        None,
        (0,) * 12,
        (),
    )
