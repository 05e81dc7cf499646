"""Run one `walk` command: pick or start the draft, hold it, walk or apply answers, and report."""

from __future__ import annotations

import re
import shlex
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from inspect_cli.core.answers import load_answers
from inspect_cli.core.inspections import (
    answer_conflicts,
    apply_answers,
    checklist_changed,
    draft_lock,
    drafts_for,
    finalize,
    first_unanswered,
    last_findings,
    resumable_draft,
    select_tasks,
    start_inspection,
    unit_lock,
    unreviewed_tasks,
)
from inspect_cli.domain.checklist import resolve_unit
from inspect_cli.domain.clock import today
from inspect_cli.exceptions import InputError, NotFound
from inspect_cli.formats.checklist_toml import load_checklist
from inspect_cli.i18n import _, language
from inspect_cli.ledger import open_location
from inspect_cli.ledger.base import Ledger
from inspect_cli.settings import current
from inspect_cli.walk.ui import QuitWalk, Terminal, closing_summary, offer_finalize, run_walk, show_last_findings

if TYPE_CHECKING:
    from inspect_cli.core.inspections import Answer
    from inspect_cli.domain.checklist import Checklist, Task
    from inspect_cli.domain.models import Inspection


@dataclass(frozen=True)
class WalkRequest:
    """What the `walk` command was asked to do."""

    checklist: Path
    unit: str
    inspectors: list[str]
    place: str = ""
    on: date | None = None
    items: str | None = None
    section: str | None = None
    every_task: bool = False
    resume: int | None = None
    new: bool = False
    answers: Path | None = None
    finalize: bool = False
    replace: bool = False
    from_last: bool = False
    ledger: str | Path | None = None


def run(request: WalkRequest) -> int:
    """Carry out a walk request; returns the process exit code."""
    if request.replace and request.answers is None:
        raise InputError(_("--replace works with --answers FILE: it lets the file overwrite answers already recorded"))
    checklist = load_checklist(request.checklist)
    unit = resolve_unit(checklist, request.unit)
    # every input is checked before the ledger is touched
    answers = load_answers(request.answers) if request.answers else None
    tasks = select_tasks(checklist, unit, request.items, request.section, request.every_task)
    actor = "、".join(request.inspectors)
    terminal = Terminal.detect()
    settings = current(ledger=request.ledger)
    with open_location(settings.ledger) as ledger, ExitStack() as held:
        inspection = _choose(ledger, checklist, unit, tasks, request, terminal, held, answers)
        if answers is not None:
            replaced = len(answer_conflicts(ledger, inspection.id, answers)) if request.replace else 0
            saved = apply_answers(ledger, inspection.id, answers, actor, replace=request.replace)
            note = _(" ({replaced} replaced, each logged)").format(replaced=replaced) if replaced else ""
            typer.echo(
                _("Saved {saved} answer(s) to inspection {id}{note}. {inspection}").format(
                    saved=saved, id=inspection.id, note=note, inspection=closing_summary(ledger, inspection)
                )
            )
            if request.finalize:
                done = finalize(ledger, inspection.id, actor)
                typer.echo(
                    _("Inspection {id} finalized; content hash {content_hash}").format(
                        id=inspection.id, content_hash=done.content_hash
                    )
                )
            return 0
        return _interactive(ledger, inspection, actor, terminal, request)


