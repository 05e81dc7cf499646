"""Answers files: every answer checked before any is saved; evidence files found beside the answers file."""

from __future__ import annotations

import re
from datetime import date

import pytest

from inspect_cli.core.answers import load_answers
from inspect_cli.core.inspections import apply_answers, select_tasks, start_inspection
from inspect_cli.domain.models import Status
from inspect_cli.exceptions import InputError, NotFound
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


def test_answers_file_is_checked_before_saving(tmp_path, ledger, draft):
    good = tmp_path / "answers.toml"
    (tmp_path / "scan.pdf").write_bytes(b"%PDF")
    good.write_text(
        """
[[answers]]
task = "1"
status = "c"

[[answers]]
task = "2"
status = "不符合"
note = "未下放"
[[answers.evidence]]
method = "座谈"
description = "与审改科长座谈"
file = "scan.pdf"
""",
        encoding="utf-8",
    )
    answers = load_answers(good)
    assert [a.status for a in answers] == [Status.compliant, Status.noncompliant]
    assert answers[1].evidence[0].file_path == str(tmp_path / "scan.pdf")
    assert apply_answers(ledger, draft.id, answers, "张三") == 2
    bad = tmp_path / "bad.toml"
    bad.write_text(
        '[[answers]]\ntask = "4"\nstatus = "c"\n\n[[answers]]\ntask = "66"\nstatus = "c"\n', encoding="utf-8"
    )
    with pytest.raises(NotFound, match="66"):
        apply_answers(ledger, draft.id, load_answers(bad), "张三")
    assert "4" not in ledger.results(draft.id)
    for text, message in [
        ('[[answers]]\ntask = "1"\nstatus = "p"\n', "needs a note"),
        ('[[answers]]\ntask = "1"\nstatus = "maybe"\n', "unknown status"),
        ('[[answers]]\ntask = "1"\nstatus = "c"\ncolour = 1\n', "allowed keys"),
        ("answers = 3", "expected [[answers]]"),
        ("[[answers]\n", "not a valid TOML"),
    ]:
        bad.write_text(text, encoding="utf-8")
        with pytest.raises(InputError, match=re.escape(message)):
            load_answers(bad)


def test_typed_text_is_cleaned_and_evidence_must_be_strings(tmp_path):
    path = tmp_path / "answers.toml"
    path.write_text('[[answers]]\ntask = " 1\\u001b[D "\nstatus = "n"\nnote = "缺\\n材料"\n', encoding="utf-8")
    [answer] = load_answers(path)
    assert (answer.task_id, answer.status, answer.note) == ("1", Status.noncompliant, "缺 材料")
    path.write_text(
        '[[answers]]\ntask = "1"\nstatus = "c"\n[[answers.evidence]]\nmethod = "座谈"\ndescription = 3\n',
        encoding="utf-8",
    )
    with pytest.raises(InputError, match=r"answer 1 \(task 1\): evidence has method, description and optional file"):
        load_answers(path)
    path.write_text(
        '[[answers]]\ntask = "1"\nstatus = "c"\n[[answers.evidence]]\nmethod = "座谈"\ndescription = "x"\n'
        'file = "missing.pdf"\n',
        encoding="utf-8",
    )
    with pytest.raises(InputError, match=r"answer 1 \(task 1\): .*missing\.pdf"):
        load_answers(path)


def test_a_missing_answers_file_says_which_option_to_check(tmp_path):
    with pytest.raises(InputError, match="--answers"):
        load_answers(tmp_path / "nowhere.toml")
