"""The office's year in figures (core/summary.py), against counts made directly from the ledger."""

from __future__ import annotations

from datetime import date

import pytest
from sample_year import AS_OF, INSPECTIONS, build

from inspect_cli.core.config import Config
from inspect_cli.core.summary import unit_kind, year_summary
from inspect_cli.formats.checklist_toml import load_checklist
from inspect_cli.ledger import open_location


def test_the_year_in_figures_equals_the_counts(tmp_path, monkeypatch):
    checklist = load_checklist(build(tmp_path, monkeypatch))
    with open_location(tmp_path / "year.db") as ledger:
        found = year_summary(ledger, 2017, Config(), date.fromisoformat(AS_OF), checklist)
        notices = [row for row in ledger.notice_rows() if row.issued_on.startswith("2017")]
    of_year = [entry for entry in INSPECTIONS if entry[1].startswith("2017")]
    assert found.inspections == len(of_year) == 5
    assert dict(found.units) == {"部门": ("市编办", "市财政局"), "乡镇": ("牌楼镇",), "街道": ("龙泉街道",)}
    assert found.units_inspected == len({unit for unit, _, _ in of_year}) == 4
    letters = "".join(answers for _, _, answers in of_year)
    assert dict(found.results) == {
        "compliant": letters.count("c"),
        "partial": letters.count("p"),
        "noncompliant": letters.count("n"),
        "not_applicable": letters.count("x"),
    }
    assert found.tasks_checked == len(letters) == 30
    assert found.notices_issued == len(notices) == 4
    assert found.notices_closed == sum(row.state == "closed" for row in notices) == 2
    assert found.notices_open == 2 and found.notices_overdue == 1 and found.notices_escalated == 1
    assert found.average_days_to_close == (26 + 60) / 2
    assert found.notices_by_month == (0, 0, 1, 1, 0, 1, 0, 0, 0, 0, 0, 1)
    assert [row.unit for row in found.ranking] == ["牌楼镇", "市编办", "龙泉街道", "市财政局"]


@pytest.mark.parametrize(
    "name, kind",
    [
        ("市编办", "部门"),
        ("牌楼镇", "乡镇"),
        ("漳河镇人民政府", "乡镇"),
        ("马河乡", "乡镇"),
        ("龙泉街道", "街道"),
        ("东城街道办事处", "街道"),
        ("县政府办公室", "部门"),
    ],
)
def test_kinds_of_unit_by_their_names(name, kind):
    assert unit_kind(name) == kind
