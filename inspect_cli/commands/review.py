"""`inspect-cli review`: desk review (书面督察) of annual reports before the visit."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from inspect_cli.commands.options import LedgerOption, OutputOption, format_option, open_ledger
from inspect_cli.exceptions import InputError
from inspect_cli.i18n import _
from inspect_cli.render.output import Format, emit


def review(
    report: Path = typer.Argument(
        ..., help="Annual report (.txt, .html, .docx; UTF-8 or GB18030), or a folder of them.", show_default=False
    ),
    checklist: Path | None = typer.Option(None, "--checklist", "-c", help="Match the report against this checklist."),
    unit: str | None = typer.Option(None, "--unit", "-u", help="With --checklist: only this unit's tasks."),
    output_format: str = format_option(Format.md, Format.json, help_text="md (a brief) or json."),
    output: OutputOption = None,
    prefill: int | None = typer.Option(
        None,
        "--prefill",
        metavar="INSPECTION_ID",
        help="Attach the best passages to this draft inspection for the walk.",
    ),
    ledger: LedgerOption = None,
) -> None:
    """Read a unit's annual report: unit and year, required parts, claimed figures, tasks addressed.

    With a folder, reviews every report in it and prints one summary table.

    Example: inspect-cli review tiantai-county-2020.txt --checklist checklists/jingmen-2016-2020.toml
    """
    from inspect_cli.core.review import review_report
    from inspect_cli.domain.checklist import filter_tasks
    from inspect_cli.formats.checklist_toml import load_checklist

    loaded = load_checklist(checklist) if checklist else None
    tasks = filter_tasks(loaded, unit=unit) if loaded and unit else None
    if report.is_dir():
        _batch(report, loaded, tasks, output_format, output)
        return
    result = review_report(report, loaded, tasks)
    if prefill is not None:
        _prefill(prefill, result, report, ledger, loaded)
    from inspect_cli.render.reports import review_view

    # read in the terminal: tables and lines that fit it
    terminal = output is None or str(output) == "-"
    emit(result, output_format, output, review_view(loaded is not None, loaded, terminal))


def _prefill(inspection_id: int, result, report: Path, ledger_path, loaded) -> None:
    from inspect_cli.core.review import prefill

    if loaded is None:
        raise InputError(_("--prefill needs --checklist, to match the report against the inspection's tasks"))
    with open_ledger(ledger_path, create=False) as opened:
        count = prefill(opened, inspection_id, result, report.name)
    typer.echo(
        _("Attached {count} passage(s) from {report} to inspection {inspection_id}").format(
            count=count, report=report.name, inspection_id=inspection_id
        ),
        err=True,
    )


def _batch(folder: Path, loaded, tasks, output_format, output) -> None:
    from inspect_cli.core.review import report_files, review_report
    from inspect_cli.render.views import REVIEW_SUMMARY

    files = report_files(folder)
    if not files:
        raise InputError(_("{folder}: no reports (.txt, .md, .html, .docx) in this folder").format(folder=folder))
    reviews = []
    if sys.stderr.isatty():
        with typer.progressbar(files, label=_("Reviewing"), file=sys.stderr) as progress:
            reviews = [review_report(path, loaded, tasks) for path in progress]
    else:
        reviews = [review_report(path, loaded, tasks) for path in files]
    emit(reviews, output_format, output, REVIEW_SUMMARY)
