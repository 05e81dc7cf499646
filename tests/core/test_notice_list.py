"""The notices list (core/notice_list.py): each notice's line is what its full reading (core/notices.py) says of it,
on every day, status, unit and calendar, with its seal checked."""

from __future__ import annotations

from datetime import date

import pytest

from inspect_cli.core.config import Config
from inspect_cli.core.inspections import finalize, record_answer, select_tasks, start_inspection
from inspect_cli.core.notice_list import STATUSES, NoticeListRow, notice_list
from inspect_cli.core.notices import close, escalate, extend, issue_notice, list_notices, remind, respond
from inspect_cli.domain.models import Status
from inspect_cli.ledger.sqlite import SQLiteLedger

CONFIG = Config(issuer="荆门市人民政府法制办公室", code="荆法督")


@pytest.fixture
def ledger(tmp_path):
    with SQLiteLedger.open(tmp_path / "ledger.db") as opened:
        yield opened


def finalized(ledger, jingmen, unit, answers):
    inspection = start_inspection(ledger, jingmen, unit, ["张三"], date(2017, 3, 1), "", select_tasks(jingmen, unit))
    for task_id, status, note in answers:
        record_answer(ledger, inspection.id, task_id, status, note, "张三")
    return finalize(ledger, inspection.id, "张三")


def test_the_notices_list_shows_each_notice_as_list_notices_finds_it(tmp_path, ledger, jingmen):
    from inspect_cli.core.integrity import notice_seal_problem
    from inspect_cli.core.notices import withdraw
    from inspect_cli.core.workdays import WorkCalendar

    ids = []
    for unit in ("市编办", "市财政局", "市人社局", "市发改委", "市教育局", "市民政局"):
        first, second = (task.id for task in select_tasks(jingmen, unit)[:2])
        answers = ((first, Status.noncompliant, "未公开"), (second, Status.partial, "部分完成"))
        ids.append(finalized(ledger, jingmen, unit, answers).id)
    plain = issue_notice(ledger, ids[0], CONFIG, "张三", date(2017, 3, 10), days=30).number
    counted = issue_notice(ledger, ids[1], CONFIG, "张三", date(2017, 3, 10), working_days=20, reply_days=5).number
    moved = issue_notice(ledger, ids[2], CONFIG, "张三", date(2017, 3, 12), due=date(2017, 4, 1)).number
    done = issue_notice(ledger, ids[3], CONFIG, "张三", date(2017, 3, 15), days=10).number
    gone = issue_notice(ledger, ids[4], CONFIG, "张三", date(2017, 3, 16), days=10).number
    changed = issue_notice(ledger, ids[5], CONFIG, "张三", date(2017, 3, 20), days=10).number
    remind(ledger, plain, date(2017, 4, 1), "张三", "电话催办")
    remind(ledger, plain, date(2017, 4, 20), "张三")
    extend(ledger, moved, date(2017, 6, 30), "需市政府审定", date(2017, 3, 30), "张三")
    escalate(ledger, counted, "约谈", date(2017, 5, 2), "张三")
    escalate(ledger, counted, "挂牌督办", date(2017, 5, 20), "张三")
    remind(ledger, counted, date(2017, 6, 1), "张三")
    respond(ledger, done, date(2017, 3, 28), "市发改委", text="已整改")
    evidence = tmp_path / "复查.jpg"
    evidence.write_bytes(b"jpeg")
    close(ledger, done, [evidence], "李四", date(2017, 4, 10))
    withdraw(ledger, gone, "号已由办公室编给另一份通知书", date(2017, 3, 20), "张三")
    with ledger.transaction():  # a change made outside the program: the seal no longer matches
        ledger.connection.execute("UPDATE notices SET unit = '别的单位' WHERE number = ?", (changed,))

    def shown(notice, day):
        return NoticeListRow(
            notice.number,
            notice.unit,
            notice.issued_on.isoformat(),
            notice.due.isoformat(),
            notice.current_due.isoformat(),
            notice.reply_due.isoformat(),
            notice.status_on(day),
            notice.reminders,
            notice.escalation,
            notice.closed_on.isoformat() if notice.closed_on else None,
            len(notice.findings),
            notice_seal_problem(ledger, notice.id, notice.number) is None,
        )

    # the deadlines in working days are counted on the calendar in force, here also one with March 2017 mostly off
    days_off = tuple(date(2017, 3, day) for day in range(13, 31))
    seen, deadlines = set(), set()
    for calendar in (WorkCalendar(), WorkCalendar({2017: (days_off, ())})):
        for as_of in (
            None,
            date(2017, 3, 11),
            date(2017, 4, 5),
            date(2017, 5, 10),
            date(2017, 5, 25),
            date(2018, 1, 1),
        ):
            day = as_of or date.today()
            for status in STATUSES:
                for unit in (None, "市人社局"):
                    listed = notice_list(ledger, unit=unit, status=status, as_of=as_of, calendar=calendar)
                    found = list_notices(ledger, unit=unit, status=status, as_of=as_of, calendar=calendar)
                    assert listed == [shown(notice, day) for notice in found]
                    seen.update((row.status, row.reminders, row.escalation, row.sealed) for row in listed)
                    deadlines.update((row.number, row.due, row.reply_due) for row in listed)
    assert gone not in {row.number for row in notice_list(ledger, status="all")}
    # every state the list can show was shown: open, overdue, closed; reminders, escalations; a broken seal
    assert {state for state, *_ in seen} == {"open", "overdue", "closed"}
    assert {reminders for _, reminders, *_ in seen} >= {0, 1, 2}
    assert {escalation for *_, escalation, _ in seen} == {"", "约谈", "挂牌督办"}
    assert {sealed for *_, sealed in seen} == {True, False}
    assert len({(due, reply) for number, due, reply in deadlines if number == counted}) == 2  # counted again
