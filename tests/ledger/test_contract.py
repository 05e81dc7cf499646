"""The ledger interface (ledger/base.py), held to by every backend: each test runs on each backend in turn."""

from __future__ import annotations

import json
from datetime import date

import pytest

from inspect_cli.domain.models import Evidence, InspectionTask, Revision, Status
from inspect_cli.exceptions import NotFound, StorageError
from inspect_cli.ledger import open_location
from inspect_cli.ledger.base import Ledger, NoticeRow

# A new backend adds its name here and a branch in `ledger_location`: the same contract tests then run on it.
BACKENDS = ["sqlite", "postgresql"]


def ledger_location(backend: str, request, tmp_path):
    """Where a fresh, empty ledger of this backend is."""
    if backend == "sqlite":
        return tmp_path / "contract.db"
    if backend == "postgresql":
        return request.getfixturevalue("postgres_database")
    raise ValueError(backend)


@pytest.fixture(params=BACKENDS)
def location(request, tmp_path):
    """A fresh ledger location of each backend in turn."""
    return ledger_location(request.param, request, tmp_path)


@pytest.fixture
def ledger(location):
    """A fresh, open ledger of each backend in turn."""
    from inspect_cli.ledger import open_location

    with open_location(location) as opened:
        yield opened


TASKS = [
    InspectionTask(1, "1", "建立行政审批事项目录清单。", "一", "", ("市编办",), (), "2016年底完成", date(2016, 12, 31)),
    InspectionTask(
        2,
        "2",
        "推行权力清单制度。",
        "一",
        "",
        ("市编办", "市政府法制办"),
        ("市财政局",),
        "长期坚持",
        None,
        None,
        True,
        ("查阅文件",),
    ),
]


def _inspection(
    ledger: Ledger,
    unit: str = "市编办",
    on: date = date(2017, 3, 1),
    uid: str = "u1",
    checklist_id: str = "jm",
    **extra,
) -> int:
    with ledger.transaction():
        return ledger.create_inspection(
            uid=uid,
            checklist_id=checklist_id,
            checklist_title="实施方案",
            checklist_path="plan.toml",
            checklist_sha256="ab" * 32,
            unit=unit,
            inspectors=("张三", "李四"),
            on=on,
            place="会议室",
            created_at="2017-03-01T09:00:00",
            tasks=TASKS,
            **extra,
        )


def _notice(ledger: Ledger, inspection_id: int | None, serial: int, **changes) -> int:
    record = {
        "number": f"荆法督〔2017〕{serial}号",
        "code": "荆法督",
        "year": 2017,
        "serial": serial,
        "issuer": "市法治办",
        "issued_on": "2017-03-10",
        "unit": "市编办",
        "inspection_id": inspection_id,
        "requirement": "限期整改",
        "findings": json.dumps([{"task_id": "1", "found": "未公开"}], ensure_ascii=False),
        "due": "2017-04-09",
        "current_due": "2017-04-09",
        "counting": "days",
        "period": 30,
        "reply_due": "2017-04-19",
        "created_at": "2017-03-10T10:00:00",
        "calendar": "official",
        **changes,
    }
    with ledger.transaction():
        notice_id = ledger.insert_notice(record)
        ledger.add_notice_step(
            notice_id, "issue", date(2017, 3, 10), "张三", {"due": "2017-04-09"}, "2017-03-10T10:00:00"
        )
    return notice_id


def test_a_new_ledger_is_empty_and_says_where_it_is(ledger, location):
    assert isinstance(ledger, Ledger)
    assert ledger.inspections() == [] and ledger.units() == [] and ledger.notice_rows() == []
    assert ledger.events() == [] and list(ledger.event_links_after(0)) == []
    # messages name the ledger by its file or database
    assert str(location).rstrip("/").split("/")[-1] in ledger.location


