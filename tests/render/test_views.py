"""How results are shown: the deadline report's columns and its fast JSON, the ledger export's Chinese titles and
words, statuses by their names."""

from __future__ import annotations

import json
from datetime import date

from inspect_cli import i18n
from inspect_cli.core.deadlines import AnnotatedObligation, Obligation, task_obligations
from inspect_cli.domain.models import NoticeStatus
from inspect_cli.render.views import (
    DEADLINE_FIELDS,
    deadline_json_row,
    deadline_record,
    deadlines_json,
    deadlines_view,
    ledger_export_view,
    ledger_title,
    ledger_word,
    status_name,
)

NOTICE = AnnotatedObligation(
    "notice",
    "荆法督〔2024〕1号",
    "市人社局",
    date(2024, 10, 10),
    -4,
    "red",
    "overdue",
    "",
    "",
    "working_days",
    -3,
    "estimated",
    "",
)
UNPARSED = Obligation("task", "3", "市编办", None, None, "unknown", "unparsed", "", "视情况适时推进")


def _cells(row, colour=False) -> list:
    return [column.get(row) for column in deadlines_view(colour).columns]


def test_the_fast_json_of_a_row_is_the_json_of_its_record(jingmen):
    rows = [*task_obligations(jingmen, None, date(2017, 6, 30), 7, 30), NOTICE, UNPARSED]
    encode = deadline_json_row()
    for row in rows:
        record = deadline_record(row)
        # an empty calendar or reason is null in JSON, an empty cell in CSV
        assert json.loads(encode(row)) == {
            field: record[field] if record[field] != "" else None for field in DEADLINE_FIELDS
        }
    assert json.loads(deadlines_json(rows)) == [json.loads(encode(row)) for row in rows]
    assert deadlines_json([]) == "[]\n"


def test_a_notice_row_says_its_working_days_and_an_estimated_due_date():
    i18n.activate("en")
    assert _cells(NOTICE) == ["red", "notice", "荆法督〔2024〕1号", "市人社局", "2024-10-10*", "-4 d/-3 wd", "overdue"]
    assert deadline_record(NOTICE)["calendar"] == "estimated"


def test_a_phrase_not_understood_has_a_question_mark_for_its_date():
    i18n.activate("en")
    assert _cells(UNPARSED)[4:6] == ["?", ""]
    assert deadline_record(UNPARSED)["working_days_left"] is None


def test_the_light_is_coloured_only_on_a_terminal():
    i18n.activate("en")
    assert _cells(NOTICE, colour=True)[0] == "\x1b[31m\x1b[1mred\x1b[0m" and _cells(NOTICE)[0] == "red"


def test_the_ledger_export_in_chinese_titles_and_words():
    assert ledger_title("deadline", "zh") != "Rectification deadline" and ledger_title("deadline", "en") == (
        "Rectification deadline"
    )
    assert ledger_word("state", "closed", "zh") == NoticeStatus.closed.label_in("zh") != "closed"
    assert ledger_word("state", "finalized", "en", inspections=True) == "finalized"
    assert ledger_word("status", "retired_word", "zh") == "retired_word"  # an older release's word is kept
    assert ledger_word("unit", "市编办", "zh") == "市编办" and ledger_word("status", "", "zh") == ""
    view = ledger_export_view(("notice", "state"), "zh")
    assert view.titles == (ledger_title("notice", "zh"), ledger_title("state", "zh"))
    assert view.record({"notice": "荆法督〔2017〕1号", "state": "open"}) == {
        "notice": "荆法督〔2017〕1号",
        "state": ledger_word("state", "open", "zh"),
    }
    plain = ledger_export_view(("notice", "state"), "en")
    assert plain.titles is None and plain.record is None


def test_a_status_by_its_name_in_the_interface_language():
    i18n.activate("en")
    assert status_name("noncompliant") == "noncompliant" and status_name(None) == ""
    i18n.activate("zh")
    assert status_name("compliant") == "符合"
