"""`inspect-cli walk` end to end: piped answers, a real pseudo-terminal, kills, Ctrl-C and a second process."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys

import pexpect
import pytest
from conftest import JINGMEN_CHECKLIST

from inspect_cli.domain.models import Status
from inspect_cli.ledger.sqlite import SQLiteLedger

# the line editor draws its prompt after resetting attributes; the answer prompt is a bare ">"
PROMPT = r"\x1b\[0m>"
WALK = ["walk", str(JINGMEN_CHECKLIST), "--unit", "编办", "--inspector", "张三", "--date", "2017-03-10"]


def cli(*args, ledger, input=None, env_extra=None):
    env = {**os.environ, "INSPECT_LEDGER": str(ledger), "COLUMNS": "80", **(env_extra or {})}
    return subprocess.run(
        [sys.executable, "-m", "inspect_cli", *args],
        input=input,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


def spawn(ledger, *args):
    env = {**os.environ, "INSPECT_LEDGER": str(ledger), "NO_COLOR": "1"}
    env.pop("COLUMNS", None)
    child = pexpect.spawn(
        sys.executable, ["-m", "inspect_cli", *args], env=env, encoding="utf-8", dimensions=(24, 80), timeout=20
    )
    return child


def walk_first_task(ledger, letter):
    """Spawn a walk on a pseudo-terminal, answer task 1 with `letter`, and wait at task 2's prompt."""
    child = spawn(ledger, *WALK)
    child.expect(PROMPT)
    child.sendline(letter)
    child.expect(r"\[2/16\]")
    child.expect(PROMPT)
    return child


def results(ledger_path, inspection_id=1):
    with SQLiteLedger.open(ledger_path) as ledger:
        return ledger.results(inspection_id)


def test_piped_answers_walk_and_finalize(tmp_path):
    ledger = tmp_path / "l.db"
    answers = "c\np\n缺少公开记录\n1\n查阅了目录清单文件\n\nx\n" + "c\n" * 13 + "y\n"
    run = cli(*WALK, ledger=ledger, input=answers)
    assert run.returncode == 0, run.stderr
    assert "Started inspection 1 (draft) of 市编办: 16 task(s)" in run.stdout
    assert "[16/16] Task (134)" in run.stdout
    said = " ".join(run.stdout.split())  # the sentence is wrapped to the terminal
    assert "All tasks walked. 16 tasks: noncompliant 0 partial 1 not reviewed 0 not applicable 1 compliant 14" in said
    assert "Inspection 1 finalized; content hash" in run.stdout
    saved = results(ledger)
    assert saved["2"].status is Status.partial and saved["2"].note == "缺少公开记录"
    assert saved["2"].evidence[0].description == "查阅了目录清单文件"


def test_screen_shows_task_details_and_fits_80_columns(tmp_path):
    from wcwidth import wcswidth

    run = cli(*WALK, ledger=tmp_path / "l.db", input="q\n")
    screen = run.stdout
    assert "[1/16] Task (1)  （一）依法全面履行政府职能 › 1.深化行政审批制度改革" in screen
    assert "Lead units: 市编办" in screen
    assert "Deadline: 2016年底完成 (2016-12-31)  ⚠ overdue on the inspection day" in screen
    assert all(wcswidth(line) <= 80 for line in screen.splitlines() if not line.startswith(("Resume with", "Started")))
    assert "\x1b[" not in screen  # no colour when output is not a terminal


def test_previous_result_is_shown_at_the_next_inspection(tmp_path):
    ledger = tmp_path / "l.db"
    cli(*WALK, ledger=ledger, input="n\n目录未公开\n\n" + "c\n" * 15 + "y\n")
    run = cli(
        "walk",
        str(JINGMEN_CHECKLIST),
        "--unit",
        "编办",
        "--inspector",
        "李四",
        "--date",
        "2018-03-01",
        ledger=ledger,
        input="q\n",
    )
    assert "Started inspection 2" in run.stdout
    assert "Last inspection (2017-03-10, #1): noncompliant — 目录未公开" in run.stdout


