"""`inspections compare` on the scripted year: task by task, the counts, and inspections of different units."""

from __future__ import annotations

import json


def test_compare_on_the_command_line(year):
    checklist, run = year
    rows = json.loads(run("inspections", "compare", "1", "4", "--format", "json").stdout)
    assert {(r["task"], r["a"], r["b"], r["change"]) for r in rows if r["change"] != "same"} == {
        ("2", "noncompliant", "compliant", "improved"),
        ("3", "noncompliant", "compliant", "improved"),
        ("6", "compliant", "noncompliant", "worse"),
    }
    said = run("inspections", "compare", "1", "4")
    assert "improved 2, worse 1, same 3, new 0, dropped 0" in said.stdout
    refused = run("inspections", "compare", "1", "5", code=2)
    assert refused.stderr.startswith("Error: inspections 1 and 5 are of different units")


def test_different_units_only_with_any_unit_and_markdown_keeps_the_line_on_stderr(year):
    _checklist, run = year
    rows = json.loads(run("inspections", "compare", "1", "5", "--any-unit", "--format", "json").stdout)
    assert len(rows) == 6 and {row["task"] for row in rows} == {"1", "2", "3", "4", "5", "6"}
    page = run("inspections", "compare", "1", "4", "--format", "md")
    assert page.stdout.startswith("|") and "A: inspection 1 of 市编办 on 2016-04-01" in page.stderr
