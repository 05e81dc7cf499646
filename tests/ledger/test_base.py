"""The storage interface: what every backend must implement, and the form a notice's seal covers."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import JINGMEN_CHECKLIST

from inspect_cli.ledger.base import Ledger, sealed_form
from inspect_cli.ledger.postgresql import PostgresLedger
from inspect_cli.ledger.sqlite import SQLiteLedger


def test_the_sealed_form_is_the_row_without_its_seal_and_with_each_step_numbered():
    row = {
        "id": 3,
        "number": "荆法督〔2017〕1号",
        "seal": "abc",
        "step_ids": [7, 9],
        "steps": [("issue", "2017-03-10", "张三"), ("close", "2017-04-01", "李四")],
    }
    form = sealed_form(row)
    assert form == {
        "id": 3,
        "number": "荆法督〔2017〕1号",
        "steps": [[7, "issue", "2017-03-10", "张三"], [9, "close", "2017-04-01", "李四"]],
    }
    assert row["seal"] == "abc" and row["step_ids"] == [7, 9]  # the row read is left as it was


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
        [row] = ledger.notice_rows(step_ids=True)
    assert stored.sealed == sealed_form(row) == ledger_form(row)
    assert stored.seal and "seal" not in stored.sealed and stored.number == "荆法督〔2017〕1号"


def ledger_form(row: dict) -> dict:
    """The sealed form worked out by hand: every column but the seal, each step led by its row id."""
    return {
        **{key: value for key, value in row.items() if key not in ("seal", "step_ids", "steps")},
        "steps": [[step_id, *step] for step_id, step in zip(row["step_ids"], row["steps"], strict=True)],
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
