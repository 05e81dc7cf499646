"""The interactive walk: one task at a time in the terminal, every answer saved before the next is shown."""

from __future__ import annotations

import shutil
import sys
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import typer

from inspect_cli.core.inspections import (
    TaskContext,
    add_evidence,
    evidence_method,
    finalize,
    make_evidence,
    record_answer,
    summarize,
    task_context,
    walk_order,
    walk_state,
)
from inspect_cli.domain.models import EvidenceMethod, Inspection, InspectionTask, Result, Status, WalkKey
from inspect_cli.domain.typed_text import clean_text
from inspect_cli.exceptions import InputError
from inspect_cli.i18n import N_, _
from inspect_cli.ledger.base import Ledger
from inspect_cli.render.table import use_colour, wrap_text
from inspect_cli.render.views import status_counts, status_name

if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import TypeGuard

    from prompt_toolkit import PromptSession

    from inspect_cli.core.inspections import LastFindings
    from inspect_cli.domain.models import Evidence

HELP_NOTE = N_(
    "Every answer is saved the moment you press Enter. In notes and descriptions the arrow keys, "
    "Home/End, Backspace and Delete edit the line; Up recalls earlier ones."
)
YES = ("y", "yes", "是")
NO = ("n", "no", "否")


class QuitWalk(Exception):
    """The inspector asked to stop, or the input ended."""


@dataclass
class Terminal:
    """Line input and output; reads answers from stdin, one per line, when it is not a terminal."""

    interactive: bool
    colour: bool
    _editors: dict[str, PromptSession[str]] = field(default_factory=dict, repr=False)

    @classmethod
    def detect(cls) -> Terminal:
        return cls(interactive=sys.stdin.isatty() and sys.stdout.isatty(), colour=use_colour())

    def say(self, text: str = "", style: dict[str, Any] | None = None) -> None:
        typer.echo(typer.style(text, **style) if (style and self.colour) else text)

    def tell(self, text: str) -> None:
        """Say a sentence, wrapped to the terminal's width."""
        for line in wrap(text, self.width):
            self.say(line)

    def ask(self, prompt: str, kind: str = "key") -> str:
        """One line of input without control characters; QuitWalk at end of input.

        On a terminal the line is edited with prompt_toolkit (cursor keys, Home/End, wide characters); each
        `kind` of question (key, note, description, file) keeps its own history, so Up recalls earlier notes.
        """
        try:
            if self.interactive:
                return clean_text(self._editor(kind).prompt(prompt))
            typer.echo(prompt, nl=False)
            line = sys.stdin.readline()
        except EOFError:
            raise QuitWalk() from None
        if not line:
            typer.echo()
            raise QuitWalk()
        line = clean_text(line)
        typer.echo(line)  # echo the piped answer so the transcript reads like a session
        return line

    def remember(self, kind: str, entries: Iterable[str]) -> None:
        """Offer earlier entries (notes already in the draft) in the history of `kind` questions."""
        if self.interactive:
            history = self._editor(kind).history
            for entry in entries:
                if entry:
                    history.append_string(entry)

    def _editor(self, kind: str) -> PromptSession[str]:
        editor = self._editors.get(kind)
        if editor is None:
            # imported here: only a walk on a terminal pays for the line editor
            from prompt_toolkit import PromptSession
            from prompt_toolkit.history import InMemoryHistory
            from prompt_toolkit.output import create_output

            output = create_output()
            # the prompt is one line with no menus, so cursor-position reports are not needed; terminals
            # that do not answer them would otherwise print a warning after a delay
            output.enable_cpr = False  # type: ignore[attr-defined]  # typed as the abstract Output; a terminal's has it
            editor = self._editors[kind] = PromptSession(history=InMemoryHistory(), output=output)
        return editor

    def confirm(self, question: str, default: bool | None = None) -> bool:
        """y or n (Enter gives `default` when there is one); anything else asks again."""
        while True:
            reply = self.ask(question).lower()
            if reply in YES or (not reply and default is True):
                return True
            if reply in NO or (not reply and default is False):
                return False
            self.say("  " + _("Answer y or n."), {"fg": "yellow"})

    @property
    def width(self) -> int:
        return max(40, min(shutil.get_terminal_size((80, 24)).columns, 100))


def wrap(text: str, width: int, indent: str = "") -> list[str]:
    """Wrap Chinese and mixed text to a display width (CJK characters count two), as the tables wrap it: between
    words and Chinese characters, never a closing mark at a line's start."""
    lines = []
    for paragraph in text.split("\n"):
        lines += [indent + line for line in wrap_text(paragraph, max(1, width - len(indent)))] or [indent]
    return lines