def test_back_changes_an_answer_and_skip_stays_not_reviewed(tmp_path):
    ledger = tmp_path / "l.db"
    run = cli(*WALK, ledger=ledger, input="c\ns\nb\nn\n没有材料\n\nq\n")
    assert run.returncode == 0
    saved = results(ledger)
    assert saved["1"].status is Status.compliant
    assert saved["2"].status is Status.noncompliant and saved["2"].note == "没有材料"
    run = cli(*WALK, ledger=ledger, input="\ns\nq\n")
    assert "Resuming inspection 1" in run.stdout and "[3/16] Task (4)" in run.stdout
    assert results(ledger)["4"].status is Status.not_reviewed


def test_note_is_required_for_partial(tmp_path):
    run = cli(*WALK, ledger=tmp_path / "l.db", input="p\n\n\n补充说明\n\nq\n")
    assert run.stdout.count("A partial or noncompliant result needs a note.") == 2
    assert results(tmp_path / "l.db")["1"].note == "补充说明"


def test_answers_file_and_finalize(tmp_path):
    answers = tmp_path / "a.toml"
    answers.write_text(
        '[[answers]]\ntask = "1"\nstatus = "compliant"\n\n[[answers]]\ntask = "2"\nstatus = "partial"\nnote = "缺"\n',
        encoding="utf-8",
    )
    run = cli(*WALK, "--answers", str(answers), "--finalize", ledger=tmp_path / "l.db")
    assert run.returncode == 0, run.stderr
    assert "Saved 2 answer(s) to inspection 1" in run.stdout and "finalized" in run.stdout
    bad = tmp_path / "bad.toml"
    bad.write_text('[[answers]]\ntask = "999"\nstatus = "c"\n', encoding="utf-8")
    run = cli(*WALK, "--answers", str(bad), "--new", ledger=tmp_path / "l.db")
    assert run.returncode == 2 and run.stderr.startswith("Error: task(s) 999 are not among the")
    # refused before a new draft was started: no empty draft is left behind
    with SQLiteLedger.open(tmp_path / "l.db") as ledger:
        assert [inspection.id for inspection in ledger.inspections()] == [1]


@pytest.mark.parametrize(
    "args, code, message",
    [
        (["walk", "missing.toml", "--unit", "编办", "--inspector", "x"], 2, "no such file"),
        (["walk", str(JINGMEN_CHECKLIST), "--unit", "气象局", "--inspector", "x"], 2, "not named in checklist"),
        (
            ["walk", str(JINGMEN_CHECKLIST), "--unit", "编办", "--inspector", "x", "--items", "999"],
            2,
            "task '999' is not in",
        ),
        (
            ["walk", str(JINGMEN_CHECKLIST), "--unit", "编办", "--inspector", "x", "--resume", "42"],
            2,
            "no inspection 42",
        ),
    ],
)
def test_bad_input_is_one_line_and_ledger_untouched(tmp_path, args, code, message):
    ledger = tmp_path / "l.db"
    run = cli(*args, ledger=ledger, input="q\n")
    assert run.returncode == code and run.stderr.startswith("Error: ") and message in run.stderr
    assert run.stderr.count("\n") == 1
    if "--resume" not in args:
        assert not ledger.exists()


@pytest.mark.parametrize(
    "content, message",
    [
        (b"not a database " * 200, "not a usable ledger"),
    ],
)
def test_storage_errors_exit_3(tmp_path, content, message):
    ledger = tmp_path / "l.db"
    ledger.write_bytes(content)
    run = cli(*WALK, ledger=ledger, input="q\n")
    assert run.returncode == 3 and message in run.stderr and run.stderr.startswith("Error: ")
    assert ledger.read_bytes() == content
    run = cli("inspections", "list", ledger=ledger)
    assert run.returncode == 3


