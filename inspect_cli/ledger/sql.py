"""The queries SQLite and PostgreSQL answer alike: every Ledger method that is plain SQL, written once.

A backend subclass supplies the connection and four primitives (`_query`, `_query_many`, `_insert`, and the
driver's error class for `guard_storage_errors`); queries use `?` placeholders, which a backend may rewrite.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from dataclasses import asdict
from datetime import date
from itertools import repeat
from typing import Any, TypeVar

from inspect_cli.domain.models import Event, Evidence, Inspection, InspectionTask, Result, Revision, Status
from inspect_cli.exceptions import InputError, NotFound, StorageError
from inspect_cli.i18n import _
from inspect_cli.ledger.base import (
    NOTICE_BATCH,
    NOTICE_COLUMNS,
    Checkpoint,
    EventLink,
    FinalizedResult,
    Ledger,
    NoticeRow,
    NoticeStepRow,
    ResultStatus,
    SealedNotice,
    StoredContent,
    StoredResult,
    TaskResultRow,
)

_INSPECTION_COLUMNS = (
    "id, uid, checklist_id, checklist_title, checklist_path, checklist_sha256, unit, inspectors, "
    "date, place, state, revision, content_hash, created_at, finalized_at, checklist_source"
)
# an inspection with its task and answer counts, in the one query that reads it (a list of 1,000 is one query)
_INSPECTION_SELECT = (
    "SELECT "
    + ", ".join(f"i.{column.strip()}" for column in _INSPECTION_COLUMNS.split(","))
    + ", (SELECT count(*) FROM inspection_tasks t WHERE t.inspection_id = i.id)"
    + ", (SELECT count(*) FROM results r WHERE r.inspection_id = i.id) FROM inspections i"
)
_EVENT_COLUMNS = "id, at, actor, kind, inspection_id, subject, detail, chain"
_NOTICE_COLUMNS = ", ".join(NOTICE_COLUMNS)
_LIFECYCLE_KINDS = "('inspection.finalized', 'inspection.reopened')"
# a checkpoint of the event log's chain is stored every this many events, so checking the chain's end reads at
# most this many events
CHECKPOINT_EVERY = 256
# inspections read per batch when many records are checked: bounded memory, few queries
CONTENT_BATCH = 200

Row = TypeVar("Row", bound=tuple[Any, ...])

# opening, closing, transactions and locks map the driver's errors themselves
UNGUARDED = frozenset({"open", "transaction", "lock", "close"})


# What a database integer column holds (SQLite and PostgreSQL alike): a larger number is bad input, not storage.
_INTEGER_RANGE = range(-(2**63), 2**63)


def check_integers(*values: Any) -> None:
    """InputError when a whole number among `values` is larger than a database column can hold."""
    for value in values:
        if isinstance(value, int) and value not in _INTEGER_RANGE:
            raise InputError(
                _(
                    "the number {value:.40} is too large to store (the most is {most:,}); check the input it came from"
                ).format(value=str(value), most=_INTEGER_RANGE[-1])
            )


_Backend = TypeVar("_Backend", bound="type[SQLLedger]")


def guard_storage_errors(cls: _Backend, driver_error: type[Exception]) -> _Backend:
    """Wrap every public method of a backend so the driver's errors leave it as one-line StorageErrors."""

    def guard(method: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(method)
        def guarded(self: SQLLedger, *args: Any, **kwargs: Any) -> Any:
            try:
                result = method(self, *args, **kwargs)
            except driver_error as exc:
                raise self._storage_error(exc) from None
            return guarded_rows(self, result) if isinstance(result, Generator) else result

        def guarded_rows(self: SQLLedger, rows: Generator[Any, None, None]) -> Iterator[Any]:
            # a method that yields rows reads them as it is iterated: errors met then are mapped too
            try:
                yield from rows
            except driver_error as exc:
                raise self._storage_error(exc) from None

        return guarded

    for name in dir(cls):
        method = getattr(cls, name)
        if callable(method) and not name.startswith("_") and name not in UNGUARDED and not isinstance(method, type):
            if not isinstance(cls.__dict__.get(name), classmethod):
                setattr(cls, name, guard(method))
    return cls


class SQLLedger(Ledger):
    """The Ledger methods both SQL backends share."""

    location: str
    #: run one statement (sql, then a sequence of values if it has any); returns a cursor to iterate or fetch from
    _query: Callable[..., Any]
    #: run one statement for each row of values
    _query_many: Callable[[str, Iterable[Sequence[Any]]], object]

    def _insert(self, sql: str, values: Sequence[Any]) -> int:
        """Run an INSERT into a table with an `id` column; returns the new row's id."""
        raise NotImplementedError

    def _storage_error(self, exc: Exception) -> StorageError:
        """The one-line StorageError for a driver error met while reading or writing."""
        return StorageError(
            _(
                "{location}: the ledger could not be read or written ({detail}); check the --ledger location, then try "
                "again"
            ).format(location=self.location, detail=str(exc).splitlines()[0])
        )

    # ------------------------------------------------------------ events

    def log(
        self,
        kind: str,
        actor: str,
        at: str,
        inspection_id: int | None = None,
        subject: str = "",
        detail: dict[str, Any] | None = None,
    ) -> None:
        """Append one event, linked to the one before it; call inside the transaction that makes the change it
        records."""
        # the write transaction is held, so the last link and the next id cannot change under us
        self.log_many([(kind, actor, at, inspection_id, subject, detail)])

    def log_many(self, events: list[tuple[str, str, str, int | None, str, dict[str, Any] | None]]) -> None:
        """Append (kind, actor, at, inspection id, subject, detail) events in order, each chained to the one before,
        in one bulk insert; call inside the transaction that makes the changes they record."""
        from inspect_cli.domain.canonical import chain_link, checkpoint_seal

        if not events:
            return
        previous = self._query("SELECT id, chain FROM events ORDER BY id DESC LIMIT 1").fetchone()
        event_id, link = previous if previous else (0, None)
        rows, checkpoints = [], []
        for kind, actor, at, inspection_id, subject, detail in events:
            event_id += 1
            detail_text = json.dumps(detail or {}, ensure_ascii=False, sort_keys=True)
            check_integers(event_id, at, actor, kind, inspection_id, subject)
            link = chain_link(link, (event_id, at, actor, kind, inspection_id, subject, detail_text))
            rows.append((event_id, at, actor, kind, inspection_id, subject, detail_text, link))
            if event_id % CHECKPOINT_EVERY == 0:
                checkpoints.append((event_id, link, checkpoint_seal(event_id, link)))
        self._query_many(f"INSERT INTO events ({_EVENT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
        self._query_many("INSERT INTO chain_checkpoints (event_id, chain, seal) VALUES (?, ?, ?)", checkpoints)

    def event_links_after(self, event_id: int) -> Iterator[EventLink]:
        """The events after `event_id` with their stored links, in order, made without a Python call per row."""
        return map(
            tuple.__new__,
            repeat(EventLink),
            self._query(f"SELECT {_EVENT_COLUMNS} FROM events WHERE id > ? ORDER BY id", (event_id,)),
        )

    def lifecycle_links(self, inspection_id: int) -> list[EventLink]:
        """An inspection's finalize and reopen events with the events just before and after each, in order."""
        own = f"FROM events WHERE inspection_id = ? AND kind IN {_LIFECYCLE_KINDS}"
        return self._fetch_as(
            EventLink,
            f"SELECT {_EVENT_COLUMNS} FROM events WHERE id IN (SELECT id - 1 {own} UNION "
            f"SELECT id {own} UNION SELECT id + 1 {own}) ORDER BY id",
            (inspection_id,) * 3,
        )

    def event_chain(self, event_ids: list[int]) -> dict[int, str]:
        """The stored links of the events named, by event id, read 500 at a time."""
        links: dict[int, str] = {}
        for start in range(0, len(event_ids), 500):
            chunk = event_ids[start : start + 500]
            links.update(
                self._query(
                    f"SELECT id, chain FROM events WHERE id IN ({', '.join('?' for _ in chunk)})", chunk
                ).fetchall()
            )
        return links

    def latest_checkpoint(self) -> Checkpoint | None:
        """The newest stored checkpoint of the event log's chain."""
        row = self._query(
            "SELECT event_id, chain, seal FROM chain_checkpoints ORDER BY event_id DESC LIMIT 1"
        ).fetchone()
        return Checkpoint(*row) if row else None

    def checkpoints(self) -> list[Checkpoint]:
        """Every stored checkpoint, oldest first."""
        return self._fetch_as(Checkpoint, "SELECT event_id, chain, seal FROM chain_checkpoints ORDER BY event_id")

    def lifecycle_events(self, inspection_id: int) -> list[tuple[str, str]]:
        """(kind, detail) of an inspection's finalize and reopen events, oldest first."""
        events: list[tuple[str, str]] = self._query(
            "SELECT kind, detail FROM events WHERE inspection_id = ? AND kind IN ('inspection.finalized', "
            "'inspection.reopened') ORDER BY id",
            (inspection_id,),
        ).fetchall()
        return events

    def events(self, inspection_id: int | None = None) -> list[Event]:
        """Events in the order they were written, for one inspection or all."""
        if inspection_id is None:
            rows = self._query("SELECT id, at, actor, kind, inspection_id, subject, detail FROM events ORDER BY id")
        else:
            rows = self._query(
                "SELECT id, at, actor, kind, inspection_id, subject, detail FROM events "
                "WHERE inspection_id = ? ORDER BY id",
                (inspection_id,),
            )
        return [Event(*row) for row in rows]

    # ------------------------------------------------------------ inspections

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
        """Insert an inspection with its task copies; call inside a transaction."""
        inspection_id = self._insert(
            "INSERT INTO inspections (uid, checklist_id, checklist_title, checklist_path, checklist_sha256, unit, "
            "inspectors, date, place, state, revision, content_hash, created_at, finalized_at, checklist_source) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                uid,
                checklist_id,
                checklist_title,
                checklist_path,
                checklist_sha256,
                unit,
                json.dumps(list(inspectors), ensure_ascii=False),
                on.isoformat(),
                place,
                state,
                revision,
                content_hash,
                created_at,
                finalized_at,
                checklist_source,
            ),
        )
        self._query_many(
            "INSERT INTO inspection_tasks (inspection_id, position, task_id, data) VALUES (?, ?, ?, ?)",
            [(inspection_id, task.position, task.task_id, _task_json(task)) for task in tasks],
        )
        return inspection_id

    def inspection(self, inspection_id: int) -> Inspection:
        """One inspection by its number, or NotFound."""
        # SQLite integers are 64-bit: a larger number cannot name a row (and would not bind)
        in_range = 0 < inspection_id < 2**63
        row = self._query(f"{_INSPECTION_SELECT} WHERE i.id = ?", (inspection_id,)).fetchone() if in_range else None
        if row is None:
            raise NotFound(
                _("no inspection {inspection_id} in the ledger {location}; see 'inspect-cli inspections list'").format(
                    inspection_id=inspection_id, location=self.location
                )
            )
        return self._inspection(row)

    def inspection_ids(self) -> list[int]:
        """The number of every inspection, in order."""
        return [row[0] for row in self._query("SELECT id FROM inspections ORDER BY id")]

    def inspection_by_uid(self, uid: str) -> Inspection | None:
        """The inspection with this global id, if the ledger has it."""
        row = self._query(f"{_INSPECTION_SELECT} WHERE i.uid = ?", (uid,)).fetchone()
        return self._inspection(row) if row else None

    def inspections(
        self, unit: str | None = None, checklist_id: str | None = None, state: str | None = None
    ) -> list[Inspection]:
        """Inspections, newest first (by date, then by number)."""
        where, values = _where({"unit": unit, "checklist_id": checklist_id, "state": state}, "i.")
        rows = self._query(f"{_INSPECTION_SELECT} {where} ORDER BY i.date DESC, i.id DESC", values).fetchall()
        return [self._inspection(row) for row in rows]

    def _inspection(self, row: tuple[Any, ...]) -> Inspection:
        (
            id_,
            uid,
            checklist_id,
            title,
            path,
            sha,
            unit,
            inspectors,
            on,
            place,
            state,
            revision,
            content_hash,
            created_at,
            finalized_at,
            source,
            task_count,
            answered,
        ) = row
        return Inspection(
            id_,
            uid,
            checklist_id,
            title,
            path,
            sha,
            unit,
            tuple(json.loads(inspectors)),
            date.fromisoformat(on),
            place,
            state,
            revision,
            content_hash,
            created_at,
            finalized_at,
            task_count,
            answered,
            source,
        )

    def set_state(
        self,
        inspection_id: int,
        state: str,
        content_hash: str | None,
        finalized_at: str | None,
        revision: int | None = None,
        content_form: int | None = None,
    ) -> None:
        """Change an inspection's state (and the canonical form its hash was made with); call inside a transaction."""
        self._query(
            "UPDATE inspections SET state = ?, content_hash = ?, finalized_at = ?, revision = coalesce(?, revision), "
            "content_form = ? WHERE id = ?",
            (state, content_hash, finalized_at, revision, content_form, inspection_id),
        )

    def content_form(self, inspection_id: int) -> int | None:
        """The canonical form an inspection's content hash was made with (None: not recorded)."""
        row = self._query("SELECT content_form FROM inspections WHERE id = ?", (inspection_id,)).fetchone()
        return row[0] if row else None

    def set_content_form(self, inspection_id: int, form: int) -> None:
        """Record the canonical form of an inspection's content hash; call inside a transaction."""
        self._query("UPDATE inspections SET content_form = ? WHERE id = ?", (form, inspection_id))

    def add_revision(self, inspection_id: int, revision: Revision) -> None:
        """Record a reopening; call inside a transaction."""
        self._query(
            "INSERT INTO revisions (inspection_id, revision, reason, previous_hash, at, actor) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (inspection_id, revision.revision, revision.reason, revision.previous_hash, revision.at, revision.actor),
        )

    def revisions(self, inspection_id: int) -> list[Revision]:
        """Reopenings of an inspection, oldest first."""
        rows = self._query(
            "SELECT revision, reason, previous_hash, at, actor FROM revisions "
            "WHERE inspection_id = ? ORDER BY revision",
            (inspection_id,),
        )
        return [Revision(*row) for row in rows]

    def task_ids(self, inspection_id: int) -> set[str]:
        """The ids of an inspection's tasks, without reading the task copies."""
        rows = self._query("SELECT task_id FROM inspection_tasks WHERE inspection_id = ?", (inspection_id,))
        return {task_id for (task_id,) in rows}

    def tasks(self, inspection_id: int) -> list[InspectionTask]:
        """The task copies of an inspection, in plan order."""
        rows = self._query(
            "SELECT data FROM inspection_tasks WHERE inspection_id = ? ORDER BY position", (inspection_id,)
        )
        return [_task_from_json(data) for (data,) in rows]

    # ------------------------------------------------------------ results and evidence

    def save_result(self, inspection_id: int, task_id: str, status: Status, note: str, at: str, actor: str) -> None:
        """Insert or replace one task's result; call inside a transaction."""
        check_integers(inspection_id, task_id, note, at, actor)
        self._query(
            "INSERT INTO results (inspection_id, task_id, status, note, answered_at, answered_by) "
            "VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (inspection_id, task_id) DO UPDATE SET status = excluded.status, note = excluded.note, "
            "answered_at = excluded.answered_at, answered_by = excluded.answered_by",
            (inspection_id, task_id, status.value, note, at, actor),
        )

    def add_evidence(self, inspection_id: int, task_id: str, evidence: Evidence) -> None:
        """Attach one piece of evidence to a task; call inside a transaction."""
        self._query(
            "INSERT INTO evidence (inspection_id, task_id, method, description, file_path, file_sha256, added_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                inspection_id,
                task_id,
                evidence.method,
                evidence.description,
                evidence.file_path,
                evidence.file_sha256,
                evidence.added_at,
            ),
        )

    def results(self, inspection_id: int) -> dict[str, Result]:
        """Results of an inspection by task id, each with its evidence in the order it was added."""
        evidence: dict[str, list[Evidence]] = {}
        for task_id, *fields in self._query(
            "SELECT task_id, method, description, file_path, file_sha256, added_at FROM evidence "
            "WHERE inspection_id = ? ORDER BY id",
            (inspection_id,),
        ):
            evidence.setdefault(task_id, []).append(Evidence(*fields))
        results = {}
        for task_id, status, note, answered_at, answered_by in self._query(
            "SELECT task_id, status, note, answered_at, answered_by FROM results WHERE inspection_id = ?",
            (inspection_id,),
        ):
            results[task_id] = Result(
                task_id, Status(status), note, answered_at, answered_by, tuple(evidence.get(task_id, ()))
            )
        # evidence may be added before a result is given
        for task_id, items in evidence.items():
            if task_id not in results:
                results[task_id] = Result(task_id, Status.not_reviewed, "", "", "", tuple(items))
        return results

    def result_statuses(self, inspection_ids: list[int]) -> list[ResultStatus]:
        """The status of every result of the given inspections, read 500 inspections at a time."""
        found: list[ResultStatus] = []
        ids = list(inspection_ids)
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            found += self._fetch_as(
                ResultStatus,
                "SELECT inspection_id, task_id, status FROM results WHERE inspection_id IN "
                f"({', '.join('?' for _ in chunk)})",
                tuple(chunk),
            )
        return found

    def status_counts(self, inspection_ids: list[int]) -> dict[str, int]:
        """How many results of the given inspections have each status, counted 500 inspections at a time."""
        counts: dict[str, int] = {}
        ids = list(inspection_ids)
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            for status, count in self._query(
                "SELECT status, count(*) FROM results WHERE inspection_id IN "
                f"({', '.join('?' for _id in chunk)}) GROUP BY status",
                tuple(chunk),
            ):
                counts[status] = counts.get(status, 0) + count
        return counts

    def task_result_rows(
        self, unit: str | None = None, start: str | None = None, end: str | None = None
    ) -> list[TaskResultRow]:
        """Every task of the inspections asked with its result and evidence count, in one query."""
        clauses = [
            clause
            for clause, value in (("i.unit = ?", unit), ("i.date >= ?", start), ("i.date <= ?", end))
            if value is not None
        ]
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        return self._fetch_as(
            TaskResultRow,
            "SELECT i.id, i.unit, i.date, i.checklist_id, i.state, t.task_id, r.status, r.answered_at, r.note, "
            "(SELECT count(*) FROM evidence e WHERE e.inspection_id = t.inspection_id AND e.task_id = t.task_id) "
            "FROM inspections i JOIN inspection_tasks t ON t.inspection_id = i.id "
            "LEFT JOIN results r ON r.inspection_id = t.inspection_id AND r.task_id = t.task_id "
            f"{where} ORDER BY i.date, i.id, t.position",
            tuple(v for v in (unit, start, end) if v is not None),
        )

    def answered_task_ids(self, inspection_id: int) -> set[str]:
        """Task ids that have a recorded answer."""
        rows = self._query("SELECT task_id FROM results WHERE inspection_id = ?", (inspection_id,))
        return {task_id for (task_id,) in rows}

    def previous_result(
        self, checklist_id: str, unit: str, task_id: str, before: Inspection
    ) -> tuple[Inspection, Result] | None:
        """This unit's result for the task at its latest finalized inspection before `before`."""
        row = self._query(
            "SELECT i.id FROM inspections i JOIN results r ON r.inspection_id = i.id "
            "WHERE i.checklist_id = ? AND i.unit = ? AND r.task_id = ? AND i.state = 'finalized' AND i.id != ? "
            "AND (i.date < ? OR (i.date = ? AND i.id < ?)) ORDER BY i.date DESC, i.id DESC LIMIT 1",
            (checklist_id, unit, task_id, before.id, before.date.isoformat(), before.date.isoformat(), before.id),
        ).fetchone()
        if row is None:
            return None
        return self.inspection(row[0]), self.results(row[0])[task_id]

    # ------------------------------------------------------------ desk review passages

    def replace_passages(
        self, inspection_id: int, source: str, at: str, rows: list[tuple[str, int, float, str]]
    ) -> None:
        """Attach (task_id, rank, score, passage) rows to an inspection, replacing earlier ones; in a transaction."""
        self._query("DELETE FROM report_passages WHERE inspection_id = ?", (inspection_id,))
        self._query_many(
            "INSERT INTO report_passages (inspection_id, task_id, rank, score, passage, source, added_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(inspection_id, t, r, s, p, source, at) for t, r, s, p in rows],
        )

    def passages(self, inspection_id: int, task_id: str) -> list[tuple[float, str, str]]:
        """(score, passage, source) attached to a task of an inspection, best first."""
        passages: list[tuple[float, str, str]] = self._query(
            "SELECT score, passage, source FROM report_passages WHERE inspection_id = ? AND task_id = ? ORDER BY rank",
            (inspection_id, task_id),
        ).fetchall()
        return passages

    # ------------------------------------------------------------ deadlines

    def finalized_results(self, checklist_id: str) -> list[FinalizedResult]:
        """(unit, task_id, date, status) of every finalized inspection of a checklist, oldest first."""
        return self._fetch_as(
            FinalizedResult,
            "SELECT i.unit, r.task_id, i.date, r.status FROM results r JOIN inspections i ON i.id = r.inspection_id "
            "WHERE i.checklist_id = ? AND i.state = 'finalized' ORDER BY i.date, i.id",
            (checklist_id,),
        )

    def _fetch_as(self, row_type: type[Row], sql: str, values: tuple[Any, ...] = ()) -> list[Row]:
        """Every row of a query as a `row_type` NamedTuple, made without a Python call per row (the deadline report
        reads 100,000)."""
        # tuple.__new__ mapped in C: no Python call per row, as _make would make
        return list(map(tuple.__new__, repeat(row_type), self._query(sql, values)))

    # ------------------------------------------------------------ notices

    def next_serial(self, code: str, year: int) -> int:
        """The next notice serial for a code and year; call inside the transaction that inserts the notice."""
        serial: int = self._query(
            "SELECT coalesce(max(serial), 0) + 1 FROM notices WHERE code = ? AND year = ?", (code, year)
        ).fetchone()[0]
        return serial

    def insert_notice(self, record: dict[str, Any]) -> int:
        """Insert a notice row from a dict of its columns; call inside a transaction."""
        columns = ", ".join(record)
        notice_id = self._insert(
            f"INSERT INTO notices ({columns}) VALUES ({', '.join('?' for _ in record)})", list(record.values())
        )
        self.seal_notice(notice_id)
        return notice_id

    def update_notice(self, notice_id: int, **changes: Any) -> None:
        """Change a notice's current state columns; call inside a transaction."""
        assignments = ", ".join(f"{column} = ?" for column in changes)
        self._query(f"UPDATE notices SET {assignments} WHERE id = ?", [*changes.values(), notice_id])
        self.seal_notice(notice_id)

    def add_notice_step(self, notice_id: int, kind: str, on: date, actor: str, detail: dict[str, Any], at: str) -> None:
        """Record one lifecycle step of a notice; call inside a transaction."""
        self._query(
            "INSERT INTO notice_steps (notice_id, kind, on_date, actor, detail, at) VALUES (?, ?, ?, ?, ?, ?)",
            (notice_id, kind, on.isoformat(), actor, json.dumps(detail, ensure_ascii=False, sort_keys=True), at),
        )
        self.seal_notice(notice_id)

    def seal_notice(self, notice_id: int) -> None:
        """Store the seal (hash) over a notice's row and steps; done by every write to a notice."""
        from inspect_cli.domain.canonical import notice_seal

        self._query("UPDATE notices SET seal = ? WHERE id = ?", (notice_seal(self.sealed_notice(notice_id)), notice_id))

    def sealed_notice(self, notice_id: int) -> dict[str, Any]:
        """A notice's columns (its seal aside) and steps, as the seal covers them."""
        row = dict(
            zip(
                NOTICE_COLUMNS,
                self._query(f"SELECT {_NOTICE_COLUMNS} FROM notices WHERE id = ?", (notice_id,)).fetchone(),
                strict=True,
            )
        )
        row["steps"] = [
            list(step)
            for step in self._query(
                "SELECT id, kind, on_date, actor, detail, at FROM notice_steps WHERE notice_id = ? ORDER BY id",
                (notice_id,),
            )
        ]
        return row

    def sealed_notices(
        self,
        *,
        number: str | None = None,
        inspection_id: int | None = None,
        unit: str | None = None,
        state: str | None = None,
    ) -> Iterator[SealedNotice]:
        """Notices with their stored seals and sealed forms: the rows in one query, their steps in another."""
        where, values = _where({"number": number, "inspection_id": inspection_id, "unit": unit, "state": state}, "n.")
        rows = self._query(f"SELECT {_NOTICE_COLUMNS}, seal FROM notices n {where} ORDER BY n.id", values).fetchall()
        steps = iter(
            self._query(
                f"SELECT s.notice_id, s.id, s.kind, s.on_date, s.actor, s.detail, s.at FROM notice_steps s "
                f"JOIN notices n ON n.id = s.notice_id {where} ORDER BY s.notice_id, s.id",
                values,
            )
        )
        pending = next(steps, None)
        for *columns, seal in rows:
            row = dict(zip(NOTICE_COLUMNS, columns, strict=True))
            row["steps"] = own = []
            # both reads are ordered by notice: the steps are merged in as the notices go by
            while pending is not None and pending[0] <= row["id"]:
                if pending[0] == row["id"]:
                    own.append(list(pending[1:]))
                pending = next(steps, None)
            yield SealedNotice(row["id"], row["number"], row["inspection_id"], seal, row)

    def stored_contents(self, inspection_ids: list[int]) -> Iterator[StoredContent]:
        """Each inspection's stored record, read CONTENT_BATCH inspections at a time (five queries a batch)."""
        ids = list(inspection_ids)
        for inspection_id in ids:
            if not 0 < inspection_id < 2**63:  # a larger number cannot name a row (and would not bind)
                self.inspection(inspection_id)  # NotFound
        for start in range(0, len(ids), CONTENT_BATCH):
            chunk = ids[start : start + CONTENT_BATCH]
            marks = ", ".join("?" for _ in chunk)
            found = {
                row[0]: self._inspection(row)
                for row in self._query(f"{_INSPECTION_SELECT} WHERE i.id IN ({marks})", chunk).fetchall()
            }
            forms = dict(
                self._query(f"SELECT id, content_form FROM inspections WHERE id IN ({marks})", chunk).fetchall()
            )
            tasks: dict[int, list[str]] = {}
            for inspection_id, data in self._query(
                f"SELECT inspection_id, data FROM inspection_tasks WHERE inspection_id "
                f"IN ({marks}) ORDER BY inspection_id, position",
                chunk,
            ):
                tasks.setdefault(inspection_id, []).append(data)
            evidence: dict[tuple[int, str], list[Evidence]] = {}
            for inspection_id, task_id, *fields in self._query(
                "SELECT inspection_id, task_id, method, description, file_path, file_sha256, added_at FROM evidence "
                f"WHERE inspection_id IN ({marks}) ORDER BY id",
                chunk,
            ):
                evidence.setdefault((inspection_id, task_id), []).append(Evidence(*fields))
            results: dict[int, dict[str, StoredResult]] = {}
            new = tuple.__new__
            for inspection_id, task_id, status, note, answered_at, answered_by in self._query(
                "SELECT inspection_id, task_id, status, note, answered_at, answered_by FROM results "
                f"WHERE inspection_id IN ({marks}) ORDER BY inspection_id, task_id",
                chunk,
            ):
                own = results.get(inspection_id)
                if own is None:
                    own = results[inspection_id] = {}
                items = evidence.get((inspection_id, task_id)) if evidence else None
                own[task_id] = new(
                    StoredResult, (task_id, status, note, answered_at, answered_by, tuple(items) if items else ())
                )
            for (inspection_id, task_id), items in evidence.items():  # evidence may be added before a result is given
                own = results.setdefault(inspection_id, {})
                if task_id not in own:
                    own[task_id] = StoredResult(task_id, Status.not_reviewed.value, "", "", "", tuple(items))
            lifecycle: dict[int, list[tuple[str, str]]] = {}
            for inspection_id, kind, detail in self._query(
                f"SELECT inspection_id, kind, detail FROM events WHERE inspection_id IN ({marks}) "
                f"AND kind IN {_LIFECYCLE_KINDS} ORDER BY id",
                chunk,
            ):
                lifecycle.setdefault(inspection_id, []).append((kind, detail))
            for inspection_id in chunk:
                if inspection_id not in found:
                    raise NotFound(
                        _(
                            "no inspection {inspection_id} in the ledger {location}; see 'inspect-cli inspections list'"
                        ).format(inspection_id=inspection_id, location=self.location)
                    )
                yield StoredContent(
                    found[inspection_id],
                    forms.get(inspection_id),
                    tasks.get(inspection_id, []),
                    results.get(inspection_id, {}),
                    lifecycle.get(inspection_id, []),
                )

    def sync_state(self) -> dict[str, tuple[int, str, int, str | None]]:
        """uid → (revision, state, inspection number, content hash) of every inspection, in one query."""
        return {
            uid: (revision, state, number, digest)
            for uid, revision, state, number, digest in self._query(
                "SELECT uid, revision, state, id, content_hash FROM inspections"
            )
        }

    def copy_rows(self, table: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
        """Insert many rows at once; call inside a transaction."""
        self._query_many(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})", rows)

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
        """Notice rows with their steps, in issue order, in the two queries of notice_row_batches."""
        batches = self.notice_row_batches(
            number=number, unit=unit, state=state, calendar=calendar, steps=steps, open_on=open_on
        )
        return [row for batch in batches for row in batch]

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
        """Notice rows with their steps, in issue order, `size` at a time: every step of them read in one query, then
        the rows in another, made as they are used."""
        where, values = _where({"number": number, "unit": unit, "state": state, "calendar": calendar}, "n.")
        if open_on is not None:  # issued by that day and not closed out by it
            where += (
                " AND " if where else "WHERE "
            ) + "n.issued_on <= ? AND (n.state = 'open' OR n.closed_on IS NULL OR n.closed_on > ?)"
            values += [open_on, open_on]
        found: dict[int, list[NoticeStepRow]] = {}
        if steps:
            query = "SELECT s.notice_id, s.id, s.kind, s.on_date, s.actor, s.detail, s.at FROM notice_steps s"
            if where:
                query += f" JOIN notices n ON n.id = s.notice_id {where}"
            new, own_steps = tuple.__new__, found.get
            for notice_id, *step in self._query(query + " ORDER BY s.id", values):
                own = own_steps(notice_id)
                if own is None:
                    own = found[notice_id] = []
                own.append(new(NoticeStepRow, step))
        rows = self._query(f"SELECT {_NOTICE_COLUMNS}, seal FROM notices n {where} ORDER BY n.issued_on, n.id", values)
        none: tuple[NoticeStepRow, ...] = ()
        while batch := rows.fetchmany(size):
            yield [tuple.__new__(NoticeRow, (*row[:-1], tuple(found.get(row[0], none)), row[-1])) for row in batch]

    def notice_by_inspection(self, inspection_id: int) -> str | None:
        """The number of the notice issued from an inspection, if any."""
        row = self._query("SELECT number FROM notices WHERE inspection_id = ?", (inspection_id,)).fetchone()
        return row[0] if row else None

    def remove_task_evidence(self, inspection_id: int, task_id: str) -> None:
        """Remove the evidence of one task of a draft (its answer was replaced); call inside a transaction."""
        self._query("DELETE FROM evidence WHERE inspection_id = ? AND task_id = ?", (inspection_id, task_id))

    def withdrawn_notice_numbers(self) -> list[str]:
        """Numbers of the notices withdrawn in this ledger, from their `notice.withdrawn` events."""
        return [row[0] for row in self._query("SELECT DISTINCT subject FROM events WHERE kind = 'notice.withdrawn'")]

    def units(self) -> list[str]:
        """Every unit the ledger has an inspection of, sorted."""
        return [row[0] for row in self._query("SELECT DISTINCT unit FROM inspections ORDER BY unit")]

    def delete_draft(self, inspection_id: int) -> None:
        """Remove a draft inspection with its tasks, results, evidence and passages; call inside a transaction."""
        for table in ("report_passages", "evidence", "results", "inspection_tasks", "revisions"):
            self._query(f"DELETE FROM {table} WHERE inspection_id = ?", (inspection_id,))
        self._query("DELETE FROM inspections WHERE id = ? AND state = 'draft'", (inspection_id,))

    def remove_results(self, inspection_id: int) -> None:
        """Remove an inspection's results and evidence, for a later revision copied in; call inside a transaction."""
        for table in ("evidence", "results"):
            self._query(f"DELETE FROM {table} WHERE inspection_id = ?", (inspection_id,))


def _where(filters: dict[str, Any], prefix: str = "") -> tuple[str, list[Any]]:
    """A WHERE clause matching each filter given (None: not filtered), and its values."""
    given = {column: value for column, value in filters.items() if value is not None}
    where = "WHERE " + " AND ".join(f"{prefix}{column} = ?" for column in given) if given else ""
    return where, list(given.values())


def _task_json(task: InspectionTask) -> str:
    data = asdict(task)
    data["due"] = task.due.isoformat() if task.due else None
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def _task_from_json(text: str) -> InspectionTask:
    data = json.loads(text)
    data["due"] = date.fromisoformat(data["due"]) if data.get("due") else None
    for key in ("lead_units", "responsible_units", "verify"):
        data[key] = tuple(data.get(key, ()))
    return InspectionTask(**data)
