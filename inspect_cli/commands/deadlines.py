"""`inspect-cli deadlines`: overdue and due-soon plan tasks and notices, for people and for cron."""

from __future__ import annotations

import enum
from datetime import date
from pathlib import Path
from typing import List, Optional

import typer

from inspect_cli.commands.options import ConfigOption, LedgerOption, TableJsonCsv, date_option



class Kind(str, enum.Enum):
    task = "task"
    notice = "notice"


class FailOn(str, enum.Enum):
    red = "red"
    yellow = "yellow"
    never = "never"


LIGHT_STYLE = {"red": ("红 red", "red"), "yellow": ("黄 yellow", "yellow"), "blue": ("蓝 blue", "blue"),
               "green": ("绿 green", "green"), "unknown": ("? 不明", "magenta")}
FIELDS = ["kind", "id", "unit", "due", "days_left", "working_days_left", "light", "state", "calendar", "reason"]


def deadlines(
    checklists: List[Path] = typer.Argument(None, help="Checklists whose tasks to check (none: notices only).", show_default=False),
    as_of: Optional[date] = date_option("Judge on this date (default: today in China).", "--as-of"),
    unit: Optional[str] = typer.Option(None, "--unit", "-u", help="Only this unit (exact name or a unique part)."),
    kind: Optional[Kind] = typer.Option(None, "--kind", help="Only tasks or only notices."),
    soon: Optional[int] = typer.Option(None, "--soon", help="Yellow when due within this many days (default from config: 7)."),
    output_format: TableJsonCsv = typer.Option(TableJsonCsv.table, "--format", "-f", help="Output format."),
    fail_on: FailOn = typer.Option(FailOn.never, "--fail-on", help="Exit 1 when a row is red (or yellow-or-red)."),
    ledger: LedgerOption = None,
    config: ConfigOption = None,
) -> None:
    """Show what is overdue or due soon: plan tasks per unit and open notices, most urgent first.

    Lights go by calendar days left: red overdue; yellow due within --soon days;
    blue within 30 days (config [deadlines] blue_days); green done or later. A
    notice counted in working days shows its working days left beside them. A
    deadline phrase the importer did not understand is `unparsed`, lit `? 不明`
    (counted by --fail-on yellow). A deadline marked * rests on an estimated
    calendar year (see 'inspect-cli calendar check').

    A task is done for a unit when its latest finalized inspection found it
    compliant or not applicable.

    Example: inspect-cli deadlines checklists/jingmen-2016-2020.toml --as-of 2017-12-01 --fail-on red
    """
    from inspect_cli.core.deadline_report import build_report
    from inspect_cli.commands.options import actor
    from inspect_cli.settings import current

    report = build_report(checklists or [], as_of, unit, kind.value if kind else None, soon, current(ledger, config),
                          actor(None))
    rows = report.rows
    for recount in report.recounts:
        typer.echo(recount.describe(), err=True)
    _render(rows, output_format)
    from inspect_cli.core.deadlines import fails

    raise typer.Exit(1 if fails(rows, fail_on.value) else 0)


def _render(rows, output_format: TableJsonCsv) -> None:
    from inspect_cli.render.table import Column, to_csv, to_table, use_colour

    if output_format is TableJsonCsv.json:
        _write(_json(rows) + "\n")
        return
    if output_format is TableJsonCsv.csv:
        from inspect_cli.render.table import plain

        _write(to_csv([{**plain(r), "working_days_left": r.working_days_left, "calendar": r.calendar, "reason": r.reason}
                       for r in rows], FIELDS))
        return
    if not rows:
        typer.echo("Nothing to report.", err=True)
        return
    colour = use_colour()

    def light(row):
        label, colour_name = LIGHT_STYLE[row.light]
        return typer.style(label, fg=colour_name, bold=True) if colour else label

    typer.echo(to_table(rows, [
        Column("灯", light), Column("类别", lambda r: "任务" if r.kind == "task" else "督办"),
        Column("编号", lambda r: r.id), Column("单位", lambda r: r.unit, wrap=True),
        Column("期限", _due), Column("剩余", lambda r: _days(r), align="right"),
        Column("状态", lambda r: r.state)]))
    if any(row.calendar == "estimated" for row in rows):
        typer.echo("* counted on an ESTIMATED calendar year; type the State Council notice into inspect.toml "
                   "as [calendar.YYYY] (see 'inspect-cli calendar check')")
    for row in rows:
        if row.reason:
            typer.echo(f"{row.id} {row.unit}: {row.reason}")


def _write(text: str) -> None:
    import sys

    # machine formats go straight to stdout: echo would scan megabytes of JSON for colour codes
    sys.stdout.write(text)
    sys.stdout.flush()


def _due(row) -> str:
    if row.due is None:
        return "?" if row.state == "unparsed" else ""
    return f"{row.due}*" if row.calendar == "estimated" else str(row.due)


def _days(row) -> str:
    if row.days_left is None:
        return ""
    if row.counting == "working_days":
        working = "?" if row.working_days_left is None else row.working_days_left
        return f"{row.days_left} 天/{working} 工作日"
    return f"{row.days_left} 天"


def _json(rows) -> str:
    import json

    from inspect_cli.core.deadlines import Obligation

    plain_width = len(Obligation._fields)  # wider rows are AnnotatedObligation: notices, rows in error
    # One object per line keeps a 100,000-row report easy to grep. Ids, units and the due/days/light/state
    # tail repeat across rows, so each is encoded once. Task rows, the bulk of a report, carry no calendar keys:
    # `working_days_left` and `calendar` come with notices, `reason` only with a row that has one.
    text = {value: json.dumps(value, ensure_ascii=False) for value in {r.id for r in rows} | {r.unit for r in rows}}
    tails: dict = {}
    lines = []
    append = lines.append
    for r in rows:
        if len(r) == plain_width:
            key = (r.due, r.days_left, r.light, r.state)
        else:
            key = (r.kind, r.due, r.days_left, r.light, r.state, r.working_days_left, r.calendar, r.reason)
        tail = tails.get(key)
        if tail is None:
            due = f'"{r.due.isoformat()}"' if r.due is not None else "null"
            days = "null" if r.days_left is None else r.days_left
            extra = ""
            if r.kind == "notice":
                working = "null" if r.working_days_left is None else r.working_days_left
                extra = f', "working_days_left": {working}, "calendar": "{r.calendar}"'
            if r.reason:
                extra += f', "reason": {json.dumps(r.reason, ensure_ascii=False)}'
            tail = tails[key] = f', "due": {due}, "days_left": {days}, "light": "{r.light}", "state": "{r.state}"{extra}}}'
        append(f'{{"kind": "{r.kind}", "id": {text[r.id]}, "unit": {text[r.unit]}{tail}')
    return "[\n" + ",\n".join(lines) + "\n]" if lines else "[]"
