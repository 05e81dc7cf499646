"""The ledger (台账) in one SQLite file: the default, zero-setup backend of ledger/base.py."""

from __future__ import annotations

import functools
import json
import sqlite3
from contextlib import contextmanager
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Iterator

from inspect_cli.exceptions import NotFound, StorageError
from inspect_cli.core.models import Event, Evidence, Inspection, InspectionTask, Result, Revision, Status
from inspect_cli.ledger.base import EventLink, FinalizedResult, Ledger, NoticeDeadline, NoticeSeal

# "INSP": marks a database as an inspect-cli ledger, so a foreign SQLite file is never migrated.
APPLICATION_ID = 0x494E5350

# Each entry upgrades the schema by one version; never edit a released entry, append a new one.
MIGRATIONS: list[str] = [
    # 1: inspections, their task copies, results, evidence, and the append-only event log
    """
    CREATE TABLE inspections (
        id INTEGER PRIMARY KEY,
        uid TEXT NOT NULL UNIQUE,
        checklist_id TEXT NOT NULL,
        checklist_title TEXT NOT NULL DEFAULT '',
        checklist_path TEXT NOT NULL DEFAULT '',
        checklist_sha256 TEXT NOT NULL,
        unit TEXT NOT NULL,
        inspectors TEXT NOT NULL,
        date TEXT NOT NULL,
        place TEXT NOT NULL DEFAULT '',
        state TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'finalized')),
        content_hash TEXT,
        created_at TEXT NOT NULL,
        finalized_at TEXT
    );
    CREATE INDEX inspections_by_unit ON inspections (checklist_id, unit, state);
    CREATE TABLE inspection_tasks (
        inspection_id INTEGER NOT NULL REFERENCES inspections (id),
        position INTEGER NOT NULL,
        task_id TEXT NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (inspection_id, task_id)
    );
    CREATE TABLE results (
        inspection_id INTEGER NOT NULL REFERENCES inspections (id),
        task_id TEXT NOT NULL,
        status TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        answered_at TEXT NOT NULL,
        answered_by TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (inspection_id, task_id)
    );
    CREATE TABLE evidence (
        id INTEGER PRIMARY KEY,
        inspection_id INTEGER NOT NULL REFERENCES inspections (id),
        task_id TEXT NOT NULL,
        method TEXT NOT NULL,
        description TEXT NOT NULL,
        file_path TEXT,
        file_sha256 TEXT,
        added_at TEXT NOT NULL
    );
    CREATE INDEX evidence_by_task ON evidence (inspection_id, task_id);
    CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        kind TEXT NOT NULL,
        inspection_id INTEGER,
        subject TEXT NOT NULL DEFAULT '',
        detail TEXT NOT NULL DEFAULT '{}'
    );
    CREATE INDEX events_by_inspection ON events (inspection_id);
    CREATE TRIGGER events_are_append_only_update BEFORE UPDATE ON events
        BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
    CREATE TRIGGER events_are_append_only_delete BEFORE DELETE ON events
        BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
    """,
    # 2: revisions, so a finalized inspection can be reopened with a recorded reason
    """
    ALTER TABLE inspections ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;
    CREATE TABLE revisions (
        inspection_id INTEGER NOT NULL REFERENCES inspections (id),
        revision INTEGER NOT NULL,
        reason TEXT NOT NULL,
        previous_hash TEXT NOT NULL,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        PRIMARY KEY (inspection_id, revision)
    );
    """,
    # 3: supervision notices (督办通知书) and the steps of their lifecycle
    """
    CREATE TABLE notices (
        id INTEGER PRIMARY KEY,
        number TEXT NOT NULL UNIQUE,
        code TEXT NOT NULL,
        year INTEGER NOT NULL,
        serial INTEGER NOT NULL,
        issuer TEXT NOT NULL,
        issued_on TEXT NOT NULL,
        unit TEXT NOT NULL,
        inspection_id INTEGER UNIQUE REFERENCES inspections (id),
        requirement TEXT NOT NULL,
        findings TEXT NOT NULL,
        due TEXT NOT NULL,
        current_due TEXT NOT NULL,
        counting TEXT NOT NULL CHECK (counting IN ('days', 'working_days', 'date')),
        period INTEGER,
        reply_due TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'closed')),
        escalation TEXT NOT NULL DEFAULT '',
        closed_on TEXT,
        closed_by TEXT,
        created_at TEXT NOT NULL,
        UNIQUE (code, year, serial)
    );
    CREATE INDEX notices_by_unit ON notices (unit, state);
    CREATE TABLE notice_steps (
        id INTEGER PRIMARY KEY,
        notice_id INTEGER NOT NULL REFERENCES notices (id),
        kind TEXT NOT NULL CHECK (kind IN ('issue', 'remind', 'extend', 'respond', 'close', 'escalate')),
        on_date TEXT NOT NULL,
        actor TEXT NOT NULL,
        detail TEXT NOT NULL DEFAULT '{}',
        at TEXT NOT NULL
    );
    CREATE INDEX notice_steps_by_notice ON notice_steps (notice_id);
    CREATE TRIGGER notice_steps_are_append_only_update BEFORE UPDATE ON notice_steps
        BEGIN SELECT RAISE(ABORT, 'notice steps are append-only'); END;
    CREATE TRIGGER notice_steps_are_append_only_delete BEFORE DELETE ON notice_steps
        BEGIN SELECT RAISE(ABORT, 'notice steps are append-only'); END;
    CREATE INDEX results_by_task ON results (task_id);
    """,
    # 4: passages of a unit's annual report attached to a draft (desk review prefill)
    """
    CREATE TABLE report_passages (
        inspection_id INTEGER NOT NULL REFERENCES inspections (id),
        task_id TEXT NOT NULL,
        rank INTEGER NOT NULL,
        score REAL NOT NULL,
        passage TEXT NOT NULL,
        source TEXT NOT NULL,
        added_at TEXT NOT NULL,
        PRIMARY KEY (inspection_id, task_id, rank)
    );
    """,
    # 5: the plan document a checklist was imported from, for the record's header
    """
    ALTER TABLE inspections ADD COLUMN checklist_source TEXT NOT NULL DEFAULT '';
    """,
    # 6: migration 3 was changed after release (notices.inspection_id lost its NOT NULL): ledgers created
    # before that still have the constraint; rebuild the table so every ledger has the same schema (the
    # definition is repeated on purpose: a released migration is frozen text, never shared code)
    """
    CREATE TABLE notices_rebuilt (
        id INTEGER PRIMARY KEY,
        number TEXT NOT NULL UNIQUE,
        code TEXT NOT NULL,
        year INTEGER NOT NULL,
        serial INTEGER NOT NULL,
        issuer TEXT NOT NULL,
        issued_on TEXT NOT NULL,
        unit TEXT NOT NULL,
        inspection_id INTEGER UNIQUE REFERENCES inspections (id),
        requirement TEXT NOT NULL,
        findings TEXT NOT NULL,
        due TEXT NOT NULL,
        current_due TEXT NOT NULL,
        counting TEXT NOT NULL CHECK (counting IN ('days', 'working_days', 'date')),
        period INTEGER,
        reply_due TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'closed')),
        escalation TEXT NOT NULL DEFAULT '',
        closed_on TEXT,
        closed_by TEXT,
        created_at TEXT NOT NULL,
        UNIQUE (code, year, serial)
    );
    INSERT INTO notices_rebuilt SELECT * FROM notices;
    DROP TABLE notices;
    ALTER TABLE notices_rebuilt RENAME TO notices;
    CREATE INDEX notices_by_unit ON notices (unit, state);
    """,
    # 7: the weakest working-day calendar source a notice's deadlines rest on (configured, official or estimated);
    # notices issued before it existed were counted on the published State Council schedule
    """
    ALTER TABLE notices ADD COLUMN calendar TEXT NOT NULL DEFAULT 'official';
    """,
    # 8: records that prove themselves: the canonical form each content hash was made with, a hash chain
    # over the event log, and a seal over each notice and its steps (filled in for existing rows below)
    _SEALS := """
    ALTER TABLE inspections ADD COLUMN content_form INTEGER;
    ALTER TABLE events ADD COLUMN chain TEXT;
    ALTER TABLE notices ADD COLUMN seal TEXT;
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)

# Work a migration needs beyond SQL, run right after the migration with that number (1-based) inside
# the same transaction; found by the migration's text, so renumbering the list keeps them together.
def _seal_existing_rows(ledger: "SQLiteLedger") -> None:
    """Link the events, seal the notices and record the content form of records made before migration 8."""
    from inspect_cli.core.canonical import chain_link
    from inspect_cli.core.integrity import detect_form

    connection = ledger.connection
    # the log is append-only; its triggers are set aside only while the links of existing events are filled in
    saved = connection.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'events'").fetchall()
    for name, _ in saved:
        connection.execute(f'DROP TRIGGER "{name}"')
    link = None
    for event in connection.execute("SELECT id, at, actor, kind, inspection_id, subject, detail FROM events ORDER BY id").fetchall():
        link = chain_link(link, event)
        connection.execute("UPDATE events SET chain = ? WHERE id = ?", (link, event[0]))
    for _, sql in saved:
        connection.execute(sql)
    for (notice_id,) in connection.execute("SELECT id FROM notices").fetchall():
        ledger.seal_notice(notice_id)
    for inspection_id, stored in connection.execute(
            "SELECT id, content_hash FROM inspections WHERE state = 'finalized' AND content_hash IS NOT NULL").fetchall():
        form = detect_form(ledger, inspection_id, stored)
        if form is not None:  # no form matching: changed before the upgrade, and verify says so
            ledger.set_content_form(inspection_id, form)


MIGRATION_STEPS = {MIGRATIONS.index(_SEALS) + 1: _seal_existing_rows}

_INSPECTION_COLUMNS = ("id, uid, checklist_id, checklist_title, checklist_path, checklist_sha256, unit, inspectors, "
                       "date, place, state, revision, content_hash, created_at, finalized_at, checklist_source")


def _storage_errors(method):
    """Turn any SQLite error a method meets into a one-line StorageError naming the ledger."""

    @functools.wraps(method)
    def guarded(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except sqlite3.Error as exc:
            raise StorageError(f"{self.path}: the ledger could not be read or written ({exc}); check the disk and "
                               "the --ledger path, then try again") from None

    return guarded


class SQLiteLedger(Ledger):
    """A ledger in one SQLite file; use `SQLiteLedger.open(path)` and close it (or use it as a context manager)."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self.connection = connection
        self.path = path
        self.location = str(path)


    # ------------------------------------------------------------ opening and migrating

    @classmethod
    def open(cls, path: Path, create: bool = True) -> "SQLiteLedger":
        """Open (and if needed create or upgrade) the ledger at `path`; StorageError when it cannot be used."""
        path = Path(path)
        if path.is_dir():
            raise StorageError(f"{path}: is a directory, not a ledger file; give a file path with --ledger")
        exists = path.exists()
        if not exists and not create:
            raise NotFound(f"{path}: no ledger yet; start an inspection with 'inspect-cli walk'")
        if not exists:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StorageError(f"{path.parent}: cannot create the ledger folder ({exc.strerror or exc})") from exc
        try:
            connection = sqlite3.connect(str(path), isolation_level=None, timeout=10.0)
        except sqlite3.Error as exc:
            raise StorageError(f"{path}: cannot open the ledger ({exc})") from exc
        ledger = cls(connection, path)
        try:
            ledger._prepare()
        except sqlite3.DatabaseError as exc:
            connection.close()
            raise StorageError(f"{path}: not a usable ledger ({exc}); check the path or restore a backup") from exc
        except StorageError:
            connection.close()
            raise
        return ledger

    def _prepare(self) -> None:
        execute = self.connection.execute
        version = execute("PRAGMA user_version").fetchone()[0]
        application = execute("PRAGMA application_id").fetchone()[0]
        tables = execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if tables and application != APPLICATION_ID:
            raise StorageError(f"{self.path}: is a SQLite database but not an inspect-cli ledger; give another --ledger path")
        if version > SCHEMA_VERSION:
            raise StorageError(f"{self.path}: ledger schema version {version} is newer than this inspect-cli "
                               f"understands ({SCHEMA_VERSION}); upgrade inspect-cli")
        execute("PRAGMA journal_mode = WAL")
        # FULL: a committed answer survives a power cut, not only a crash of the process.
        execute("PRAGMA synchronous = FULL")
        execute("PRAGMA busy_timeout = 10000")
        if version < SCHEMA_VERSION:
            # foreign keys are switched on only after migrating: rebuilding a referenced table needs them off
            self._migrate(version)
        execute("PRAGMA foreign_keys = ON")

    def _migrate(self, version: int) -> None:
        with self.transaction():
            # re-read inside the write lock: another process may have migrated meanwhile
            version = self.connection.execute("PRAGMA user_version").fetchone()[0]
            for number in range(version, SCHEMA_VERSION):
                for statement in _statements(MIGRATIONS[number]):
                    self.connection.execute(statement)
                if number + 1 in MIGRATION_STEPS:
                    MIGRATION_STEPS[number + 1](self)
            problems = self.connection.execute("PRAGMA foreign_key_check").fetchall()
            if problems:
                raise StorageError(f"{self.path}: the upgraded ledger has {len(problems)} row(s) pointing at missing rows; "
                                   "nothing was changed, restore a backup")
            self.connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            self.connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def schema_version(self) -> int:
        """The schema version of the open ledger."""
        return self.connection.execute("PRAGMA user_version").fetchone()[0]

    def close(self) -> None:
        self.connection.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction, committed (durably) on success and rolled back on any error."""
        try:
            self.connection.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise StorageError(f"{self.path}: the ledger is busy or read-only ({exc}); try again") from exc
        try:
            yield
        except BaseException:
            self.connection.execute("ROLLBACK")
            raise
        try:
            self.connection.execute("COMMIT")
        except sqlite3.Error as exc:
            raise StorageError(f"{self.path}: could not save to the ledger ({exc})") from exc

    @contextmanager
    def lock(self, name: str, wait: float = 0.0) -> Iterator[bool]:
        """A lock file in a folder beside the ledger (the system releases it when the process dies)."""
        from filelock import FileLock, Timeout

        folder = self.path.parent / f".{self.path.name}.locks"
        try:
            folder.mkdir(exist_ok=True)
            lock = FileLock(str(folder / f"{name}.lock"), timeout=wait)
            lock.acquire()
        except Timeout:  # a TimeoutError, hence an OSError: caught first
            yield False
            return
        except OSError as exc:
            # the lock folder sits beside the ledger: a problem there is a storage problem, not the user's input
            raise StorageError(f"{folder}: cannot take a lock ({exc.strerror or exc}); check that the "
                               "ledger's folder is writable") from None
        try:
            yield True
        finally:
            lock.release()

    # ------------------------------------------------------------ events

    def log(self, kind: str, actor: str, at: str, inspection_id: int | None = None, subject: str = "",
            detail: dict | None = None) -> None:
        """Append one event, linked to the one before it; call inside the transaction that makes the change it records."""
        from inspect_cli.core.canonical import chain_link

        # the write transaction is held, so the last link and the next id cannot change under us
        previous = self.connection.execute("SELECT id, chain FROM events ORDER BY id DESC LIMIT 1").fetchone()
        event_id = previous[0] + 1 if previous else 1
        detail_text = json.dumps(detail or {}, ensure_ascii=False, sort_keys=True)
        chain = chain_link(previous[1] if previous else None, (event_id, at, actor, kind, inspection_id, subject, detail_text))
        self.connection.execute(
            "INSERT INTO events (id, at, actor, kind, inspection_id, subject, detail, chain) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (event_id, at, actor, kind, inspection_id, subject, detail_text, chain))

    def event_links(self) -> list[EventLink]:
        """(id, at, actor, kind, inspection_id, subject, detail, chain) of every event in order."""
        return [EventLink(*row) for row in self.connection.execute(
            "SELECT id, at, actor, kind, inspection_id, subject, detail, chain FROM events ORDER BY id")]

    def lifecycle_events(self, inspection_id: int) -> list[tuple[str, str]]:
        """(kind, detail) of an inspection's finalize and reopen events, oldest first."""
        return self.connection.execute(
            "SELECT kind, detail FROM events WHERE inspection_id = ? AND kind IN ('inspection.finalized', "
            "'inspection.reopened') ORDER BY id", (inspection_id,)).fetchall()

    def triggers(self) -> set[str]:
        """Names of the triggers in the ledger."""
        return {name for (name,) in self.connection.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}

    def events(self, inspection_id: int | None = None) -> list[Event]:
        """Events in the order they were written, for one inspection or all."""
        if inspection_id is None:
            rows = self.connection.execute("SELECT id, at, actor, kind, inspection_id, subject, detail FROM events ORDER BY id")
        else:
            rows = self.connection.execute("SELECT id, at, actor, kind, inspection_id, subject, detail FROM events "
                                           "WHERE inspection_id = ? ORDER BY id", (inspection_id,))
        return [Event(*row) for row in rows]

    # ------------------------------------------------------------ inspections

    def create_inspection(self, *, uid: str, checklist_id: str, checklist_title: str, checklist_path: str,
                          checklist_sha256: str, unit: str, inspectors: tuple[str, ...], on: date, place: str,
                          created_at: str, tasks: list[InspectionTask], state: str = "draft", revision: int = 1,
                          content_hash: str | None = None, finalized_at: str | None = None,
                          checklist_source: str = "") -> int:
        """Insert an inspection with its task copies; call inside a transaction."""
        cursor = self.connection.execute(
            "INSERT INTO inspections (uid, checklist_id, checklist_title, checklist_path, checklist_sha256, unit, "
            "inspectors, date, place, state, revision, content_hash, created_at, finalized_at, checklist_source) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (uid, checklist_id, checklist_title, checklist_path, checklist_sha256, unit,
             json.dumps(list(inspectors), ensure_ascii=False), on.isoformat(), place, state, revision, content_hash,
             created_at, finalized_at, checklist_source))
        inspection_id = cursor.lastrowid
        self.connection.executemany(
            "INSERT INTO inspection_tasks (inspection_id, position, task_id, data) VALUES (?, ?, ?, ?)",
            [(inspection_id, task.position, task.task_id, _task_json(task)) for task in tasks])
        return inspection_id

    def inspection(self, inspection_id: int) -> Inspection:
        """One inspection by its number, or NotFound."""
        # SQLite integers are 64-bit: a larger number cannot name a row (and would not bind)
        in_range = 0 < inspection_id < 2 ** 63
        row = self.connection.execute(f"SELECT {_INSPECTION_COLUMNS} FROM inspections WHERE id = ?",
                                      (inspection_id,)).fetchone() if in_range else None
        if row is None:
            raise NotFound(f"no inspection {inspection_id} in the ledger {self.path}; see 'inspect-cli inspections list'")
        return self._inspection(row)

    def inspection_by_uid(self, uid: str) -> Inspection | None:
        """The inspection with this global id, if the ledger has it."""
        row = self.connection.execute(f"SELECT {_INSPECTION_COLUMNS} FROM inspections WHERE uid = ?", (uid,)).fetchone()
        return self._inspection(row) if row else None

    def inspections(self, unit: str | None = None, checklist_id: str | None = None, state: str | None = None) -> list[Inspection]:
        """Inspections, newest first (by date, then by number)."""
        clauses, values = [], []
        for column, value in (("unit", unit), ("checklist_id", checklist_id), ("state", state)):
            if value is not None:
                clauses.append(f"{column} = ?")
                values.append(value)
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        rows = self.connection.execute(
            f"SELECT {_INSPECTION_COLUMNS} FROM inspections {where} ORDER BY date DESC, id DESC", values).fetchall()
        return [self._inspection(row) for row in rows]

    def _inspection(self, row: tuple) -> Inspection:
        (id_, uid, checklist_id, title, path, sha, unit, inspectors, on, place, state, revision, content_hash,
         created_at, finalized_at, source) = row
        task_count, answered = self.connection.execute(
            "SELECT (SELECT count(*) FROM inspection_tasks WHERE inspection_id = ?), "
            "(SELECT count(*) FROM results WHERE inspection_id = ?)", (id_, id_)).fetchone()
        return Inspection(id_, uid, checklist_id, title, path, sha, unit, tuple(json.loads(inspectors)),
                          date.fromisoformat(on), place, state, revision, content_hash, created_at, finalized_at,
                          task_count, answered, source)

    def set_state(self, inspection_id: int, state: str, content_hash: str | None, finalized_at: str | None,
                  revision: int | None = None, content_form: int | None = None) -> None:
        """Change an inspection's state (and the canonical form its hash was made with); call inside a transaction."""
        self.connection.execute(
            "UPDATE inspections SET state = ?, content_hash = ?, finalized_at = ?, revision = coalesce(?, revision), "
            "content_form = ? WHERE id = ?", (state, content_hash, finalized_at, revision, content_form, inspection_id))

    def content_form(self, inspection_id: int) -> int | None:
        """The canonical form an inspection's content hash was made with (None: not recorded)."""
        row = self.connection.execute("SELECT content_form FROM inspections WHERE id = ?", (inspection_id,)).fetchone()
        return row[0] if row else None

    def set_content_form(self, inspection_id: int, form: int) -> None:
        """Record the canonical form of an inspection's content hash; call inside a transaction."""
        self.connection.execute("UPDATE inspections SET content_form = ? WHERE id = ?", (form, inspection_id))

    def add_revision(self, inspection_id: int, revision: Revision) -> None:
        """Record a reopening; call inside a transaction."""
        self.connection.execute(
            "INSERT INTO revisions (inspection_id, revision, reason, previous_hash, at, actor) VALUES (?, ?, ?, ?, ?, ?)",
            (inspection_id, revision.revision, revision.reason, revision.previous_hash, revision.at, revision.actor))

    def revisions(self, inspection_id: int) -> list[Revision]:
        """Reopenings of an inspection, oldest first."""
        rows = self.connection.execute("SELECT revision, reason, previous_hash, at, actor FROM revisions "
                                       "WHERE inspection_id = ? ORDER BY revision", (inspection_id,))
        return [Revision(*row) for row in rows]

    def task_ids(self, inspection_id: int) -> set[str]:
        """The ids of an inspection's tasks, without reading the task copies."""
        rows = self.connection.execute("SELECT task_id FROM inspection_tasks WHERE inspection_id = ?", (inspection_id,))
        return {task_id for (task_id,) in rows}

    def tasks(self, inspection_id: int) -> list[InspectionTask]:
        """The task copies of an inspection, in plan order."""
        rows = self.connection.execute("SELECT data FROM inspection_tasks WHERE inspection_id = ? ORDER BY position",
                                       (inspection_id,))
        return [_task_from_json(data) for (data,) in rows]

    # ------------------------------------------------------------ results and evidence

    def save_result(self, inspection_id: int, task_id: str, status: Status, note: str, at: str, actor: str) -> None:
        """Insert or replace one task's result; call inside a transaction."""
        self.connection.execute(
            "INSERT INTO results (inspection_id, task_id, status, note, answered_at, answered_by) VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (inspection_id, task_id) DO UPDATE SET status = excluded.status, note = excluded.note, "
            "answered_at = excluded.answered_at, answered_by = excluded.answered_by",
            (inspection_id, task_id, status.value, note, at, actor))

    def add_evidence(self, inspection_id: int, task_id: str, evidence: Evidence) -> None:
        """Attach one piece of evidence to a task; call inside a transaction."""
        self.connection.execute(
            "INSERT INTO evidence (inspection_id, task_id, method, description, file_path, file_sha256, added_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (inspection_id, task_id, evidence.method, evidence.description, evidence.file_path, evidence.file_sha256,
             evidence.added_at))

    def results(self, inspection_id: int) -> dict[str, Result]:
        """Results of an inspection by task id, each with its evidence in the order it was added."""
        evidence: dict[str, list[Evidence]] = {}
        for task_id, *fields in self.connection.execute(
                "SELECT task_id, method, description, file_path, file_sha256, added_at FROM evidence "
                "WHERE inspection_id = ? ORDER BY id", (inspection_id,)):
            evidence.setdefault(task_id, []).append(Evidence(*fields))
        results = {}
        for task_id, status, note, answered_at, answered_by in self.connection.execute(
                "SELECT task_id, status, note, answered_at, answered_by FROM results WHERE inspection_id = ?", (inspection_id,)):
            results[task_id] = Result(task_id, Status(status), note, answered_at, answered_by,
                                      tuple(evidence.get(task_id, ())))
        # evidence may be added before a result is given
        for task_id, items in evidence.items():
            if task_id not in results:
                results[task_id] = Result(task_id, Status.not_reviewed, "", "", "", tuple(items))
        return results

    def answered_task_ids(self, inspection_id: int) -> set[str]:
        """Task ids that have a recorded answer."""
        rows = self.connection.execute("SELECT task_id FROM results WHERE inspection_id = ?", (inspection_id,))
        return {task_id for (task_id,) in rows}

    def previous_result(self, checklist_id: str, unit: str, task_id: str, before: Inspection) -> tuple[Inspection, Result] | None:
        """This unit's result for the task at its latest finalized inspection before `before`."""
        row = self.connection.execute(
            "SELECT i.id FROM inspections i JOIN results r ON r.inspection_id = i.id "
            "WHERE i.checklist_id = ? AND i.unit = ? AND r.task_id = ? AND i.state = 'finalized' AND i.id != ? "
            "AND (i.date < ? OR (i.date = ? AND i.id < ?)) ORDER BY i.date DESC, i.id DESC LIMIT 1",
            (checklist_id, unit, task_id, before.id, before.date.isoformat(), before.date.isoformat(), before.id)).fetchone()
        if row is None:
            return None
        return self.inspection(row[0]), self.results(row[0])[task_id]


    # ------------------------------------------------------------ desk review passages

    def replace_passages(self, inspection_id: int, source: str, at: str, rows: list[tuple[str, int, float, str]]) -> None:
        """Attach (task_id, rank, score, passage) rows to an inspection, replacing earlier ones; in a transaction."""
        self.connection.execute("DELETE FROM report_passages WHERE inspection_id = ?", (inspection_id,))
        self.connection.executemany(
            "INSERT INTO report_passages (inspection_id, task_id, rank, score, passage, source, added_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)", [(inspection_id, t, r, s, p, source, at) for t, r, s, p in rows])

    def passages(self, inspection_id: int, task_id: str) -> list[tuple[float, str, str]]:
        """(score, passage, source) attached to a task of an inspection, best first."""
        return self.connection.execute(
            "SELECT score, passage, source FROM report_passages WHERE inspection_id = ? AND task_id = ? ORDER BY rank",
            (inspection_id, task_id)).fetchall()

    # ------------------------------------------------------------ deadlines

    def finalized_results(self, checklist_id: str) -> list[FinalizedResult]:
        """(unit, task_id, date, status) of every finalized inspection of a checklist, oldest first."""
        return self._typed(FinalizedResult, 
            "SELECT i.unit, r.task_id, i.date, r.status FROM results r JOIN inspections i ON i.id = r.inspection_id "
            "WHERE i.checklist_id = ? AND i.state = 'finalized' ORDER BY i.date, i.id", (checklist_id,))

    def latest_finalized_results(self, checklist_id: str) -> list[FinalizedResult]:
        """(unit, task_id, date, status) of each unit's latest finalized result per task."""
        # SQLite returns the bare columns of the row holding max(): the latest inspection's result,
        # "latest" by date, then by number for two inspections on one day
        return self._typed(FinalizedResult,
            "SELECT unit, task_id, date, status FROM (SELECT i.unit, r.task_id, i.date, r.status, max(i.rank) "
            "FROM results r JOIN (SELECT id, unit, date, row_number() OVER (ORDER BY date, id) AS rank FROM inspections "
            " WHERE checklist_id = ? AND state = 'finalized') i ON i.id = r.inspection_id "
            "GROUP BY i.unit, r.task_id) AS latest", (checklist_id,))

    def _typed(self, row_type, sql: str, values: tuple = ()) -> list:
        """Rows of a query as NamedTuples, made without a Python call per row (the deadline report reads 100,000)."""
        return list(map(row_type._make, self.connection.execute(sql, values)))

    # ------------------------------------------------------------ notices

    def next_serial(self, code: str, year: int) -> int:
        """The next notice serial for a code and year; call inside the transaction that inserts the notice."""
        return self.connection.execute("SELECT coalesce(max(serial), 0) + 1 FROM notices WHERE code = ? AND year = ?",
                                       (code, year)).fetchone()[0]

    def insert_notice(self, record: dict) -> int:
        """Insert a notice row from a dict of its columns; call inside a transaction."""
        columns = ", ".join(record)
        cursor = self.connection.execute(f"INSERT INTO notices ({columns}) VALUES ({', '.join('?' for _ in record)})",
                                         list(record.values()))
        self.seal_notice(cursor.lastrowid)
        return cursor.lastrowid

    def update_notice(self, notice_id: int, **changes) -> None:
        """Change a notice's current state columns; call inside a transaction."""
        assignments = ", ".join(f"{column} = ?" for column in changes)
        self.connection.execute(f"UPDATE notices SET {assignments} WHERE id = ?", [*changes.values(), notice_id])
        self.seal_notice(notice_id)

    def add_notice_step(self, notice_id: int, kind: str, on: date, actor: str, detail: dict, at: str) -> None:
        """Record one lifecycle step of a notice; call inside a transaction."""
        self.connection.execute("INSERT INTO notice_steps (notice_id, kind, on_date, actor, detail, at) VALUES (?, ?, ?, ?, ?, ?)",
                                (notice_id, kind, on.isoformat(), actor, json.dumps(detail, ensure_ascii=False, sort_keys=True), at))
        self.seal_notice(notice_id)

    def seal_notice(self, notice_id: int) -> None:
        """Store the seal (hash) over a notice's row and steps; done by every write to a notice."""
        from inspect_cli.core.canonical import notice_seal

        self.connection.execute("UPDATE notices SET seal = ? WHERE id = ?", (notice_seal(self.sealed_notice(notice_id)), notice_id))

    def sealed_notice(self, notice_id: int) -> dict:
        """A notice's columns (its seal aside) and steps, as the seal covers them."""
        cursor = self.connection.execute("SELECT * FROM notices WHERE id = ?", (notice_id,))
        names = [column[0] for column in cursor.description]
        row = dict(zip(names, cursor.fetchone()))
        row.pop("seal", None)
        row["steps"] = [list(step) for step in self.connection.execute(
            "SELECT id, kind, on_date, actor, detail, at FROM notice_steps WHERE notice_id = ? ORDER BY id", (notice_id,))]
        return row

    def notice_seals(self) -> list[NoticeSeal]:
        """(id, number, inspection id, stored seal) of every notice."""
        return self._typed(NoticeSeal, "SELECT id, number, inspection_id, seal FROM notices ORDER BY id")

    def notice_rows(self, *, number: str | None = None, unit: str | None = None, state: str | None = None,
                    calendar: str | None = None) -> list[dict]:
        """Notice rows as dicts, each with its steps, in issue order."""
        filters = {"number": number, "unit": unit, "state": state, "calendar": calendar}
        clauses = [f"{column} = ?" for column, value in filters.items() if value is not None]
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        values = [value for value in filters.values() if value is not None]
        cursor = self.connection.execute(f"SELECT * FROM notices {where} ORDER BY issued_on, id", values)
        names = [column[0] for column in cursor.description]
        rows = [dict(zip(names, row)) for row in cursor.fetchall()]
        steps: dict[int, list] = {}
        if rows:
            ids = [row["id"] for row in rows]
            query = "SELECT notice_id, kind, on_date, actor, detail, at FROM notice_steps"
            if len(ids) < 500:
                query += f" WHERE notice_id IN ({', '.join('?' for _ in ids)})"
            for notice_id, *step in self.connection.execute(query + " ORDER BY id", ids if len(ids) < 500 else ()):
                steps.setdefault(notice_id, []).append(step)
        for row in rows:
            row["steps"] = steps.get(row["id"], [])
        return rows

    def open_notice_deadlines(self) -> list[NoticeDeadline]:
        """(number, unit, deadline in force, counting, calendar source) of every open notice."""
        return self._typed(NoticeDeadline, "SELECT number, unit, current_due, counting, calendar FROM notices "
                                           "WHERE state = 'open' ORDER BY issued_on, id")

    def has_open_estimated_notices(self) -> bool:
        """True when an open notice's deadlines rest on an estimated calendar year."""
        return self.connection.execute(
            "SELECT 1 FROM notices WHERE state = 'open' AND calendar = 'estimated' LIMIT 1").fetchone() is not None

    def notice_by_inspection(self, inspection_id: int) -> str | None:
        """The number of the notice issued from an inspection, if any."""
        row = self.connection.execute("SELECT number FROM notices WHERE inspection_id = ?", (inspection_id,)).fetchone()
        return row[0] if row else None

    def units(self) -> list[str]:
        """Every unit the ledger has an inspection of, sorted."""
        return [row[0] for row in self.connection.execute("SELECT DISTINCT unit FROM inspections ORDER BY unit")]

    def delete_draft(self, inspection_id: int) -> None:
        """Remove a draft inspection with its tasks, results, evidence and passages; call inside a transaction."""
        for table in ("report_passages", "evidence", "results", "inspection_tasks", "revisions"):
            self.connection.execute(f"DELETE FROM {table} WHERE inspection_id = ?", (inspection_id,))
        self.connection.execute("DELETE FROM inspections WHERE id = ? AND state = 'draft'", (inspection_id,))

    def remove_results(self, inspection_id: int) -> None:
        """Remove an inspection's results and evidence, for a later revision copied in; call inside a transaction."""
        for table in ("evidence", "results"):
            self.connection.execute(f"DELETE FROM {table} WHERE inspection_id = ?", (inspection_id,))


for _name, _method in list(vars(SQLiteLedger).items()):
    # every public query and write maps SQLite's errors; opening and transactions map their own
    if callable(_method) and not _name.startswith("_") and _name not in ("open", "transaction", "lock", "close"):
        setattr(SQLiteLedger, _name, _storage_errors(_method))


def _statements(script: str) -> list[str]:
    """Split a migration script into statements (triggers hold semicolons inside BEGIN … END)."""
    statements, buffer = [], []
    for line in script.strip().splitlines():
        buffer.append(line)
        joined = "\n".join(buffer).strip()
        if joined.endswith(";") and sqlite3.complete_statement(joined):
            statements.append(joined)
            buffer = []
    if "".join(buffer).strip():
        statements.append("\n".join(buffer))
    return statements


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
