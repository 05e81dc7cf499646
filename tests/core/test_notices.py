"""Notices in the core: numbering, the whole lifecycle, and every refusal."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date

import pytest

from inspect_cli.core.config import Config
from inspect_cli.core.inspections import finalize, record_answer, select_tasks, start_inspection
from inspect_cli.core.notices import (
    close,
    escalate,
    extend,
    format_number,
    get_notice,
    issue_notice,
    list_notices,
    normalise_number,
    remind,
    respond,
)
from inspect_cli.domain.models import Status
from inspect_cli.exceptions import InputError, NotFound, StateError
from inspect_cli.ledger.sqlite import SQLiteLedger

CONFIG = Config(issuer="荆门市人民政府法制办公室", code="荆法督")


@pytest.fixture
def ledger(tmp_path):
    with SQLiteLedger.open(tmp_path / "ledger.db") as opened:
        yield opened


def finalized(
    ledger,
    jingmen,
    unit="编办",
    answers=(("1", Status.noncompliant, "目录未公开"), ("2", Status.partial, "部分下放"), ("4", Status.compliant, "")),
    on=date(2017, 3, 1),
):
    inspection = start_inspection(ledger, jingmen, unit, ["张三"], on, "", select_tasks(jingmen, unit))
    for task_id, status, note in answers:
        record_answer(ledger, inspection.id, task_id, status, note, "张三")
    return finalize(ledger, inspection.id, "张三")


def test_numbers_follow_gb_t_9704():
    assert format_number("荆法督", 2017, 3) == "荆法督〔2017〕3号"
    assert normalise_number("荆法督[2017]03号") == "荆法督〔2017〕3号"
    assert normalise_number("荆法督（2017）12") == "荆法督〔2017〕12号"


def test_issue_covers_noncompliant_and_partial_findings(ledger, jingmen):
    inspection = finalized(ledger, jingmen)
    notice = issue_notice(ledger, inspection.id, CONFIG, "张三", date(2017, 3, 10), days=30)
    assert notice.number == "荆法督〔2017〕1号"
    assert notice.due == date(2017, 4, 9) and notice.counting == "days"
    assert notice.issuer == "荆门市人民政府法制办公室" and notice.unit == "市编办"
    assert [(f.task_id, f.status, f.found) for f in notice.findings] == [
        ("1", "noncompliant", "目录未公开"),
        ("2", "partial", "部分下放"),
    ]
    assert notice.findings[0].task_text.startswith("建立行政审批事项目录清单")
    # 15 working days end on 31 March, before the rectification deadline: the written report is due with it
    assert notice.reply_due == date(2017, 4, 9)
    second = finalized(ledger, jingmen, unit="人社局", answers=(("8", Status.noncompliant, "未清理"),))
    assert (
        issue_notice(ledger, second.id, CONFIG, "张三", date(2017, 3, 12), working_days=10).number
        == "荆法督〔2017〕2号"
    )
    other_year = finalized(ledger, jingmen, unit="发改委", answers=(("12", Status.partial, "未公开"),))
    assert (
        issue_notice(ledger, other_year.id, CONFIG, "张三", date(2018, 1, 5), due=date(2018, 3, 1)).number
        == "荆法督〔2018〕1号"
    )


def test_working_days_period(ledger, jingmen):
    inspection = finalized(ledger, jingmen)
    notice = issue_notice(ledger, inspection.id, CONFIG, "张三", date(2024, 9, 27), working_days=3)
    assert notice.due == date(2024, 10, 8) and notice.counting == "working_days" and notice.period == 3


def test_issue_refusals(ledger, jingmen):
    draft = start_inspection(ledger, jingmen, "编办", ["张三"], date(2017, 3, 1), "", select_tasks(jingmen, "编办"))
    with pytest.raises(StateError, match="is a draft"):
        issue_notice(ledger, draft.id, CONFIG, "张三", date(2017, 3, 10))
    clean = finalized(ledger, jingmen, unit="人社局", answers=(("8", Status.compliant, ""),))
    with pytest.raises(StateError, match="found nothing noncompliant or partial"):
        issue_notice(ledger, clean.id, CONFIG, "张三", date(2017, 3, 10))
    done = finalized(ledger, jingmen)
    issue_notice(ledger, done.id, CONFIG, "张三", date(2017, 3, 10))
    with pytest.raises(StateError, match="already issued"):
        issue_notice(ledger, done.id, CONFIG, "张三", date(2017, 3, 11))
    with pytest.raises(InputError, match="only one of"):
        issue_notice(ledger, clean.id, CONFIG, "张三", date(2017, 3, 10), days=3, due=date(2017, 5, 1))
    with pytest.raises(NotFound):
        issue_notice(ledger, 99, CONFIG, "张三", date(2017, 3, 10))


def test_whole_lifecycle(tmp_path, ledger, jingmen):
    number = issue_notice(ledger, finalized(ledger, jingmen).id, CONFIG, "张三", date(2017, 3, 10), days=30).number
    assert remind(ledger, number, date(2017, 4, 1), "张三", "电话催办").reminders == 1
    assert remind(ledger, "荆法督[2017]1号", date(2017, 4, 3), "张三").reminders == 2
    extended = extend(ledger, number, date(2017, 5, 31), "需市政府审定", date(2017, 4, 5), "张三")
    assert (extended.due, extended.current_due) == (date(2017, 4, 9), date(2017, 5, 31))
    assert extended.status_on(date(2017, 5, 1)) == "open" and extended.status_on(date(2017, 6, 1)) == "overdue"
    report = tmp_path / "整改报告.txt"
    report.write_text("已完成整改", encoding="utf-8")
    respond(ledger, number, date(2017, 5, 20), "市编办", text="已整改")
    with pytest.raises(InputError, match="--evidence"):
        close(ledger, number, [], "李四", date(2017, 5, 25))
    responded = get_notice(ledger, number)
    assert [s.kind for s in responded.steps] == ["issue", "remind", "remind", "extend", "respond"]
    respond(ledger, number, date(2017, 5, 21), "市编办", file=report)
    assert escalate(ledger, number, "约谈", date(2017, 5, 22), "张三").escalation == "约谈"
    evidence = tmp_path / "复查.jpg"
    evidence.write_bytes(b"jpeg")
    closed = close(ledger, number, [evidence], "李四", date(2017, 5, 25))
    assert closed.state == "closed" and closed.closed_on == date(2017, 5, 25) and closed.closed_by == "李四"
    assert closed.days_late == 46  # judged against the original deadline
    assert closed.steps[-1].detail["evidence"][0]["sha256"] == __import__("hashlib").sha256(b"jpeg").hexdigest()
    assert [n.number for n in list_notices(ledger, status="closed")] == [number]
    assert list_notices(ledger, status="open") == []
    with pytest.raises(StateError, match="was closed out"):
        remind(ledger, number, date(2017, 6, 1), "张三")
    kinds = [e.kind for e in ledger.events() if e.kind.startswith("notice.")]
    assert kinds == [
        "notice.issued",
        "notice.remind",
        "notice.remind",
        "notice.extend",
        "notice.respond",
        "notice.respond",
        "notice.escalate",
        "notice.close",
    ]


def test_lifecycle_refusals(tmp_path, ledger, jingmen):
    number = issue_notice(ledger, finalized(ledger, jingmen).id, CONFIG, "张三", date(2017, 3, 10), days=30).number
    with pytest.raises(StateError, match="must be asked by the deadline 2017-04-09"):
        extend(ledger, number, date(2017, 6, 1), "晚了", date(2017, 4, 10), "张三")
    with pytest.raises(InputError, match="later than the deadline in force"):
        extend(ledger, number, date(2017, 4, 1), "更早", date(2017, 3, 20), "张三")
    with pytest.raises(InputError, match="needs a reason"):
        extend(ledger, number, date(2017, 5, 1), " ", date(2017, 3, 20), "张三")
    evidence = tmp_path / "e.pdf"
    evidence.write_bytes(b"%PDF")
    with pytest.raises(StateError, match="no reply from the unit"):
        close(ledger, number, [evidence], "李四", date(2017, 4, 1))
    respond(ledger, number, date(2017, 3, 30), "市编办", text="已整改")
    with pytest.raises(InputError, match="needs evidence"):
        close(ledger, number, [], "李四", date(2017, 4, 1))
    with pytest.raises(InputError, match="no such file"):
        close(ledger, number, [tmp_path / "missing.pdf"], "李四", date(2017, 4, 1))
    with pytest.raises(InputError, match="--to"):
        escalate(ledger, number, "开除", date(2017, 4, 1), "张三")
    with pytest.raises(InputError, match="before the notice was issued"):
        remind(ledger, number, date(2017, 3, 1), "张三")
    with pytest.raises(InputError, match="--text T or --file FILE"):
        respond(ledger, number, date(2017, 3, 30), "市编办")
    with pytest.raises(NotFound, match="no notice 荆法督〔2017〕9号"):
        remind(ledger, "荆法督〔2017〕9号", date(2017, 4, 1), "张三")
    assert get_notice(ledger, number).state == "open" and get_notice(ledger, number).reminders == 0


@pytest.mark.slow
def test_two_processes_issuing_at_once_get_distinct_consecutive_serials(tmp_path, jingmen):
    path = tmp_path / "ledger.db"
    units = ["编办", "人社局", "发改委", "财政局", "工商局", "民政局"]
    with SQLiteLedger.open(path) as ledger:
        ids = []
        for unit in units:
            task = select_tasks(jingmen, unit)[0].id
            ids.append(finalized(ledger, jingmen, unit=unit, answers=((task, Status.noncompliant, "未完成"),)).id)
    env = {**os.environ, "INSPECT_LEDGER": str(path)}
    processes = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "inspect_cli",
                "notices",
                "issue",
                str(i),
                "--date",
                "2017-03-10",
                "--code",
                "荆法督",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for i in ids
    ]
    numbers = [p.communicate(timeout=60)[0].strip() for p in processes]
    assert all(p.returncode == 0 for p in processes)
    assert sorted(numbers, key=lambda n: int(n.split("〕")[1][:-1])) == [f"荆法督〔2017〕{n}号" for n in range(1, 7)]
