"""The desk review drawn: a Markdown brief in the interface language, its data, a batch's summary rows."""

from __future__ import annotations

import json

import pytest
from conftest import CORPUS
from markdown_it import MarkdownIt

from inspect_cli import i18n
from inspect_cli.core.review import review_report
from inspect_cli.render.review import review_markdown, review_record, summary_record

REPORTS = CORPUS / "annual-reports"


@pytest.fixture(scope="module")
def taixia():
    return review_report(REPORTS / "taixia-township-2022.txt")


@pytest.fixture(scope="module")
def linshu_with_checklist(jingmen):
    return review_report(REPORTS / "linshu-county-2024.txt", jingmen), jingmen


def test_the_brief_names_the_unit_the_missing_part_and_every_figure(taixia):
    i18n.activate("en")
    brief = review_markdown(taixia)
    assert brief.startswith("# Desk review: 太霞乡 annual report on building a rule-of-law government, 2022\n")
    assert "**Missing:** principal leaders' duties as first responsible for the rule of law" in brief
    assert f"## Figures the report gives ({len(taixia.figures)};" in brief
    tokens = MarkdownIt("commonmark").enable("table").parse(brief)
    rows = sum(1 for token in tokens if token.type == "tr_open")
    assert rows == 1 + len(taixia.parts) + 1 + len(taixia.figures)  # two tables, each with its header row
    assert "## Checklist tasks" not in brief


def test_the_brief_is_chinese_in_a_chinese_interface(taixia):
    i18n.activate("zh")
    brief = review_markdown(taixia)
    assert "太霞乡" in brief and "Missing" not in brief and "Desk review" not in brief


def test_with_a_checklist_the_brief_lists_the_tasks_spoken_to_and_not(linshu_with_checklist):
    review, checklist = linshu_with_checklist
    i18n.activate("en")
    brief = review_markdown(review, checklist)
    spoken = {match.task_id for match in review.matches}
    assert f"## Checklist tasks the report speaks to ({len(spoken)} of {review.tasks_checked} tasks)" in brief
    assert f"## Tasks the report does not speak to ({len(review.unaddressed)})" in brief


def test_the_data_has_the_matches_only_when_a_checklist_was_given(taixia, linshu_with_checklist):
    plain = json.loads(json.dumps(review_record(taixia, with_matches=False), ensure_ascii=False))
    assert (plain["unit"], plain["year"], plain["missing"]) == ("太霞乡", 2022, ["leaders"])
    assert "matches" not in plain and len(plain["figures"]) == len(taixia.figures)
    review, _checklist = linshu_with_checklist
    matched = review_record(review, with_matches=True)
    assert len(matched["matches"]) == len(review.matches) and matched["unaddressed"] == list(review.unaddressed)


def test_a_batch_row_counts_what_the_brief_lists(taixia):
    assert summary_record(taixia) == {
        "file": taixia.file,
        "unit": "太霞乡",
        "year": 2022,
        "missing": ["leaders"],
        "figures": len(taixia.figures),
        "tasks_addressed": taixia.tasks_addressed,
        "tasks_checked": taixia.tasks_checked,
        "truncated": False,
        "structure_read": True,
    }
