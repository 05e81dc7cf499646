"""What the core needs from a ledger (台账 database), whatever stores it.

A backend (ledger/sqlite.py, ledger/postgresql.py) implements every method here; the contract tests in
tests/ledger/test_contract.py run against each one. Rules every backend keeps:
- errors of the database driver never leave the backend: they are `StorageError`s (exit 3) with one line
  that says which ledger and what to do;
- methods that write are called inside `transaction()`, which commits durably or rolls back everything;
- dates travel as ISO text (`2017-03-10`) in the bulk rows below (parsed only where needed: the deadline
  report reads 100,000 of them), and as `date` in the models.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Iterator
from contextlib import AbstractContextManager
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

from inspect_cli.domain.models import Event, Evidence, Inspection, InspectionTask, Result, Revision, Status


class FinalizedResult(NamedTuple):
    """One result of a finalized inspection, for the deadline report."""

    unit: str
    task_id: str
    on: str  # the inspection's date, ISO
    status: str


def display_location(location: str | Path) -> str:
    """A ledger's location as messages show it: a URL without its password."""
    return re.sub(r"^(\w+://[^:/@]+):[^@]*@", r"\1@", str(location))


class ResultStatus(NamedTuple):
    """The status of one result, for counting and scoring many inspections at once."""

    inspection_id: int
    task_id: str
    status: str


class TaskResultRow(NamedTuple):
    """One task of one inspection with its result, for the results export (status None: never answered)."""

    inspection_id: int
    unit: str
    on: str  # the inspection's date, ISO
    checklist_id: str
    state: str
    task_id: str
    status: str | None
    answered_at: str | None
    note: str | None
    evidence: int


class EventLink(NamedTuple):
    """An event as its chain link covers it, with the stored link."""

    id: int
    at: str
    actor: str
    kind: str
    inspection_id: int | None
    subject: str
    detail: str
    chain: str | None


class Checkpoint(NamedTuple):
    """A stored mark of the event log's chain: the link of one event, sealed with its own hash."""

    event_id: int
    chain: str
    seal: str


class StoredResult(NamedTuple):
    """One task's result as stored (evidence alone makes a not-reviewed result with no answer time)."""

    task_id: str
    status: str
    note: str
    answered_at: str
    answered_by: str
    evidence: tuple[Evidence, ...]


class StoredContent(NamedTuple):
    """What one inspection's record is made of, as stored, for checking it against its hash and the event log."""

    inspection: Inspection
    content_form: int | None
    task_data: list[str]  # each task copy's stored JSON, in plan order
    results: dict[str, StoredResult]
    lifecycle: list[tuple[str, str]]  # (kind, detail JSON) of its finalize and reopen events, oldest first


class NoticeStepRow(NamedTuple):
    """One stored step of a notice (dates ISO, details as their JSON text)."""

    id: int
    kind: str
    on: str
    actor: str
    detail: str
    at: str


class NoticeRow(NamedTuple):
    """One stored notice: its columns (dates ISO, findings as their JSON text), its steps, then its seal."""

    id: int
    number: str
    code: str
    year: int
    serial: int
    issuer: str
    issued_on: str
    unit: str
    inspection_id: int | None
    requirement: str
    findings: str
    due: str
    current_due: str
    counting: str
    period: int | None
    reply_due: str
    state: str
    escalation: str
    closed_on: str | None
    closed_by: str | None
    created_at: str
    calendar: str
    steps: tuple[NoticeStepRow, ...]  # in the order recorded (empty when read without them)
    seal: str | None


#: notice rows made at a time as a list of notices is read: its memory stays flat and is used again batch after batch
NOTICE_BATCH = 500
#: the stored columns of a notice, in NoticeRow's order
NOTICE_COLUMNS = NoticeRow._fields[: NoticeRow._fields.index("steps")]
#: what a notice's seal covers: its columns and its steps, the leading fields of a NoticeRow
SEALED_FIELDS = NoticeRow._fields[: NoticeRow._fields.index("seal")]


