"""Deadline rows and lights for the Jingmen checklist, recurring and ongoing tasks, and notices."""

from __future__ import annotations

from datetime import date

import pytest
from checklist_samples import UNPARSED_CHECKLIST

from inspect_cli.core.deadlines import (
    Obligation,
    fails,
    light_for,
    notice_obligations,
    task_obligations,
)
from inspect_cli.core.inspections import finalize, record_answer, select_tasks, start_inspection
from inspect_cli.domain.models import Status
from inspect_cli.formats.checklist_toml import load_checklist
from inspect_cli.ledger.sqlite import SQLiteLedger


@pytest.fixture
def ledger(tmp_path, jingmen):
    with SQLiteLedger.open(tmp_path / "ledger.db") as opened:
        for unit, status, note in (("市编办", Status.compliant, ""), ("市人社局", Status.noncompliant, "未完成")):
            inspection = start_inspection(
                opened, jingmen, unit, ["张三"], date(2016, 12, 1), "", select_tasks(jingmen, unit)
            )
            for task in select_tasks(jingmen, unit):
                record_answer(opened, inspection.id, task.id, status, note, "张三")
            finalize(opened, inspection.id, "张三")
        yield opened


def _most_urgent_first(rows):
    """The rows in the order the deadline report lists them."""
    from inspect_cli.core.deadline_report import UrgentRows

    return list(UrgentRows(rows))


def rows_for(rows, unit):
    return {
        row.id: (row.due.isoformat() if row.due else None, row.days_left, row.light, row.state)
        for row in rows
        if row.unit == unit
    }


# 市行政审批局 is never inspected: tasks (3)(5)(6)(9) are due 2016-12-31, (14) 2017-12-31, (42) 2018-12-31
NOT_INSPECTED = {
    date(2016, 12, 31): {
        "3": ("2016-12-31", 0, "yellow", "open"),
        "14": ("2017-12-31", 365, "green", "open"),
        "42": ("2018-12-31", 730, "green", "open"),
    },
    date(2017, 1, 1): {
        "3": ("2016-12-31", -1, "red", "overdue"),
        "9": ("2016-12-31", -1, "red", "overdue"),
        "14": ("2017-12-31", 364, "green", "open"),
    },
    date(2018, 6, 30): {
        "5": ("2016-12-31", -546, "red", "overdue"),
        "14": ("2017-12-31", -181, "red", "overdue"),
        "42": ("2018-12-31", 184, "green", "open"),
    },
}


@pytest.mark.parametrize("as_of", sorted(NOT_INSPECTED))
def test_unit_with_no_inspection(ledger, jingmen, as_of):
    rows = rows_for(task_obligations(jingmen, ledger, as_of, 7, 30), "市行政审批局")
    for task_id, expected in NOT_INSPECTED[as_of].items():
        assert rows[task_id] == expected
    assert set(rows) == {"3", "5", "6", "9", "14", "42", "127", "128"}
    assert rows["127"] == (None, None, "green", "no_deadline")


@pytest.mark.parametrize("as_of", [date(2016, 12, 31), date(2017, 1, 1), date(2018, 6, 30)])
def test_unit_found_compliant_is_green_and_done(ledger, jingmen, as_of):
    rows = rows_for(task_obligations(jingmen, ledger, as_of, 7, 30), "市编办")
    assert len(rows) == 16
    assert {light for _, _, light, _ in rows.values()} == {"green"}
    assert {state for _, _, _, state in rows.values()} == {"done"}


def test_unit_found_noncompliant(ledger, jingmen):
    # 市人社局 leads (8) and (85), due 2017-12-31, and (111), due 2018-12-31
    early = rows_for(task_obligations(jingmen, ledger, date(2016, 12, 31), 7, 30), "市人社局")
    assert early["8"] == ("2017-12-31", 365, "green", "open")
    assert rows_for(task_obligations(jingmen, ledger, date(2017, 1, 1), 7, 30), "市人社局")["85"] == (
        "2017-12-31",
        364,
        "green",
        "open",
    )
    late = rows_for(task_obligations(jingmen, ledger, date(2018, 6, 30), 7, 30), "市人社局")
    assert late["8"] == ("2017-12-31", -181, "red", "overdue")
    assert late["85"] == ("2017-12-31", -181, "red", "overdue")
    assert late["111"] == ("2018-12-31", 184, "green", "open")


def test_shared_tasks_concern_every_unit(ledger, jingmen):
    rows = task_obligations(jingmen, ledger, date(2017, 1, 1), 7, 30)
    assert sum(1 for row in rows if row.id == "127") == len(jingmen.units()) == 33


def test_lights():
    assert [light_for(d, False, 7, 30) for d in (-1, 0, 7, 8, 30, 31)] == [
        "red",
        "yellow",
        "yellow",
        "blue",
        "blue",
        "green",
    ]
    assert light_for(-5, True, 7, 30) == "green"


RECURRING = """format = 1
[checklist]
id = "r"
title = "年度任务"

[[tasks]]
id = "1"
text = "每年第一季度报告上一年度法治政府建设情况。"
lead_units = ["市司法局"]
responsible_units = []
deadline = "每年第一季度"
recurrence = "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=-1"

[[tasks]]
id = "2"
text = "长期坚持普法。"
lead_units = ["市司法局"]
responsible_units = []
deadline = "长期坚持"
ongoing = true
"""