def test_inspections_keep_their_fields_tasks_and_order(ledger):
    first = _inspection(ledger, on=date(2017, 3, 1), uid="a")
    second = _inspection(ledger, unit="市财政局", on=date(2018, 3, 1), uid="b")
    third = _inspection(ledger, on=date(2018, 3, 1), uid="c", checklist_id="other")
    got = ledger.inspection(first)
    assert (got.uid, got.unit, got.inspectors, got.date, got.place, got.state, got.revision) == (
        "a",
        "市编办",
        ("张三", "李四"),
        date(2017, 3, 1),
        "会议室",
        "draft",
        1,
    )
    assert (got.task_count, got.answered_count) == (2, 0)
    assert ledger.tasks(first) == TASKS and ledger.task_ids(first) == {"1", "2"}
    assert ledger.inspection_by_uid("b").id == second and ledger.inspection_by_uid("zz") is None
    # newest first: by date, then by number
    assert [i.id for i in ledger.inspections()] == [third, second, first]
    assert [i.id for i in ledger.inspections(unit="市编办")] == [third, first]
    assert [i.id for i in ledger.inspections(checklist_id="jm", state="draft")] == [second, first]
    assert ledger.units() == sorted(["市编办", "市财政局"])
    with pytest.raises(NotFound):
        ledger.inspection(999)
    with pytest.raises(NotFound):
        ledger.inspection(2**70)


def test_results_are_replaced_and_carry_their_evidence(ledger):
    inspection = _inspection(ledger)
    with ledger.transaction():
        ledger.save_result(inspection, "1", Status.partial, "部分公开", "2017-03-01T10:00:00", "张三")
        ledger.save_result(inspection, "1", Status.noncompliant, "未公开", "2017-03-01T10:05:00", "李四")
        ledger.add_evidence(inspection, "1", Evidence("查阅", "目录清单", "a.pdf", "ff" * 32, "2017-03-01T10:01:00"))
        ledger.add_evidence(inspection, "1", Evidence("询问", "经办人", None, None, "2017-03-01T10:02:00"))
        ledger.add_evidence(inspection, "2", Evidence("查阅", "只有证据", None, None, "2017-03-01T10:03:00"))
    results = ledger.results(inspection)
    assert (results["1"].status, results["1"].note, results["1"].answered_by) == (Status.noncompliant, "未公开", "李四")
    assert [e.description for e in results["1"].evidence] == ["目录清单", "经办人"]
    assert results["1"].evidence[0].file_sha256 == "ff" * 32
    assert results["2"].status is Status.not_reviewed and results["2"].evidence[0].description == "只有证据"
    assert ledger.answered_task_ids(inspection) == {"1"}
    assert ledger.inspection(inspection).answered_count == 1
    other = _inspection(ledger, uid="other")
    with ledger.transaction():
        ledger.save_result(other, "2", Status.compliant, "", "2017-03-01T11:00:00", "张三")
    assert sorted(ledger.result_statuses([inspection, other])) == [
        (inspection, "1", "noncompliant"),
        (other, "2", "compliant"),
    ]
    assert ledger.result_statuses([]) == []
    assert ledger.status_counts([inspection, other]) == {"noncompliant": 1, "compliant": 1}
    assert ledger.status_counts([]) == {}
    with ledger.transaction():
        ledger.remove_results(inspection)
    assert ledger.results(inspection) == {}


def test_a_failed_transaction_leaves_nothing(ledger):
    inspection = _inspection(ledger)
    with pytest.raises(RuntimeError):
        with ledger.transaction():
            ledger.save_result(inspection, "1", Status.compliant, "", "2017-03-01T10:00:00", "张三")
            ledger.log("result.saved", "张三", "2017-03-01T10:00:00", inspection, "1")
            raise RuntimeError("interrupted")
    assert ledger.results(inspection) == {} and ledger.events() == []