def _choose(
    ledger: Ledger,
    checklist: Checklist,
    unit: str,
    tasks: list[Task],
    request: WalkRequest,
    terminal: Terminal,
    held: ExitStack,
    answers: list[Answer] | None = None,
) -> Inspection:
    """The inspection to work on, held (draft lock) in `held` for the rest of the command."""
    if request.resume is not None:
        inspection = resumable_draft(ledger, request.resume, checklist.id, unit)
        held.enter_context(draft_lock(ledger, inspection))
        return _resumed(inspection, checklist, request)
    # the unit's lock is taken before looking for its draft: two walks started at once find one draft
    with unit_lock(ledger, checklist.id, unit):
        drafts = [] if request.new else drafts_for(ledger, checklist.id, unit)
        if not drafts:
            return _started(ledger, checklist, unit, tasks, request, held, answers)
        # the draft with the most answers is offered (the newest among equals): an empty draft started by
        # mistake never hides one with work in it
        draft = max(drafts, key=lambda found: (found.answered_count, found.id))
        if request.answers is not None:
            held.enter_context(draft_lock(ledger, draft))
            return _resumed(draft, checklist, request)
    if len(drafts) > 1:
        listed = "; ".join(
            _("#{id} {date}, {answered_count}/{task_count} answered").format(
                id=found.id,
                date=found.date.isoformat(),
                answered_count=found.answered_count,
                task_count=found.task_count,
            )
            for found in sorted(drafts, key=lambda found: found.id)
        )
        terminal.tell(
            _(
                "{count} draft inspections of {unit} exist: {listed}. Another one is resumed with --resume NUMBER."
            ).format(count=len(drafts), unit=unit, listed=listed)
        )
    terminal.tell(
        _("A draft inspection of {unit} exists (#{id}, {date}, {answered_count}/{task_count} answered).").format(
            unit=unit,
            id=draft.id,
            date=draft.date.isoformat(),
            answered_count=draft.answered_count,
            task_count=draft.task_count,
        )
    )
    try:
        resume = terminal.confirm(_("Resume it? n starts another draft [Y/n] > "), default=True)
    except QuitWalk:
        resume = True  # the input ended: resuming creates nothing
    except KeyboardInterrupt:
        terminal.say("")
        terminal.tell(
            _("Interrupted at the question; nothing was changed (draft #{id} is kept as it was).").format(id=draft.id)
        )
        raise typer.Exit(130) from None
    if resume:
        held.enter_context(draft_lock(ledger, draft))
        return _resumed(draft, checklist, request)
    with unit_lock(ledger, checklist.id, unit):
        started = _started(ledger, checklist, unit, tasks, request, held, answers)
    terminal.tell(
        _(
            "Draft #{id} stays as it is ({answered_count}/{task_count} answered): resume it with --resume "
            "{id}, or remove it with 'inspect-cli inspections discard {id} --reason …'."
        ).format(id=draft.id, answered_count=draft.answered_count, task_count=draft.task_count)
    )
    return started


def _started(
    ledger: Ledger,
    checklist: Checklist,
    unit: str,
    tasks: list[Task],
    request: WalkRequest,
    held: ExitStack,
    answers: list[Answer] | None = None,
) -> Inspection:
    # answers for tasks the new draft would not hold are refused before the draft exists: no empty draft is left
    selected = {task.id for task in tasks}
    strangers = [answer.task_id for answer in answers or () if answer.task_id not in selected]
    if strangers:
        raise NotFound(
            _("task(s) {strangers} are not among the {count} task(s) of {unit} to walk; nothing was saved").format(
                strangers=", ".join(strangers), count=len(tasks), unit=unit
            )
        )
    inspection = start_inspection(
        ledger, checklist, unit, request.inspectors, request.on or today(), request.place, tasks
    )
    held.enter_context(draft_lock(ledger, inspection))
    typer.echo(
        _("Started inspection {id} (draft) of {unit}: {tasks} task(s), ledger {location}").format(
            id=inspection.id, unit=unit, tasks=len(tasks), location=ledger.location
        )
    )
    return inspection


