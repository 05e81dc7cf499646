"""Records that prove themselves: ledgers of earlier releases migrate and verify; direct edits are detected."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from conftest import JINGMEN_CHECKLIST

from inspect_cli.core.integrity import CURRENT_FORM
from inspect_cli.ledger.sqlite import SCHEMA_VERSION, SQLiteLedger

OLD = Path(__file__).parent.parent / "fixtures" / "old_ledgers"
OLD_LEDGERS = sorted(OLD.glob("schema*.sqlite"))
NUMBER = "荆法督〔2017〕1号"


def _schema(path: Path) -> set[tuple]:
    connection = sqlite3.connect(path)
    try:
        rows = connection.execute("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'")
        return {(kind, name, table, " ".join((sql or "").split())) for kind, name, table, sql in rows}
    finally:
        connection.close()


@pytest.fixture
def finalized(invoke, tmp_path):
    """A ledger with inspection 1 finalized (task 1 noncompliant with evidence) and its notice issued."""
    answers = tmp_path / "a.toml"
    answers.write_text(
        '[[answers]]\ntask = "1"\nstatus = "n"\nnote = "未公开"\n[[answers]]\ntask = "2"\nstatus = "c"\nnote = ""\n',
        encoding="utf-8",
    )
    assert (
        invoke(
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
            "--finalize",
        ).exit_code
        == 0
    )
    return tmp_path / "ledger.db"


def _sql(path: Path, *statements: str) -> None:
    connection = sqlite3.connect(path, isolation_level=None)
    for statement in statements:
        connection.execute(statement)
    connection.close()


@pytest.mark.parametrize("fixture", OLD_LEDGERS, ids=lambda p: p.stem)
def test_ledger_of_an_earlier_release_migrates_verifies_and_round_trips(fixture, invoke, tmp_path):
    path = tmp_path / fixture.name
    shutil.copy(fixture, path)
    checked = invoke("inspections", "verify", "--format", "json", "--ledger", path)
    assert checked.exit_code == 0, checked.output
    report = json.loads(checked.stdout)
    assert report["ok"] and report["inspections"][0]["state"] == "finalized"
    # schema 2 and 3 releases hashed form 1 (uid, full evidence path); schema 4 form 2
    assert report["inspections"][0]["content_form"] == (2 if "schema4" in fixture.name else 1)
    with SQLiteLedger.open(path) as ledger:
        assert ledger.connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    fresh = tmp_path / "fresh.db"
    SQLiteLedger.open(fresh).close()
    assert _schema(path) == _schema(fresh)  # migrated and new ledgers have one schema
    assert invoke("report", "1", "--ledger", path).exit_code == 0
    exported = tmp_path / "export.json"
    assert invoke("inspections", "export", "1", "-o", exported, "--ledger", path).exit_code == 0
    assert json.loads(exported.read_text(encoding="utf-8"))["content_form"] in (1, 2)
    imported = invoke("inspections", "import", exported, "--ledger", fresh)
    assert imported.exit_code == 0, imported.output
    assert invoke("inspections", "verify", "--ledger", fresh).exit_code == 0


@pytest.mark.parametrize("export", sorted(OLD.glob("schema*-export.json")), ids=lambda p: p.stem)
def test_export_of_an_earlier_release_imports_and_verifies(export, invoke, tmp_path):
    assert invoke("inspections", "import", export).exit_code == 0
    assert invoke("inspections", "verify").exit_code == 0


def test_old_notice_migrates_sealed(invoke, tmp_path):
    path = tmp_path / "old.sqlite"
    shutil.copy(OLD / "schema3-1fc63dc.sqlite", path)
    assert invoke("notices", "remind", "法督〔2017〕1号", "--date", "2017-03-25", "--ledger", path).exit_code == 0
    assert invoke("inspections", "verify", "--ledger", path).exit_code == 0
    _sql(path, "UPDATE notices SET current_due = '2018-01-01'")
    assert invoke("inspections", "verify", "--ledger", path).exit_code == 1


def test_new_finalize_records_the_current_form(finalized, invoke):
    report = json.loads(invoke("inspections", "verify", "1", "-f", "json").stdout)
    assert report["ok"] and report["inspections"][0]["content_form"] == CURRENT_FORM and report["events"] == 4


def test_changed_result_is_detected_and_refused_everywhere(finalized, invoke):
    _sql(finalized, "UPDATE results SET status = 'compliant', note = '' WHERE task_id = '1'")
    checked = invoke("inspections", "verify")
    assert checked.exit_code == 1 and "does not match the content hash" in " ".join(checked.stdout.split())
    for command in (("report", "1"), ("inspections", "export", "1"), ("notices", "issue", "1", "--date", "2017-03-10")):
        refused = invoke(*command)
        assert refused.exit_code == 2 and "does not verify" in refused.stderr, command
        assert refused.stderr.count("\n") == 1
    reopened = invoke("inspections", "reopen", "1", "--reason", "改正")
    assert reopened.exit_code == 2 and "does not verify" in reopened.stderr


def test_state_reset_to_draft_is_detected_and_cannot_be_refinalized(finalized, invoke):
    _sql(
        finalized,
        "UPDATE inspections SET state = 'draft', content_hash = NULL WHERE id = 1",
        "UPDATE results SET note = '改过的' WHERE task_id = '1'",
    )
    checked = invoke("inspections", "verify", "1")
    assert checked.exit_code == 1 and "event log says finalized" in checked.stdout
    again = invoke("inspections", "finalize", "1")
    assert again.exit_code == 2 and "event log says it was finalized" in again.stderr


def test_changed_notice_deadline_is_detected(finalized, invoke):
    assert invoke("notices", "issue", "1", "--date", "2017-03-10", "--code", "荆法督").exit_code == 0
    assert invoke("inspections", "verify").exit_code == 0
    _sql(finalized, "UPDATE notices SET current_due = '2017-12-31'")
    checked = invoke("inspections", "verify", "-f", "json")
    assert checked.exit_code == 1
    assert f"notice {NUMBER}" in json.loads(checked.stdout)["inspections"][0]["problems"][0]
    assert invoke("report", "1").exit_code == 2


@pytest.mark.parametrize(
    "change",
    [
        "DELETE FROM events WHERE id = 2",
        'UPDATE events SET detail = \'{"status": "compliant"}\' WHERE id = 2',
        "UPDATE events SET id = 99 WHERE id = 2",
    ],
)
def test_deleted_edited_or_reordered_event_is_detected(finalized, invoke, change):
    _sql(finalized, "DROP TRIGGER events_are_append_only_update", "DROP TRIGGER events_are_append_only_delete", change)
    checked = invoke("inspections", "verify")
    assert checked.exit_code == 1
    assert "event log" in checked.stdout and "trigger events_are_append_only_update is missing" in checked.stdout
    assert invoke("inspections", "export", "1").exit_code == 2


def test_dropped_trigger_alone_is_detected(finalized, invoke):
    _sql(finalized, "DROP TRIGGER notice_steps_are_append_only_delete")
    checked = invoke("inspections", "verify")
    assert checked.exit_code == 1 and "notice_steps_are_append_only_delete is missing" in checked.stdout


def test_changed_notice_is_never_rendered_or_exported_and_is_flagged_where_shown(finalized, invoke, tmp_path):
    assert invoke("notices", "issue", "1", "--date", "2017-03-10", "--code", "荆法督").exit_code == 0
    assert invoke("notices", "render", NUMBER).exit_code == 0
    _sql(finalized, "UPDATE notices SET issuer = '别的机关'")
    for command in (
        ("notices", "render", NUMBER),
        ("notices", "render", NUMBER, "-o", tmp_path / "n.docx"),
        ("ledger", "export", "--what", "notices"),
    ):
        refused = invoke(*command)
        assert refused.exit_code == 2 and "changed outside inspect-cli" in refused.stderr, command
        assert refused.stdout == "" and refused.stderr.count("\n") == 1
    assert not (tmp_path / "n.docx").exists()
    listed = invoke("notices", "list", "--status", "all")
    assert listed.exit_code == 0 and f"Warning: {NUMBER} changed outside inspect-cli" in listed.stderr
    shown = invoke("notices", "show", NUMBER)
    assert shown.exit_code == 0 and "Warning: notice" in shown.stderr and "别的机关" in shown.stdout


def test_changed_inspection_is_flagged_by_show(finalized, invoke):
    assert "Warning" not in invoke("inspections", "show", "1").stderr
    _sql(finalized, "UPDATE results SET status = 'compliant', note = '' WHERE task_id = '1'")
    shown = invoke("inspections", "show", "1")
    assert shown.exit_code == 0 and "Warning: inspection 1 DOES NOT VERIFY" in shown.stderr


_RESTORE_TRIGGERS = (
    "CREATE TRIGGER events_are_append_only_update BEFORE UPDATE ON events "
    "BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END",
    "CREATE TRIGGER events_are_append_only_delete BEFORE DELETE ON events "
    "BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END",
)


def _edit_event(path: Path, event_id: int) -> None:
    """Change one event's detail with a database tool, putting the append-only triggers back afterwards."""
    _sql(
        path,
        "DROP TRIGGER events_are_append_only_update",
        "DROP TRIGGER events_are_append_only_delete",
        f"UPDATE events SET detail = '{{\"edited\": true}}' WHERE id = {event_id}",
        *_RESTORE_TRIGGERS,
    )


