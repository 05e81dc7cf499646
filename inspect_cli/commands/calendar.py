"""`inspect-cli calendar`: which working-day calendar each year rests on (configured, official or estimated)."""

from __future__ import annotations

import enum
import typer

from inspect_cli.commands.options import ConfigOption, LedgerOption

app = typer.Typer(help="Working-day calendars per year: configured in inspect.toml, official, or estimated.",
                  no_args_is_help=True)

WEEKDAYS = "一二三四五六日"
SOURCE_MEANING = {
    "configured": "typed into inspect.toml from the State Council notice",
    "official": "the State Council schedule as published in the holidays library, make-up working days (调休) included",
    "estimated": "nobody has published it yet: weekends off, statutory holidays on their dates, no make-up working days",
}


class ShowFormat(str, enum.Enum):
    table = "table"
    json = "json"


@app.command()
def show(
    year: int = typer.Argument(..., metavar="YEAR", help="The year, e.g. 2027.", min=1, max=9999),
    output_format: ShowFormat = typer.Option(ShowFormat.table, "--format", "-f", help="table or json."),
    config: ConfigOption = None,
) -> None:
    """Show a year's days off (holidays) and weekend days worked (workdays), and their source.

    Sources, strongest first: configured ([calendar.YYYY] in inspect.toml), official
    (the holidays library), estimated (weekends and statutory holidays only).

    Example: inspect-cli calendar show 2027 --format json
    """
    from inspect_cli.commands.options import load_office_config
    from inspect_cli.core.workdays import WorkCalendar

    from inspect_cli.exceptions import CalendarUnavailable, InputError

    try:
        schedule = WorkCalendar.from_config(load_office_config(config)).schedule(year)
    except CalendarUnavailable as error:
        raise InputError(f"{error.message} (beyond the holidays library's lunar tables); type the year's schedule "
                         f"into inspect.toml as [calendar.{year}]") from None
    if output_format is ShowFormat.json:
        from inspect_cli.render.table import to_json

        typer.echo(to_json({"year": schedule.year, "source": schedule.source,
                            "holidays": [day.isoformat() for day in schedule.holidays],
                            "workdays": [day.isoformat() for day in schedule.workdays]}))
        return
    typer.echo(f"{year}: {schedule.source} — {SOURCE_MEANING[schedule.source]}")
    days = sorted([(day, "休 holiday") for day in schedule.holidays] + [(day, "班 workday") for day in schedule.workdays])
    for day, kind in days:
        typer.echo(f"  {day}  周{WEEKDAYS[day.weekday()]}  {kind}")
    if schedule.source == "estimated":
        typer.echo(f"When the State Council notice for {year} is out, type it into inspect.toml as [calendar.{year}] "
                   "(holidays = days off, workdays = weekend days worked); see docs/notices-and-deadlines.md.", err=True)


@app.command()
def check(
    ledger: LedgerOption = None,
    config: ConfigOption = None,
) -> None:
    """List this year and the next two with their calendar source; exit 1 if open notices need an estimated year.

    Exit 1 when a year that an open notice's working-day deadlines reach is only estimated. Open notices counted on an estimated year that is now configured or published are counted again first
    (the original dates stay in the notice's log).

    Example: inspect-cli calendar check
    """
    from inspect_cli.core.clock import today
    from inspect_cli.core.notices import calendar_years, list_notices, recount_estimated
    from inspect_cli.commands.options import actor, load_office_config, open_ledger
    from inspect_cli.settings import current
    from inspect_cli.core.workdays import WorkCalendar

    settings = load_office_config(config)
    calendar = WorkCalendar.from_config(settings)
    reached: dict[int, list[str]] = {}
    if current(ledger=ledger).ledger_exists():
        with open_ledger(ledger, create=False) as opened:
            for recount in recount_estimated(opened, settings, actor(None)):
                typer.echo(recount.describe(), err=True)
            for notice in list_notices(opened, status="open"):
                for year, _ in calendar_years(notice, settings):
                    reached.setdefault(year, []).append(notice.number)
    this_year = today().year
    years = sorted(set(range(this_year, this_year + 3)) | set(reached))
    from inspect_cli.render.table import Column, to_table

    rows = [(year, calendar.schedule(year).source, len(reached.get(year, ()))) for year in years]
    typer.echo(to_table(rows, [Column("年份 year", lambda r: r[0]), Column("来源 source", lambda r: r[1]),
                               Column("未结督办 open notices", lambda r: r[2], align="right")]))
    short = [year for year, source, notices in rows if source == "estimated" and notices]
    if short:
        listed = ", ".join(str(year) for year in short)
        typer.echo(f"Open notices count working days in {listed} on an ESTIMATED calendar; type the State Council "
                   f"notice into inspect.toml as [calendar.{short[0]}] (see 'inspect-cli calendar show {short[0]}')",
                   err=True)
        raise typer.Exit(1)