def test_recurring_task_is_due_at_each_occurrence(tmp_path):
    path = tmp_path / "r.toml"
    path.write_text(RECURRING, encoding="utf-8")
    checklist = load_checklist(path)
    with SQLiteLedger.open(tmp_path / "r.db") as ledger:
        rows = task_obligations(checklist, ledger, date(2021, 2, 15), 7, 30)
        recurring = [(r.due.isoformat(), r.light, r.state) for r in rows if r.id == "1"]
        assert recurring == [("2020-03-31", "red", "overdue"), ("2021-03-31", "green", "open")]
        ongoing = [r for r in rows if r.id == "2"][0]
        assert (ongoing.due, ongoing.days_left, ongoing.state) == (None, None, "ongoing")
        inspection = start_inspection(
            ledger, checklist, "市司法局", ["张三"], date(2020, 2, 1), "", list(checklist.tasks)
        )
        record_answer(ledger, inspection.id, "1", Status.compliant, "", "张三")
        finalize(ledger, inspection.id, "张三")
        rows = task_obligations(checklist, ledger, date(2021, 2, 15), 7, 30)
        assert [(r.due.isoformat(), r.state) for r in rows if r.id == "1"] == [("2021-03-31", "open")]
        # a result from 2020 does not count for the 2021 period
        rows = task_obligations(checklist, ledger, date(2021, 3, 25), 7, 30)
        assert [(r.due.isoformat(), r.light, r.state) for r in rows if r.id == "1"] == [
            ("2021-03-31", "yellow", "open")
        ]
        second = start_inspection(ledger, checklist, "市司法局", ["张三"], date(2021, 3, 1), "", list(checklist.tasks))
        record_answer(ledger, second.id, "1", Status.compliant, "", "张三")
        finalize(ledger, second.id, "张三")
        rows = task_obligations(checklist, ledger, date(2021, 3, 25), 7, 30)
        assert [(r.light, r.state) for r in rows if r.id == "1"] == [("green", "done")]


def test_notices_count_working_days_and_sort_first(ledger, jingmen):
    from inspect_cli.core.config import Config
    from inspect_cli.core.notices import issue_notice

    inspection = ledger.inspections(unit="市人社局")[0]
    notice = issue_notice(ledger, inspection.id, Config(code="荆法督"), "张三", date(2024, 9, 27), working_days=5)
    assert notice.due == date(2024, 10, 10)
    rows = notice_obligations(ledger, date(2024, 9, 30), 7, 30)
    # lit by calendar days left (10: blue), with the working days left (3, over the National Day week) beside them
    assert [(r.kind, r.id, r.days_left, r.working_days_left, r.light, r.counting, r.calendar) for r in rows] == [
        ("notice", "荆法督〔2024〕1号", 10, 3, "blue", "working_days", "official")
    ]
    late = notice_obligations(ledger, date(2024, 10, 14), 7, 30)[0]
    # working days past 10 Oct: Fri 11, Sat 12 (调休 working day), Mon 14
    assert (late.days_left, late.working_days_left, late.light, late.state) == (-4, -3, "red", "overdue")
    ordered = _most_urgent_first(task_obligations(jingmen, ledger, date(2024, 10, 14), 7, 30) + [late])
    assert (
        ordered[0].light == "red" and fails(ordered, "red") and fails(ordered, "yellow") and not fails(ordered, "never")
    )


# the format test's checklist (task 1 due 2017-12-31, task 2 recurring) plus a phrase not understood and no phrase


def test_a_phrase_not_understood_is_unparsed_and_never_green(tmp_path):
    path = tmp_path / "unparsed.toml"
    path.write_text(UNPARSED_CHECKLIST, encoding="utf-8")
    rows = _most_urgent_first(task_obligations(load_checklist(path), None, date(2017, 1, 1), 7, 30, only_unit="市编办"))
    # after red, before every dated green row; a task with no phrase at all stays green and last
    assert [(r.id, r.light, r.state) for r in rows] == [
        ("2", "red", "overdue"),
        ("3", "unknown", "unparsed"),
        ("2", "green", "open"),
        ("1", "green", "open"),
        ("4", "green", "no_deadline"),
    ]
    assert rows[1].deadline == "视情况适时推进" and rows[1].due is None
    assert fails(rows[1:], "yellow") and not fails(rows[1:], "red")


def test_notices_and_tasks_are_ordered_on_one_scale_of_calendar_days(ledger, jingmen):
    from inspect_cli.core.config import Config
    from inspect_cli.core.notices import issue_notice

    inspection = ledger.inspections(unit="市人社局")[0]
    # 30 working days from 20 September 2024 run over the National Day week to 6 November
    notice = issue_notice(ledger, inspection.id, Config(code="荆法督"), "张三", date(2024, 9, 20), working_days=30)
    assert notice.due == date(2024, 11, 6)
    as_of = date(2024, 10, 1)
    [row] = notice_obligations(ledger, as_of, 7, 30)
    # 36 calendar days left is green, although its 23 working days would be blue on a working-day scale
    assert (row.days_left, row.working_days_left, row.light) == (36, 23, "green")
    task = Obligation("task", "T", row.unit, date(2024, 10, 31), 30, "blue", "open")
    assert [r.id for r in _most_urgent_first([row, task])] == ["T", notice.number]
