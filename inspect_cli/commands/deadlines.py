"""`inspect-cli deadlines`: overdue and due-soon plan tasks and notices, for people and for cron."""

from __future__ import annotations

import enum
from contextlib import nullcontext
from datetime import date
from pathlib import Path

import typer

from inspect_cli.commands.options import ConfigOption, LedgerOption, date_option, format_option
from inspect_cli.domain.models import ObligationKind
from inspect_cli.exceptions import NotFound
from inspect_cli.ledger import open_location
from inspect_cli.render.output import Format, stream
from inspect_cli.settings import current


class FailOn(str, enum.Enum):
    red = "red"
    yellow = "yellow"
    never = "never"


def deadlines(
    checklists: list[Path] = typer.Argument(
        None, help="Checklists whose tasks to check (none: notices only).", show_default=False
    ),
    as_of: date | None = date_option("Judge on this date (default: today in China).", "--as-of"),
    unit: str | None = typer.Option(None, "--unit", "-u", help="Only this unit (exact name or a unique part)."),
    kind: ObligationKind | None = typer.Option(None, "--kind", help="Only tasks or only notices."),
    soon: int | None = typer.Option(
        None, "--soon", help="Yellow when due within this many days (default from config: 7)."
    ),
    output_format: str = format_option(Format.table, Format.json, Format.csv),
    fail_on: FailOn = typer.Option(FailOn.never, "--fail-on", help="Exit 1 when a row is red (or yellow-or-red)."),
    ledger: LedgerOption = None,
    config: ConfigOption = None,
) -> None:
    """Show what is overdue or due soon: plan tasks per unit and open notices, most urgent first.

    Lights go by calendar days left: red overdue; yellow due within --soon days;
    blue within 30 days (config [deadlines] blue_days); green done or later. A
    notice counted in working days shows its working days left beside them. A
    deadline phrase the importer did not understand is `unparsed`, lit `unknown`
    (counted by --fail-on yellow). A deadline marked * rests on an estimated
    calendar year (see 'inspect-cli calendar check').

    A task is done for a unit when its latest finalized inspection found it
    compliant or not applicable.

    Example: inspect-cli deadlines checklists/jingmen-2016-2020.toml --as-of 2017-12-01 --fail-on red
    """
    from inspect_cli.core.config import load_config
    from inspect_cli.core.deadline_report import build_report
    from inspect_cli.formats.checklist_cache import load_cached

    settings = current(ledger, config)
    office = load_config(settings.config_path)
    loaded = [load_cached(path, settings.cache_dir) for path in checklists or []]
    with _existing_ledger(settings) as opened:
        report = build_report(loaded, opened, as_of, unit, kind.value if kind else None, soon, office)
    rows = report.rows
    _render(rows, output_format)
    from inspect_cli.core.deadlines import fails

    raise typer.Exit(1 if fails(rows, fail_on.value) else 0)


def _existing_ledger(settings):
    """The ledger opened to read, or nothing when there is none yet (a file, or an office database without a
    ledger): it is neither created nor migrated."""

    if not settings.ledger_exists():
        return nullcontext()
    try:
        return open_location(settings.ledger, create=False)
    except NotFound:
        return nullcontext()


def _render(rows, output_format: str) -> None:
    from inspect_cli.render.table import use_colour
    from inspect_cli.render.views import deadlines_view

    stream(rows, output_format, view=deadlines_view(colour=use_colour()))
