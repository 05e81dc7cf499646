"""The deadline report: rows in urgency buckets, read most urgent first; checklists, the ledger and the config
gathered into one report that only reads."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import JINGMEN_CHECKLIST

from inspect_cli.core.config import Config, load_config
from inspect_cli.core.deadline_report import UrgentRows, build_report
from inspect_cli.core.deadlines import AnnotatedObligation, task_obligations
from inspect_cli.exceptions import InputError
from inspect_cli.formats.checklist_toml import load_checklist
from inspect_cli.ledger.sqlite import SQLiteLedger


def _stable_sort_by_urgency(rows):
    """Red, yellow, unknown, blue, green; within a light the fewest days left first, undated last; ties in order."""
    lights = ("red", "yellow", "unknown", "blue", "green")
    return sorted(rows, key=lambda r: (lights.index(r.light), r.days_left is None, r.days_left or 0))


def test_the_report_orders_rows_in_urgency_buckets_as_a_stable_sort_would(jingmen):
    rows = task_obligations(jingmen, None, date(2017, 6, 30), 7, 30)
    late = AnnotatedObligation(
        "notice",
        "荆法督〔2017〕1号",
        "市编办",
        date(2017, 6, 1),
        -29,
        "red",
        "overdue",
        "",
        "",
        "days",
        None,
        "official",
        "",
    )
    urgent = UrgentRows(rows + [late])
    assert list(urgent) == _stable_sort_by_urgency(rows + [late]) and len(urgent) == len(rows) + 1
    assert list(urgent.annotated()) == [late] and not UrgentRows([])


def test_the_report_without_a_ledger_lists_the_units_tasks_most_urgent_first():
    report = build_report([load_checklist(JINGMEN_CHECKLIST)], None, date(2017, 6, 30), "编办", "task", None, Config())
    rows = list(report.rows)
    assert rows and {row.unit for row in rows} == {"市编办"} and {row.kind for row in rows} == {"task"}
    assert rows == _stable_sort_by_urgency(rows) and rows[0].light == "red"
    assert {row.state for row in rows} != {"done"}


def test_the_reports_soon_days_come_from_the_config_unless_given(tmp_path):
    as_of, checklists = date(2017, 12, 20), [load_checklist(JINGMEN_CHECKLIST)]
    (tmp_path / "inspect.toml").write_text("[deadlines]\nsoon_days = 30\n", encoding="utf-8")
    config = load_config(tmp_path / "inspect.toml")
    configured = {row.light for row in build_report(checklists, None, as_of, None, None, None, config).rows}
    given = {row.light for row in build_report(checklists, None, as_of, None, None, 0, config).rows}
    assert "yellow" in configured and "yellow" not in given
    with pytest.raises(InputError, match="--soon must not be negative"):
        build_report(checklists, None, as_of, None, None, -1, config)


def test_a_task_found_compliant_in_a_finalized_inspection_is_done(invoke, tmp_path):
    checklists = [load_checklist(JINGMEN_CHECKLIST)]

    def task_one(ledger):
        rows = build_report(checklists, ledger, date(2017, 6, 30), "编办", "task", None, Config()).rows
        return next((row.light, row.state) for row in rows if row.id == "1")

    assert task_one(None) == ("red", "overdue")
    answers = tmp_path / "a.toml"
    answers.write_text('[[answers]]\ntask = "1"\nstatus = "compliant"\n', encoding="utf-8")
    walked = invoke(
        "walk",
        JINGMEN_CHECKLIST,
        "--unit",
        "编办",
        "--inspector",
        "张三",
        "--date",
        "2017-06-01",
        "--answers",
        answers,
        "--finalize",
    )
    assert walked.exit_code == 0, walked.output
    with SQLiteLedger.open(tmp_path / "ledger.db") as ledger:
        assert task_one(ledger) == ("green", "done")
