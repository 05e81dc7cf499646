"""The interactive walk: one task at a time in the terminal, every answer saved before the next is shown."""

from __future__ import annotations

import shutil
import sys
from dataclasses import dataclass, field

import typer

from inspect_cli.exceptions import InputError
from inspect_cli.core.inspections import (TaskContext, add_evidence, finalize, make_evidence, record_answer, summarize,
                                         task_context, walk_state)
from inspect_cli.ledger.base import Ledger
from inspect_cli.core.models import LETTERS, METHODS, Inspection, InspectionTask, Result, Status
from inspect_cli.render.table import use_colour
from inspect_cli.core.typed_text import clean_text

HELP_KEYS = (("c", "符合 compliant"), ("p", "基本符合 partial (asks for a note)"),
             ("n", "不符合 noncompliant (asks for a note)"), ("x", "不适用 not applicable"),
             ("s", "跳过 skip: not reviewed; an answer given before is kept"),
             ("u", "清除 clear this task's answer (asks first)"), ("e", "add evidence to this task"),
             ("b", "back to the previous task"), ("q", "save and quit (resume later)"), ("?", "this help"))
HELP_NOTE = ("Every answer is saved the moment you press Enter. In notes and descriptions the arrow keys, "
             "Home/End, Backspace and Delete edit the line; Up recalls earlier ones.")
KEYS = "c 符合 p 基本符合 n 不符合 x 不适用 s 跳过 u 清除 e 证据 b 上一项 q 退出 ? 帮助"
YES = ("y", "yes", "是")
NO = ("n", "no", "否")


class QuitWalk(Exception):
    """The inspector asked to stop, or the input ended."""


@dataclass
class Terminal:
    """Line input and output; reads answers from stdin, one per line, when it is not a terminal."""

    interactive: bool
    colour: bool
    _editors: dict = field(default_factory=dict, repr=False)

    @classmethod
    def detect(cls) -> "Terminal":
        return cls(interactive=sys.stdin.isatty() and sys.stdout.isatty(), colour=use_colour())

    def say(self, text: str = "", style: dict | None = None) -> None:
        typer.echo(typer.style(text, **style) if (style and self.colour) else text)

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

    def remember(self, kind: str, entries) -> None:
        """Offer earlier entries (notes already in the draft) in the history of `kind` questions."""
        if self.interactive:
            history = self._editor(kind).history
            for entry in entries:
                if entry:
                    history.append_string(entry)

    def _editor(self, kind: str):
        editor = self._editors.get(kind)
        if editor is None:
            # imported here: only a walk on a terminal pays for the line editor
            from prompt_toolkit import PromptSession
            from prompt_toolkit.history import InMemoryHistory
            from prompt_toolkit.output import create_output

            output = create_output()
            # the prompt is one line with no menus, so cursor-position reports are not needed; terminals
            # that do not answer them would otherwise print a warning after a delay
            output.enable_cpr = False
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
            self.say("  Answer y or n.", {"fg": "yellow"})

    @property
    def width(self) -> int:
        return max(40, min(shutil.get_terminal_size((80, 24)).columns, 100))


def wrap(text: str, width: int, indent: str = "") -> list[str]:
    """Wrap Chinese and mixed text to a display width (CJK characters count two)."""
    from wcwidth import wrap as wc_wrap

    lines = []
    for paragraph in text.split("\n"):
        lines += wc_wrap(paragraph, width - len(indent), initial_indent=indent, subsequent_indent=indent) or [indent]
    return lines


def task_screen(inspection: Inspection, task: InspectionTask, total: int, context: TaskContext,
                width: int) -> list[tuple[str, dict | None]]:
    """The lines shown for one task, each with an optional style."""
    current = context.current
    lines: list[tuple[str, dict | None]] = [("─" * width, None)]
    place = " › ".join(x for x in (task.section, task.topic) if x)
    lines += [(line, {"bold": True}) for line in wrap(f"[{task.position}/{total}] 任务 ({task.task_id})  {place}", width)]
    lines += [(line, None) for line in wrap(task.text, width)]
    units = "、".join(task.lead_units) or "—"
    lines.append((f"牵头单位: {units}" + (f"   责任单位: {'、'.join(task.responsible_units)}" if task.responsible_units else ""), None))
    if task.deadline or task.ongoing:
        deadline = f"完成时限: {task.deadline or '长期坚持'}"
        overdue = task.due is not None and task.due < inspection.date
        if task.due:
            deadline += f" ({task.due.isoformat()})"
        if overdue:
            deadline += "  ⚠ 检查日已逾期 overdue"
        lines += [(line, {"fg": "red"} if overdue else None) for line in wrap(deadline, width)]
    for hint in task.verify:
        lines += [(line, {"fg": "cyan"}) for line in wrap(f"核查要点: {hint}", width)]
    if context.previous:
        before, result = context.previous
        note = f" — {result.note}" if result.note else ""
        lines += [(line, None) for line in wrap(f"上次检查 ({before.date.isoformat()}, #{before.id}): "
                                                f"{result.status.label_zh} {result.status.value}{note}", width)]
    for score, passage, source in context.passages:
        excerpt = passage if len(passage) <= 160 else passage[:158] + "…"
        lines += [(line, {"fg": "cyan"}) for line in wrap(f"年度报告说: {excerpt} ({score:.2f})", width)]
    if current and current.answered_at:
        note = f" — {current.note}" if current.note else ""
        lines += [(line, {"fg": "green"}) for line in wrap(f"本次结果: {current.status.label_zh} {current.status.value}{note}", width)]
    if current and current.evidence:
        for item in current.evidence:
            file_part = f" [{item.file_path}]" if item.file_path else ""
            lines += [(line, None) for line in wrap(f"证据: {item.method} {item.description}{file_part}", width)]
    lines.append((KEYS if width >= 80 else "c p n x s u e b q ?", {"dim": True}))
    return lines