def _busy_log(path: Path, events: int) -> None:
    """Append events of other work (a second office's notes) so the log passes its checkpoints."""
    with SQLiteLedger.open(path) as ledger, ledger.transaction():
        for n in range(events):
            ledger.log("note.added", "李四", "2017-03-02T09:00:00+08:00", None, f"note {n}", {"n": n})


def test_a_single_record_action_checks_its_record_and_the_log_from_its_latest_checkpoint(finalized, invoke):
    from inspect_cli.ledger.sql import CHECKPOINT_EVERY

    _busy_log(finalized, CHECKPOINT_EVERY + 20)
    with SQLiteLedger.open(finalized) as ledger:
        point = ledger.latest_checkpoint()
        finalized_event = max(e.id for e in ledger.events(1) if e.kind == "inspection.finalized")
        last = ledger.events()[-1].id
    assert point is not None and point.event_id == CHECKPOINT_EVERY
    # an edited event of other work before the checkpoint: only the full verify reads that far
    _edit_event(finalized, CHECKPOINT_EVERY - 10)
    assert invoke("inspections", "export", "1").exit_code == 0
    checked = invoke("inspections", "verify")
    assert checked.exit_code == 1 and f"event {CHECKPOINT_EVERY - 10} (note.added) does not match" in checked.stdout
    # an edited event after the checkpoint, or the record's own finalize event, is found by the record's check
    for event_id in (last - 3, finalized_event):
        path = finalized.parent / f"copy-{event_id}.db"
        shutil.copy(finalized, path)
        _edit_event(path, event_id)
        refused = invoke("--ledger", path, "notices", "issue", "1", "--date", "2017-03-10", "--code", "荆法督")
        assert refused.exit_code == 2 and f"event {event_id}" in refused.stderr, refused.stderr


