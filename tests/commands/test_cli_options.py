"""Options several commands share: dates, --format, --ledger and its folder, --unit by a unique part, who acts, the
language of documents, and what a reader says when nothing matches."""

from __future__ import annotations

import getpass

import pytest
from conftest import JINGMEN_CHECKLIST

from inspect_cli import i18n
from inspect_cli.commands.options import Lang, actor, document_language, ledger_unit, nothing_matches, parse_date


@pytest.fixture
def walked(invoke, tmp_path):
    for unit, task in (("编办", "1"), ("人社局", "8")):
        answers = tmp_path / f"{task}.toml"
        answers.write_text(f'[[answers]]\ntask = "{task}"\nstatus = "c"\n', encoding="utf-8")
        result = invoke("walk", JINGMEN_CHECKLIST, "--unit", unit, "--inspector", "张三", "--answers", answers)
        assert result.exit_code == 0, result.output
    return tmp_path / "ledger.db"


def test_a_date_is_written_yyyy_mm_dd():
    from datetime import date

    assert parse_date(" 2017-03-10 ") == date(2017, 3, 10) and parse_date(None) is None
    assert parse_date(date(2017, 3, 10)) == date(2017, 3, 10)


def test_a_date_in_another_form_is_one_line_saying_the_form(invoke):
    result = invoke("deadlines", JINGMEN_CHECKLIST, "--as-of", "2017/03/10")
    assert result.exit_code == 2
    assert "'2017/03/10' is not a date; write it as YYYY-MM-DD, e.g. 2017-03-10" in result.stderr
    assert result.stderr.count("\n") == 1


def test_a_format_the_command_does_not_offer_is_a_usage_error(invoke, walked):
    result = invoke("inspections", "compare", "1", "2", "--format", "csv")
    assert result.exit_code == 2 and "'csv' is not one of 'table', 'json', 'md'." in result.stderr
    assert "[table|json|md]" in invoke("inspections", "compare", "--help").stdout


def test_a_unit_is_found_by_a_unique_part_of_its_name(walked):
    from inspect_cli.exceptions import NotFound, Reason
    from inspect_cli.ledger import open_location

    with open_location(walked) as ledger:
        assert ledger_unit("编办", ledger) == "市编办" and ledger_unit(None, ledger) is None
        assert ledger_unit("气象局", ledger) == "气象局"  # nothing matches: the caller says so
        with pytest.raises(NotFound) as ambiguous:
            ledger_unit("市", ledger)
    assert ambiguous.value.reason is Reason.ambiguous


def test_what_a_reader_says_when_nothing_matches():
    i18n.activate("en")
    assert nothing_matches("inspections", "编办", state="finalized") == (
        "No inspections match --unit 编办 --state finalized."
    )
    assert nothing_matches("notices", None, due_before=None) == "No notices in the ledger yet."
    assert nothing_matches("results", None, as_of="2017-12-31") == "No results match --as-of 2017-12-31."


def test_who_acts_and_in_which_language_documents_are_written():
    assert actor("李四") == "李四" and actor(None) == getpass.getuser()
    i18n.activate("zh")
    assert document_language(None) == "zh" and document_language(Lang.en) == "en"


def test_a_reader_never_makes_a_ledger_and_a_named_missing_folder_is_a_storage_error(invoke, tmp_path):
    listed = invoke("inspections", "list")
    assert listed.exit_code == 0 and not (tmp_path / "ledger.db").exists()
    missing = invoke("--ledger", tmp_path / "nowhere" / "l.db", "inspections", "list")
    assert missing.exit_code == 3 and "no such folder" in missing.stderr
