"""What changed between two checklists: tasks added, removed, moved, and changed field by field.

Tasks are paired by their text, then by number while their texts stay alike, then by the most alike text, so
that numbers shifting (a row inserted, next year's plan) pair each task with itself. A task is moved when its
place in the plan (part, section, topic) or its order among the others changed; a new number alone is no change.
"""

from __future__ import annotations

import enum
from bisect import bisect_left
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from inspect_cli.domain.checklist import Checklist, Task, place
from inspect_cli.domain.textnorm import comparable
from inspect_cli.i18n import N_

# How alike two texts must be (difflib's ratio) to be one task: under the same number, or under another one.
SAME_NUMBER_LIKENESS = 0.35
OTHER_NUMBER_LIKENESS = 0.6


class Change(str, enum.Enum):
    """What happened to a task between the two versions."""

    added = "added"
    removed = "removed"
    moved = "moved"
    changed = "changed"

    @property
    def label(self) -> str:
        return _CHANGE_LABELS[self]


_CHANGE_LABELS = {
    Change.added: N_("added"),
    Change.removed: N_("removed"),
    Change.moved: N_("moved"),
    Change.changed: N_("changed"),
}


class Field(str, enum.Enum):
    """A part of a task that a change can be in."""

    task_text = "text"
    lead_units = "lead_units"
    responsible_units = "responsible_units"
    deadline = "deadline"
    review = "review"
    tags = "tags"
    weight = "weight"
    verify = "verify"

    @property
    def label(self) -> str:
        return _FIELD_LABELS[self]


_FIELD_LABELS = {
    Field.task_text: N_("task text"),
    Field.lead_units: N_("lead units"),
    Field.responsible_units: N_("responsible units"),
    Field.deadline: N_("deadline"),
    Field.review: N_("review marks"),
    Field.tags: N_("tags"),
    Field.weight: N_("weight"),
    Field.verify: N_("evidence to ask for"),
}


@dataclass(frozen=True)
class TaskChange:
    """One line of the difference: a task added, removed or moved, or one field of a task changed."""

    change: Change
    old_id: str | None
    new_id: str | None
    text: str
    field: Field | None = None
    old: object = None  # the field's value (lists as tuples; a deadline as a dict), or the task's place when moved
    new: object = None


@dataclass(frozen=True)
class ChecklistDiff:
    """The changes from `old` to `new`, in the new checklist's order (a removed task where it stood)."""

    old: str
    new: str
    changes: tuple[TaskChange, ...]

    def count(self, change: Change) -> int:
        """How many tasks had this change (a task with several changed fields counts once)."""
        return len({(c.old_id, c.new_id) for c in self.changes if c.change is change})


def deadline_value(task: Task) -> dict[str, Any]:
    """A task's deadline: the phrase and what it was read as."""
    return {"phrase": task.deadline, "due": task.due, "recurrence": task.recurrence, "ongoing": task.ongoing}


def _value(task: Task, field: Field) -> object:
    if field is Field.deadline:
        return deadline_value(task)
    if field is Field.lead_units:
        return task.lead_units + (("各牵头单位",) if task.every_lead_unit else ())
    if field is Field.responsible_units:
        return task.responsible_units + (("各责任单位",) if task.every_responsible_unit else ())
    return getattr(task, field.value)


def diff_checklists(old: Checklist, new: Checklist) -> ChecklistDiff:
    """Every task added, removed, moved or changed from `old` to `new`."""
    pairs = _pair(old.tasks, new.tasks)
    in_order = _longest_increasing(sorted(pairs.items(), key=lambda pair: pair[1]))
    paired_new = {n: o for o, n in pairs.items()}
    keyed: list[tuple[tuple[Any, ...], TaskChange]] = []
    for n, task in enumerate(new.tasks):
        o = paired_new.get(n)
        if o is None:
            keyed.append(((n, 0), TaskChange(Change.added, None, task.id, task.text)))
            continue
        before = old.tasks[o]
        if place(before) != place(task) or o not in in_order:
            keyed.append(
                (
                    (n, 0),
                    TaskChange(
                        Change.moved,
                        before.id,
                        task.id,
                        task.text,
                        None,
                        f"{before.id} {place(before)}".strip(),
                        f"{task.id} {place(task)}".strip(),
                    ),
                )
            )
        for field in Field:
            was, now = _value(before, field), _value(task, field)
            if was != now:
                keyed.append(((n, 1), TaskChange(Change.changed, before.id, task.id, task.text, field, was, now)))
    # a removed task is listed after the task that stood before it in the old checklist
    position = -1
    for o, task in enumerate(old.tasks):
        if o in pairs:
            position = pairs[o]
        else:
            keyed.append(((position, 2, o), TaskChange(Change.removed, task.id, None, task.text)))
    keyed.sort(key=lambda item: item[0])
    return ChecklistDiff(old.id, new.id, tuple(change for _, change in keyed))


def _pair(old: tuple[Task, ...], new: tuple[Task, ...]) -> dict[int, int]:
    """Old task index → new task index: the same text, then the same number and an alike text, then the most alike
    text."""
    old_text = [comparable(task.text) for task in old]
    new_text = [comparable(task.text) for task in new]
    pairs: dict[int, int] = {}
    taken: set[int] = set()

    def pair(o: int, n: int) -> None:
        pairs[o] = n
        taken.add(n)

    new_by_text: dict[str, list[int]] = {}
    for n, text in enumerate(new_text):
        new_by_text.setdefault(text, []).append(n)
    for o, text in enumerate(old_text):
        waiting = new_by_text.get(text)
        if waiting:
            pair(o, waiting.pop(0))
    new_by_id = {task.id: n for n, task in enumerate(new)}
    for o, task in enumerate(old):
        same_number = new_by_id.get(task.id)
        if (
            o not in pairs
            and same_number is not None
            and same_number not in taken
            and _likeness(old_text[o], new_text[same_number]) >= SAME_NUMBER_LIKENESS
        ):
            pair(o, same_number)
    candidates = []
    for o in range(len(old)):
        if o in pairs:
            continue
        for n in range(len(new)):
            if n in taken:
                continue
            matcher = SequenceMatcher(None, old_text[o], new_text[n], autojunk=False)
            if matcher.real_quick_ratio() >= OTHER_NUMBER_LIKENESS and matcher.quick_ratio() >= OTHER_NUMBER_LIKENESS:
                ratio = matcher.ratio()
                if ratio >= OTHER_NUMBER_LIKENESS:
                    candidates.append((-ratio, o, n))
    for _ratio, o, n in sorted(candidates):
        if o not in pairs and n not in taken:
            pair(o, n)
    return pairs


def _likeness(a: str, b: str) -> float:
    return 1.0 if a == b else SequenceMatcher(None, a, b, autojunk=False).ratio()


def _longest_increasing(pairs: list[tuple[int, int]]) -> set[int]:
    """The old indices of the longest run of pairs (in new order) whose old order is kept: the tasks not moved."""
    tails: list[int] = []  # tails[k]: the smallest old index ending a kept run of length k + 1
    ends: list[int] = []  # position in `pairs` of that tail
    before: list[int] = [-1] * len(pairs)
    for position, (o, _n) in enumerate(pairs):
        k = bisect_left(tails, o)
        if k == len(tails):
            tails.append(o)
            ends.append(position)
        else:
            tails[k], ends[k] = o, position
        before[position] = ends[k - 1] if k else -1
    kept: set[int] = set()
    position = ends[-1] if ends else -1
    while position >= 0:
        kept.add(pairs[position][0])
        position = before[position]
    return kept
