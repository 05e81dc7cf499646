"""A finalized inspection of the Jingmen checklist with findings and a notice, for the record and notice tests."""

from __future__ import annotations

from datetime import date

from inspect_cli.core.config import Config
from inspect_cli.core.inspections import finalize, make_evidence, record_answer, select_tasks, start_inspection
from inspect_cli.core.notices import issue_notice
from inspect_cli.domain.models import Status


def inspect(ledger, jingmen, note, unit="市编办", place="会议室"):
    """Inspect `unit`: task 1 noncompliant with evidence, 2 partial, 3 compliant; finalize; issue a notice."""
    inspection = start_inspection(
        ledger, jingmen, unit, ["张三", "李四"], date(2017, 3, 1), place, select_tasks(jingmen, unit)
    )
    tasks = [t.task_id for t in ledger.tasks(inspection.id)]
    record_answer(
        ledger, inspection.id, tasks[0], Status.noncompliant, note, "张三", (make_evidence("查阅资料", note),)
    )
    record_answer(ledger, inspection.id, tasks[1], Status.partial, note, "张三")
    record_answer(ledger, inspection.id, tasks[2], Status.compliant, "", "张三")
    finalize(ledger, inspection.id, "张三")
    issue_notice(ledger, inspection.id, Config(code="荆法督"), "张三", date(2017, 3, 10))
    return inspection