@pytest.mark.slow
def test_pty_walk_killed_then_resumed_loses_no_acknowledged_answer(tmp_path):
    ledger = tmp_path / "l.db"
    child = spawn(ledger, *WALK)
    child.expect(r"\[1/16\]")
    child.expect(PROMPT)
    child.sendline("c")
    child.expect(r"\[2/16\]")
    child.expect(PROMPT)
    child.sendline("n")
    child.expect("Note")
    child.sendline("未下放到县")
    child.expect("Evidence method")
    child.sendline("2")
    child.expect("Description")
    child.sendline("与审改科座谈")
    child.expect("File path")
    child.sendline("")
    child.expect(r"\[3/16\]")  # the answer to task 2 is acknowledged once task 3 shows
    child.expect(PROMPT)
    child.sendline("p")
    child.expect("Note")
    child.send("typed but not sent")
    child.kill(signal.SIGKILL)
    child.wait()
    saved = results(ledger)
    assert saved["1"].status is Status.compliant
    assert saved["2"].status is Status.noncompliant and saved["2"].evidence[0].method == "座谈"
    assert "4" not in saved
    child = spawn(ledger, *WALK)
    child.expect(r"Resume it\? n starts another draft \[Y/n\]")
    child.sendline("")
    child.expect(r"\[3/16\] Task \(4\)")
    child.expect(PROMPT)
    child.sendline("q")
    child.expect("Resume with")
    child.expect(pexpect.EOF)


def test_pty_ctrl_c_keeps_answers(tmp_path):
    ledger = tmp_path / "l.db"
    child = walk_first_task(ledger, "x")
    child.sendintr()
    child.expect("Interrupted; every answer given is saved")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert results(ledger)["1"].status is Status.not_applicable


def test_pty_second_process_is_refused_and_readers_work(tmp_path):
    ledger = tmp_path / "l.db"
    child = walk_first_task(ledger, "c")
    second = cli(*WALK, "--resume", "1", ledger=ledger, input="c\n")
    assert second.returncode == 2 and "inspection 1 is open in another walk" in second.stderr
    reader = cli("inspections", "show", "1", "--format", "json", ledger=ledger)
    assert reader.returncode == 0 and '"status": "compliant"' in reader.stdout
    child.sendline("q")
    child.expect(pexpect.EOF)
    assert set(results(ledger)) == {"1"}


@pytest.mark.slow
def test_changed_checklist_is_reported_on_resume(tmp_path):
    ledger = tmp_path / "l.db"
    copy = tmp_path / "jm.toml"
    copy.write_text(JINGMEN_CHECKLIST.read_text(encoding="utf-8"), encoding="utf-8")
    args = ["walk", str(copy), "--unit", "编办", "--inspector", "张三"]
    cli(*args, ledger=ledger, input="c\nq\n")
    copy.write_text(copy.read_text(encoding="utf-8").replace("做好取消和下放", "做好取消与下放"), encoding="utf-8")
    run = cli(*args, ledger=ledger, input="\nq\n")
    assert "has changed since this inspection started" in run.stderr
    copy.unlink()
    run = cli("inspections", "show", "1", ledger=ledger)
    assert run.returncode == 0 and "建立行政审批事项目录清单" in run.stdout


@pytest.mark.slow
def test_ledger_from_a_newer_version_exits_3_untouched(tmp_path):
    import sqlite3

    from inspect_cli.ledger.sqlite import SCHEMA_VERSION

    ledger = tmp_path / "l.db"
    cli(*WALK, ledger=ledger, input="c\nq\n")
    connection = sqlite3.connect(ledger)
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    connection.close()
    before = ledger.read_bytes()
    for args in (WALK, ["inspections", "list"], ["notices", "list"]):
        run = cli(*args, ledger=ledger, input="q\n")
        assert run.returncode == 3 and "is newer than this inspect-cli understands" in run.stderr, args
    assert ledger.read_bytes() == before


def test_pty_note_is_saved_before_the_evidence_question(tmp_path):
    ledger = tmp_path / "l.db"
    child = spawn(ledger, *WALK)
    child.expect(PROMPT)
    child.sendline("p")
    child.expect("Note")
    child.sendline("缺少公开记录")
    child.expect("Evidence method")
    child.kill(signal.SIGKILL)
    child.wait()
    saved = results(ledger)
    assert saved["1"].status is Status.partial and saved["1"].note == "缺少公开记录" and saved["1"].evidence == ()


