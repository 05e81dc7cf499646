"""`inspect-cli inspections verify`: recompute content hashes and check notices and the event log's chain."""

from __future__ import annotations

import typer

from inspect_cli.commands.options import LedgerOption, format_option, open_ledger
from inspect_cli.render.output import Format, emit


def verify(
    inspection_ids: list[int] | None = typer.Argument(
        None, metavar="ID", help="Inspection numbers (default: all).", show_default=False
    ),
    output_format: str = format_option(Format.table, Format.json, help_text="table or json."),
    ledger: LedgerOption = None,
) -> None:
    """Check that the ledger's records are as they were written: each finalized inspection against its content
    hash, each inspection's state against the event log, each notice against its seal, and the event log's chain.
    Exits 1 naming what does not match.

    Example: inspect-cli inspections verify 3 --format json
    """
    from inspect_cli.core.integrity import verify as verify_ledger
    from inspect_cli.render.reports import VERIFICATION

    with open_ledger(ledger, create=False) as opened:
        check = verify_ledger(opened, list(inspection_ids or []))
    emit(check, output_format, view=VERIFICATION)
    if not check.ok:
        raise typer.Exit(1)
