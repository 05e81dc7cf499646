"""`inspect-cli calendar`: which working-day calendar each year rests on (configured, official or estimated)."""

from __future__ import annotations

import typer

from inspect_cli.commands.options import ConfigOption, LedgerOption, format_option, load_office_config, read_ledger
from inspect_cli.domain.clock import today
from inspect_cli.exceptions import CalendarUnavailable, InputError
from inspect_cli.i18n import _
from inspect_cli.render.output import Format, emit, say

app = typer.Typer(
    help="Working-day calendars per year: configured in inspect.toml, official, or estimated.", no_args_is_help=True
)


@app.command()
def show(
    year: int = typer.Argument(..., metavar="YEAR", help="The year, e.g. 2027.", min=1, max=9999),
    output_format: str = format_option(Format.table, Format.json, help_text="table or json."),
    config: ConfigOption = None,
) -> None:
    """Show a year's days off (holidays) and weekend days worked (workdays), and their source.

    Sources, strongest first: configured ([calendar.YYYY] in inspect.toml), official
    (the holidays library), estimated (weekends and statutory holidays only).

    Example: inspect-cli calendar show 2027 --format json
    """
    from inspect_cli.core.workdays import WorkCalendar

    try:
        schedule = WorkCalendar.from_config(load_office_config(config)).schedule(year)
    except CalendarUnavailable as error:
        raise InputError(
            _(
                "{message} (beyond the holidays library's lunar tables); type the year's schedule into inspect.toml as "
                "[calendar.{year}]"
            ).format(message=error.message, year=year)
        ) from None
    from inspect_cli.render.reports import CALENDAR_YEAR

    emit(schedule, output_format, view=CALENDAR_YEAR)


@app.command()
def check(
    ledger: LedgerOption = None,
    config: ConfigOption = None,
) -> None:
    """List this year and the next two with their calendar source; exit 1 if open notices need an estimated year.

    Exit 1 when a year that an open notice's working-day deadlines reach is only estimated. Deadlines in working days
    are counted each time they are read, on the calendar in force (configured, else official, else estimated): an
    open notice whose deadlines now differ from those counted when it was issued is listed as old → new, naming each
    year's source. Nothing is written.

    Example: inspect-cli calendar check
    """
    from inspect_cli.core.notices import calendar_changes, calendar_years, list_notices
    from inspect_cli.core.workdays import WorkCalendar

    settings = load_office_config(config)
    calendar = WorkCalendar.from_config(settings)
    notices = read_ledger(ledger, lambda opened: list_notices(opened, status="open", calendar=calendar), [])
    for change in calendar_changes(notices):
        typer.echo(change.describe(), err=True)
    reached: dict[int, list[str]] = {}
    for notice in notices:
        for year, _source in calendar_years(notice, settings):
            reached.setdefault(year, []).append(notice.number)
    this_year = today().year
    years = sorted(set(range(this_year, this_year + 3)) | set(reached))
    from inspect_cli.render.views import CALENDAR_YEARS

    rows = [(year, calendar.schedule(year).source, len(reached.get(year, ()))) for year in years]
    emit(rows, Format.table, view=CALENDAR_YEARS)
    short = [year for year, source, notices in rows if source == "estimated" and notices]
    if short:
        listed = ", ".join(str(year) for year in short)
        say(
            _(
                "Open notices count working days in {listed} on an ESTIMATED calendar; type the State Council notice "
                "into inspect.toml as [calendar.{short}] (see 'inspect-cli calendar show {short}')"
            ).format(listed=listed, short=short[0]),
            err=True,
        )
        raise typer.Exit(1)
