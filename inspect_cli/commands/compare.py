"""`inspect-cli inspections compare`: two inspections of a unit, task by task."""

from __future__ import annotations

import typer

from inspect_cli.commands.options import LedgerOption, format_option, open_ledger
from inspect_cli.render.output import Format, emit


def compare(
    first: int = typer.Argument(..., metavar="A", help="The earlier inspection's number."),
    second: int = typer.Argument(..., metavar="B", help="The later inspection's number."),
    any_unit: bool = typer.Option(False, "--any-unit", help="Compare inspections of different units too."),
    output_format: str = format_option(Format.table, Format.json, Format.md),
    ledger: LedgerOption = None,
) -> None:
    """Compare two inspections of one unit (last year's and this year's): each task's result in A and in B and
    whether it improved, got worse, stayed the same, is new or was dropped.

    Example: inspect-cli inspections compare 3 12 --format json
    """
    from inspect_cli.core.compare import compare as compare_inspections
    from inspect_cli.render.reports import comparison_view

    with open_ledger(ledger, create=False) as opened:
        found = compare_inspections(opened, first, second, any_unit)
    emit(list(found.tasks), output_format, view=comparison_view(found))
