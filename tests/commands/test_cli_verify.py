"""`inspections verify`: every record, notice and the event log checked; a line per inspection and a verdict, or
one JSON object; exit 1 naming what does not match."""

from __future__ import annotations

import json
import sqlite3

import pytest
from conftest import JINGMEN_CHECKLIST


@pytest.fixture
def walked(invoke, tmp_path):
    """Inspection 1 of 市编办, tasks 1 and 2 answered (three events: started and two answers), still a draft."""
    answers = tmp_path / "a.toml"
    answers.write_text(
        '[[answers]]\ntask = "1"\nstatus = "n"\nnote = "未公开"\n[[answers]]\ntask = "2"\nstatus = "c"\n',
        encoding="utf-8",
    )
    result = invoke(
        "walk",
        JINGMEN_CHECKLIST,
        "--unit",
        "编办",
        "--inspector",
        "张三",
        "--date",
        "2017-03-01",
        "--items",
        "1-2",
        "--answers",
        answers,
    )
    assert result.exit_code == 0, result.output
    return tmp_path / "ledger.db"


@pytest.fixture
def finalized(walked, invoke):
    assert invoke("inspections", "finalize", "1").exit_code == 0
    return walked


def test_a_draft_and_a_finalized_record_verify(walked, invoke):
    draft = invoke("inspections", "verify")
    assert draft.exit_code == 0 and draft.stdout.startswith("inspection 1 (市编办, draft): ok\n")
    assert invoke("inspections", "finalize", "1").exit_code == 0
    lines = invoke("inspections", "verify", "1").stdout.splitlines()
    assert lines[0].startswith("inspection 1 (市编办, finalized, form ") and lines[0].endswith("): ok")
    assert lines[1].startswith("1 inspection(s), 4 event(s); event log head ") and lines[1].endswith("; verified")


def test_json_is_one_object_with_the_chain_head(finalized, invoke):
    report = json.loads(invoke("inspections", "verify", "--format", "json").stdout)
    assert report["ok"] and report["events"] == 4 and len(report["chain_head"]) == 64
    assert report["ledger_problems"] == []
    [inspection] = report["inspections"]
    assert (inspection["inspection_id"], inspection["state"], inspection["ok"]) == (1, "finalized", True)


def test_a_changed_record_does_not_verify_and_exits_1(finalized, invoke):
    with sqlite3.connect(finalized) as connection:
        connection.execute("UPDATE results SET note = '改过' WHERE task_id = '1'")
    checked = invoke("inspections", "verify")
    assert checked.exit_code == 1 and checked.stdout.rstrip().endswith("DOES NOT VERIFY")
    assert "inspection 1 (市编办, finalized): " in checked.stdout
    report = json.loads(invoke("inspections", "verify", "-f", "json").stdout)
    assert not report["ok"] and not report["inspections"][0]["ok"] and report["inspections"][0]["problems"]


def test_without_a_ledger_there_is_nothing_to_verify(invoke, tmp_path):
    result = invoke("inspections", "verify")
    assert result.exit_code == 2 and "no ledger yet" in result.stderr and not (tmp_path / "ledger.db").exists()


def test_verify_of_an_unknown_id_is_one_line(finalized, invoke):
    for number in ("7", str(2**64)):
        result = invoke("inspections", "verify", number)
        assert result.exit_code == 2 and result.stderr.startswith("Error: no inspection")
