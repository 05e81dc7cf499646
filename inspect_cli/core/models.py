"""The records kept in the ledger: inspections, their task copies, results and evidence."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date


class Status(str, enum.Enum):
    """An inspector's judgement of one task for the unit visited."""

    compliant = "compliant"
    partial = "partial"
    noncompliant = "noncompliant"
    not_applicable = "not_applicable"
    not_reviewed = "not_reviewed"

    @property
    def label_zh(self) -> str:
        return STATUS_ZH[self]

    @property
    def needs_note(self) -> bool:
        return self in (Status.partial, Status.noncompliant)

    @classmethod
    def parse(cls, value: str) -> "Status":
        """A status from its name, its walk letter (c/p/n/x/s) or its Chinese label."""
        text = str(value).strip()
        if text in LETTERS:
            return LETTERS[text]
        for status in cls:
            if text in (status.value, STATUS_ZH[status]) or text in STATUS_ALIASES.get(status, ()):
                return status
        raise ValueError(f"unknown status {value!r}; use one of: {', '.join(s.value for s in cls)} (or c/p/n/x/s)")


STATUS_ZH = {
    Status.compliant: "符合",
    Status.partial: "基本符合",
    Status.noncompliant: "不符合",
    Status.not_applicable: "不适用",
    Status.not_reviewed: "未检查",
}
STATUS_ALIASES = {
    Status.compliant: ("已完成",),
    Status.partial: ("部分完成",),
    Status.noncompliant: ("未完成",),
}
LETTERS = {"c": Status.compliant, "p": Status.partial, "n": Status.noncompliant,
           "x": Status.not_applicable, "s": Status.not_reviewed}
# Worst first: the order findings are listed in.
SEVERITY = [Status.noncompliant, Status.partial, Status.not_reviewed, Status.not_applicable, Status.compliant]

METHODS = ("查阅资料", "座谈", "实地查看")


@dataclass(frozen=True)
class Evidence:
    """What was seen for a task: method, description, and optionally a file with its sha256."""

    method: str
    description: str
    file_path: str | None = None
    file_sha256: str | None = None
    added_at: str = ""


@dataclass(frozen=True)
class Result:
    """One task's result in one inspection."""

    task_id: str
    status: Status
    note: str
    answered_at: str
    answered_by: str = ""
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class InspectionTask:
    """The copy of a checklist task an inspection keeps, so it stays readable if the checklist changes."""

    position: int
    task_id: str
    text: str
    section: str = ""
    topic: str = ""
    lead_units: tuple[str, ...] = ()
    responsible_units: tuple[str, ...] = ()
    deadline: str = ""
    due: date | None = None
    recurrence: str | None = None
    ongoing: bool = False
    verify: tuple[str, ...] = ()


@dataclass(frozen=True)
class Inspection:
    """An on-site inspection of one unit against one checklist."""

    id: int
    uid: str
    checklist_id: str
    checklist_title: str
    checklist_path: str
    checklist_sha256: str
    unit: str
    inspectors: tuple[str, ...]
    date: date
    place: str
    state: str
    revision: int
    content_hash: str | None
    created_at: str
    finalized_at: str | None
    task_count: int = 0
    answered_count: int = 0
    checklist_source: str = ""


@dataclass(frozen=True)
class Revision:
    """A reopening of a finalized inspection: why, when, by whom, and the hash it had."""

    revision: int
    reason: str
    previous_hash: str
    at: str
    actor: str


@dataclass(frozen=True)
class Event:
    """One entry of the append-only event log."""

    id: int
    at: str
    actor: str
    kind: str
    inspection_id: int | None
    subject: str
    detail: str
