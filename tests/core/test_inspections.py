"""Inspections in the core: starting, answering, finalize rules, reopen revisions, export and import."""

from __future__ import annotations

import json
from datetime import date

import pytest

from inspect_cli.core.inspections import (
    draft_lock,
    export_inspection,
    finalize,
    first_unanswered,
    import_inspection,
    make_evidence,
    parse_items,
    record_answer,
    reopen,
    select_tasks,
    start_inspection,
)
from inspect_cli.core.integrity import content_hash
from inspect_cli.domain.models import Status
from inspect_cli.exceptions import InputError, NotFound, StateError
from inspect_cli.formats.inspection_export import dump_export, read_export
from inspect_cli.ledger.sqlite import SQLiteLedger


@pytest.fixture
def ledger(tmp_path):
    with SQLiteLedger.open(tmp_path / "ledger.db") as opened:
        yield opened


@pytest.fixture
def draft(ledger, jingmen):
    return start_inspection(
        ledger, jingmen, "编办", ["张三"], date(2017, 3, 10), "市编办会议室", select_tasks(jingmen, "市编办")
    )


def test_tasks_of_a_unit_include_shared_tasks_in_plan_order(jingmen):
    ids = [t.id for t in select_tasks(jingmen, "市编办")]
    assert ids[0] == "1" and "127" in ids and "128" in ids and len(ids) == 16


def test_items_and_section_selection(jingmen):
    assert parse_items("1-3, 35") == [("1", "3"), ("35", None)]
    assert [t.id for t in select_tasks(jingmen, "市编办", items="1-3,35")] == ["1", "2", "3", "35"]
    assert [t.id for t in select_tasks(jingmen, "市编办", section="政府合同", every_task=True)] == ["66", "67", "68"]
    with pytest.raises(NotFound, match="'999'"):
        select_tasks(jingmen, "市编办", items="999")


def test_start_keeps_a_copy_of_the_tasks(ledger, draft, jingmen):
    assert draft.state == "draft" and draft.unit == "市编办" and draft.task_count == 16
    assert draft.checklist_sha256 == jingmen.sha256
    first = ledger.tasks(draft.id)[0]
    assert (
        first.text == next(t for t in jingmen.tasks if t.id == "1").text
        and first.section == "（一）依法全面履行政府职能"
    )
    assert first.topic == "1.深化行政审批制度改革" and first.due == date(2017 - 1, 12, 31)
    assert [e.kind for e in ledger.events(draft.id)] == ["inspection.started"]


def test_answers_are_saved_and_resume_points_at_the_first_unanswered(ledger, draft):
    record_answer(ledger, draft.id, "1", Status.compliant, "", "张三")
    record_answer(
        ledger, draft.id, "2", Status.partial, "缺少公开记录", "张三", (make_evidence("查阅资料", "行政审批事项目录"),)
    )
    assert first_unanswered(ledger, draft.id) == 2
    results = ledger.results(draft.id)
    assert results["2"].note == "缺少公开记录" and results["2"].evidence[0].method == "查阅资料"
    record_answer(ledger, draft.id, "2", Status.compliant, "", "张三")  # changing an answer
    assert ledger.results(draft.id)["2"].status is Status.compliant
    assert [e.kind for e in ledger.events(draft.id)].count("result.saved") == 3


def test_partial_or_noncompliant_needs_a_note(ledger, draft):
    with pytest.raises(InputError, match="needs a note"):
        record_answer(ledger, draft.id, "1", Status.noncompliant, "  ", "张三")
    with pytest.raises(NotFound):
        record_answer(ledger, draft.id, "66", Status.compliant, "", "张三")


def test_evidence_file_is_hashed(tmp_path):
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(b"\xff\xd8 fake jpeg")
    evidence = make_evidence("3", "档案室实地查看", photo)
    assert evidence.method == "实地查看" and len(evidence.file_sha256) == 64
    with pytest.raises(InputError, match="missing.jpg: no such file"):
        make_evidence("1", "x", tmp_path / "missing.jpg")
    with pytest.raises(InputError, match="not one of"):
        make_evidence("电话", "x")


def test_finalize_rules_and_lock(ledger, draft):
    record_answer(ledger, draft.id, "1", Status.noncompliant, "未建立目录", "张三")
    done = finalize(ledger, draft.id, "张三")
    assert done.state == "finalized" and done.content_hash == content_hash(ledger, draft.id)
    with pytest.raises(StateError, match="finalized"):
        record_answer(ledger, draft.id, "2", Status.compliant, "", "张三")
    with pytest.raises(StateError, match="finalized"):
        finalize(ledger, draft.id, "张三")