LEFT = "\x1b[D"


def answer_with_note(child, letter, keys, next_position):
    """At the answer prompt: give `letter`, type `keys` at the note prompt, skip the evidence, wait for the next
    task."""
    child.sendline(letter)
    child.expect("Note")
    child.send(keys)
    child.expect("Evidence method")
    child.sendline("")
    child.expect(rf"\[{next_position}/16\]")
    child.expect(PROMPT)


def test_pty_note_is_edited_with_the_cursor_keys_and_wide_characters(tmp_path):
    ledger = tmp_path / "l.db"
    child = spawn(ledger, *WALK)
    child.expect(PROMPT)
    answer_with_note(child, "n", "材料不全" + LEFT + LEFT + "齐" + "\r", 2)
    # Home, a character, End, Backspace over a wide character
    answer_with_note(child, "p", "目录X" + "\x1b[H" + "缺" + "\x1b[F" + "\x7f" + "\r", 3)
    # Up twice recalls the note before last
    answer_with_note(child, "n", "\x1b[A\x1b[A\r", 4)
    child.sendline("q")
    child.expect(pexpect.EOF)
    saved = results(ledger)
    assert saved["1"].note == "材料齐不全"
    assert saved["2"].note == "缺目录"
    assert saved["4"].note == "材料齐不全"
    with SQLiteLedger.open(ledger) as opened:
        assert all("\x1b" not in event.detail for event in opened.events())


def test_pty_back_then_skip_keeps_the_answer_and_u_clears_it_after_asking(tmp_path):
    ledger = tmp_path / "l.db"
    child = walk_first_task(ledger, "n\r未公开\r\r")
    child.sendline("b")
    child.expect(r"\[1/16\]")
    child.expect(PROMPT)
    child.sendline("s")
    child.expect("Kept: noncompliant")
    child.expect(r"\[2/16\]")
    child.expect(PROMPT)
    child.sendline("b")
    child.expect(r"\[1/16\]")
    child.expect(PROMPT)
    child.sendline("u")
    child.expect(r"Clear the answer")
    child.sendline("maybe")
    child.expect("Answer y or n")
    child.sendline("n")
    child.expect(r"\[1/16\]")
    assert results(ledger)["1"].note == "未公开"
    child.expect(PROMPT)
    child.sendline("u")
    child.expect(r"Clear the answer")
    child.sendline("y")
    child.expect("Cleared")
    child.expect(PROMPT)
    child.sendline("q")
    child.expect(pexpect.EOF)
    assert results(ledger)["1"].status is Status.not_reviewed


@pytest.mark.slow
def test_pty_q_at_the_resume_question_creates_no_draft(tmp_path):
    ledger = tmp_path / "l.db"
    cli(*WALK, ledger=ledger, input="c\nq\n")
    child = spawn(ledger, *WALK)
    child.expect(r"Resume it\? n starts another draft \[Y/n\]")
    child.sendline("q")
    child.expect("Answer y or n")
    child.sendline("y")
    child.expect(r"Resuming inspection 1")
    child.expect(PROMPT)
    child.sendline("q")
    child.expect(pexpect.EOF)
    with SQLiteLedger.open(ledger) as opened:
        assert [i.id for i in opened.inspections()] == [1]


def test_piped_resume_question_asks_again_and_n_starts_another_draft(tmp_path):
    ledger = tmp_path / "l.db"
    cli(*WALK, ledger=ledger, input="c\nq\n")
    run = cli(*WALK, ledger=ledger, input="q\nx\nn\nq\n")
    assert run.stdout.count("Answer y or n.") == 2 and "Started inspection 2" in run.stdout


def _answers(tmp_path, second_note):
    path = tmp_path / "a.toml"
    path.write_text(
        '[[answers]]\ntask = "1"\nstatus = "compliant"\n\n'
        f'[[answers]]\ntask = "2"\nstatus = "noncompliant"\nnote = "{second_note}"\n',
        encoding="utf-8",
    )
    return path


