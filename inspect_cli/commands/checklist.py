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
) -> None:
    """Import an implementation plan (实施方案) into a TOML checklist.

    Prints a summary and a warning, with its line, for every gap in numbering,
    repeated number, deadline it does not understand, or task-like line it could
    not place.

    Example: inspect-cli checklist import 实施方案.docx -o checklists/plan.toml --id plan-2021
    """
    from inspect_cli.formats.checklist_toml import checklist_to_toml
    from inspect_cli.formats.fileio import atomic_write
    from inspect_cli.formats.plan_import import import_plan

    result = import_plan(plan, checklist_id=checklist_id, title=title)
    text = checklist_to_toml(result.checklist)
    for warning in result.warnings:
        typer.echo(_("Warning: {plan}:{line}: {message}").format(plan=plan, line=warning.line, message=warning.message), err=True)
    target = output or Path(plan.stem + ".toml")
    if str(target) == "-":
        typer.echo(text, nl=False)
    else:
        atomic_write(target, text, overwrite=force)
    s = result.summary
    typer.echo(
        f"Imported {s['tasks']} tasks in {s['parts']} parts, {s['sections']} sections and {s['topics']} topics; "
        f"{s['units']} distinct units; {s['without_deadline']} tasks without a deadline; "
        f"{s['warnings']} warning(s); read as {result.encoding}"
        + ("" if str(target) == "-" else f"; wrote {target}"),
        err=True,
    )


@app.command()
def validate(
    files: List[Path] = typer.Argument(..., help="Checklist .toml files.", show_default=False),
    output_format: Format = format_option(Format.text, Format.json, help_text="text: one `file:line: message` per problem; json: an array."),
) -> None:
    """Check checklist files against format v1; exit 0 when all are valid, 2 when not.

    Example: inspect-cli checklist validate checklists/*.toml
    """
    from inspect_cli.formats.checklist_toml import Problem, check_checklist
    from inspect_cli.exceptions import InputError

    problems: list[Problem] = []
    for path in files:
        try:
            _checklist, found = check_checklist(path)
        except InputError as error:
            found = [Problem(str(path), 0, error.message.split(": ", 1)[-1])]
        problems += found
    if output_format is Format.json:
        emit(problems, output_format)
    else:
        for problem in problems:
            typer.echo(str(problem))
        if not problems:
            typer.echo(_("{files} checklist(s) valid").format(files=len(files)), err=True)
    raise typer.Exit(2 if problems else 0)


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