def task_screen(
    inspection: Inspection,
    task: InspectionTask,
    total: int,
    context: TaskContext,
    width: int,
    position: int | None = None,
) -> list[tuple[str, dict[str, Any] | None]]:
    """The lines shown for one task, each with an optional style; `position` is its place in this walk's order
    (1-based; default its place in the plan)."""
    current = context.current
    lines: list[tuple[str, dict[str, Any] | None]] = [("─" * width, None)]
    place = " › ".join(x for x in (task.section, task.topic) if x)
    lines += [
        (line, {"bold": True})
        for line in wrap(
            _("[{position}/{total}] Task ({task})").format(
                position=position or task.position, total=total, task=task.task_id
            )
            + f"  {place}",
            width,
        )
    ]
    lines += [(line, None) for line in wrap(task.text, width)]
    units = "、".join(task.lead_units) or "—"
    responsible = "、".join(task.responsible_units)
    lines.append(
        (
            _("Lead units: {units}").format(units=units)
            + ("   " + _("Responsible units: {units}").format(units=responsible) if responsible else ""),
            None,
        )
    )
    if task.deadline or task.ongoing:
        deadline = _("Deadline: {deadline}").format(deadline=task.deadline or "长期坚持")
        overdue = task.due is not None and task.due < inspection.date
        if task.due:
            deadline += f" ({task.due.isoformat()})"
        if overdue:
            deadline += "  ⚠ " + _("overdue on the inspection day")
        lines += [(line, {"fg": "red"} if overdue else None) for line in wrap(deadline, width)]
    for hint in task.verify:
        lines += [(line, {"fg": "cyan"}) for line in wrap(_("What to check: {hint}").format(hint=hint), width)]
    if context.previous:
        before, result = context.previous
        note = f" — {result.note}" if result.note else ""
        said = _("Last inspection ({date}, #{number}): {status}").format(
            date=before.date.isoformat(), number=before.id, status=status_name(result.status)
        )
        lines += [(line, None) for line in wrap(said + note, width)]
    for score, passage, _source in context.passages:
        excerpt = passage if len(passage) <= 160 else passage[:158] + "…"
        lines += [
            (line, {"fg": "cyan"})
            for line in wrap(
                _("The annual report says: {excerpt} ({score})").format(excerpt=excerpt, score=f"{score:.2f}"), width
            )
        ]
    if current and current.answered_at:
        note = f" — {current.note}" if current.note else ""
        lines += [
            (line, {"fg": "green"})
            for line in wrap(_("This time: {status}").format(status=status_name(current.status)) + note, width)
        ]
    if current and current.evidence:
        for item in current.evidence:
            file_part = f" [{item.file_path}]" if item.file_path else ""
            lines += [
                (line, None)
                for line in wrap(
                    _("Evidence: {method} {description}").format(method=item.method, description=item.description)
                    + file_part,
                    width,
                )
            ]
    lines += [(line, {"dim": True}) for line in key_legend(width)]
    return lines


def key_legend(width: int) -> list[str]:
    """The keys and the words they stand for (the vocabulary's own labels): on one line, else on as few lines as
    fit (three at most), else the letters alone."""
    from wcwidth import wcswidth

    pairs = [f"{key.value} {key.label}" for key in WalkKey]
    lines = [""]
    for pair in pairs:
        joined = f"{lines[-1]}  {pair}" if lines[-1] else pair
        if wcswidth(joined) <= width:
            lines[-1] = joined
        else:
            lines.append(pair)
    if len(lines) <= 3 and all(wcswidth(line) <= width for line in lines):
        return lines
    return [" ".join(key.value for key in WalkKey)]


def ask_evidence(terminal: Terminal, optional: bool = True) -> Evidence | None:
    """Ask for one piece of evidence; None when skipped with an empty line."""
    methods = "  ".join(f"{n} {m.label}" for n, m in enumerate(EvidenceMethod, start=1))
    # the choices are said wrapped to the terminal; the prompt itself stays short, so the editor never splits a word
    terminal.tell(
        _("Evidence method: {methods}").format(methods=methods) + (" " + _("(Enter: none)") if optional else "")
    )
    while True:
        method = terminal.ask("> ")
        if not method and optional:
            return None
        try:  # checked before the description and the file are asked for, so nothing typed is asked again
            method = evidence_method(method)
        except InputError as error:
            for line in wrap(_("{problem}; try again").format(problem=error.message), terminal.width, "  "):
                terminal.say(line, {"fg": "yellow"})
            continue
        break
    description = terminal.ask(_("Description (title and document number, who, what was seen)") + " > ", "description")
    while not clean_text(description):
        terminal.say(
            "  " + _("Give a description: the document's title and number, who was interviewed, what was seen."),
            {"fg": "yellow"},
        )
        description = terminal.ask(
            _("Description (title and document number, who, what was seen)") + " > ", "description"
        )
    while True:
        file = terminal.ask(_("File path of a photo or scan") + " " + _("(Enter: none)") + " > ", "file")
        try:
            return make_evidence(method, description, file or None)
        except InputError as error:
            terminal.say("  " + _("{problem}; try again").format(problem=error.message), {"fg": "yellow"})


