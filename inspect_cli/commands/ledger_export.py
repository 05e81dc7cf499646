"""`inspect-cli ledger`: export the rectification ledger (整改台账) or the results for spreadsheets."""

from __future__ import annotations

import enum
from datetime import date

import typer

from inspect_cli.commands.options import (
    Lang,
    LedgerOption,
    OutputOption,
    date_option,
    format_option,
    ledger_unit,
    load_office_config,
    nothing_matches,
    read_ledger,
)
from inspect_cli.domain.clock import today
from inspect_cli.exceptions import Reason, StateError
from inspect_cli.i18n import _
from inspect_cli.render.output import Format, stream

app = typer.Typer(help="Export the rectification ledger (整改台账) and results.", no_args_is_help=True)


class What(str, enum.Enum):
    notices = "notices"
    results = "results"


@app.command()
def export(
    what: What = typer.Option(
        What.notices, "--what", help="notices: a row per notice finding; results: a row per task result."
    ),
    output_format: str = format_option(
        Format.csv, Format.jsonl, help_text="csv (UTF-8 with BOM in a file, for Excel) or jsonl."
    ),
    unit: str | None = typer.Option(
        None, "--unit", "-u", metavar="UNIT", help="Only this unit (exact name or a unique part: 编办)."
    ),
    start: date | None = date_option("From this date (issue date, or inspection date).", "--from"),
    end: date | None = date_option("To this date, inclusive.", "--to"),
    headers: Lang | None = typer.Option(
        None,
        "--headers",
        help="CSV column titles: en, the field names scripts "
        "read (default), or zh, Chinese titles for Excel users; in a .xlsx file the "
        "language of titles and values (default zh).",
    ),
    output: OutputOption = None,
    ledger: LedgerOption = None,
) -> None:
    """Export the rectification ledger: notice, unit, task, problem, deadlines, reminders, state, close-out date.

    -o FILE.xlsx writes an Excel workbook: titles frozen, dates as dates, each notice's warning light as a colour.

    Example: inspect-cli ledger export --what notices --from 2017-01-01 --headers zh -o 整改台账.csv
    """
    from inspect_cli.core.integrity import unsealed_notice_numbers
    from inspect_cli.core.records import NoticeFindingRow, ResultRow, notice_rows, result_rows
    from inspect_cli.render.documents import refuse_office_suffix, write_document, writes_document

    refuse_office_suffix("ledger", output, ".csv, .jsonl, .xlsx")
    build = notice_rows if what is What.notices else result_rows

    def exported(opened):
        return build(opened, ledger_unit(unit, opened), start, end), unsealed_notice_numbers(opened)

    rows, unsealed = read_ledger(ledger, exported, ([], set()))
    broken = sorted({row.notice for row in rows if getattr(row, "notice", None) in unsealed})
    if broken:
        # the 台账 is a record handed on; it never carries rows changed outside inspect-cli
        raise StateError(
            _(
                "notice(s) {broken} changed outside inspect-cli (row or steps do not match the seal), so the ledger "
                "cannot be exported; see 'inspect-cli inspections verify'"
            ).format(broken=_(", ").join(broken)),
            Reason.tampered,
        )
    if not rows and unit is not None:
        typer.echo(nothing_matches(what.value, unit), err=True)
    record_type = NoticeFindingRow if what is What.notices else ResultRow
    fields = tuple(record_type.__dataclass_fields__)
    wrote = _("Wrote {rows} row(s) to {output}").format(rows=len(rows), output=output)

    if output is not None and writes_document("ledger", output):
        lights = _notice_lights(rows) if what is What.notices else None
        write_document("ledger", output, rows, fields, lights, (headers or Lang.zh).value, _latest_day(rows))
        typer.echo(wrote, err=True)
        return
    from inspect_cli.render.views import ledger_export_view

    # written row by row as the CSV (or JSON lines) is made, never held as one text
    stream(
        rows, output_format, output, ledger_export_view(fields, (headers or Lang.en).value), wrote=lambda _count: wrote
    )


def _notice_lights(rows) -> dict[str, str]:
    """Each notice's warning light today: green once closed, else by the days left to its deadline in force."""
    from inspect_cli.core.deadlines import light_for

    config, now = load_office_config(None), today()
    return {
        row.notice: light_for(
            ((row.extended_deadline or row.deadline) - now).days,
            row.state == "closed",
            config.soon_days,
            config.blue_days,
        )
        for row in rows
    }


def _latest_day(rows):
    """The latest date the rows speak of: the workbook's date, so that the same ledger gives the same file."""
    days = [value for row in rows for value in vars(row).values() if isinstance(value, date)]
    return max(days, default=None)