def test_finalize_refuses_a_result_without_note(ledger, draft):
    # a note can only go missing through an import or a hand edit; finalize still guards it
    with ledger.transaction():
        ledger.save_result(draft.id, "1", Status.partial, "", "2017-03-10T10:00:00+08:00", "x")
    with pytest.raises(StateError, match="task\\(s\\) 1 need a note"):
        finalize(ledger, draft.id, "张三")
    assert ledger.inspection(draft.id).state == "draft"


def test_reopen_records_a_revision(ledger, draft, jingmen):
    record_answer(ledger, draft.id, "1", Status.compliant, "", "张三")
    first_hash = finalize(ledger, draft.id, "张三").content_hash
    with pytest.raises(InputError):
        reopen(ledger, draft.id, " ", "张三")
    reopened = reopen(ledger, draft.id, "单位补交材料", "李四")
    assert reopened.state == "draft" and reopened.revision == 2 and reopened.content_hash is None
    revision = ledger.revisions(draft.id)[0]
    assert (revision.revision, revision.reason, revision.previous_hash, revision.actor) == (
        2,
        "单位补交材料",
        first_hash,
        "李四",
    )
    record_answer(ledger, draft.id, "2", Status.compliant, "", "李四")
    assert finalize(ledger, draft.id, "李四").content_hash != first_hash
    other = start_inspection(ledger, jingmen, "编办", ["张三"], date(2018, 1, 1), "", select_tasks(jingmen, "编办"))
    with pytest.raises(StateError, match="draft already"):
        reopen(ledger, other.id, "x", "y")


def test_export_import_round_trip_is_lossless(tmp_path, ledger, draft):
    photo = tmp_path / "p.jpg"
    photo.write_bytes(b"photo")
    record_answer(
        ledger, draft.id, "1", Status.partial, "缺 | 管道 # 标题", "张三", (make_evidence("1", "目录", photo),)
    )
    record_answer(ledger, draft.id, "2", Status.compliant, "", "张三")
    finalize(ledger, draft.id, "张三")
    reopen(ledger, draft.id, "补充", "张三")
    finalize(ledger, draft.id, "张三")
    exported = export_inspection(ledger, draft.id)
    for fmt in ("json", "toml"):
        path = tmp_path / f"export.{fmt}"
        path.write_text(dump_export(exported, fmt), encoding="utf-8")
        with SQLiteLedger.open(tmp_path / f"other-{fmt}.db") as other:
            imported, added = import_inspection(other, read_export(path))
            assert added
            again = export_inspection(other, imported.id)
            assert again == exported
            assert import_inspection(other, read_export(path)) == (other.inspection(imported.id), False)
            assert len(other.inspections()) == 1


def test_import_refuses_altered_content(tmp_path, ledger, draft):
    record_answer(ledger, draft.id, "1", Status.noncompliant, "未建立", "张三")
    finalize(ledger, draft.id, "张三")
    exported = export_inspection(ledger, draft.id)
    exported["results"][0]["status"] = "compliant"
    path = tmp_path / "altered.json"
    path.write_text(json.dumps(exported, ensure_ascii=False), encoding="utf-8")
    with SQLiteLedger.open(tmp_path / "other.db") as other:
        with pytest.raises(StateError, match="changed after finalizing"):
            import_inspection(other, read_export(path))
        assert other.inspections() == [] and other.events() == []


def test_a_second_writer_is_refused(ledger, draft):
    with draft_lock(ledger, draft):
        with pytest.raises(StateError, match="open in another walk"):
            with draft_lock(ledger, draft):
                pass
    with draft_lock(ledger, draft):  # released again
        pass


def test_an_evidence_method_is_read_by_number_machine_name_or_label_and_kept_as_its_machine_name():
    from inspect_cli.core.inspections import evidence_method
    from inspect_cli.domain.models import EvidenceMethod
    from inspect_cli.exceptions import InputError

    assert evidence_method("1") == evidence_method("查阅资料") == evidence_method("document review") == "查阅资料"
    assert EvidenceMethod.in_language("实地查看", "en") == "site visit"
    with pytest.raises(InputError) as refused:
        evidence_method("p")
    assert "1 document review / 2 interview / 3 site visit" in refused.value.message