def ask_note(terminal: Terminal) -> str:
    """A one-line note, required and non-empty."""
    while True:
        note = terminal.ask(_("Note: what is missing?") + " > ", "note")
        if note:
            return note
        terminal.say("  " + _("A partial or noncompliant result needs a note."), {"fg": "yellow"})


def run_walk(
    ledger: Ledger, inspection: Inspection, start: int, actor: str, terminal: Terminal, first: list[str] | None = None
) -> None:
    """Walk the tasks from index `start` (the tasks named in `first` at the front) past the last; QuitWalk on q."""
    tasks, results = walk_state(ledger, inspection.id)
    if first:
        tasks = walk_order(tasks, first)
    terminal.remember("note", [result.note for result in results.values()])
    index = start
    while index < len(tasks):
        task = tasks[index]
        context = task_context(ledger, inspection, task.task_id)
        current = context.current
        for text, style in task_screen(inspection, task, len(tasks), context, terminal.width, index + 1):
            terminal.say(text, style)
        while True:
            typed = terminal.ask("> ").lower()
            answer = next((key for key in WalkKey if key.value == typed), None)
            if answer is WalkKey.skip and _answered(current):
                terminal.say(
                    "  " + _("Kept: {status}; u clears an answer").format(status=status_name(current.status)),
                    {"fg": "green"},
                )
                index += 1
                break
            if answer is WalkKey.clear:
                if not _answered(current):
                    terminal.say("  " + _("This task has no answer to clear."))
                    continue
                if terminal.confirm(
                    "  "
                    + _("Clear the answer {status} of task {task}? [y/n]").format(
                        status=status_name(current.status), task=task.task_id
                    )
                    + " > "
                ):
                    record_answer(ledger, inspection.id, task.task_id, Status.not_reviewed, "", actor)
                    terminal.say("  " + _("Cleared: not reviewed."), {"fg": "yellow"})
                break  # show the task again with what is now recorded
            if answer is not None and answer.status is not None:
                status = answer.status
                note = ask_note(terminal) if status.needs_note else ""
                # saved before the evidence question, so a note once typed is never lost
                record_answer(ledger, inspection.id, task.task_id, status, note, actor)
                if status.needs_note:
                    item = ask_evidence(terminal)
                    if item:
                        add_evidence(ledger, inspection.id, task.task_id, item, actor)
                index += 1
                break
            if answer is WalkKey.evidence:
                item = ask_evidence(terminal, optional=True)
                if item:
                    add_evidence(ledger, inspection.id, task.task_id, item, actor)
                    terminal.say("  " + _("Evidence saved."), {"fg": "green"})
                continue
            if answer is WalkKey.back:
                if index == 0:
                    terminal.say("  " + _("This is the first task."))
                    continue
                index -= 1
                break
            if answer is WalkKey.quit:
                raise QuitWalk()
            if answer is WalkKey.help:
                for key in WalkKey:
                    for line in wrap(f"{key.value}  {key.meaning}", terminal.width, indent="  "):
                        terminal.say(line)
                for line in wrap(_(HELP_NOTE), terminal.width):
                    terminal.say(line)
                continue
            terminal.say(
                "  " + _("Type one letter then Enter: {keys}").format(keys="  ".join(key_legend(10_000))),
                {"fg": "yellow"},
            )


def _answered(result: Result | None) -> TypeGuard[Result]:
    return result is not None and result.status is not Status.not_reviewed


def show_last_findings(last: LastFindings, terminal: Terminal) -> None:
    """List what the unit's previous inspection found wanting, before the walk starts on those tasks."""
    if last.inspection is None:
        terminal.say(_("No earlier finalized inspection of this unit: the tasks come in plan order."))
        return
    terminal.say(
        _("Last inspection #{number} ({date}) found {count} task(s) wanting; they come first:").format(
            number=last.inspection.id, date=last.inspection.date.isoformat(), count=len(last.findings)
        ),
        {"bold": True},
    )
    for result in last.findings:
        note = f" — {result.note}" if result.note else ""
        for line in wrap(f"{result.task_id}: {status_name(result.status)}{note}", terminal.width, indent="  "):
            terminal.say(line)


def closing_summary(ledger: Ledger, inspection: Inspection) -> str:
    """The counts per status of an inspection, for the end of a walk."""
    summary = summarize(*walk_state(ledger, inspection.id))
    return _("{total} tasks: {counts}").format(total=summary.total, counts=status_counts(summary))


def offer_finalize(ledger: Ledger, inspection: Inspection, actor: str, terminal: Terminal) -> Inspection | None:
    """Ask whether to finalize now; the finalized inspection, or None when it stays a draft."""
    try:
        if not terminal.confirm(_("Finalize this inspection now? It is then locked. [y/N]") + " > ", default=False):
            return None
    except QuitWalk:
        return None
    return finalize(ledger, inspection.id, actor)