def sealed_form(row: NoticeRow) -> dict[str, Any]:
    """A notice row as its seal covers it: its columns (the seal aside) and its steps, each a list."""
    form: dict[str, Any] = dict(zip(SEALED_FIELDS, row, strict=False))
    form["steps"] = [list(step) for step in row.steps]
    return form


class SealedNotice(NamedTuple):
    """A notice's stored seal beside its columns and steps as the seal covers them."""

    notice_id: int
    number: str
    inspection_id: int | None
    seal: str | None
    sealed: dict[str, Any]


class Ledger(ABC):
    """An open ledger; close it, or use it as a context manager."""

    #: where the ledger is, as shown in messages (a file path, or a URL without its password)
    location: str

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------ the store itself

    @abstractmethod
    def close(self) -> None:
        """Release the connection (and any lock this process holds)."""

    @abstractmethod
    def transaction(self) -> AbstractContextManager[None]:
        """One write transaction, committed durably on success and rolled back on any error; writes between
        processes are serialised."""

    @abstractmethod
    def lock(self, name: str, wait: float = 0.0) -> AbstractContextManager[bool]:
        """Hold the named writer lock while the block runs; yields False when another process holds it after
        `wait` seconds. A lock held by a process that dies is released."""

    # ------------------------------------------------------------ the event log

    @abstractmethod
    def log(
        self,
        kind: str,
        actor: str,
        at: str,
        inspection_id: int | None = None,
        subject: str = "",
        detail: dict[str, Any] | None = None,
    ) -> None:
        """Append one event, chained to the one before; inside the transaction that makes the change it records."""

    @abstractmethod
    def log_many(self, events: list[tuple[str, str, str, int | None, str, dict[str, Any] | None]]) -> None:
        """Append (kind, actor, at, inspection id, subject, detail) events in order, chained, in one bulk insert."""

    @abstractmethod
    def events(self, inspection_id: int | None = None) -> list[Event]:
        """Events in the order they were written, for one inspection or all."""

    @abstractmethod
    def event_links_after(self, event_id: int) -> Iterator[EventLink]:
        """The events after `event_id` with their stored links, in order, read as they are used."""

    @abstractmethod
    def lifecycle_links(self, inspection_id: int) -> list[EventLink]:
        """An inspection's finalize and reopen events with the events just before and after each, in order."""

    @abstractmethod
    def event_chain(self, event_ids: list[int]) -> dict[int, str]:
        """The stored links of the events named, by event id."""

    @abstractmethod
    def latest_checkpoint(self) -> Checkpoint | None:
        """The newest stored checkpoint of the event log's chain."""

    @abstractmethod
    def checkpoints(self) -> list[Checkpoint]:
        """Every stored checkpoint, oldest first."""

    @abstractmethod
    def lifecycle_events(self, inspection_id: int) -> list[tuple[str, str]]:
        """(kind, detail JSON) of an inspection's finalize and reopen events, oldest first."""

    @abstractmethod
    def triggers(self) -> set[str]:
        """Names of the guards that keep the event log append-only."""

    # ------------------------------------------------------------ inspections

    @abstractmethod
    def create_inspection(
        self,
        *,
        uid: str,
        checklist_id: str,
        checklist_title: str,
        checklist_path: str,
        checklist_sha256: str,
        unit: str,
        inspectors: tuple[str, ...],
        on: date,
        place: str,
        created_at: str,
        tasks: list[InspectionTask],
        state: str = "draft",
        revision: int = 1,
        content_hash: str | None = None,
        finalized_at: str | None = None,
        checklist_source: str = "",
    ) -> int:
        """Insert an inspection with its task copies; returns its number."""

    @abstractmethod
    def inspection(self, inspection_id: int) -> Inspection:
        """One inspection by its number, or NotFound."""

    @abstractmethod
    def inspection_ids(self) -> list[int]:
        """The number of every inspection, in order."""

    @abstractmethod
    def inspection_by_uid(self, uid: str) -> Inspection | None:
        """The inspection with this global id, if the ledger has it."""

    @abstractmethod
    def inspections(
        self, unit: str | None = None, checklist_id: str | None = None, state: str | None = None
    ) -> list[Inspection]:
        """Inspections, newest first (by date, then by number)."""

    @abstractmethod
    def set_state(
        self,
        inspection_id: int,
        state: str,
        content_hash: str | None,
        finalized_at: str | None,
        revision: int | None = None,
        content_form: int | None = None,
    ) -> None:
        """Change an inspection's state, hash, revision and the canonical form its hash was made with."""

    @abstractmethod
    def content_form(self, inspection_id: int) -> int | None:
        """The canonical form an inspection's content hash was made with (None: not recorded)."""

    @abstractmethod
    def set_content_form(self, inspection_id: int, form: int) -> None:
        """Record the canonical form of an inspection's content hash."""

    @abstractmethod
    def add_revision(self, inspection_id: int, revision: Revision) -> None:
        """Record a reopening."""

    @abstractmethod
    def revisions(self, inspection_id: int) -> list[Revision]:
        """Reopenings of an inspection, oldest first."""

    @abstractmethod
    def task_ids(self, inspection_id: int) -> set[str]:
        """The ids of an inspection's tasks."""

    @abstractmethod
    def tasks(self, inspection_id: int) -> list[InspectionTask]:
        """The task copies of an inspection, in plan order."""

    @abstractmethod
    def delete_draft(self, inspection_id: int) -> None:
        """Remove a draft with its tasks, results, evidence and passages (a finalized inspection stays)."""

    @abstractmethod
    def units(self) -> list[str]:
        """Every unit the ledger has an inspection of, sorted."""

    # ------------------------------------------------------------ results and evidence

    @abstractmethod
    def save_result(self, inspection_id: int, task_id: str, status: Status, note: str, at: str, actor: str) -> None:
        """Insert or replace one task's result."""

    @abstractmethod
    def add_evidence(self, inspection_id: int, task_id: str, evidence: Evidence) -> None:
        """Attach one piece of evidence to a task."""

    @abstractmethod
    def results(self, inspection_id: int) -> dict[str, Result]:
        """Results by task id, each with its evidence in the order it was added (evidence alone makes a
        not-reviewed result)."""

    @abstractmethod
    def remove_results(self, inspection_id: int) -> None:
        """Remove an inspection's results and evidence (a later revision is copied in their place)."""

    @abstractmethod
    def result_statuses(self, inspection_ids: list[int]) -> list[ResultStatus]:
        """The status of every result of the given inspections, in one read."""

    @abstractmethod
    def status_counts(self, inspection_ids: list[int]) -> dict[str, int]:
        """How many results of the given inspections have each status, counted by the store."""

    @abstractmethod
    def task_result_rows(
        self, unit: str | None = None, start: str | None = None, end: str | None = None
    ) -> list[TaskResultRow]:
        """Every task of the inspections of a unit dated from `start` to `end` (ISO, inclusive) with its result and
        evidence count, by inspection date, number and plan order, in one query."""

    @abstractmethod
    def answered_task_ids(self, inspection_id: int) -> set[str]:
        """Task ids that have a recorded answer."""

    @abstractmethod
    def previous_result(
        self, checklist_id: str, unit: str, task_id: str, before: Inspection
    ) -> tuple[Inspection, Result] | None:
        """This unit's result for the task at its latest finalized inspection before `before`."""

    @abstractmethod
    def replace_passages(
        self, inspection_id: int, source: str, at: str, rows: list[tuple[str, int, float, str]]
    ) -> None:
        """Attach (task_id, rank, score, passage) rows from a desk review, replacing earlier ones."""

    @abstractmethod
    def passages(self, inspection_id: int, task_id: str) -> list[tuple[float, str, str]]:
        """(score, passage, source) attached to a task, best first."""

    # ------------------------------------------------------------ deadlines

    @abstractmethod
    def finalized_results(self, checklist_id: str) -> list[FinalizedResult]:
        """Every result of the checklist's finalized inspections, oldest inspection first."""

    @abstractmethod
    def latest_finalized_results(self, checklist_id: str) -> list[FinalizedResult]:
        """Each unit's result per task at its latest finalized inspection (by date, then number)."""

    # ------------------------------------------------------------ notices

    @abstractmethod
    def next_serial(self, code: str, year: int) -> int:
        """The next notice serial for a code and year, unique however many processes issue at once; call in
        the transaction that inserts the notice."""

    @abstractmethod
    def insert_notice(self, record: dict[str, Any]) -> int:
        """Insert (and seal) a notice from a dict of its columns; returns its row number."""

    @abstractmethod
    def update_notice(self, notice_id: int, **changes: Any) -> None:
        """Change (and seal again) a notice's state columns."""

    @abstractmethod
    def add_notice_step(self, notice_id: int, kind: str, on: date, actor: str, detail: dict[str, Any], at: str) -> None:
        """Record (and seal) one lifecycle step of a notice."""

    @abstractmethod
    def seal_notice(self, notice_id: int) -> None:
        """Store the seal over a notice's row and steps."""

    @abstractmethod
    def sealed_notice(self, notice_id: int) -> dict[str, Any]:
        """A notice's columns (its seal aside) and steps, as the seal covers them."""

    @abstractmethod
    def sealed_notices(
        self,
        *,
        number: str | None = None,
        inspection_id: int | None = None,
        unit: str | None = None,
        state: str | None = None,
    ) -> Iterator[SealedNotice]:
        """Every notice (or those of one number, inspection, unit or state) with its stored seal and sealed form, by row
        number, in two queries however many there are."""

    @abstractmethod
    def stored_contents(self, inspection_ids: list[int]) -> Iterator[StoredContent]:
        """The stored record of each inspection named, in the order given, read a batch of inspections at a time."""

    @abstractmethod
    def sync_state(self) -> dict[str, tuple[int, str, int, str | None]]:
        """uid → (revision, state, inspection number, content hash) of every inspection, in one query."""

    @abstractmethod
    def copy_rows(self, table: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
        """Insert many rows into a table at once (a bulk copy); call inside a transaction."""

    @abstractmethod
    def notice_rows(
        self,
        *,
        number: str | None = None,
        unit: str | None = None,
        state: str | None = None,
        calendar: str | None = None,
        steps: bool = True,
        open_on: str | None = None,
    ) -> list[NoticeRow]:
        """Notice rows with their steps (left empty with steps=False), in issue order; each filter given narrows
        them (`open_on`, an ISO day: issued by then and not closed out by then)."""

    @abstractmethod
    def notice_row_batches(
        self,
        *,
        number: str | None = None,
        unit: str | None = None,
        state: str | None = None,
        calendar: str | None = None,
        steps: bool = True,
        open_on: str | None = None,
        size: int = NOTICE_BATCH,
    ) -> Iterator[list[NoticeRow]]:
        """The rows notice_rows reads, `size` at a time as they are read, in the same two queries (a list of
        thousands of notices is checked and written a batch at a time)."""

    @abstractmethod
    def notice_by_inspection(self, inspection_id: int) -> str | None:
        """The number of the notice issued from an inspection, if any."""

    @abstractmethod
    def withdrawn_notice_numbers(self) -> list[str]:
        """Numbers of the notices withdrawn in this ledger (a `notice.withdrawn` event each): they stay used here."""

    @abstractmethod
    def remove_task_evidence(self, inspection_id: int, task_id: str) -> None:
        """Remove the evidence of one task of a draft (its answer was replaced); call inside a transaction."""
