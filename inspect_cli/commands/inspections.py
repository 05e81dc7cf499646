"""`inspect-cli inspections`: list, show, finalize, reopen, export and import inspections."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import typer

from inspect_cli.commands import compare, sync, verify
from inspect_cli.commands.options import (
    ByOption,
    LedgerOption,
    OutputOption,
    actor,
    format_option,
    ledger_unit,
    nothing_matches,
    open_ledger,
    read_ledger,
)
from inspect_cli.domain.models import InspectionState
from inspect_cli.exceptions import InputError
from inspect_cli.formats.inspection_export import read_export
from inspect_cli.i18n import _
from inspect_cli.render.output import Format, emit

app = typer.Typer(
    help=(
        "List, show, finalize, reopen, export and import inspections; push and pull them to and from the office ledger."
    ),
    no_args_is_help=True,
)


@app.command("list")
def list_(
    unit: str | None = typer.Option(
        None, "--unit", "-u", metavar="UNIT", help="Only inspections of this unit (exact name or a unique part: 编办)."
    ),
    state: InspectionState | None = typer.Option(None, "--state", help="draft or finalized."),
    output_format: str = format_option(Format.table, Format.json),
    ledger: LedgerOption = None,
) -> None:
    """List inspections, newest first.

    Example: inspect-cli inspections list --unit 市编办 --format json
    """

    from inspect_cli.render.views import INSPECTIONS

    state_name = state.value if state else None
    rows = read_ledger(ledger, lambda opened: opened.inspections(unit=ledger_unit(unit, opened), state=state_name), [])
    nothing = nothing_matches("inspections", unit, state=state_name)
    if not (unit or state):
        nothing = _("{nothing} Start one with 'inspect-cli walk'.").format(nothing=nothing)
    emit(rows, output_format, view=replace(INSPECTIONS, empty=nothing))


@app.command()
def show(
    inspection_id: int = typer.Argument(..., metavar="ID", help="Inspection number."),
    output_format: str = format_option(Format.table, Format.json),
    ledger: LedgerOption = None,
) -> None:
    """Show one inspection with every task's result, note and evidence.

    Example: inspect-cli inspections show 3 --format json
    """
    from inspect_cli.core.inspections import summarize
    from inspect_cli.core.integrity import check_record
    from inspect_cli.render.reports import inspection_view

    with open_ledger(ledger, create=False) as opened:
        inspection = opened.inspection(inspection_id)
        tasks = opened.tasks(inspection_id)
        results = opened.results(inspection_id)
        problems = check_record(opened, inspection_id)
    if problems:
        more = " " + _("(and {count} more)").format(count=len(problems) - 1) if len(problems) > 1 else ""
        typer.echo(
            _(
                "Warning: inspection {id} DOES NOT VERIFY: {problem}{more}; see 'inspect-cli inspections verify {id}'"
            ).format(id=inspection_id, problem=problems[0], more=more),
            err=True,
        )
    emit(inspection, output_format, view=inspection_view(tasks, results, summarize(tasks, results)))


@app.command("finalize")
def finalize_(
    inspection_id: int = typer.Argument(..., metavar="ID", help="Inspection number."),
    by: str | None = ByOption,
    ledger: LedgerOption = None,
) -> None:
    """Lock a draft inspection and record its content hash.

    Refused while a partial or noncompliant result has no note.

    Example: inspect-cli inspections finalize 3
    """
    from inspect_cli.core.inspections import draft_lock, finalize

    with open_ledger(ledger, create=False) as opened:
        with draft_lock(opened, opened.inspection(inspection_id)):
            done = finalize(opened, inspection_id, actor(by))
    typer.echo(
        _("Inspection {id} finalized (revision {revision}); content hash {content_hash}").format(
            id=done.id, revision=done.revision, content_hash=done.content_hash
        )
    )


@app.command()
def reopen(
    inspection_id: int = typer.Argument(..., metavar="ID", help="Inspection number."),
    reason: str = typer.Option(..., "--reason", help="Why the finalized record must change.", show_default=False),
    by: str | None = ByOption,
    ledger: LedgerOption = None,
) -> None:
    """Reopen a finalized inspection as a new revision, recording the reason.

    Example: inspect-cli inspections reopen 3 --reason "单位补交了整改材料"
    """
    from inspect_cli.core.inspections import draft_lock, reopen

    with open_ledger(ledger, create=False) as opened:
        with draft_lock(opened, opened.inspection(inspection_id)):
            done = reopen(opened, inspection_id, reason, actor(by))
    typer.echo(_("Inspection {id} reopened as revision {revision} (draft)").format(id=done.id, revision=done.revision))


@app.command()
def discard(
    inspection_id: int = typer.Argument(..., metavar="ID", help="A draft inspection number."),
    reason: str = typer.Option(
        ..., "--reason", help="Why the draft is removed (kept in the event log).", show_default=False
    ),
    by: str | None = ByOption,
    ledger: LedgerOption = None,
) -> None:
    """Remove a draft inspection started by mistake; a finalized inspection is never removed.

    The event log keeps the discarded draft's number, unit, date, answer count and the reason.

    Example: inspect-cli inspections discard 4 --reason "误开的重复草稿"
    """
    from inspect_cli.core.inspections import discard as do_discard
    from inspect_cli.core.inspections import draft_lock

    with open_ledger(ledger, create=False) as opened:
        with draft_lock(opened, opened.inspection(inspection_id)):
            gone = do_discard(opened, inspection_id, reason, actor(by))
    typer.echo(
        _(
            "Draft inspection {id} of {unit} ({answered_count}/{task_count} answered) discarded; the event log records "
            "it"
        ).format(id=gone.id, unit=gone.unit, answered_count=gone.answered_count, task_count=gone.task_count)
    )


@app.command()
def export(
    inspection_id: int = typer.Argument(..., metavar="ID", help="Inspection number."),
    output_format: str | None = format_option(
        None, Format.json, Format.toml, help_text="json or toml (default: from the -o suffix, else json)."
    ),
    output: OutputOption = None,
    ledger: LedgerOption = None,
) -> None:
    """Write the whole inspection as JSON or TOML, for another office.

    Example: inspect-cli inspections export 3 -o 市编办-2017.toml
    """
    from inspect_cli.core.inspections import export_inspection
    from inspect_cli.render.reports import INSPECTION_EXPORT, export_suffix_format

    with open_ledger(ledger, create=False) as opened:
        data = export_inspection(opened, inspection_id)
    emit(data, output_format or export_suffix_format(output), output, INSPECTION_EXPORT)


@app.command("import")
def import_(
    file: Path = typer.Argument(..., help="An exported inspection (.json or .toml).", show_default=False),
    ledger: LedgerOption = None,
) -> None:
    """Bring an exported inspection into the ledger; importing it twice changes nothing.

    Example: inspect-cli inspections import 市编办-2017.toml
    """
    from inspect_cli.core.inspections import import_inspection

    data = read_export(file)
    try:
        with open_ledger(ledger, create=True) as opened:
            inspection, added = import_inspection(opened, data)
    except InputError as exc:  # what is wrong is in the file: name it
        exc.message = f"{file}: {exc.message}"
        raise
    if added:
        typer.echo(
            _("Imported as inspection {id} ({unit}, {date}, {state})").format(
                id=inspection.id,
                unit=inspection.unit,
                date=inspection.date,
                state=InspectionState.name_of(inspection.state),
            )
        )
    else:
        typer.echo(_("Already in the ledger as inspection {id}; nothing imported").format(id=inspection.id))


def _add_related_commands() -> None:
    """verify, compare, push and pull live in their own modules but belong to this group."""
    app.command()(verify.verify)
    app.command()(compare.compare)
    app.command()(sync.push)
    app.command()(sync.pull)
    app.command()(sync.resolve)


_add_related_commands()