def test_a_changed_checkpoint_is_found_by_the_record_check_and_by_verify(finalized, invoke):
    from inspect_cli.ledger.sql import CHECKPOINT_EVERY

    _busy_log(finalized, CHECKPOINT_EVERY)
    _sql(finalized, f"UPDATE chain_checkpoints SET chain = 'x' || substr(chain, 2) WHERE event_id = {CHECKPOINT_EVERY}")
    refused = invoke("report", "1")
    assert (
        refused.exit_code == 2 and f"checkpoint at event {CHECKPOINT_EVERY} does not match its seal" in refused.stderr
    )
    checked = invoke("inspections", "verify")
    assert checked.exit_code == 1 and "checkpoint" in checked.stdout


def test_verify_hashes_stored_records_as_the_canonical_forms_do(invoke, tmp_path, monkeypatch):
    """verify's hasher (each task copy encoded once) gives every form's bytes of domain/canonical.py."""
    from datetime import date

    from sample_pipeline import generate

    from inspect_cli.core.integrity import ContentHasher
    from inspect_cli.domain import canonical
    from inspect_cli.domain.models import Evidence, InspectionTask, Status

    generate(tmp_path, monkeypatch)
    with SQLiteLedger.open(tmp_path / "ledger.db") as ledger:
        with ledger.transaction():  # a draft with evidence before any answer, a file, and an answer to no task copy
            draft = ledger.create_inspection(
                uid="draft",
                checklist_id="c",
                checklist_title="标题",
                checklist_path="/p/c.toml",
                checklist_sha256="0" * 64,
                unit="市编办",
                inspectors=("张三", "李四"),
                on=date(2017, 3, 1),
                place="会议室",
                created_at="t",
                tasks=[
                    InspectionTask(1, "1", "任务一“引号”\\n", lead_units=("市编办",), due=date(2017, 12, 31)),
                    InspectionTask(2, "2", "任务二", ongoing=True, verify=("查阅",)),
                ],
                checklist_source="计划.docx",
            )
            ledger.add_evidence(draft, "2", Evidence("查阅", "台账", "/home/a/证据.pdf", "ab" * 32, "t"))
            ledger.save_result(draft, "1", Status.partial, "部分", "t", "张三")
            ledger.save_result(draft, "9", Status.compliant, "", "t", "张三")
        ids = ledger.inspection_ids()
        assert len(ids) >= 2
        hasher = ContentHasher()
        for stored in ledger.stored_contents(ids):
            number = stored.inspection.id
            for form in canonical.CONTENT_FORMS:
                expected = canonical.content_hash(
                    ledger.inspection(number), ledger.tasks(number), ledger.results(number), form
                )
                assert hasher.digest(stored, form) == expected, (number, form)


def test_an_evidence_file_moved_to_another_folder_in_a_finalized_record_does_not_verify(invoke, tmp_path):
    (tmp_path / "photos").mkdir()
    (tmp_path / "photos" / "公开目录.jpg").write_bytes(b"\xff\xd8 picture")
    answers = tmp_path / "a.toml"
    answers.write_text(
        '[[answers]]\ntask = "1"\nstatus = "n"\nnote = "未公开"\n[[answers.evidence]]\nmethod = "查阅资料"\n'
        'description = "公开目录截图"\nfile = "photos/公开目录.jpg"\n',
        encoding="utf-8",
    )
    assert (
        invoke(
            "walk",
            JINGMEN_CHECKLIST,
            "--unit",
            "编办",
            "--inspector",
            "张三",
            "--date",
            "2017-03-01",
            "--items",
            "1",
            "--answers",
            answers,
            "--finalize",
        ).exit_code
        == 0
    )
    ledger = tmp_path / "ledger.db"
    assert invoke("inspections", "verify").exit_code == 0
    stored = sqlite3.connect(ledger).execute("SELECT file_path FROM evidence").fetchone()[0]
    moved = str(Path(stored).parent.parent / "elsewhere" / Path(stored).name)
    _sql(ledger, f"UPDATE evidence SET file_path = '{moved}'")
    checked = invoke("inspections", "verify", "1")
    assert checked.exit_code == 1, checked.output
