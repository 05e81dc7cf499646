"""`inspect-cli inspections verify`: recompute content hashes and check notices and the event log's chain."""

from __future__ import annotations

import typer

from inspect_cli.commands.options import LedgerOption, format_option, open_ledger
from inspect_cli.domain.models import InspectionState
from inspect_cli.i18n import _
from inspect_cli.render.output import Format, emit, say


def verify(
    inspection_ids: list[int] | None = typer.Argument(
        None, metavar="ID", help="Inspection numbers (default: all).", show_default=False
    ),
    output_format: Format = format_option(Format.table, Format.json, help_text="table or json."),
    ledger: LedgerOption = None,
) -> None:
    """Check that the ledger's records are as they were written: each finalized inspection against its content
    hash, each inspection's state against the event log, each notice against its seal, and the event log's chain.
    Exits 1 naming what does not match.

    Example: inspect-cli inspections verify 3 --format json
    """
    from inspect_cli.core.integrity import verify as verify_ledger
    from inspect_cli.render.table import json_ready

    with open_ledger(ledger, create=False) as opened:
        check = verify_ledger(opened, list(inspection_ids or []))
    if output_format is Format.json:
        emit(
            {
                "ok": check.ok,
                "events": check.events,
                "chain_head": check.chain_head,
                "ledger_problems": list(check.ledger_problems),
                "inspections": [{**json_ready(c), "ok": c.ok} for c in check.inspections],
            },
            output_format,
        )
    else:
        for problem in check.ledger_problems:
            typer.echo(_("ledger: {problem}").format(problem=problem))
        for item in check.inspections:
            form = _(", form {form}").format(form=item.content_form) if item.content_form else ""
            if item.ok:
                say(
                    _("inspection {inspection_id} ({unit}, {state}{form}): ok").format(
                        inspection_id=item.inspection_id,
                        unit=item.unit,
                        state=InspectionState.name_of(item.state),
                        form=form,
                    )
                )
            for problem in item.problems:
                say(
                    _("inspection {inspection_id} ({unit}, {state}): {problem}").format(
                        inspection_id=item.inspection_id,
                        unit=item.unit,
                        state=InspectionState.name_of(item.state),
                        problem=problem,
                    )
                )
        verdict = _("verified") if check.ok else _("DOES NOT VERIFY")
        say(
            _("{inspections} inspection(s), {events} event(s); event log head {chain_head}; {verdict}").format(
                inspections=len(check.inspections),
                events=check.events,
                chain_head=(check.chain_head or "-")[:16],
                verdict=verdict,
            )
        )
    if not check.ok:
        raise typer.Exit(1)
