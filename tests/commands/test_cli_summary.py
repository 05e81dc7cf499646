"""`summary` on the scripted year: the golden page, JSON, English, a workbook, and a year with no ledger yet."""

from __future__ import annotations

import json

from sample_pipeline import golden
from sample_year import AS_OF


def test_the_golden_page(year, monkeypatch):
    checklist, run = year
    monkeypatch.setenv("INSPECT_LANG", "zh")
    golden("summary.md", run("summary", "--year", "2017", "--checklist", checklist, "--as-of", AS_OF).stdout)


def test_summary_json_and_english(year):
    checklist, run = year
    data = json.loads(run("summary", "--year", "2017", "--as-of", AS_OF, "--format", "json").stdout)
    assert data["notices"] == {"issued": 4, "closed": 2, "open": 2, "overdue": 1, "escalated": 1}
    assert data["units"]["街道"] == ["龙泉街道"] and data["average_days_to_close"] == 43.0
    page = run("summary", "--year", "2017", "--as-of", AS_OF).stdout
    assert "4 unit(s) inspected on site (2 departments, 1 township, 1 subdistrict)" in page
    assert "```mermaid" in page and "bar [0, 0, 1, 1, 0, 1, 0, 0, 0, 0, 0, 1]" in page


def test_the_figures_as_a_workbook(year, tmp_path):
    from openpyxl import load_workbook

    _checklist, run = year
    said = run("summary", "--year", "2017", "--as-of", AS_OF, "-o", tmp_path / "2017.xlsx")
    assert said.stderr == f"Wrote {tmp_path / '2017.xlsx'}\n"
    workbook = load_workbook(tmp_path / "2017.xlsx", read_only=True)
    assert len(workbook.sheetnames) >= 4


def test_a_year_without_a_ledger_is_all_zeros_and_makes_no_ledger(invoke, tmp_path):
    result = invoke("summary", "--year", "2017", "--as-of", "2017-12-31", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["inspections"] == 0 and data["notices"]["issued"] == 0 and data["ranking"] == []
    assert data["notices_by_month"] == [0] * 12 and not (tmp_path / "ledger.db").exists()


def test_a_word_processor_file_is_refused(invoke, tmp_path):
    result = invoke("summary", "--year", "2017", "-o", tmp_path / "2017.docx")
    assert result.exit_code == 2 and "this is not written as .docx" in result.stderr
