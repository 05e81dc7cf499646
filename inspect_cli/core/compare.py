"""Two inspections of one unit side by side (last year's and this year's): what improved, what got worse."""

from __future__ import annotations

from dataclasses import dataclass

from inspect_cli.domain.models import Change, Inspection, Status
from inspect_cli.exceptions import StateError
from inspect_cli.i18n import _
from inspect_cli.ledger.base import Ledger

# better results rank higher; not applicable and not reviewed are not graded
_GRADE = {status: status.grade for status in Status if status.grade is not None}


@dataclass(frozen=True)
class TaskChange:
    """One task in either inspection: its result in each and how it changed."""

    task: str
    text: str
    a: str | None
    b: str | None
    change: str
    note_a: str
    note_b: str


@dataclass(frozen=True)
class Comparison:
    """Two inspections compared task by task."""

    a: Inspection
    b: Inspection
    tasks: tuple[TaskChange, ...]

    def counts(self) -> dict[str, int]:
        """How many tasks changed each way."""
        return {change.value: sum(1 for task in self.tasks if task.change == change) for change in Change}


def change_between(a: Status | None, b: Status | None) -> str:
    """How a task's result moved from `a` to `b` (None: the task was not in that inspection)."""
    if a is None:
        return "new"
    if b is None:
        return "dropped"
    if a == b:
        return "same"
    if a in _GRADE and b in _GRADE:
        return "improved" if _GRADE[b] > _GRADE[a] else "worse"
    # one side graded, the other not applicable or not reviewed: assessed now, or no longer
    return "new" if b in _GRADE else "dropped"


def compare(ledger: Ledger, first: int, second: int, any_unit: bool = False) -> Comparison:
    """Inspection `first` against `second`, task by task in the later one's plan order, then tasks only in the first."""
    a, b = ledger.inspection(first), ledger.inspection(second)
    if a.unit != b.unit and not any_unit:
        raise StateError(
            _(
                "inspections {a} and {b} are of different units ({unit_a}, {unit_b}); add --any-unit to "
                "compare them anyway"
            ).format(a=a.id, b=b.id, unit_a=a.unit, unit_b=b.unit)
        )
    results_a, results_b = ledger.results(a.id), ledger.results(b.id)
    tasks_b = ledger.tasks(b.id)
    texts = {task.task_id: task.text for task in ledger.tasks(a.id)}
    texts.update((task.task_id, task.text) for task in tasks_b)
    order = [task.task_id for task in tasks_b]
    order += [task_id for task_id in texts if task_id not in order]
    ids_a, ids_b = ledger.task_ids(a.id), ledger.task_ids(b.id)
    rows = []
    for task_id in order:
        in_a, in_b = results_a.get(task_id), results_b.get(task_id)
        status_a = in_a.status if in_a else (Status.not_reviewed if task_id in ids_a else None)
        status_b = in_b.status if in_b else (Status.not_reviewed if task_id in ids_b else None)
        rows.append(
            TaskChange(
                task_id,
                texts[task_id],
                status_a.value if status_a else None,
                status_b.value if status_b else None,
                change_between(status_a, status_b),
                in_a.note if in_a else "",
                in_b.note if in_b else "",
            )
        )
    return Comparison(a, b, tuple(rows))
