"""`inspect-cli inspections push`, `pull` and `resolve`: copy finalized inspections and notices between a laptop and the
office, and settle a record changed on both sides."""

from __future__ import annotations

import enum

import typer

from inspect_cli.commands.options import ByOption, LedgerOption, actor, format_option, open_ledger
from inspect_cli.exceptions import InputError, NotFound
from inspect_cli.i18n import N_, _
from inspect_cli.ledger import open_location
from inspect_cli.ledger.base import display_location
from inspect_cli.render.output import Format, emit
from inspect_cli.settings import current

OTHER_HELP = N_("The other ledger: a postgresql:// URL (the office) or a ledger file.")


def _copy(source, target, inspection_ids: list[int] | None, output_format: str, pulling: bool = False) -> None:
    """Copy, say what was done, and exit 1 when there are conflicts (`pulling`: this ledger is the target)."""
    from inspect_cli.core.sync import copy_records

    if source.location == target.location:
        raise InputError(
            _("{location}: is the ledger in use; name the other ledger to copy to or from").format(
                location=target.location
            )
        )
    report = copy_records(source, target, inspection_ids)
    _say(report, f"{source.location} → {target.location}", output_format, pulling)
    if report.conflicts:
        raise typer.Exit(1)


def _say(report, where: str, output_format: str, pulling: bool = False) -> None:
    from inspect_cli.render.reports import sync_view

    emit(report, output_format, view=sync_view(where, pulling))


def push(
    inspection_ids: list[int] | None = typer.Argument(
        None, metavar="ID", show_default=False, help="Inspection numbers in this ledger (default: every finalized one)."
    ),
    to: str = typer.Option(..., "--to", metavar="LEDGER", help=OTHER_HELP),
    output_format: str = format_option(Format.table, Format.json, help_text="table (counts) or json."),
    ledger: LedgerOption = None,
) -> None:
    """Copy finalized inspections (with their evidence records, revisions and events) and their notices to another
    ledger, usually the office's. Copying again copies nothing; a record changed on both sides is a conflict,
    reported with both hashes and never overwritten (exit 1).

    Example: inspect-cli inspections push --to postgresql://inspector@office-server/inspect
    """

    with (
        open_ledger(ledger, create=False) as source,
        open_location(to, create=True, make_folder=current().create) as target,
    ):
        _copy(source, target, list(inspection_ids or []) or None, output_format)


def pull(
    source_location: str = typer.Option(..., "--from", metavar="LEDGER", help=OTHER_HELP),
    output_format: str = format_option(Format.table, Format.json, help_text="table (counts) or json."),
    ledger: LedgerOption = None,
) -> None:
    """Copy the other ledger's finalized inspections and notices into this one, e.g. the office's results and open
    notices onto a laptop before a walk offline. Copying again copies nothing; conflicts as for push (exit 1).

    Example: inspect-cli inspections pull --from postgresql://inspector@office-server/inspect
    """
    from inspect_cli.core.sync import SyncReport

    try:
        source = open_location(source_location, create=False)
    except NotFound:
        # an office without a ledger yet has nothing to give: that is not an error
        _say(
            SyncReport(),
            _("{location} has no ledger yet").format(location=display_location(source_location)),
            output_format,
        )
        return
    with source, open_ledger(ledger, create=True) as target:
        _copy(source, target, None, output_format, pulling=True)


class Keep(str, enum.Enum):
    this = "this"
    other = "other"


def resolve(
    inspection_id: int = typer.Argument(..., metavar="ID", help="The inspection's number in this ledger."),
    other: str = typer.Option(..., "--with", metavar="LEDGER", help=OTHER_HELP),
    keep: Keep = typer.Option(
        ..., "--keep", help="this: this ledger's record stands; other: the other ledger's.", show_default=False
    ),
    reason: str = typer.Option("", "--reason", help="Why this record stands (default: which ledger's was kept)."),
    by: str | None = ByOption,
    output_format: str = format_option(Format.table, Format.json, help_text="table or json."),
    ledger: LedgerOption = None,
) -> None:
    """Settle an inspection changed in both ledgers (a push or pull conflict): the kept record stands on both, as a
    new revision that names both content hashes it replaces, logged on both sides. Afterwards push and pull in
    either direction find no conflict.

    Example: inspect-cli inspections resolve 1 --with postgresql://inspector@office-server/inspect --keep other
    """
    from inspect_cli.core.sync import resolve as settle

    with open_ledger(ledger, create=False) as this, open_location(other, create=False) as there:
        done = settle(this, there, inspection_id, keep.value, actor(by), reason)
        where = there.location
    from inspect_cli.render.reports import resolution_view

    emit(done, output_format, view=resolution_view(where))
