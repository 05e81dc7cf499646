"""The SQLite ledger: schema versions, migrations, durability rules and refusal of foreign files."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from inspect_cli.domain.models import InspectionTask, Status
from inspect_cli.exceptions import StorageError
from inspect_cli.ledger.sqlite import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION, SQLiteLedger, _statements


def test_new_ledger_is_at_the_current_schema(tmp_path):
    with SQLiteLedger.open(tmp_path / "sub" / "ledger.db") as ledger:
        assert ledger.connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION >= 2
        assert ledger.connection.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert ledger.connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def _open_when_released(path, barrier, said) -> None:
    barrier.wait()
    try:
        SQLiteLedger.open(path).close()
        said.put("ok")
    except StorageError as error:
        said.put(error.message)


@pytest.mark.slow
def test_a_new_ledger_opened_by_eight_processes_at_once_opens_for_each(tmp_path):
    import multiprocessing

    # SQLite lets one of several processes switching a new file to WAL at once go, and refuses the others without
    # waiting (without the ledger's retry, a round of eight fails within the first few).
    context = multiprocessing.get_context("fork")
    for round_ in range(12):
        barrier, said = context.Barrier(8), context.Queue()
        processes = [
            context.Process(target=_open_when_released, args=(tmp_path / f"{round_}.db", barrier, said))
            for _ in range(8)
        ]
        for process in processes:
            process.start()
        outcomes = [said.get(timeout=60) for _ in processes]
        for process in processes:
            process.join()
        assert outcomes == ["ok"] * 8
        with SQLiteLedger.open(tmp_path / f"{round_}.db") as ledger:
            assert ledger.connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_first_version_ledger_is_migrated_without_loss(tmp_path):
    path = tmp_path / "v1.db"
    connection = sqlite3.connect(path)
    for statement in _statements(MIGRATIONS[0]):
        connection.execute(statement)
    connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    connection.execute("PRAGMA user_version = 1")
    connection.execute(
        "INSERT INTO inspections (uid, checklist_id, checklist_sha256, unit, inspectors, date, state, created_at) "
        "VALUES ('u1', 'jingmen', 'abc', '市编办', '[\"张三\"]', '2017-03-10', 'draft', '2017-03-10T09:00:00+08:00')"
    )
    connection.execute(
        'INSERT INTO inspection_tasks VALUES (1, 1, \'1\', \'{"position": 1, "task_id": "1", "text": "任务"}\')'
    )
    connection.execute("INSERT INTO results VALUES (1, '1', 'partial', '缺材料', '2017-03-10T09:05:00+08:00', '张三')")
    connection.execute(
        "INSERT INTO events (at, actor, kind, inspection_id) VALUES ('2017-03-10T09:05:00+08:00', '张三', "
        "'result.saved', 1)"
    )
    connection.commit()
    connection.close()
    with SQLiteLedger.open(path) as ledger:
        assert ledger.connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        inspection = ledger.inspection(1)
        assert inspection.revision == 1 and inspection.unit == "市编办" and inspection.inspectors == ("张三",)
        assert ledger.results(1)["1"].status is Status.partial and ledger.results(1)["1"].note == "缺材料"
        assert ledger.tasks(1) == [InspectionTask(position=1, task_id="1", text="任务")]
        assert [e.kind for e in ledger.events()] == ["result.saved"]
        assert ledger.revisions(1) == []


def test_event_log_is_append_only(tmp_path):
    with SQLiteLedger.open(tmp_path / "l.db") as ledger:
        with ledger.transaction():
            ledger.log("test", "me", "2017-01-01T00:00:00+08:00")
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            ledger.connection.execute("UPDATE events SET actor = 'someone else'")
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            ledger.connection.execute("DELETE FROM events")
        assert [e.actor for e in ledger.events()] == ["me"]


def test_a_failed_transaction_leaves_nothing(tmp_path):
    with SQLiteLedger.open(tmp_path / "l.db") as ledger:
        with pytest.raises(RuntimeError):
            with ledger.transaction():
                ledger.log("test", "me", "2017-01-01T00:00:00+08:00")
                raise RuntimeError("boom")
        assert ledger.events() == []


@pytest.mark.parametrize(
    "content, message",
    [
        (b"this is not a database at all, just some text " * 100, "not a usable ledger"),
    ],
)
def test_non_sqlite_file_is_a_storage_error_and_untouched(tmp_path, content, message):
    path = tmp_path / "notes.db"
    path.write_bytes(content)
    with pytest.raises(StorageError, match=message) as caught:
        SQLiteLedger.open(path)
    assert caught.value.exit_code == 3
    assert path.read_bytes() == content


def test_foreign_sqlite_database_is_refused_and_untouched(tmp_path):
    path = tmp_path / "other.db"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE things (x)")
    connection.commit()
    connection.close()
    before = path.read_bytes()
    with pytest.raises(StorageError, match="not an inspect-cli ledger"):
        SQLiteLedger.open(path)
    assert path.read_bytes() == before


def test_ledger_from_a_newer_version_is_refused(tmp_path):
    path = tmp_path / "future.db"
    SQLiteLedger.open(path).close()
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    connection.close()
    with pytest.raises(StorageError, match=f"schema version {SCHEMA_VERSION + 1} is newer"):
        SQLiteLedger.open(path)


def test_directory_is_refused(tmp_path):
    with pytest.raises(StorageError, match="is a directory"):
        SQLiteLedger.open(tmp_path)


def test_inspection_round_trip(tmp_path):
    task = InspectionTask(
        position=1, task_id="7", text="任务", lead_units=("市编办",), due=date(2017, 12, 31), verify=("清单",)
    )
    with SQLiteLedger.open(tmp_path / "l.db") as ledger:
        with ledger.transaction():
            number = ledger.create_inspection(
                uid="u",
                checklist_id="c",
                checklist_title="t",
                checklist_path="p",
                checklist_sha256="s",
                unit="市编办",
                inspectors=("张三", "李四"),
                on=date(2017, 3, 10),
                place="会议室",
                created_at="now",
                tasks=[task],
            )
        assert ledger.tasks(number) == [task]
        assert ledger.inspection(number).inspectors == ("张三", "李四")