def ask_evidence(terminal: Terminal, optional: bool = True):
    """Ask for one piece of evidence; None when skipped with an empty line."""
    methods = "  ".join(f"{n} {m}" for n, m in enumerate(METHODS, start=1))
    while True:
        method = terminal.ask(f"证据方式 Evidence method: {methods}{' (Enter: none)' if optional else ''} > ")
        if not method and optional:
            return None
        description = terminal.ask("证据描述 Description (title and 文号, who, what was seen) > ", "description")
        file = terminal.ask("文件 File path of a photo or scan (Enter: none) > ", "file")
        try:
            return make_evidence(method, description, file or None)
        except InputError as error:
            terminal.say(f"  {error.message}; try again", {"fg": "yellow"})


def ask_note(terminal: Terminal) -> str:
    """A one-line note, required and non-empty."""
    while True:
        note = terminal.ask("说明 Note: what is missing? > ", "note")
        if note:
            return note
        terminal.say("  A partial or noncompliant result needs a note.", {"fg": "yellow"})


def run_walk(ledger: Ledger, inspection: Inspection, start: int, actor: str, terminal: Terminal) -> str:
    """Walk the tasks from index `start`; returns 'completed', 'quit' or 'finalized'."""
    tasks, results = walk_state(ledger, inspection.id)
    terminal.remember("note", [result.note for result in results.values()])
    index = start
    while index < len(tasks):
        task = tasks[index]
        context = task_context(ledger, inspection, task.task_id)
        current = context.current
        for text, style in task_screen(inspection, task, len(tasks), context, terminal.width):
            terminal.say(text, style)
        while True:
            answer = terminal.ask("> ").lower()
            if answer == "s" and _answered(current):
                terminal.say(f"  已保留 Kept: {current.status.label_zh} {current.status.value}; "
                             "u clears an answer", {"fg": "green"})
                index += 1
                break
            if answer == "u":
                if not _answered(current):
                    terminal.say("  This task has no answer to clear.")
                    continue
                if terminal.confirm(f"  Clear the answer {current.status.label_zh} {current.status.value} of task "
                                    f"{task.task_id}? [y/n] > "):
                    record_answer(ledger, inspection.id, task.task_id, Status.not_reviewed, "", actor)
                    terminal.say("  已清除 Cleared: not reviewed.", {"fg": "yellow"})
                break  # show the task again with what is now recorded
            if answer in ("c", "x", "s", "p", "n"):
                status = LETTERS[answer]
                note = ask_note(terminal) if status.needs_note else ""
                # saved before the evidence question, so a note once typed is never lost
                record_answer(ledger, inspection.id, task.task_id, status, note, actor)
                if status.needs_note:
                    item = ask_evidence(terminal)
                    if item:
                        add_evidence(ledger, inspection.id, task.task_id, item, actor)
                index += 1
                break
            if answer == "e":
                item = ask_evidence(terminal, optional=True)
                if item:
                    add_evidence(ledger, inspection.id, task.task_id, item, actor)
                    terminal.say("  证据已保存 Evidence saved.", {"fg": "green"})
                continue
            if answer == "b":
                if index == 0:
                    terminal.say("  This is the first task.")
                    continue
                index -= 1
                break
            if answer == "q":
                raise QuitWalk()
            if answer == "?":
                for key, meaning in HELP_KEYS:
                    for line in wrap(f"{key}  {meaning}", terminal.width, indent="  "):
                        terminal.say(line)
                for line in wrap(HELP_NOTE, terminal.width):
                    terminal.say(line)
                continue
            terminal.say(f"  Type one letter then Enter: {KEYS}", {"fg": "yellow"})
    return "completed"


def _answered(result: Result | None) -> bool:
    return result is not None and result.status is not Status.not_reviewed


def closing_summary(ledger: Ledger, inspection: Inspection) -> str:
    """The counts per status of an inspection, for the end of a walk."""
    summary = summarize(*walk_state(ledger, inspection.id))
    return f"{summary.total} tasks: {summary.line()}"


def offer_finalize(ledger: Ledger, inspection: Inspection, actor: str, terminal: Terminal) -> Inspection | None:
    """Ask whether to finalize now; the finalized inspection, or None when it stays a draft."""
    try:
        if not terminal.confirm("Finalize this inspection now? It is then locked. [y/N] > ", default=False):
            return None
    except QuitWalk:
        return None
    return finalize(ledger, inspection.id, actor)

