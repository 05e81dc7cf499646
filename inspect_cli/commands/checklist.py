"""`inspect-cli checklist`: import plans, validate, show and count checklists."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import List, Optional

import typer

from inspect_cli.commands.options import ChecklistArgument, OutputOption, date_option, format_option
from inspect_cli.render.output import Format, emit, render
from inspect_cli.i18n import _

app = typer.Typer(help="Import plans into checklists; validate, list and filter them.", no_args_is_help=True)


@app.command("import")
def import_(
    plan: Path = typer.Argument(..., help="Plan document: .txt, .md, .html, .docx or .xlsx (UTF-8 or GB18030).", show_default=False),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Checklist to write (default: PLAN's name with .toml; '-' for standard output)."),
    checklist_id: Optional[str] = typer.Option(None, "--id", help="Checklist id (default: PLAN's file name)."),
    title: Optional[str] = typer.Option(None, "--title", help="Checklist title (default: the plan's title line)."),
    force: bool = typer.Option(False, "--force", help="Replace OUTPUT if it exists."),
    columns: Optional[str] = typer.Option(None, "--columns", help="What a task table's columns hold when its header is not understood, counted from 1: task=3,lead=4,responsible=5,due=6 (also number, category, ignore). Default: [import] columns in the config file."),
) -> None:
    """Import an implementation plan (实施方案) into a TOML checklist.

    Prints a summary and a warning, with its line, for every gap in numbering,
    repeated number, deadline it does not understand, or task-like line it could
    not place. Tasks whose units or deadline need checking carry review marks:
    list them with 'checklist validate'.

    Example: inspect-cli checklist import 实施方案.docx -o checklists/plan.toml --id plan-2021
    """
    from inspect_cli.formats.checklist_toml import checklist_to_toml
    from inspect_cli.formats.fileio import atomic_write
    from inspect_cli.formats.plan_import import import_plan

    result = import_plan(plan, checklist_id=checklist_id, title=title, columns=_table_columns(columns))
    text = checklist_to_toml(result.checklist)
    for warning in result.warnings:
        typer.echo(_("Warning: {plan}:{line}: {message}").format(plan=plan, line=warning.line, message=warning.message), err=True)
    target = output or Path(plan.stem + ".toml")
    if str(target) == "-":
        typer.echo(text, nl=False)
    else:
        atomic_write(target, text, overwrite=force)
    s = result.summary
    summary = _("Imported {tasks} tasks in {parts} parts, {sections} sections and {topics} topics; {units} distinct "
                "units; {without_deadline} tasks without a deadline; {warnings} warning(s); read as {encoding}").format(
        encoding=result.encoding, **s)
    typer.echo(summary + ("" if str(target) == "-" else _("; wrote {target}").format(target=target)), err=True)
    if s["review"]:
        shown = "CHECKLIST" if str(target) == "-" else str(target)
        typer.echo(_("{count} task(s) carry a review mark: list them with 'inspect-cli checklist validate {checklist}', "
                     "check each against the plan, then delete its review line").format(count=s["review"], checklist=shown),
                   err=True)


def _table_columns(option: Optional[str]):
    """The columns named by --columns, else by [import] columns in the config file; None when neither names them."""
    from inspect_cli.commands.options import load_office_config
    from inspect_cli.exceptions import InputError
    from inspect_cli.formats.task_tables import parse_columns
    from inspect_cli.settings import current

    if option is not None:
        return parse_columns(option)
    configured = load_office_config(None).import_columns
    if not configured:
        return None
    try:
        return parse_columns(configured)
    except InputError as error:
        raise InputError(_("{path}: [import] {message}").format(path=current().config_path, message=error.message)) from None


@app.command()
def validate(
    files: List[Path] = typer.Argument(..., help="Checklist .toml files.", show_default=False),
    output_format: Format = format_option(Format.text, Format.json, help_text="text: one `file:line: message` per problem; json: an array."),
) -> None:
    """Check checklist files against format v1 and list the review marks left by import.

    Each problem and each review mark is one `file:line: message` line. Exit 0 when all
    files are valid and no task carries a review mark, 1 when they are valid but marks
    remain to be checked, 2 when a file is not valid.

    Example: inspect-cli checklist validate checklists/*.toml
    """
    from inspect_cli.formats.checklist_toml import Problem, check_checklist, review_marks
    from inspect_cli.exceptions import InputError

    problems: list[Problem] = []
    marks: list[Problem] = []
    for path in files:
        try:
            _checklist, found = check_checklist(path)
        except InputError as error:
            found = [Problem(str(path), 0, error.message.split(": ", 1)[-1])]
        problems += found
        if not found:
            marks += review_marks(path)
    if output_format is Format.json:
        emit(problems + marks, output_format)
    else:
        for problem in problems + marks:
            typer.echo(str(problem))
        if not problems:
            typer.echo(_("{files} checklist(s) valid").format(files=len(files)), err=True)
        if marks:
            typer.echo(_("{count} review mark(s): check each task against the plan, then delete its review line")
                       .format(count=len(marks)), err=True)
    raise typer.Exit(2 if problems else 1 if marks else 0)


@app.command()
def show(
    checklist: ChecklistArgument,
    unit: Optional[str] = typer.Option(None, "--unit", "-u", help="Only tasks for this unit (exact name or a unique part: 编办)."),
    section: Optional[str] = typer.Option(None, "--section", "-s", help="Only this part, section or topic: a number (一, 3) or words of its title."),
    due_before: Optional[date] = date_option("Only tasks due before this date.", "--due-before"),
    output_format: Format = format_option(Format.table, Format.json, Format.csv, Format.md),
    output: OutputOption = None,
) -> None:
    """List a checklist's tasks in plan order, filtered by unit, section or due date.

    Example: inspect-cli checklist show checklists/jingmen-2016-2020.toml --unit 编办 --due-before 2018-01-01
    """
    from inspect_cli.core.checklist import filter_tasks, task_views
    from inspect_cli.formats.checklist_toml import load_checklist
    from inspect_cli.render.views import CHECKLIST_TASKS

    loaded = load_checklist(checklist)
    views = task_views(loaded, filter_tasks(loaded, unit=unit, section=section, due_before=due_before))
    if output_format is Format.table and views:
        emit(render(views, output_format, CHECKLIST_TASKS) + f"\n{len(views)} task(s)", Format.text, output)
    else:
        emit(views, output_format, output, CHECKLIST_TASKS)


@app.command()
def units(
    checklist: ChecklistArgument,
    output_format: Format = format_option(Format.table, Format.json, Format.csv),
) -> None:
    """List every unit the checklist names, with its number of tasks.

    `total` counts the tasks that concern the unit: as lead, plus as responsible,
    plus `every_unit` (All units), the tasks addressed to every unit
    (各牵头单位落实) that do not name it.

    Example: inspect-cli checklist units checklists/jingmen-2016-2020.toml
    """
    from inspect_cli.core.checklist import unit_summary
    from inspect_cli.formats.checklist_toml import load_checklist
    from inspect_cli.render.views import CHECKLIST_UNITS

    emit(unit_summary(load_checklist(checklist)), output_format, view=CHECKLIST_UNITS)
