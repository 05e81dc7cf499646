"""The storage interface: what every backend must implement, and the form a notice's seal covers."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import JINGMEN_CHECKLIST

from inspect_cli.ledger.base import (
    NOTICE_COLUMNS,
    SEALED_FIELDS,
    Ledger,
    NoticeRow,
    NoticeStepRow,
    sealed_form,
)
from inspect_cli.ledger.postgresql import PostgresLedger
from inspect_cli.ledger.sqlite import SQLiteLedger


def test_the_sealed_form_is_the_row_without_its_seal_and_with_each_step_numbered():
    columns = {name: f"<{name}>" for name in NOTICE_COLUMNS}
    steps = (
        NoticeStepRow(7, "issue", "2017-03-10", "张三", "{}", "2017-03-10T09:00:00"),
        NoticeStepRow(9, "close", "2017-04-01", "李四", '{"days_late": 0}', "2017-04-01T09:00:00"),
    )
    row = NoticeRow(**columns, steps=steps, seal="abc")
    assert sealed_form(row) == {
        **columns,
        "steps": [
            [7, "issue", "2017-03-10", "张三", "{}", "2017-03-10T09:00:00"],
            [9, "close", "2017-04-01", "李四", '{"days_late": 0}', "2017-04-01T09:00:00"],
        ],
    }
    assert SEALED_FIELDS == (*NOTICE_COLUMNS, "steps") and "seal" not in SEALED_FIELDS


def test_the_sealed_form_of_a_stored_notice_is_what_its_seal_covers(tmp_path):
    from inspect_cli.core.config import Config
    from inspect_cli.core.inspections import finalize, record_answer, select_tasks, start_inspection
    from inspect_cli.core.notices import issue_notice
    from inspect_cli.domain.models import Status
    from inspect_cli.formats.checklist_toml import load_checklist

    jingmen = load_checklist(JINGMEN_CHECKLIST)
    with SQLiteLedger.open(tmp_path / "ledger.db") as ledger:
        inspection = start_inspection(
            ledger, jingmen, "编办", ["张三"], date(2017, 3, 1), "", select_tasks(jingmen, "市编办")
        )
        record_answer(ledger, inspection.id, "1", Status.noncompliant, "未建立", "张三")
        finalize(ledger, inspection.id, "张三")
        issue_notice(ledger, inspection.id, Config(code="荆法督"), "张三", date(2017, 3, 10), working_days=15)
        [stored] = ledger.sealed_notices()
        [row] = ledger.notice_rows()
    assert stored.sealed == sealed_form(row) == ledger_form(row)
    assert stored.seal and "seal" not in stored.sealed and stored.number == "荆法督〔2017〕1号"


def ledger_form(row: NoticeRow) -> dict:
    """The sealed form worked out by hand: every column but the seal, each step (led by its row id) a list."""
    return {
        **{key: value for key, value in row._asdict().items() if key not in ("seal", "steps")},
        "steps": [[step.id, step.kind, step.on, step.actor, step.detail, step.at] for step in row.steps],
    }


def test_a_backend_that_leaves_out_part_of_the_interface_cannot_be_opened():
    class HalfLedger(Ledger):
        def close(self) -> None:
            pass

    with pytest.raises(TypeError, match="abstract"):
        HalfLedger()
    assert {"transaction", "lock", "inspections", "notice_rows"} <= Ledger.__abstractmethods__


@pytest.mark.parametrize("backend", [SQLiteLedger, PostgresLedger], ids=["sqlite", "postgresql"])
def test_each_backend_implements_the_whole_interface(backend):
    assert issubclass(backend, Ledger) and not backend.__abstractmethods__


def test_a_ledger_closes_itself_at_the_end_of_a_with_block(tmp_path):
    import sqlite3

    with SQLiteLedger.open(tmp_path / "ledger.db") as ledger:
        assert ledger.inspections() == []
    with pytest.raises(sqlite3.ProgrammingError):
        ledger.connection.execute("SELECT 1")
