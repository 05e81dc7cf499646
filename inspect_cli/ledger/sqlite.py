"""The ledger (台账) in one SQLite file: the default, zero-setup backend of ledger/base.py."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, cast

from inspect_cli.exceptions import NotFound, StorageError
from inspect_cli.i18n import _
from inspect_cli.ledger.base import FinalizedResult
from inspect_cli.ledger.sql import SQLLedger, guard_storage_errors

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
    # 9: checkpoints of the event log's chain, each sealed with its own hash, so a command that touches one record
    # checks the chain's end from the last checkpoint instead of re-linking the whole log; events found by kind
    # (withdrawn notices) without reading the whole log
    """
    CREATE TABLE chain_checkpoints (
        event_id INTEGER PRIMARY KEY,
        chain TEXT NOT NULL,
        seal TEXT NOT NULL
    );
    CREATE INDEX events_by_kind ON events (kind);
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)


# Work a migration needs beyond SQL, run right after the migration with that number (1-based) inside
# the same transaction; found by the migration's text, so renumbering the list keeps them together.
def _seal_existing_rows(ledger: SQLiteLedger) -> None:
    """Link the events, seal the notices and record the content form of records made before migration 8."""
    from inspect_cli.domain.canonical import chain_link, matching_form

    connection = ledger.connection
    # the log is append-only; its triggers are set aside only while the links of existing events are filled in
    saved = connection.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'events'"
    ).fetchall()
    for name, _sql in saved:
        connection.execute(f'DROP TRIGGER "{name}"')
    link = None
    for event in connection.execute(
        "SELECT id, at, actor, kind, inspection_id, subject, detail FROM events ORDER BY id"
    ).fetchall():
        link = chain_link(link, event)
        connection.execute("UPDATE events SET chain = ? WHERE id = ?", (link, event[0]))
    for _name, sql in saved:
        connection.execute(sql)
    for (notice_id,) in connection.execute("SELECT id FROM notices").fetchall():
        ledger.seal_notice(notice_id)
    for inspection_id, stored in connection.execute(
        "SELECT id, content_hash FROM inspections WHERE state = 'finalized' AND content_hash IS NOT NULL"
    ).fetchall():
        form = matching_form(
            ledger.inspection(inspection_id), ledger.tasks(inspection_id), ledger.results(inspection_id), stored
        )
        if form is not None:  # no form matching: changed before the upgrade, and verify says so
            ledger.set_content_form(inspection_id, form)


MIGRATION_STEPS = {MIGRATIONS.index(_SEALS) + 1: _seal_existing_rows}