def _resumed(inspection: Inspection, checklist: Checklist, request: WalkRequest) -> Inspection:
    typer.echo(
        _("Resuming inspection {id} of {unit}: {answered_count}/{task_count} answered").format(
            id=inspection.id,
            unit=inspection.unit,
            answered_count=inspection.answered_count,
            task_count=inspection.task_count,
        )
    )
    # a resumed draft keeps the date and place it was started with: say so rather than drop what was typed
    kept = [
        _("{name} {given} (it keeps {held})").format(name=name, given=given, held=held or _("none"))
        for name, given, held in (("--date", request.on, inspection.date), ("--place", request.place, inspection.place))
        if given and given != held
    ]
    if kept:
        typer.echo(
            _(
                "Note: inspection {id} was started earlier, so it ignores {kept}; start another draft with --new to "
                "use them"
            ).format(id=inspection.id, kept="; ".join(kept)),
            err=True,
        )
    if checklist_changed(inspection, checklist):
        typer.echo(
            _(
                "Note: {path} has changed since this inspection started; the inspection keeps its own copy of its "
                "{task_count} task(s)"
            ).format(path=checklist.path, task_count=inspection.task_count),
            err=True,
        )
    return inspection


def _interactive(ledger: Ledger, inspection: Inspection, actor: str, terminal: Terminal, request: WalkRequest) -> int:
    first = None
    if request.from_last:
        last = last_findings(ledger, inspection)
        show_last_findings(last, terminal)
        first = last.task_ids()
    start = first_unanswered(ledger, inspection.id, first)
    resume_hint = _resume_hint(request, inspection, ledger, bool(first))
    try:
        if start >= inspection.task_count:
            terminal.say(_("Every task has an answer; use 'b' to go back, or q to stop."))
            start = max(0, inspection.task_count - 1)
        run_walk(ledger, inspection, start, actor, terminal, first)
    except QuitWalk:
        terminal.tell(_("Saved. {inspection}").format(inspection=closing_summary(ledger, inspection)))
        terminal.say(_("Resume with: {resume_hint}").format(resume_hint=resume_hint))
        return 0
    except KeyboardInterrupt:
        terminal.say("")
        terminal.tell(
            _("Interrupted; every answer given is saved. {inspection}").format(
                inspection=closing_summary(ledger, inspection)
            )
        )
        terminal.say(_("Resume with: {resume_hint}").format(resume_hint=resume_hint))
        return 130
    unreviewed = unreviewed_tasks(ledger, inspection.id)
    if unreviewed:
        shown = "、".join(unreviewed[:10]) + ("…" if len(unreviewed) > 10 else "")
        terminal.tell(
            _("End of the tasks; {count} of {total} not reviewed yet ({tasks}). {inspection}").format(
                count=len(unreviewed),
                total=inspection.task_count,
                tasks=shown,
                inspection=closing_summary(ledger, inspection),
            )
        )
        terminal.say(_("Resume with: {resume_hint}").format(resume_hint=resume_hint))
    else:
        terminal.tell(_("All tasks walked. {inspection}").format(inspection=closing_summary(ledger, inspection)))
    finalized = offer_finalize(ledger, inspection, actor, terminal)
    if finalized:
        terminal.say(
            _("Inspection {id} finalized; content hash {content_hash}").format(
                id=inspection.id, content_hash=finalized.content_hash
            )
        )
    else:
        terminal.say(
            _("Inspection {id} stays a draft; finalize with 'inspect-cli inspections finalize {id}'").format(
                id=inspection.id
            )
        )
    return 0


def _resume_hint(request: WalkRequest, inspection: Inspection, ledger: Ledger, from_last: bool) -> str:
    """The command that resumes this walk, with the language and the ledger it ran with, quoted for a shell."""
    words = ["inspect-cli", "--lang", language()]
    if current(ledger=request.ledger).ledger_given:
        words += ["--ledger", ledger.location]
    words += [
        "walk",
        str(request.checklist),
        "--unit",
        inspection.unit,
        "--inspector",
        request.inspectors[0],
        "--resume",
        str(inspection.id),
    ] + (["--from-last"] if from_last else [])
    # quoted only where a shell would split or expand: unit and inspector names in Chinese read as typed
    return " ".join(
        shlex.quote(word) if re.search(r"""[\s'"$`\\!*?;&|<>(){}\[\]#~]""", word) or not word else word
        for word in words
    )
