"""Scores and ranks on a scripted year, against figures worked out by hand (core/scores.py)."""

from __future__ import annotations

from datetime import date

import pytest
from sample_year import AS_OF, build

from inspect_cli.core.config import Config
from inspect_cli.core.scores import competition_ranks, notice_counts, points, unit_scores
from inspect_cli.domain.models import Status
from inspect_cli.formats.checklist_toml import load_checklist
from inspect_cli.ledger import open_location
from inspect_cli.ledger.base import NoticeRow


@pytest.fixture
def year(tmp_path, monkeypatch):
    checklist = build(tmp_path, monkeypatch)
    with open_location(tmp_path / "year.db") as ledger:
        yield ledger, load_checklist(checklist)


def test_scores_and_ranks_match_the_hand_count(year):
    ledger, checklist = year
    rows = unit_scores(ledger, checklist, 2017, Config(), date.fromisoformat(AS_OF))
    table = [(r.rank, r.unit, r.score, r.earned, r.possible, r.deductions, r.findings) for r in rows]
    assert table == [
        (1, "牌楼镇", 89.4, 8.5, 9.0, 5.0, 1),  # 94.44 less 5 for the escalated notice
        (2, "市编办", 88.9, 8.0, 9.0, 0.0, 1),  # its notice was closed out on time
        (2, "龙泉街道", 88.9, 8.0, 9.0, 0.0, 1),  # ties with 市编办: the same rank
        (4, "市财政局", 79.3, 6.5, 8.0, 2.0, 2),  # n/a left out of 8 points; 81.25 less 2 for the overdue notice
    ]
    finance = rows[3]
    assert finance.date == date(2017, 6, 1)  # the year's latest inspection, not February's perfect one
    assert (finance.notices.open, finance.notices.overdue, finance.notices.closed) == (1, 1, 0)
    assert finance.checked == 6


def test_shares_and_deductions_come_from_the_config(year):
    ledger, checklist = year
    strict = Config(scores_partial=0.0, scores_overdue_notice=10.0, scores_escalated_notice=0.0)
    rows = {r.unit: r for r in unit_scores(ledger, checklist, 2017, strict, date.fromisoformat(AS_OF))}
    assert rows["牌楼镇"].score == round(100 * 8 / 9, 1)  # partial earns nothing, no escalation penalty
    assert rows["市财政局"].score == round(100 * 6 / 8 - 10, 1)  # 75 less 10


def test_one_unit_and_another_year(year):
    ledger, checklist = year
    only = unit_scores(ledger, checklist, 2017, Config(), date.fromisoformat(AS_OF), unit="市编办")
    assert [(r.unit, r.rank) for r in only] == [("市编办", 1)]
    earlier = unit_scores(ledger, checklist, 2016, Config(), date.fromisoformat(AS_OF))
    # 市编办 2016: 7 of 9 points (77.8), less 2 for its 2016 notice, still open and overdue on the day judged
    assert [(r.unit, r.score) for r in earlier] == [("市财政局", 100.0), ("市编办", round(100 * 7 / 9 - 2, 1))]


def test_the_pieces():
    results = {"1": Status.compliant, "2": Status.partial, "3": Status.not_applicable, "4": Status.not_reviewed}
    share = {Status.compliant: 1.0, Status.partial: 0.5, Status.noncompliant: 0.0}
    assert points(results, {"1": 3.0, "2": 2.0, "3": 5.0}, share) == (4.0, 5.0)
    assert competition_ranks([90.0, 80.0, 80.0, 70.0, 70.0, 60.0]) == [1, 2, 2, 4, 4, 6]
    stored = dict.fromkeys(NoticeRow._fields, "")
    rows = [
        NoticeRow(**{**stored, "state": "open", "current_due": "2017-01-01", "escalation": ""}),
        NoticeRow(**{**stored, "state": "open", "current_due": "2018-01-01", "escalation": "约谈"}),
        NoticeRow(**{**stored, "state": "closed", "current_due": "2016-01-01", "escalation": ""}),
    ]
    counted = notice_counts(rows, date(2017, 6, 1))
    assert (counted.open, counted.overdue, counted.closed, counted.escalated) == (2, 1, 1, 1)
