"""Two inspections of a unit compared task by task (core/compare.py)."""

from __future__ import annotations

import pytest
from sample_year import build

from inspect_cli.core.compare import change_between, compare
from inspect_cli.domain.models import Status
from inspect_cli.exceptions import StateError
from inspect_cli.ledger import open_location


def test_last_year_against_this_year(tmp_path, monkeypatch):
    build(tmp_path, monkeypatch)
    with open_location(tmp_path / "year.db") as ledger:
        found = compare(ledger, 1, 4)  # 市编办 2016 (cnnccc) against 2017 (cccccn)
        changes = {row.task: (row.a, row.b, row.change) for row in found.tasks}
        assert changes["2"] == ("noncompliant", "compliant", "improved")
        assert changes["3"] == ("noncompliant", "compliant", "improved")
        assert changes["6"] == ("compliant", "noncompliant", "worse")
        assert {changes[t][2] for t in ("1", "4", "5")} == {"same"}
        assert found.counts() == {"improved": 2, "worse": 1, "same": 3, "new": 0, "dropped": 0}
        assert next(row for row in found.tasks if row.task == "6").note_b == "市编办任务6未完全落实"
        with pytest.raises(StateError, match="different units"):
            compare(ledger, 1, 5)
        assert len(compare(ledger, 1, 5, any_unit=True).tasks) == 6


@pytest.mark.parametrize(
    "a, b, change",
    [
        (Status.partial, Status.compliant, "improved"),
        (Status.compliant, Status.partial, "worse"),
        (Status.partial, Status.partial, "same"),
        (None, Status.compliant, "new"),
        (Status.compliant, None, "dropped"),
        (Status.not_applicable, Status.noncompliant, "new"),
        (Status.noncompliant, Status.not_reviewed, "dropped"),
    ],
)
def test_changes(a, b, change):
    assert change_between(a, b) == change