@pytest.mark.slow
def test_answers_file_over_a_draft_with_other_answers_is_refused_then_replaced(tmp_path):
    ledger = tmp_path / "l.db"
    cli(*WALK, ledger=ledger, input="x\np\n现场发现缺少公开记录\n\nq\n")
    before = results(ledger)
    run = cli(*WALK, "--answers", str(_answers(tmp_path, "未公开")), "--finalize", ledger=ledger)
    assert run.returncode == 2 and run.stderr.count("\n") == 1
    assert "task 1: recorded not_applicable, file compliant" in run.stderr
    assert "task 2: recorded partial “现场发现缺少公开记录”, file noncompliant “未公开”" in run.stderr
    assert results(ledger) == before
    with SQLiteLedger.open(ledger) as opened:
        assert opened.inspection(1).state == "draft" and len(opened.inspections()) == 1
    alone = cli(*WALK, "--replace", ledger=ledger)
    assert alone.returncode == 2 and "--replace works with --answers FILE" in alone.stderr
    run = cli(*WALK, "--answers", str(_answers(tmp_path, "未公开")), "--replace", ledger=ledger)
    assert run.returncode == 0, run.stderr
    assert "Saved 2 answer(s) to inspection 1 (2 replaced, each logged)" in run.stdout
    assert results(ledger)["2"].note == "未公开"
    with SQLiteLedger.open(ledger) as opened:
        replaced = [json.loads(e.detail) for e in opened.events(1) if e.kind == "result.replaced"]
    assert [(d["previous_status"], d["status"]) for d in replaced] == [
        ("not_applicable", "compliant"),
        ("partial", "noncompliant"),
    ]
    assert replaced[1]["previous_note"] == "现场发现缺少公开记录"
    same = cli(*WALK, "--answers", str(_answers(tmp_path, "未公开")), "--finalize", ledger=ledger)
    assert same.returncode == 0 and "Inspection 1 finalized" in same.stdout


def test_answers_file_with_new_starts_another_draft(tmp_path):
    ledger = tmp_path / "l.db"
    cli(*WALK, ledger=ledger, input="x\nq\n")
    run = cli(*WALK, "--answers", str(_answers(tmp_path, "未公开")), "--new", ledger=ledger)
    assert run.returncode == 0 and "Started inspection 2" in run.stdout
    assert results(ledger)["1"].status is Status.not_applicable


