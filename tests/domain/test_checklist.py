"""A checklist's rules: matching a unit by part of its name, a unit's tasks in plan order, tasks per unit."""

from __future__ import annotations

from datetime import date

import pytest

from inspect_cli.domain.checklist import filter_tasks, resolve_unit, unit_summary
from inspect_cli.exceptions import NotFound


def test_unit_matching(jingmen):
    assert resolve_unit(jingmen, "市编办") == "市编办"
    assert resolve_unit(jingmen, "编办") == "市编办"
    assert resolve_unit(jingmen, "仲裁委员会") == "荆门仲裁委员会秘书处"
    with pytest.raises(NotFound, match="ambiguous.*市政府办公室.*市政府法制办"):
        resolve_unit(jingmen, "市政府")
    with pytest.raises(NotFound, match="not named"):
        resolve_unit(jingmen, "市气象局")


def test_unit_filter_includes_tasks_for_every_unit(jingmen):
    # 14 tasks name 市编办 as lead (checked with grep on the plan); (127) and (128) concern every unit
    ids = [t.id for t in filter_tasks(jingmen, unit="编办")]
    assert ids == ["1", "2", "4", "7", "11", "15", "16", "17", "23", "40", "71", "73", "74", "127", "128", "134"]
    assert [t.id for t in filter_tasks(jingmen, unit="市政府法制办")][:5] == ["44", "50", "51", "52", "53"]
    assert "89" in [t.id for t in filter_tasks(jingmen, unit="市政府法制办")]  # as responsible unit


def test_filters_keep_plan_order(jingmen):
    section = filter_tasks(jingmen, section="七")
    assert [t.id for t in section] == ["119", "120", "121", "122", "123"]
    topic = filter_tasks(jingmen, section="政府合同")
    assert [t.id for t in topic] == ["66", "67", "68"]
    due = filter_tasks(jingmen, unit="编办", due_before=date(2017, 1, 1))
    assert all(t.due < date(2017, 1, 1) for t in due) and [t.id for t in due] == ["1", "2", "4", "11"]


def test_unit_summary_counts(jingmen):
    counts = {row.unit: row for row in unit_summary(jingmen)}
    assert counts["市政府法制办"].responsible == 1  # task (89)
    shared = sum(1 for t in jingmen.tasks if t.for_every_unit)
    assert shared == 2
    assert counts["市编办"].total == counts["市编办"].lead + shared
