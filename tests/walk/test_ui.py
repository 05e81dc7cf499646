"""The walk's screens and questions: each task's lines, the keys' legend, wrapping, notes and evidence asked for,
and a whole walk typed through prompt_toolkit's line editor from a pipe, on a real SQLite ledger."""

from __future__ import annotations

from datetime import date

import pytest
from prompt_toolkit import PromptSession
from prompt_toolkit.history import InMemoryHistory
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from wcwidth import wcswidth

from inspect_cli import i18n
from inspect_cli.core.inspections import select_tasks, start_inspection, task_context
from inspect_cli.domain.models import Status
from inspect_cli.ledger.sqlite import SQLiteLedger
from inspect_cli.walk.ui import (
    QuitWalk,
    Terminal,
    ask_evidence,
    closing_summary,
    key_legend,
    offer_finalize,
    run_walk,
    task_screen,
    wrap,
)


@pytest.fixture
def draft(tmp_path, jingmen):
    with SQLiteLedger.open(tmp_path / "ledger.db") as ledger:
        tasks = select_tasks(jingmen, "市编办", "1-3")
        yield ledger, start_inspection(ledger, jingmen, "市编办", ["张三"], date(2017, 3, 10), "", tasks)


@pytest.fixture
def typed():
    """A terminal whose line editors read what the test types into a pipe."""
    with create_pipe_input() as pipe:
        terminal = Terminal(interactive=True, colour=False)
        for kind in ("key", "note", "description", "file"):
            terminal._editors[kind] = PromptSession(input=pipe, output=DummyOutput(), history=InMemoryHistory())
        yield terminal, pipe


@pytest.mark.parametrize(
    "language, width, legend",
    [
        (
            "en",
            120,
            [
                "c compliant  p partial  n noncompliant  x not applicable  s skip  u clear  e evidence  b back  q "
                "quit  ? help"
            ],
        ),
        (
            "en",
            80,
            [
                "c compliant  p partial  n noncompliant  x not applicable  s skip  u clear",
                "e evidence  b back  q quit  ? help",
            ],
        ),
        ("zh", 100, ["c 符合  p 基本符合  n 不符合  x 不适用  s 跳过  u 清除  e 证据  b 上一项  q 退出  ? 帮助"]),
        ("zh", 60, ["c 符合  p 基本符合  n 不符合  x 不适用  s 跳过  u 清除", "e 证据  b 上一项  q 退出  ? 帮助"]),
        ("en", 30, ["c p n x s u e b q ?"]),
    ],
)
def test_the_keys_legend_fits_the_terminal(language, width, legend):
    i18n.activate(language)
    try:
        assert key_legend(width) == legend
    finally:
        i18n.reset()


@pytest.mark.parametrize("width", [40, 60, 80])
def test_walk_sentences_wrap_between_words_and_never_start_with_a_closing_mark(width):
    text = (
        "每按一次回车，答案即刻保存。填写说明和描述时，可用方向键、Home/End、退格和删除键编辑；"
        "上箭头调出之前输入的内容。"
    )
    lines = wrap(text, width)
    assert "".join(lines) == text
    assert any("Home/End" in line for line in lines)
    assert all(wcswidth(line) <= width and not line.startswith(("，", "、", "。", "；")) for line in lines)


def test_a_whole_walk_typed_on_the_line_editor(draft, typed, capsys):
    ledger, inspection = draft
    terminal, pipe = typed
    i18n.activate("en")
    # task 1 partial with a note and evidence; task 2 noncompliant, an empty note refused, no evidence; 3 compliant
    pipe.send_text("p\r会议纪要未归档\r1\r查阅2016年会议纪要\r\r")
    pipe.send_text("n\r\r未下放\r\rc\r")
    run_walk(ledger, inspection, 0, "张三", terminal)
    results = ledger.results(inspection.id)
    assert {task: (r.status, r.note) for task, r in results.items()} == {
        "1": (Status.partial, "会议纪要未归档"),
        "2": (Status.noncompliant, "未下放"),
        "3": (Status.compliant, ""),
    }
    assert [(e.method, e.description) for e in results["1"].evidence] == [("查阅资料", "查阅2016年会议纪要")]
    shown = capsys.readouterr().out
    assert "A partial or noncompliant result needs a note." in shown
    assert "[1/3] Task (1)" in shown and "[3/3] Task (3)" in shown and "Evidence method: 1 document review" in shown
    assert closing_summary(ledger, inspection) == (
        "3 tasks: noncompliant 1  partial 1  not reviewed 0  not applicable 0  compliant 1"
    )


def test_back_clear_and_quit(draft, typed, capsys):
    ledger, inspection = draft
    terminal, pipe = typed
    i18n.activate("en")
    pipe.send_text("c\rb\ru\ry\rz\rq\r")
    with pytest.raises(QuitWalk):
        run_walk(ledger, inspection, 0, "张三", terminal)
    assert ledger.results(inspection.id)["1"].status is Status.not_reviewed
    shown = capsys.readouterr().out
    assert "Cleared: not reviewed." in shown and "Type one letter then Enter:" in shown


def test_a_method_not_known_is_asked_again_and_a_file_must_exist(typed, tmp_path, capsys):
    terminal, pipe = typed
    i18n.activate("en")
    (tmp_path / "scan.pdf").write_bytes(b"%PDF")
    pipe.send_text(f"7\r座谈\r\r与科长座谈\r{tmp_path / 'none.pdf'}\r{tmp_path / 'scan.pdf'}\r")
    item = ask_evidence(terminal)
    assert (item.method, item.description, item.file_path) == ("座谈", "与科长座谈", str(tmp_path / "scan.pdf"))
    said = capsys.readouterr().out
    assert "try again" in said and "Give a description" in said


def test_finalize_is_offered_and_no_is_the_default(draft, typed):
    ledger, inspection = draft
    terminal, pipe = typed
    pipe.send_text("maybe\r\r")
    assert offer_finalize(ledger, inspection, "张三", terminal) is None
    pipe.send_text("是\r")
    assert offer_finalize(ledger, inspection, "张三", terminal).state == "finalized"


def test_a_task_screen_says_in_red_that_the_deadline_had_passed(draft):
    ledger, inspection = draft
    i18n.activate("en")
    task = ledger.tasks(inspection.id)[0]
    context = task_context(ledger, inspection, task.task_id)
    lines = task_screen(inspection, task, 3, context, 60)
    texts = [text for text, _style in lines]
    assert texts[0] == "─" * 60 and texts[1].startswith("[1/3] Task (1)")
    deadline = [(text, style) for text, style in lines if style == {"fg": "red"}]
    assert deadline[0][0].startswith("Deadline: 2016年底完成 (2016-12-31)")
    assert "overdue on the inspection day" in " ".join(text for text, _style in deadline)
    assert all(wcswidth(text) <= 60 for text in texts)
