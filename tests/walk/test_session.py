"""One walk command carried out: a draft chosen, started or resumed and held; answers applied from a file checked
before anything is saved; a walk from piped answers that stops and says how to resume."""

from __future__ import annotations

import io
import sys
from datetime import date

import pytest
from conftest import JINGMEN_CHECKLIST

from inspect_cli import i18n
from inspect_cli.domain.models import Status
from inspect_cli.exceptions import InputError, NotFound
from inspect_cli.ledger.sqlite import SQLiteLedger
from inspect_cli.walk.session import WalkRequest, run


@pytest.fixture(autouse=True)
def english():
    i18n.activate("en")


def _request(**given) -> WalkRequest:
    return WalkRequest(checklist=JINGMEN_CHECKLIST, unit="编办", inspectors=["张三", "李四"], **given)


def _answers(tmp_path, text: str):
    path = tmp_path / "answers.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _ledger(tmp_path):
    return SQLiteLedger.open(tmp_path / "ledger.db")


def test_answers_from_a_file_are_saved_and_the_inspection_finalized(tmp_path, capsys):
    answers = _answers(tmp_path, '[[answers]]\ntask = "1"\nstatus = "c"\n\n[[answers]]\ntask = "2"\nstatus = "x"\n')
    assert run(_request(answers=answers, finalize=True, on=date(2017, 3, 10), place="会议室")) == 0
    said = capsys.readouterr().out
    assert "Started inspection 1 (draft) of 市编办" in said and "Saved 2 answer(s) to inspection 1." in said
    assert "Inspection 1 finalized; content hash " in said
    with _ledger(tmp_path) as ledger:
        [inspection] = ledger.inspections()
        assert (inspection.state, inspection.inspectors, inspection.place) == ("finalized", ("张三", "李四"), "会议室")
        assert {task: r.status for task, r in ledger.results(1).items()} == {
            "1": Status.compliant,
            "2": Status.not_applicable,
        }
        assert ledger.results(1)["1"].answered_by == "张三、李四"


def test_an_answer_for_a_task_not_walked_leaves_no_empty_draft(tmp_path):
    answers = _answers(tmp_path, '[[answers]]\ntask = "2"\nstatus = "c"\n')
    with pytest.raises(NotFound, match=r"task\(s\) 2 are not among the 1 task\(s\) of 市编办 to walk"):
        run(_request(answers=answers, items="1"))
    with _ledger(tmp_path) as ledger:
        assert ledger.inspections() == []


def test_replace_needs_an_answers_file_and_a_bad_file_is_refused_before_the_ledger(tmp_path):
    with pytest.raises(InputError, match="--replace works with --answers FILE"):
        run(_request(replace=True))
    with pytest.raises(InputError, match="needs a note"):
        run(_request(answers=_answers(tmp_path, '[[answers]]\ntask = "1"\nstatus = "p"\n')))
    assert not (tmp_path / "ledger.db").exists()


def test_a_second_file_resumes_the_draft_and_says_it_keeps_its_date(tmp_path, capsys):
    run(_request(answers=_answers(tmp_path, '[[answers]]\ntask = "1"\nstatus = "c"\n'), on=date(2017, 3, 10)))
    capsys.readouterr()
    run(_request(answers=_answers(tmp_path, '[[answers]]\ntask = "2"\nstatus = "c"\n'), on=date(2017, 3, 11)))
    said = capsys.readouterr()
    assert "Resuming inspection 1 of 市编办: 1/" in said.out
    assert "ignores --date 2017-03-11 (it keeps 2017-03-10)" in said.err
    with _ledger(tmp_path) as ledger:
        assert len(ledger.inspections()) == 1 and set(ledger.results(1)) == {"1", "2"}


def test_replace_overwrites_an_answer_and_counts_it(tmp_path, capsys):
    run(_request(answers=_answers(tmp_path, '[[answers]]\ntask = "1"\nstatus = "c"\n')))
    changed = _answers(tmp_path, '[[answers]]\ntask = "1"\nstatus = "n"\nnote = "未公开"\n')
    run(_request(answers=changed, replace=True))
    assert "(1 replaced, each logged)" in capsys.readouterr().out
    with _ledger(tmp_path) as ledger:
        assert ledger.results(1)["1"].status is Status.noncompliant


def test_a_walk_from_piped_answers_stops_at_q_and_says_how_to_resume(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.StringIO("c\nn\n未建立\n\nq\n"))
    assert run(_request(on=date(2017, 3, 10))) == 0
    said = capsys.readouterr().out
    assert "[1/" in said and "Saved. " in said and "Resume with: " in said
    with _ledger(tmp_path) as ledger:
        results = ledger.results(1)
        assert (results["1"].status, results["2"].status, results["2"].note) == (
            Status.compliant,
            Status.noncompliant,
            "未建立",
        )


def test_the_input_ending_at_the_question_resumes_the_draft_and_starts_none(tmp_path, monkeypatch, capsys):
    run(_request(answers=_answers(tmp_path, '[[answers]]\ntask = "1"\nstatus = "c"\n')))
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert run(_request()) == 0
    assert "A draft inspection of 市编办 exists (#1" in capsys.readouterr().out
    with _ledger(tmp_path) as ledger:
        assert [inspection.id for inspection in ledger.inspections()] == [1]