@pytest.mark.slow
def test_four_walks_started_at_once_on_a_new_ledger_leave_one_draft(tmp_path):
    ledger = tmp_path / "l.db"
    env = {**os.environ, "INSPECT_LEDGER": str(ledger), "COLUMNS": "80"}
    walks = [
        subprocess.Popen(
            [sys.executable, "-m", "inspect_cli", *WALK],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for _ in range(4)
    ]
    for process in walks:
        process.stdin.write("c\nq\n")
        process.stdin.close()
    codes = [process.wait(timeout=60) for process in walks]
    assert set(codes) <= {0, 2}
    with SQLiteLedger.open(ledger) as opened:
        assert len(opened.inspections()) == 1


def test_control_characters_never_reach_the_ledger_from_piped_input_or_files(tmp_path):
    ledger = tmp_path / "l.db"
    cli(*WALK, ledger=ledger, input="p\n缺少\x1b[D\x07记录\t附件\n\nq\n")
    assert results(ledger)["1"].note == "缺少记录 附件"
    answers = tmp_path / "a.toml"
    answers.write_text('[[answers]]\ntask = "2"\nstatus = "n"\nnote = "未\\u001b[31m公开\\u0000"\n', encoding="utf-8")
    assert cli(*WALK, "--answers", str(answers), ledger=ledger).returncode == 0
    assert results(ledger)["2"].note == "未公开"


def test_help_and_task_screen_fit_60_columns(tmp_path):
    from wcwidth import wcswidth

    run = cli(*WALK, ledger=tmp_path / "l.db", input="?\nq\n", env_extra={"COLUMNS": "60"})
    assert "u  clear this task's answer (asks first)" in run.stdout
    # the keys' legend, too long for one line, comes in two halves
    assert (
        "c compliant  p partial  n noncompliant  x not applicable\ns skip  u clear  e evidence  b back  q quit  ? help"
        in run.stdout
    )
    # the closing lines (a command to copy, the ledger path, the counts) are not wrapped
    lines = [line for line in run.stdout.splitlines() if not line.startswith(("Resume with", "Started", "Saved."))]
    assert max(wcswidth(line) for line in lines) <= 60


def test_resuming_a_draft_says_which_date_and_place_it_keeps(invoke, tmp_path):
    answers = tmp_path / "a.toml"
    answers.write_text('[[answers]]\ntask = "1"\nstatus = "c"\nnote = ""\n', encoding="utf-8")
    first = ("walk", JINGMEN_CHECKLIST, "--unit", "编办", "--inspector", "张三", "--items", "1", "--answers", answers)
    assert invoke(*first, "--date", "2017-03-01", "--place", "会议室").exit_code == 0
    again = invoke(*first, "--date", "2018-01-02", "--place", "档案室")
    assert again.exit_code == 0
    assert "ignores --date 2018-01-02 (it keeps 2017-03-01); --place 档案室 (it keeps 会议室)" in again.stderr
    assert "ignores" not in invoke(*first, "--date", "2017-03-01").stderr


def test_replace_drops_the_replaced_answers_evidence(tmp_path):
    ledger = tmp_path / "l.db"
    first = tmp_path / "first.toml"
    first.write_text(
        '[[answers]]\ntask = "1"\nstatus = "partial"\nnote = "部分公开"\n'
        '[[answers.evidence]]\nmethod = "查阅资料"\ndescription = "旧清单"\n'
        '[[answers.evidence]]\nmethod = "座谈"\ndescription = "旧座谈"\n',
        encoding="utf-8",
    )
    second = tmp_path / "second.toml"
    second.write_text(
        '[[answers]]\ntask = "1"\nstatus = "noncompliant"\nnote = "未公开"\n'
        '[[answers.evidence]]\nmethod = "实地查看"\ndescription = "公开栏无目录"\n',
        encoding="utf-8",
    )
    assert cli(*WALK, "--answers", str(first), ledger=ledger).returncode == 0
    run = cli(*WALK, "--answers", str(second), "--replace", ledger=ledger)
    assert run.returncode == 0, run.stderr
    assert [item.description for item in results(ledger)["1"].evidence] == ["公开栏无目录"]
    with SQLiteLedger.open(ledger) as opened:
        [replaced] = [json.loads(e.detail) for e in opened.events(1) if e.kind == "result.replaced"]
    assert [item["description"] for item in replaced["previous_evidence"]] == ["旧清单", "旧座谈"]


@pytest.mark.slow
def test_n_at_the_resume_question_says_the_draft_stays_and_the_next_run_offers_the_one_with_answers(tmp_path):
    ledger = tmp_path / "l.db"
    cli(*WALK, ledger=ledger, input="c\nc\nc\nc\nc\nq\n")
    second = cli(*WALK, ledger=ledger, input="n\nq\n")
    assert "Started inspection 2" in second.stdout
    assert "Draft #1 stays as it is (5/16 answered): resume it with --resume 1" in " ".join(second.stdout.split())
    third = cli(*WALK, ledger=ledger, input="y\nq\n")
    said = " ".join(third.stdout.split())
    assert "2 draft inspections of 市编办 exist: #1 2017-03-10, 5/16 answered; #2 2017-03-10, 0/16 answered" in said
    assert "A draft inspection of 市编办 exists (#1," in said and "Resuming inspection 1" in said


def test_pty_ctrl_c_at_the_resume_question_says_nothing_changed(tmp_path):
    ledger = tmp_path / "l.db"
    cli(*WALK, ledger=ledger, input="c\nq\n")
    child = spawn(ledger, *WALK)
    child.expect(r"Resume it\?")
    child.sendintr()
    child.expect("Interrupted at the question; nothing was changed")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    with SQLiteLedger.open(ledger) as opened:
        assert [i.id for i in opened.inspections()] == [1]


def test_an_unknown_evidence_method_is_refused_before_the_description_is_asked(tmp_path):
    ledger = tmp_path / "l.db"
    run = cli(*WALK, ledger=ledger, input="n\n未公开\n9\n查阅\n1\n目录送审稿\n\nq\n")
    assert run.stdout.count("is not one of") == 2
    assert run.stdout.count("Description (title and document number") == 1 and run.stdout.count("File path") == 1
    [item] = results(ledger)["1"].evidence
    assert (item.method, item.description) == ("查阅资料", "目录送审稿")


@pytest.mark.slow
def test_from_last_numbers_the_tasks_in_the_order_walked(tmp_path):
    import re

    ledger = tmp_path / "l.db"
    answers = tmp_path / "last.toml"
    answers.write_text(
        '[[answers]]\ntask = "23"\nstatus = "n"\nnote = "未整改"\n\n'
        '[[answers]]\ntask = "7"\nstatus = "p"\nnote = "部分"\n',
        encoding="utf-8",
    )
    assert cli(*WALK[:-1], "2016-03-01", "--answers", str(answers), "--finalize", ledger=ledger).returncode == 0
    run = cli(*WALK, "--from-last", ledger=ledger, input="c\nc\nc\nc\nq\n")
    assert run.returncode == 0, run.stderr
    shown = re.findall(r"\[(\d+)/16\] Task \((\d+)\)", run.stdout)
    assert [position for position, _task in shown] == ["1", "2", "3", "4", "5"]
    assert [task for _position, task in shown][:2] == ["7", "23"]
    assert "--from-last" in run.stdout.split("Resume with:")[1]


def test_the_end_of_the_walk_names_the_tasks_still_unreviewed(tmp_path):
    ledger = tmp_path / "l.db"
    run = cli(*WALK, ledger=ledger, input="c\n" * 6 + "s\n" * 10 + "n\n")
    said = " ".join(run.stdout.split())
    assert "End of the tasks; 10 of 16 not reviewed yet" in said and "All tasks walked" not in said
    zh = cli("--lang", "zh", *WALK, "--new", ledger=ledger, input="c\n" * 16 + "n\n")
    assert "全部任务已检查完毕" in zh.stdout


def test_the_resume_hint_keeps_the_language_and_the_ledger(tmp_path):
    ledger = tmp_path / "my ledger.db"
    run = cli("--lang", "zh", "--ledger", str(ledger), *WALK, ledger=tmp_path / "other.db", input="c\nq\n")
    hint = run.stdout.split("继续：")[-1] if "继续：" in run.stdout else run.stdout.splitlines()[-1]
    assert f"inspect-cli --lang zh --ledger '{ledger}' walk" in hint


def test_walk_from_last_lists_last_years_findings_and_walks_them_first(year, tmp_path):
    checklist, _run = year
    env = {**os.environ, "NO_COLOR": "1"}
    child = pexpect.spawn(
        sys.executable,
        [
            "-m",
            "inspect_cli",
            "walk",
            str(checklist),
            "--unit",
            "市编办",
            "--inspector",
            "张三",
            "--date",
            "2018-03-01",
            "--from-last",
        ],
        env=env,
        encoding="utf-8",
        dimensions=(24, 80),
        timeout=20,
    )
    child.expect(r"Last inspection #4 \(2017-03-01\) found 1 task\(s\) wanting")
    child.expect("6: noncompliant — 市编办任务6未完全落实")
    child.expect(r"\[1/6\] Task \(6\)")  # the task found wanting comes first, numbered in walk order
    child.expect(r"Last inspection \(2017-03-01, #4\): noncompliant")
    child.expect(r"\x1b\[0m>")
    child.sendline("c")
    child.expect(r"\[2/6\] Task \(1\)")
    child.expect(r"\x1b\[0m>")
    child.sendline("q")
    child.expect(pexpect.EOF)
    from inspect_cli.ledger import open_location

    with open_location(tmp_path / "year.db") as ledger:
        draft = ledger.inspections(unit="市编办", state="draft")[0]
        assert {task: result.status.value for task, result in ledger.results(draft.id).items()} == {"6": "compliant"}