def test_states_revisions_and_previous_results(ledger):
    old = _inspection(ledger, on=date(2016, 3, 1), uid="old")
    new = _inspection(ledger, on=date(2017, 3, 1), uid="new")
    with ledger.transaction():
        ledger.save_result(old, "1", Status.partial, "去年", "2016-03-01T10:00:00", "张三")
        ledger.set_state(old, "finalized", "h1", "2016-03-02T10:00:00", content_form=2)
    assert ledger.previous_result("jm", "市编办", "1", ledger.inspection(new))[1].note == "去年"
    assert ledger.previous_result("jm", "市编办", "2", ledger.inspection(new)) is None
    assert ledger.content_form(old) == 2
    with ledger.transaction():
        ledger.add_revision(old, Revision(2, "补充证据", "h1", "2016-04-01T09:00:00", "李四"))
        ledger.set_state(old, "finalized", "h2", "2016-04-01T10:00:00", revision=2, content_form=2)
        ledger.set_content_form(old, 3)
    got = ledger.inspection(old)
    assert (got.state, got.content_hash, got.revision) == ("finalized", "h2", 2) and ledger.content_form(old) == 3
    assert ledger.revisions(old) == [Revision(2, "补充证据", "h1", "2016-04-01T09:00:00", "李四")]
    rows = ledger.finalized_results("jm")
    assert [(r.unit, r.task_id, r.on, r.status) for r in rows] == [("市编办", "1", "2016-03-01", "partial")]
    assert ledger.latest_finalized_results("jm") == rows


def test_latest_finalized_results_take_each_units_latest_inspection(ledger):
    for uid, on, status in (
        ("a", date(2016, 3, 1), Status.noncompliant),
        ("b", date(2017, 3, 1), Status.compliant),
        ("c", date(2017, 3, 1), Status.partial),
    ):
        inspection = _inspection(ledger, on=on, uid=uid)
        with ledger.transaction():
            ledger.save_result(inspection, "1", status, "", f"{on}T10:00:00", "张三")
            ledger.set_state(inspection, "finalized", uid, f"{on}T11:00:00")
    # the same day: the later number is the latest
    assert [(r.on, r.status) for r in ledger.latest_finalized_results("jm")] == [("2017-03-01", "partial")]
    assert [r.status for r in ledger.finalized_results("jm")] == ["noncompliant", "compliant", "partial"]


def test_the_event_log_is_chained_in_order(ledger):
    inspection = _inspection(ledger)
    with ledger.transaction():
        ledger.log("inspection.started", "张三", "2017-03-01T09:00:00", inspection, "市编办", {"tasks": 2})
        ledger.log("inspection.finalized", "张三", "2017-03-01T12:00:00", inspection, "", {"hash": "h"})
        ledger.log("calendar.checked", "张三", "2017-03-01T12:01:00")
    events = ledger.events()
    assert [e.kind for e in events] == ["inspection.started", "inspection.finalized", "calendar.checked"]
    assert [e.id for e in events] == [1, 2, 3] and json.loads(events[0].detail) == {"tasks": 2}
    assert [e.kind for e in ledger.events(inspection)] == ["inspection.started", "inspection.finalized"]
    links = list(ledger.event_links_after(0))
    assert len({link.chain for link in links}) == 3 and all(link.chain for link in links)
    assert ledger.lifecycle_events(inspection) == [("inspection.finalized", '{"hash": "h"}')]
    assert ledger.triggers()