class SQLiteLedger(SQLLedger):
    """A ledger in one SQLite file; use `SQLiteLedger.open(path)` and close it (or use it as a context manager)."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self.connection = connection
        self.path = path
        self.location = str(path)
        # bound once: the deadline report runs a query per call, and SQLite takes `?` as it is
        self._query = connection.execute
        self._query_many = connection.executemany

    def _insert(self, sql: str, values: Sequence[Any]) -> int:
        # an INSERT into a table with a rowid always sets lastrowid
        return cast("int", self.connection.execute(sql, values).lastrowid)

    def _storage_error(self, exc: Exception) -> StorageError:
        return StorageError(
            _(
                "{path}: the ledger could not be read or written ({detail}); check the disk and the --ledger path, "
                "then try again"
            ).format(path=self.path, detail=exc)
        )

    # ------------------------------------------------------------ opening and migrating

    @classmethod
    def open(cls, path: Path, create: bool = True) -> SQLiteLedger:
        """Open (and if needed create or upgrade) the ledger at `path`; StorageError when it cannot be used."""
        path = Path(path)
        if path.is_dir():
            raise StorageError(
                _("{path}: is a directory, not a ledger file; give a file path with --ledger").format(path=path)
            )
        exists = path.exists()
        if not exists and not create:
            raise NotFound(_("{path}: no ledger yet; start an inspection with 'inspect-cli walk'").format(path=path))
        if not exists:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StorageError(
                    _("{parent}: cannot create the ledger folder ({detail})").format(
                        parent=path.parent, detail=exc.strerror or exc
                    )
                ) from exc
        try:
            connection = sqlite3.connect(str(path), isolation_level=None, timeout=10.0)
        except sqlite3.Error as exc:
            raise StorageError(_("{path}: cannot open the ledger ({detail})").format(path=path, detail=exc)) from exc
        ledger = cls(connection, path)
        try:
            ledger._prepare()
        except sqlite3.DatabaseError as exc:
            connection.close()
            raise StorageError(
                _("{path}: not a usable ledger ({detail}); check the path or restore a backup").format(
                    path=path, detail=exc
                )
            ) from exc
        except StorageError:
            connection.close()
            raise
        return ledger

    def _prepare(self) -> None:
        execute = self.connection.execute
        # one statement, so one snapshot: another process may be creating this ledger in between
        version, application, tables = execute(
            "SELECT (SELECT user_version FROM pragma_user_version), (SELECT application_id FROM pragma_application_id),"
            " (SELECT count(*) FROM sqlite_master)"
        ).fetchone()
        if tables and application != APPLICATION_ID:
            raise StorageError(
                _("{path}: is a SQLite database but not an inspect-cli ledger; give another --ledger path").format(
                    path=self.path
                )
            )
        if version > SCHEMA_VERSION:
            raise StorageError(
                _(
                    "{path}: ledger schema version {version} is newer than this inspect-cli understands ({value}); "
                    "upgrade inspect-cli"
                ).format(path=self.path, version=version, value=SCHEMA_VERSION)
            )
        self._use_write_ahead_log()
        # FULL: a committed answer survives a power cut, not only a crash of the process.
        execute("PRAGMA synchronous = FULL")
        execute("PRAGMA busy_timeout = 10000")
        if version < SCHEMA_VERSION:
            # foreign keys are switched on only after migrating: rebuilding a referenced table needs them off
            self._migrate(version)
        execute("PRAGMA foreign_keys = ON")

    def _use_write_ahead_log(self, patience: float = 10.0) -> None:
        """Switch the file to WAL (it stays so). Several processes opening a new ledger at once all try to; SQLite
        refuses all but one at once, without waiting, to avoid a deadlock, so the others try again."""
        deadline = time.monotonic() + patience
        while True:
            try:
                self.connection.execute("PRAGMA journal_mode = WAL")
                return
            except sqlite3.OperationalError as exc:
                # SQLite's own code, not its message: SQLITE_LOCKED/SQLITE_BUSY while another process switches
                if (
                    getattr(exc, "sqlite_errorname", "") not in ("SQLITE_LOCKED", "SQLITE_BUSY")
                    or time.monotonic() > deadline
                ):
                    raise
                time.sleep(0.02)

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
                raise StorageError(
                    _(
                        "{path}: the upgraded ledger has {problems} row(s) pointing at missing rows; nothing was "
                        "changed, restore a backup"
                    ).format(path=self.path, problems=len(problems))
                )
            self.connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            self.connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def close(self) -> None:
        self.connection.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction, committed (durably) on success and rolled back on any error."""
        try:
            self.connection.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise StorageError(
                _("{path}: the ledger is busy or read-only ({detail}); try again").format(path=self.path, detail=exc)
            ) from exc
        try:
            yield
        except BaseException:
            self.connection.execute("ROLLBACK")
            raise
        try:
            self.connection.execute("COMMIT")
        except sqlite3.Error as exc:
            raise StorageError(
                _("{path}: could not save to the ledger ({detail})").format(path=self.path, detail=exc)
            ) from exc

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
            raise StorageError(
                _("{folder}: cannot take a lock ({detail}); check that the ledger's folder is writable").format(
                    folder=folder, detail=exc.strerror or exc
                )
            ) from None
        try:
            yield True
        finally:
            lock.release()

    def triggers(self) -> set[str]:
        """Names of the triggers in the ledger."""
        return {name for (name,) in self.connection.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}

    def latest_finalized_results(self, checklist_id: str) -> list[FinalizedResult]:
        """(unit, task_id, date, status) of each unit's latest finalized result per task."""
        # SQLite returns the bare columns of the row holding max(): the latest inspection's result,
        # "latest" by date, then by number for two inspections on one day
        return self._fetch_as(
            FinalizedResult,
            "SELECT unit, task_id, date, status FROM (SELECT i.unit, r.task_id, i.date, r.status, max(i.rank) "
            "FROM results r JOIN (SELECT id, unit, date, row_number() OVER (ORDER BY date, id) AS rank "
            "FROM inspections "
            " WHERE checklist_id = ? AND state = 'finalized') i ON i.id = r.inspection_id "
            "GROUP BY i.unit, r.task_id) AS latest",
            (checklist_id,),
        )


guard_storage_errors(SQLiteLedger, sqlite3.Error)


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
