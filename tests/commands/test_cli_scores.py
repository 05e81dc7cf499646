"""`scores`, `summary`, `inspections compare` and `walk --from-last` on the scripted year; the golden pages."""

from __future__ import annotations

import csv
import io
import json
import os
import sys

import pexpect
import pytest
from sample_pipeline import SAMPLES
from sample_year import AS_OF, build


@pytest.fixture
def year(tmp_path, monkeypatch, invoke):
    checklist = build(tmp_path, monkeypatch)

    def run(*args, code=0):
        result = invoke(*args)
        assert result.exit_code == code, (args, result.output)
        return result

    return checklist, run


def golden(name: str, produced: str) -> None:
    path = SAMPLES / name
    if os.environ.get("INSPECT_REGENERATE_SAMPLES") == "1":
        path.write_text(produced, encoding="utf-8")
    assert path.exists(), f"{path} is missing; run INSPECT_REGENERATE_SAMPLES=1 pytest {__file__}"
    assert produced == path.read_text(encoding="utf-8"), (
        f"{name} differs; review, then refresh with INSPECT_REGENERATE_SAMPLES=1"
    )


def test_scores_in_every_format(year):
    checklist, run = year
    rows = json.loads(run("scores", checklist, "--year", "2017", "--as-of", AS_OF, "--format", "json").stdout)
    assert [(r["rank"], r["unit"], r["score"]) for r in rows] == [
        (1, "牌楼镇", 89.4),
        (2, "市编办", 88.9),
        (2, "龙泉街道", 88.9),
        (4, "市财政局", 79.3),
    ]
    assert {"unit", "inspection", "score", "rank", "earned", "possible", "findings", "notices"} <= set(rows[0])
    assert rows[3]["notices"] == {"open": 1, "overdue": 1, "closed": 0, "escalated": 0}
    table = run("scores", checklist, "--year", "2017", "--as-of", AS_OF).stdout
    assert "牌楼镇" in table and "89.4" in table and "Rank" in table
    sheet = list(
        csv.DictReader(
            io.StringIO(run("scores", checklist, "--year", "2017", "--as-of", AS_OF, "--format", "csv").stdout)
        )
    )
    assert sheet[3]["unit"] == "市财政局" and sheet[3]["notices_overdue"] == "1"
    one = json.loads(
        run("scores", checklist, "--year", "2017", "--unit", "编办", "--as-of", AS_OF, "--format", "json").stdout
    )
    assert [r["unit"] for r in one] == ["市编办"]
    empty = run("scores", checklist, "--year", "2015")
    assert "No finalized inspection of year in 2015" in empty.stderr


def test_the_golden_pages(year, monkeypatch):
    checklist, run = year
    monkeypatch.setenv("INSPECT_LANG", "zh")
    golden("scores.md", run("scores", checklist, "--year", "2017", "--as-of", AS_OF, "--format", "md").stdout)
    golden("summary.md", run("summary", "--year", "2017", "--checklist", checklist, "--as-of", AS_OF).stdout)


def test_summary_json_and_english(year):
    checklist, run = year
    data = json.loads(run("summary", "--year", "2017", "--as-of", AS_OF, "--format", "json").stdout)
    assert data["notices"] == {"issued": 4, "closed": 2, "open": 2, "overdue": 1, "escalated": 1}
    assert data["units"]["街道"] == ["龙泉街道"] and data["average_days_to_close"] == 43.0
    page = run("summary", "--year", "2017", "--as-of", AS_OF).stdout
    assert "4 unit(s) inspected on site (2 departments, 1 township, 1 subdistrict)" in page
    assert "```mermaid" in page and "bar [0, 0, 1, 1, 0, 1, 0, 0, 0, 0, 0, 1]" in page


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


def test_walk_from_last_lists_last_years_findings_and_walks_them_first(year, tmp_path):
    checklist, _run = year
    env = {**os.environ, "NO_COLOR": "1"}
    child = pexpect.spawn(
        sys.executable,
        [
            "-m",
            "inspect_cli",
            "walk",
            str(checklist),
            "--unit",
            "市编办",
            "--inspector",
            "张三",
            "--date",
            "2018-03-01",
            "--from-last",
        ],
        env=env,
        encoding="utf-8",
        dimensions=(24, 80),
        timeout=20,
    )
    child.expect(r"Last inspection #4 \(2017-03-01\) found 1 task\(s\) wanting")
    child.expect("6: noncompliant — 市编办任务6未完全落实")
    child.expect(r"\[1/6\] Task \(6\)")  # the task found wanting comes first, numbered in walk order
    child.expect(r"Last inspection \(2017-03-01, #4\): noncompliant")
    child.expect(r"\x1b\[0m>")
    child.sendline("c")
    child.expect(r"\[2/6\] Task \(1\)")
    child.expect(r"\x1b\[0m>")
    child.sendline("q")
    child.expect(pexpect.EOF)
    from inspect_cli.ledger import open_location

    with open_location(tmp_path / "year.db") as ledger:
        draft = ledger.inspections(unit="市编办", state="draft")[0]
        assert {task: result.status.value for task, result in ledger.results(draft.id).items()} == {"6": "compliant"}