def test_notices_serials_steps_seals_and_filters(ledger):
    inspection = _inspection(ledger)
    with ledger.transaction():
        assert ledger.next_serial("荆法督", 2017) == 1
    first = _notice(ledger, inspection, 1)
    with ledger.transaction():
        assert ledger.next_serial("荆法督", 2017) == 2 and ledger.next_serial("荆法督", 2018) == 1
    second = _notice(ledger, None, 2, unit="市财政局", calendar="estimated", counting="working_days")
    assert ledger.notice_by_inspection(inspection) == "荆法督〔2017〕1号"
    rows = ledger.notice_rows()
    assert [row.number for row in rows] == ["荆法督〔2017〕1号", "荆法督〔2017〕2号"]
    (issued,) = rows[0].steps
    assert (issued.kind, issued.on, issued.actor) == ("issue", "2017-03-10", "张三")
    assert all(isinstance(row, NoticeRow) and row.seal for row in rows)
    assert [row.number for row in ledger.notice_rows(unit="市财政局")] == ["荆法督〔2017〕2号"]
    assert [row.id for row in ledger.notice_rows(number="荆法督〔2017〕1号")] == [first]
    assert [row.id for row in ledger.notice_rows(state="open", calendar="estimated")] == [second]
    assert [(r.number, r.current_due, r.counting, r.calendar) for r in ledger.notice_rows(state="open")] == [
        ("荆法督〔2017〕1号", "2017-04-09", "days", "official"),
        ("荆法督〔2017〕2号", "2017-04-09", "working_days", "estimated"),
    ]
    seal = {s.notice_id: s.seal for s in ledger.sealed_notices()}
    with ledger.transaction():
        ledger.add_notice_step(second, "close", date(2017, 4, 1), "李四", {}, "2017-04-01T10:00:00")
        ledger.update_notice(second, state="closed", closed_on="2017-04-01", closed_by="李四")
    assert {s.notice_id: s.seal for s in ledger.sealed_notices()}[second] != seal[second]
    assert [r.number for r in ledger.notice_rows(state="open")] == ["荆法督〔2017〕1号"]
    sealed = ledger.sealed_notice(second)
    assert sealed["state"] == "closed" and "seal" not in sealed and len(sealed["steps"]) == 2


def test_notice_rows_without_their_steps(ledger):
    _notice(ledger, _inspection(ledger), 1)
    (row,) = ledger.notice_rows(steps=False)
    assert row.number == "荆法督〔2017〕1号" and row.steps == ()
    assert len(ledger.notice_rows()[0].steps) == 1


def test_notice_rows_read_a_batch_at_a_time_are_the_rows_read_at_once(ledger):
    for serial in range(1, 6):  # issued on different days, out of serial order
        _notice(ledger, None, serial, issued_on=f"2017-03-{20 - serial}", unit="市财政局" if serial % 2 else "市编办")
    with ledger.transaction():
        ledger.add_notice_step(3, "remind", date(2017, 3, 25), "张三", {"note": "电话"}, "2017-03-25T10:00:00")
        ledger.update_notice(4, state="closed", closed_on="2017-03-30", closed_by="李四")
    for filters in ({}, {"unit": "市财政局"}, {"state": "closed"}, {"open_on": "2017-03-16"}, {"steps": False}):
        rows = ledger.notice_rows(**filters)
        for size in (1, 2, 500):
            batches = list(ledger.notice_row_batches(size=size, **filters))
            assert [row for batch in batches for row in batch] == rows
            assert all(0 < len(batch) <= size for batch in batches)
    assert [row.number[-3:] for row in ledger.notice_rows()] == ["〕5号", "〕4号", "〕3号", "〕2号", "〕1号"]
    assert [len(row.steps) for row in ledger.notice_rows(unit="市财政局")] == [1, 2, 1]
    assert [row.serial for row in ledger.notice_rows(open_on="2017-03-16")] == [5, 4]


def test_a_notice_number_is_unique(ledger):
    _notice(ledger, None, 1)
    with pytest.raises(StorageError):
        _notice(ledger, None, 1)
    assert len(ledger.notice_rows()) == 1


def test_drafts_can_be_deleted_finalized_inspections_cannot(ledger):
    draft = _inspection(ledger, uid="d")
    kept = _inspection(ledger, uid="k")
    with ledger.transaction():
        ledger.save_result(draft, "1", Status.compliant, "", "2017-03-01T10:00:00", "张三")
        ledger.replace_passages(draft, "report.docx", "2017-03-01T10:00:00", [("1", 1, 0.9, "已公开目录")])
        ledger.set_state(kept, "finalized", "h", "2017-03-01T11:00:00")
    assert [tuple(p) for p in ledger.passages(draft, "1")] == [(0.9, "已公开目录", "report.docx")]
    with ledger.transaction():
        ledger.delete_draft(draft)
        ledger.delete_draft(kept)
    assert [i.uid for i in ledger.inspections()] == ["k"]


