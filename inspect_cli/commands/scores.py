"""`inspect-cli scores`: each unit's score and rank for a year (考核), from its latest finalized inspection."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import typer

from inspect_cli.commands.options import (
    ChecklistArgument,
    ConfigOption,
    LedgerOption,
    OutputOption,
    date_option,
    format_option,
    ledger_unit,
    load_office_config,
    read_ledger,
)
from inspect_cli.domain.clock import today
from inspect_cli.i18n import _
from inspect_cli.render.output import Format, emit
from inspect_cli.settings import current


def scores(
    checklist: ChecklistArgument,
    year: int | None = typer.Option(
        None, "--year", min=1900, max=2999, help="The year of the inspections (default: this year)."
    ),
    unit: str | None = typer.Option(
        None, "--unit", "-u", metavar="UNIT", help="Only this unit (exact name or a unique part: 编办)."
    ),
    as_of: date | None = date_option("Judge notices overdue on this date (default: today in China).", "--as-of"),
    output_format: str = format_option(Format.table, Format.json, Format.csv, Format.md),
    output: OutputOption = None,
    ledger: LedgerOption = None,
    config: ConfigOption = None,
) -> None:
    """Score and rank the units: each unit's latest finalized inspection of the year, task points by weight.

    A task is worth its weight in the checklist (1 when none); compliant earns all of it, partial half,
    noncompliant none, not applicable is left out ([scores] in inspect.toml changes the shares). The score out of
    100 loses points for each of the unit's notices of the year that is overdue or escalated. Equal scores share a
    rank.

    Example: inspect-cli scores checklists/jingmen-2016-2020.toml --year 2017 --format md -o 考核.md
    """
    from inspect_cli.core.scores import unit_scores
    from inspect_cli.formats.checklist_cache import load_cached
    from inspect_cli.render.views import SCORES

    # parsed once and cached by the file's sha256, as the deadline report does
    loaded = load_cached(checklist, current().cache_dir)
    settings = load_office_config(config)
    when = as_of or today()
    wanted = year or when.year
    rows = read_ledger(
        ledger, lambda opened: unit_scores(opened, loaded, wanted, settings, when, ledger_unit(unit, opened)), []
    )

    nothing = _("No finalized inspection of {checklist} in {year}.").format(checklist=loaded.id, year=wanted)
    emit(rows, output_format, output, replace(SCORES, empty=nothing))
