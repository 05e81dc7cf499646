"""The SQL both backends share: numbers too large for a column are bad input, driver errors leave a backend as
one-line storage errors, and task copies keep every field through the ledger."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from inspect_cli.domain.models import InspectionTask, Status
from inspect_cli.exceptions import InputError, StorageError
from inspect_cli.ledger.sql import _task_from_json, _task_json, _where, check_integers, guard_storage_errors
from inspect_cli.ledger.sqlite import SQLiteLedger


def test_a_number_larger_than_a_column_holds_is_bad_input():
    check_integers(2**63 - 1, -(2**63), "text", None, 1.5e30)
    with pytest.raises(InputError, match=r"the number 9223372036854775808 is too large to store"):
        check_integers(1, 2**63)
    with pytest.raises(InputError) as refused:
        check_integers(10**100)
    assert "1" + "0" * 39 in refused.value.message and "0" * 41 not in refused.value.message  # cut at 40 digits


def test_a_result_with_a_number_past_the_database_is_refused_before_it_is_written(tmp_path):
    with SQLiteLedger.open(tmp_path / "ledger.db") as ledger:
        with pytest.raises(InputError, match="too large to store"), ledger.transaction():
            ledger.save_result(2**64, "1", Status.compliant, "", "2017-03-01T09:00:00+08:00", "张三")


class _DriverError(Exception):
    pass


class _Backend:
    """A stand-in backend whose driver fails on demand."""

    def __init__(self):
        self.closed = False

    def _storage_error(self, exc):
        return StorageError(f"ledger.db: the ledger could not be read or written ({exc})")

    def read(self, fail: bool):
        if fail:
            raise _DriverError("disk I/O error")
        return "row"

    def rows(self):
        yield 1
        raise _DriverError("database disk image is malformed")

    def close(self):
        raise _DriverError("left to the backend")

    def _private(self):
        raise _DriverError("not wrapped")


guard_storage_errors(_Backend, _DriverError)


def test_a_driver_error_leaves_a_public_method_as_one_storage_error():
    backend = _Backend()
    assert backend.read(False) == "row"
    with pytest.raises(StorageError, match=r"could not be read or written \(disk I/O error\)") as raised:
        backend.read(True)
    assert raised.value.__cause__ is None and raised.value.__suppress_context__


def test_rows_read_as_they_are_used_are_guarded_too():
    rows = _Backend().rows()
    assert next(rows) == 1
    with pytest.raises(StorageError, match="malformed"):
        next(rows)


def test_open_close_and_private_methods_map_their_own_errors():
    with pytest.raises(_DriverError):
        _Backend().close()
    with pytest.raises(_DriverError):
        _Backend()._private()


def test_a_real_sqlite_failure_is_a_storage_error(tmp_path):
    with SQLiteLedger.open(tmp_path / "ledger.db") as ledger:
        ledger.connection.execute("DROP TABLE inspections")
        with pytest.raises(StorageError, match="could not be read or written") as raised:
            ledger.inspections()
    assert isinstance(raised.value, StorageError) and not isinstance(raised.value, sqlite3.Error)


def test_where_matches_only_the_filters_given():
    assert _where({"unit": "市编办", "state": None, "id": 3}, "i.") == ("WHERE i.unit = ? AND i.id = ?", ["市编办", 3])
    assert _where({"unit": None}) == ("", [])


def test_a_task_copy_keeps_every_field_through_its_stored_form():
    task = InspectionTask(
        2,
        "2",
        "推行权力清单制度。",
        "一",
        "简政放权",
        ("市编办",),
        ("市财政局",),
        "2017年底",
        date(2017, 12, 31),
        "yearly",
        True,
        ("查阅文件",),
    )
    stored = _task_json(task)
    assert '"due": "2017-12-31"' in stored and "推行权力清单制度" in stored
    assert _task_from_json(stored) == task
    assert _task_from_json(_task_json(InspectionTask(1, "1", "任务"))) == InspectionTask(1, "1", "任务")