def test_a_writer_lock_is_held_against_a_second_opener_and_released(location, ledger):
    with open_location(location) as other:
        with ledger.lock("draft-1") as held:
            assert held
            with other.lock("draft-1", wait=0.2) as second:
                assert not second
            with other.lock("draft-2") as different:
                assert different
        with other.lock("draft-1") as after:
            assert after


def test_reopening_a_ledger_keeps_what_was_written(location, ledger):
    inspection = _inspection(ledger)
    ledger.close()
    with open_location(location, create=False) as again:
        assert again.inspection(inspection).uid == "u1"


def test_events_logged_in_bulk_chain_as_one_by_one_and_leave_sealed_checkpoints(ledger):
    from inspect_cli.core.integrity import check_chain_end, check_log
    from inspect_cli.domain.canonical import checkpoint_seal
    from inspect_cli.ledger.sql import CHECKPOINT_EVERY

    inspection = _inspection(ledger)
    with ledger.transaction():
        ledger.log("inspection.started", "张三", "2017-03-01T09:00:00", inspection, "市编办", {"tasks": 2})
        ledger.log_many(
            [
                ("note.added", "李四", "2017-03-01T10:00:00", None, f"note {n}", {"n": n})
                for n in range(CHECKPOINT_EVERY + 5)
            ]
        )
        ledger.log("inspection.finalized", "张三", "2017-03-01T12:00:00", inspection, "", {"hash": "h"})
    count, _head, problems = check_log(ledger)
    assert count == CHECKPOINT_EVERY + 7 and problems == [] and check_chain_end(ledger) == []
    point = ledger.latest_checkpoint()
    assert point.event_id == CHECKPOINT_EVERY and point.seal == checkpoint_seal(point.event_id, point.chain)
    assert ledger.event_chain([CHECKPOINT_EVERY]) == {CHECKPOINT_EVERY: point.chain}
    after = list(ledger.event_links_after(CHECKPOINT_EVERY))
    assert [link.id for link in after] == list(range(CHECKPOINT_EVERY + 1, CHECKPOINT_EVERY + 8))
    around = ledger.lifecycle_links(inspection)
    assert [link.id for link in around] == [CHECKPOINT_EVERY + 6, CHECKPOINT_EVERY + 7]


def test_stored_contents_sealed_notices_and_the_sync_set_in_a_few_reads(ledger):
    first, second = _inspection(ledger), _inspection(ledger, uid="u2")
    with ledger.transaction():
        ledger.save_result(first, "1", Status.partial, "部分", "2017-03-01T10:00:00", "张三")
        ledger.add_evidence(second, "2", Evidence("查阅", "台账", None, None, "2017-03-01T10:05:00"))
    _notice(ledger, first, 1)
    stored = {item.inspection.id: item for item in ledger.stored_contents([second, first])}
    assert list(stored) == [second, first]
    assert stored[first].results["1"][:3] == ("1", "partial", "部分") and stored[first].results["1"].evidence == ()
    assert stored[second].results["2"].status == "not_reviewed" and len(stored[second].results["2"].evidence) == 1
    assert len(stored[first].task_data) == len(ledger.tasks(first))
    (sealed,) = ledger.sealed_notices(inspection_id=first)
    assert sealed.number == "荆法督〔2017〕1号" and sealed.sealed == ledger.sealed_notice(sealed.notice_id)
    assert list(ledger.sealed_notices(unit="无此单位")) == []
    state = ledger.sync_state()
    assert {held[2] for held in state.values()} == {first, second}
    listing = ledger.task_result_rows()
    assert [(row.inspection_id, row.task_id) for row in listing] == [
        (number, task.task_id) for number in (first, second) for task in ledger.tasks(number)
    ]
    answered = {(row.inspection_id, row.task_id): (row.status, row.note, row.evidence) for row in listing}
    assert answered[(first, "1")] == ("partial", "部分", 0) and answered[(second, "2")] == (None, None, 1)
    assert ledger.task_result_rows(unit="无此单位") == [] and len(ledger.task_result_rows(start="2017-03-01")) == len(
        listing
    )
    assert ledger.inspection_ids() == sorted([first, second])
