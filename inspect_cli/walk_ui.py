"""The interactive walk: one task at a time in the terminal, every answer saved before the next is shown."""

from __future__ import annotations

import shutil
import sys
from dataclasses import dataclass

import typer

from inspect_cli.exceptions import InputError
from inspect_cli.inspections import add_evidence, finalize, make_evidence, record_answer, summarize
from inspect_cli.ledger import Ledger
from inspect_cli.models import LETTERS, METHODS, Inspection, InspectionTask, Result
from inspect_cli.render import use_colour

HELP = """\
  c  符合 compliant          p  基本符合 partial (asks for a note)
  n  不符合 noncompliant (asks for a note)    x  不适用 not applicable
  s  跳过 skip: stays not reviewed           e  add evidence to this task
  b  back to the previous task               q  save and quit (resume later)
  ?  this help
Every answer is saved the moment you press Enter."""
KEYS = "c 符合 p 基本符合 n 不符合 x 不适用 s 跳过 e 证据 b 上一项 q 退出 ? 帮助"


class QuitWalk(Exception):
    """The inspector asked to stop, or the input ended."""


@dataclass
class Terminal:
    """Line input and output; reads answers from stdin, one per line, when it is not a terminal."""

    interactive: bool
    colour: bool

    @classmethod
    def detect(cls) -> "Terminal":
        return cls(interactive=sys.stdin.isatty(), colour=use_colour())

    def say(self, text: str = "", style: dict | None = None) -> None:
        typer.echo(typer.style(text, **style) if (style and self.colour) else text)

    def ask(self, prompt: str) -> str:
        """One line of input, stripped; QuitWalk at end of input."""
        try:
            if self.interactive:
                return input(prompt).strip()
            typer.echo(prompt, nl=False)
            line = sys.stdin.readline()
        except EOFError:
            raise QuitWalk() from None
        if not line:
            typer.echo()
            raise QuitWalk()
        typer.echo(line.strip())  # echo the piped answer so the transcript reads like a session
        return line.strip()

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


def task_screen(ledger: Ledger, inspection: Inspection, task: InspectionTask, total: int,
                current: Result | None, width: int) -> list[tuple[str, dict | None]]:
    """The lines shown for one task, each with an optional style."""
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
    previous = ledger.previous_result(inspection.checklist_id, inspection.unit, task.task_id, inspection)
    if previous:
        before, result = previous
        note = f" — {result.note}" if result.note else ""
        lines += [(line, None) for line in wrap(f"上次检查 ({before.date.isoformat()}, #{before.id}): "
                                                f"{result.status.label_zh} {result.status.value}{note}", width)]
    for score, passage, source in ledger.passages(inspection.id, task.task_id)[:2]:
        excerpt = passage if len(passage) <= 160 else passage[:158] + "…"
        lines += [(line, {"fg": "cyan"}) for line in wrap(f"年度报告说: {excerpt} ({score:.2f})", width)]
    if current and current.answered_at:
        note = f" — {current.note}" if current.note else ""
        lines += [(line, {"fg": "green"}) for line in wrap(f"本次结果: {current.status.label_zh} {current.status.value}{note}", width)]
    if current and current.evidence:
        for item in current.evidence:
            file_part = f" [{item.file_path}]" if item.file_path else ""
            lines += [(line, None) for line in wrap(f"证据: {item.method} {item.description}{file_part}", width)]
    lines.append((KEYS if width >= 80 else "c p n x s e b q ?", {"dim": True}))
    return lines


def ask_evidence(terminal: Terminal, optional: bool = True):
    """Ask for one piece of evidence; None when skipped with an empty line."""
    methods = "  ".join(f"{n} {m}" for n, m in enumerate(METHODS, start=1))
    while True:
        method = terminal.ask(f"证据方式 Evidence method: {methods}{' (Enter: none)' if optional else ''} > ")
        if not method and optional:
            return None
        description = terminal.ask("证据描述 Description (title and 文号, who, what was seen) > ")
        file = terminal.ask("文件 File path of a photo or scan (Enter: none) > ")
        try:
            return make_evidence(method, description, file or None)
        except InputError as error:
            terminal.say(f"  {error.message}; try again", {"fg": "yellow"})


def ask_note(terminal: Terminal) -> str:
    """A one-line note, required and non-empty."""
    while True:
        note = terminal.ask("说明 Note: what is missing? > ")
        if note:
            return note
        terminal.say("  A partial or noncompliant result needs a note.", {"fg": "yellow"})


def run_walk(ledger: Ledger, inspection: Inspection, start: int, actor: str, terminal: Terminal) -> str:
    """Walk the tasks from index `start`; returns 'completed', 'quit' or 'finalized'."""
    tasks = ledger.tasks(inspection.id)
    index = start
    while index < len(tasks):
        task = tasks[index]
        current = ledger.results(inspection.id).get(task.task_id)
        for text, style in task_screen(ledger, inspection, task, len(tasks), current, terminal.width):
            terminal.say(text, style)
        while True:
            answer = terminal.ask("> ").lower()
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
                terminal.say(HELP)
                continue
            terminal.say(f"  Type one letter then Enter: {KEYS}", {"fg": "yellow"})
    return "completed"


def closing_summary(ledger: Ledger, inspection: Inspection) -> str:
    """The counts per status of an inspection, for the end of a walk."""
    summary = summarize(ledger.tasks(inspection.id), ledger.results(inspection.id))
    return f"{summary.total} tasks: {summary.line()}"


def offer_finalize(ledger: Ledger, inspection: Inspection, actor: str, terminal: Terminal) -> bool:
    """Ask whether to finalize now; True when it was finalized."""
    try:
        answer = terminal.ask("Finalize this inspection now? It is then locked. [y/N] > ").lower()
    except QuitWalk:
        return False
    if answer not in ("y", "yes", "是"):
        return False
    finalize(ledger, inspection.id, actor)
    return True

