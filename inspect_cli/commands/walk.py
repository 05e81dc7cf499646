"""`inspect-cli walk`: the on-site walk through one unit's tasks."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import typer

from inspect_cli.commands.options import ChecklistArgument, LedgerOption, date_option


def walk(
    checklist: ChecklistArgument,
    unit: str = typer.Option(
        ..., "--unit", "-u", help="The unit inspected (exact name or a unique part).", show_default=False
    ),
    inspector: list[str] = typer.Option(
        ..., "--inspector", "-i", help="Inspector name; repeat for each inspector.", show_default=False
    ),
    place: str = typer.Option("", "--place", help="Where the inspection takes place."),
    on: date | None = date_option("Inspection date (default: today in China).", "--date"),
    items: str | None = typer.Option(None, "--items", help="Only these tasks: ids and ranges like 1-20,35."),
    section: str | None = typer.Option(None, "--section", "-s", help="Only tasks of this part, section or topic."),
    every_task: bool = typer.Option(False, "--all", help="Every task of the checklist, not only the unit's."),
    resume: int | None = typer.Option(None, "--resume", help="Resume this draft inspection directly."),
    new: bool = typer.Option(False, "--new", help="Start a new draft even if one exists for this unit."),
    answers: Path | None = typer.Option(
        None,
        "--answers",
        metavar="FILE",
        help=(
            "Apply answers from a TOML file instead of asking; refused when the unit's draft records other answers "
            "(see --replace, --new)."
        ),
    ),
    finalize_after: bool = typer.Option(False, "--finalize", help="With --answers: finalize when done."),
    replace: bool = typer.Option(
        False, "--replace", help="With --answers: overwrite answers the draft already records (each one logged)."
    ),
    from_last: bool = typer.Option(
        False,
        "--from-last",
        help="List what the unit's last inspection found wanting and walk those tasks first (nothing is pre-answered).",
    ),
    ledger: LedgerOption = None,
) -> None:
    """Walk an inspector through a unit's tasks, saving every answer at once.

    Answer each task with a letter and Enter: c compliant, p partial, n noncompliant,
    x not applicable, s skip (keeps an earlier answer), u clear, e evidence, b back,
    q save and quit, ? help. Notes are edited like a shell line. Ctrl-C or a
    closed terminal keeps every answer given; run the same command again to
    resume at the first unanswered task. Without a terminal, answers are read
    from standard input, one per line.

    Example: inspect-cli walk checklists/jingmen-2016-2020.toml --unit 市编办 --inspector 张三
    """
    from inspect_cli.walk.session import WalkRequest, run

    raise typer.Exit(
        run(
            WalkRequest(
                checklist=checklist,
                unit=unit,
                inspectors=inspector,
                place=place,
                on=on,
                items=items,
                section=section,
                every_task=every_task,
                resume=resume,
                new=new,
                answers=answers,
                finalize=finalize_after,
                replace=replace,
                from_last=from_last,
                ledger=ledger,
            )
        )
    )
