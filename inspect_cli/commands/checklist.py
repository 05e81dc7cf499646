"""`inspect-cli checklist`: import plans, validate, show and count checklists."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import typer

from inspect_cli.commands.options import (
    ChecklistArgument,
    Lang,
    OutputOption,
    date_option,
    document_language,
    format_option,
    load_office_config,
)
from inspect_cli.exceptions import ChecklistInvalid, InputError
from inspect_cli.i18n import _
from inspect_cli.render.output import Format, emit, say, write, write_error
from inspect_cli.settings import current

app = typer.Typer(
    help="Import plans into checklists; validate, list, filter, export to Excel and compare them.", no_args_is_help=True
)


@app.command("import")
def import_(
    plan: Path = typer.Argument(
        ..., help="Plan document: .txt, .md, .html, .docx or .xlsx (UTF-8 or GB18030).", show_default=False
    ),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="Checklist to write (default: PLAN's name with .toml; '-' for standard output)."
    ),
    checklist_id: str | None = typer.Option(None, "--id", help="Checklist id (default: PLAN's file name)."),
    title: str | None = typer.Option(None, "--title", help="Checklist title (default: the plan's title line)."),
    force: bool = typer.Option(False, "--force", help="Replace OUTPUT if it exists."),
    columns: str | None = typer.Option(
        None,
        "--columns",
        help=(
            "What a task table's columns hold when its header is not understood, counted from 1: "
            "task=3,lead=4,responsible=5,due=6 (also number, category, ignore). Default: [import] columns in the "
            "config file."
        ),
    ),
) -> None:
    """Import an implementation plan (实施方案) into a TOML checklist.

    Prints a summary and a warning, with its line, for every gap in numbering,
    repeated number, deadline it does not understand, or task-like line it could
    not place. Tasks whose units or deadline need checking carry review marks:
    list them with 'checklist validate'.

    Example: inspect-cli checklist import 实施方案.docx -o checklists/plan.toml --id plan-2021
    """
    from inspect_cli.formats.documents import XLSX_SUFFIXES

    if Path(plan).suffix.lower() in XLSX_SUFFIXES:  # the workbook reader is loaded only for a workbook
        from inspect_cli.formats.checklist_xlsx import exported_workbook

        workbook = exported_workbook(plan)
        if workbook is not None:  # a task table this program exported: read back as it was
            return import_workbook(plan, workbook, output, checklist_id, title, force)
    from inspect_cli.formats.checklist_toml import checklist_to_toml
    from inspect_cli.formats.fileio import atomic_write
    from inspect_cli.formats.limits import bounded
    from inspect_cli.formats.plan_import import import_plan

    result = import_plan(plan, checklist_id=checklist_id, title=title, columns=_table_columns(columns))
    text = checklist_to_toml(result.checklist)
    shown, more = bounded(result.warnings, lambda warning: warning.message)
    for warning in shown:
        typer.echo(
            _("Warning: {plan}:{line}: {message}").format(plan=plan, line=warning.line, message=warning.message),
            err=True,
        )
    for line in more:
        typer.echo(_("Warning: {plan}: {message}").format(plan=plan, message=line), err=True)
    target = output or Path(plan.stem + ".toml")
    if str(target) == "-":
        typer.echo(text, nl=False)
    else:
        atomic_write(target, text, overwrite=force)
    s = result.summary
    summary = _(
        "Imported {tasks} tasks in {parts} parts, {sections} sections and {topics} topics; {units} distinct "
        "units; {without_deadline} tasks without a deadline; {warnings} warning(s); read as {encoding}"
    ).format(encoding=result.encoding, **s)
    say(summary + ("" if str(target) == "-" else _("; wrote {target}").format(target=target)), err=True)
    if s["review"]:
        named = "CHECKLIST" if str(target) == "-" else str(target)
        say(
            _(
                "{count} task(s) carry a review mark: list them with 'inspect-cli checklist validate {checklist}', "
                "check each against the plan, then delete its review line"
            ).format(count=s["review"], checklist=named),
            err=True,
        )


def _table_columns(option: str | None):
    """The columns named by --columns, else by [import] columns in the config file; None when neither names them."""
    from inspect_cli.formats.task_tables import parse_columns

    if option is not None:
        return parse_columns(option)
    if not current().config_path.exists():  # nothing configured: the config reader is not loaded for nothing
        return None
    configured = load_office_config(None).import_columns
    if not configured:
        return None
    try:
        return parse_columns(configured)
    except InputError as error:
        raise InputError(
            _("{path}: [import] {message}").format(path=current().config_path, message=error.message)
        ) from None


@app.command()
def validate(
    files: list[Path] = typer.Argument(..., help="Checklist .toml files.", show_default=False),
    output_format: str = format_option(
        Format.text, Format.json, help_text="text: one `file:line: message` per problem; json: an array."
    ),
) -> None:
    """Check checklist files against format v1 and list the review marks left by import.

    Each problem and each review mark is one `file:line: message` line. Exit 0 when all
    files are valid and no task carries a review mark, 1 when they are valid but marks
    remain to be checked, 2 when a file is not valid.

    Example: inspect-cli checklist validate checklists/*.toml
    """
    from inspect_cli.formats.checklist_toml import Problem, check_checklist, review_marks

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
    from inspect_cli.render.reports import validation_view

    emit(problems + marks, output_format, view=validation_view(len(files), len(problems), len(marks)))
    raise typer.Exit(2 if problems else 1 if marks else 0)


@app.command()
def show(
    checklist: ChecklistArgument,
    unit: str | None = typer.Option(
        None, "--unit", "-u", help="Only tasks for this unit (exact name or a unique part: 编办)."
    ),
    section: str | None = typer.Option(
        None, "--section", "-s", help="Only this part, section or topic: a number (一, 3) or words of its title."
    ),
    due_before: date | None = date_option("Only tasks due before this date.", "--due-before"),
    output_format: str = format_option(Format.table, Format.json, Format.csv, Format.md),
    output: OutputOption = None,
) -> None:
    """List a checklist's tasks in plan order, filtered by unit, section or due date.

    Example: inspect-cli checklist show checklists/jingmen-2016-2020.toml --unit 编办 --due-before 2018-01-01
    """
    from inspect_cli.domain.checklist import filter_tasks, task_views
    from inspect_cli.formats.checklist_toml import load_checklist
    from inspect_cli.render.views import CHECKLIST_TASKS

    loaded = load_checklist(checklist)
    views = task_views(loaded, filter_tasks(loaded, unit=unit, section=section, due_before=due_before))
    emit(views, output_format, output, CHECKLIST_TASKS)


@app.command()
def units(
    checklist: ChecklistArgument,
    output_format: str = format_option(Format.table, Format.json, Format.csv),
) -> None:
    """List every unit the checklist names, with its number of tasks.

    `total` counts the tasks that concern the unit: as lead, plus as responsible,
    plus `every_unit` (All units), the tasks addressed to every unit
    (各牵头单位落实) that do not name it.

    Example: inspect-cli checklist units checklists/jingmen-2016-2020.toml
    """
    from inspect_cli.domain.checklist import unit_summary
    from inspect_cli.formats.checklist_toml import load_checklist
    from inspect_cli.render.views import CHECKLIST_UNITS

    emit(unit_summary(load_checklist(checklist)), output_format, view=CHECKLIST_UNITS)


@contextmanager
def every_problem():
    """Say every problem of an invalid checklist or sheet, one a line, then stop with exit code 2."""
    try:
        yield
    except ChecklistInvalid as error:
        for problem in error.problems:
            write_error(str(problem))
        write_error(_("{count} problem(s); nothing written").format(count=len(error.problems)))
        raise typer.Exit(2) from None


def import_workbook(
    plan: Path, workbook, output: Path | None, checklist_id: str | None, title: str | None, force: bool
) -> None:
    """Write the checklist an exported (or filled-in template) workbook holds; every cell in error, nothing written."""
    from inspect_cli.formats.checklist_toml import checklist_to_toml
    from inspect_cli.formats.checklist_xlsx import read_checklist_workbook

    with every_problem():
        checklist = read_checklist_workbook(plan, workbook, checklist_id=checklist_id, title=title)
    target = output or Path(plan.stem + ".toml")
    if str(target) != "-":
        from inspect_cli.formats.fileio import atomic_write

        atomic_write(target, checklist_to_toml(checklist), overwrite=force)
        write_error(
            _("Read {tasks} tasks and {units} units from the checklist table; wrote {target}").format(
                tasks=len(checklist.tasks), units=len(checklist.units()), target=target
            )
        )
    else:
        write(checklist_to_toml(checklist))


def workbook_path(path: Path) -> Path:
    """The workbook to write, refused unless its name ends in .xlsx (or is '-', standard output)."""
    if str(path) != "-" and path.suffix.lower() != ".xlsx":
        raise InputError(
            _("{output}: a task table is written as .xlsx; give a file name ending in .xlsx").format(output=path)
        )
    return path


@app.command()
def export(
    checklist: ChecklistArgument,
    output: Path | None = typer.Option(
        None,
        "--output",
        "-o",
        help="Workbook to write (default: CHECKLIST's name with .xlsx; '-' for standard output).",
    ),
    lang: Lang | None = typer.Option(
        None, "--lang", help="Column titles in zh or en (default: the interface language)."
    ),
    force: bool = typer.Option(False, "--force", help="Replace OUTPUT if it exists."),
) -> None:
    """Export a checklist to an Excel task table (任务分解表) that 'checklist import' reads back unchanged.

    One row per task; a sheet of units with their counts and one of headings; the checklist's
    id, source and hash in the workbook's properties.

    Example: inspect-cli checklist export checklists/jingmen-2016-2020.toml -o 任务分解表.xlsx
    """
    from inspect_cli.formats.checklist_cache import load_cached
    from inspect_cli.formats.checklist_xlsx import checklist_workbook
    from inspect_cli.formats.fileio import atomic_write

    target = workbook_path(output or Path(checklist.stem + ".xlsx"))
    loaded = load_cached(checklist, current().cache_dir)
    workbook = checklist_workbook(loaded, document_language(lang))
    if str(target) == "-":
        sys.stdout.buffer.write(workbook)
        sys.stdout.flush()
        return
    atomic_write(target, workbook, overwrite=force)
    write_error(_("Wrote {tasks} tasks to {target}").format(tasks=len(loaded.tasks), target=target))


@app.command()
def template(
    output: Path | None = typer.Option(
        None, "--output", "-o", help="Workbook to write (default: 空白任务分解表.xlsx)."
    ),
    checklist: Path | None = typer.Option(
        None, "--checklist", "-c", help="Offer this checklist's units as a list in the unit columns."
    ),
    lang: Lang | None = typer.Option(
        None, "--lang", help="Column titles in zh or en (default: the interface language)."
    ),
    force: bool = typer.Option(False, "--force", help="Replace OUTPUT if it exists."),
) -> None:
    """Write a blank task table to fill in and bring back with 'checklist import'.

    The columns of 'checklist export', required ones marked, a hint on each column,
    and with --checklist a list of its units.

    Example: inspect-cli checklist template -o 空白任务分解表.xlsx --checklist checklists/jingmen-2016-2020.toml
    """
    from inspect_cli.formats.checklist_cache import load_cached
    from inspect_cli.formats.checklist_xlsx import template_workbook
    from inspect_cli.formats.fileio import atomic_write

    target = workbook_path(output or Path("空白任务分解表.xlsx"))
    loaded = load_cached(checklist, current().cache_dir) if checklist is not None else None
    atomic_write(target, template_workbook(document_language(lang), loaded), overwrite=force)
    write_error(_("Wrote {target}").format(target=target))


@app.command()
def diff(
    old: Path = typer.Argument(
        ..., help="The earlier checklist: .toml, an exported .xlsx, or a plan.", show_default=False
    ),
    new: Path = typer.Argument(
        ..., help="The later checklist: .toml, an exported .xlsx, or a plan.", show_default=False
    ),
    output_format: str = format_option(Format.table, Format.json, Format.md),
    output: OutputOption = None,
) -> None:
    """Show the tasks added, removed, moved and changed (units, deadline, text) from OLD to NEW.

    Tasks are matched by number, and by text when numbers shift between versions or years.

    Example: inspect-cli checklist diff checklists/plan.toml 任务分解表.xlsx -f md -o 变化.md
    """
    from inspect_cli.core.checklist_diff import diff_checklists
    from inspect_cli.formats.checklist_xlsx import load_any_checklist
    from inspect_cli.render.documents import refuse_office_suffix
    from inspect_cli.render.reports import checklist_diff_view

    refuse_office_suffix("checklist diff", output, ".txt, .md, .json")
    with every_problem():
        changes = diff_checklists(load_any_checklist(old), load_any_checklist(new))
    emit(list(changes.changes), output_format, output, checklist_diff_view(changes))
