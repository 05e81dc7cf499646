"""The views of single results: a push or pull and its conflicts, a settled conflict, a verification, a notice
step's details, an export's format by its file suffix."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from inspect_cli import i18n
from inspect_cli.core.sync import Conflict, Resolution, SyncReport
from inspect_cli.render.output import data_of, render
from inspect_cli.render.reports import (
    INSPECTION_EXPORT,
    VERIFICATION,
    export_suffix_format,
    resolution_view,
    step_detail,
    sync_view,
)


@pytest.fixture(autouse=True)
def english():
    i18n.activate("en")


CONFLICT = Conflict("inspection", "uid-1", "市编办", "a" * 64, "b" * 64, "changed in both ledgers", number=1)


def test_a_push_says_its_counts_and_each_conflict_on_standard_error():
    report = SyncReport(copied=2, unchanged=1, conflicts=(CONFLICT,), withdrawn=1)
    page = sync_view("office.db").forms["table"](report)
    assert page.lines == ("2 copied, 1 unchanged, 1 withdrawn (not copied), 1 conflict(s) (office.db)",)
    assert page.warnings == (
        "conflict: inspection 1 (市编办): changed in both ledgers; here aaaaaaaaaaaaaaaa, there bbbbbbbbbbbbbbbb; "
        "nothing overwritten",
    )
    # pulling, this ledger is the target: "here" is the target's hash
    pulled = sync_view("office.db", pulling=True).forms["table"](report)
    assert "here bbbbbbbbbbbbbbbb, there aaaaaaaaaaaaaaaa" in pulled.warnings[0]
    data = data_of(report, sync_view("office.db"))
    assert data["conflicts"] == [
        {
            "kind": "inspection",
            "key": "uid-1",
            "inspection": 1,
            "unit": "市编办",
            "source_hash": "a" * 64,
            "target_hash": "b" * 64,
            "reason": "changed in both ledgers",
        }
    ]


def test_a_settled_conflict_names_the_revision_that_stands_in_both():
    done = Resolution(3, "市编办", 4, "c" * 64, "other", ("a" * 64, "b" * 64))
    said = render(done, "table", resolution_view("postgresql://office/inspect"))
    assert said.startswith("inspection 3 (市编办): revision 4 (cccccccccccccccc) now stands here and in postgresql:")
    assert json.loads(render(done, "json", resolution_view("x")))["replaced"] == ["a" * 64, "b" * 64]


def test_a_verification_lists_each_inspection_and_a_verdict(tmp_path, jingmen):
    from inspect_cli.core.inspections import finalize, record_answer, select_tasks, start_inspection
    from inspect_cli.core.integrity import verify
    from inspect_cli.domain.models import Status
    from inspect_cli.ledger.sqlite import SQLiteLedger

    with SQLiteLedger.open(tmp_path / "ledger.db") as ledger:
        inspection = start_inspection(
            ledger, jingmen, "市编办", ["张三"], date(2017, 3, 1), "", select_tasks(jingmen, "市编办", "1")
        )
        record_answer(ledger, inspection.id, "1", Status.compliant, "", "张三")
        finalize(ledger, inspection.id, "张三")
        check = verify(ledger, [])
    lines = render(check, "table", VERIFICATION).splitlines()
    assert lines[0].startswith("inspection 1 (市编办, finalized, form ") and lines[0].endswith("): ok")
    assert lines[1].startswith("1 inspection(s), 3 event(s); event log head ") and lines[1].endswith("verified")
    data = data_of(check, VERIFICATION)
    assert data["ok"] and data["inspections"][0]["ok"] and data["inspections"][0]["state"] == "finalized"


def test_a_steps_details_are_one_line():
    detail = {
        "due": "2017-04-09",
        "calendar": "estimated",
        "note": "",
        "file": "回复.pdf",
        "sha256": "0123456789abcdef",
    }
    said = step_detail(detail)
    assert "2017-04-09" in said and "回复.pdf" in said and "sha256 0123456789ab…" in said
    assert "estimated" in said and "note" not in said  # an empty value is left out
    assert step_detail({"files": [{"file": "a.pdf"}, {"file": "b.pdf"}]}).endswith("a.pdf、b.pdf")


def test_an_export_is_written_in_the_format_of_its_suffix():
    assert export_suffix_format(Path("市编办.toml")) == "toml" and export_suffix_format(Path("a.JSON")) == "json"
    assert export_suffix_format(Path("a.txt")) == "json" and export_suffix_format(None) == "json"
    assert render({"format": "x", "place": None}, "toml", INSPECTION_EXPORT) == 'format = "x"\n'
