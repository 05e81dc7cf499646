"""Desk review of other places' annual reports, compared with what a careful reader finds (NAME.expected.json).

Every report in the folder is measured, those added later too. Run as a script for the figures per report:
`.venv/bin/python tests/test_real_reports.py`.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from conftest import CORPUS  # noqa: E402

from inspect_cli.core.review import REQUIRED_PARTS, report_files, review_report  # noqa: E402
from inspect_cli.domain.textnorm import simplified  # noqa: E402

REAL = CORPUS / "real" / "reports"
REPORTS = report_files(REAL)
NAMES = [path.name for path in REPORTS]


def expected(path: Path) -> dict:
    return json.loads(path.with_name(f"{path.stem}.expected.json").read_text(encoding="utf-8"))


def normal(unit: str | None) -> str:
    """A unit name compared as the corpus README says: NFKC, surrounding punctuation removed."""
    text = unicodedata.normalize("NFKC", unit or "")
    return re.sub(r"^[\W_]+|[\W_]+$", "", text)


def verdict(path: Path) -> dict[str, bool]:
    """For one report: whether its unit, year, parts and truncation are what the expected file says."""
    want, review = expected(path), review_report(path)
    accepted = {normal(u) for u in [want["unit"], *want.get("unit_alternatives", [])]}
    found = {p.part for p in review.parts if p.found} & set(REQUIRED_PARTS)
    return {
        "unit": normal(review.unit) in accepted,
        "year": review.year == want["year"],
        "parts": found == set(want["parts_present"])
        and review.structure_read
        and review.missing == tuple(k for k in REQUIRED_PARTS if k in want["parts_missing"]),
        "truncated": review.truncated == want.get("truncated", False),
    }


def test_the_folder_holds_reports_each_with_an_expected_file():
    assert len(REPORTS) >= 15
    assert all(path.with_name(f"{path.stem}.expected.json").is_file() for path in REPORTS)


@pytest.mark.parametrize("path", REPORTS, ids=NAMES)
def test_unit_year_parts_and_truncation(path):
    review = review_report(path)
    assert verdict(path) == {"unit": True, "year": True, "parts": True, "truncated": True}, (
        review.unit,
        review.year,
        [p.part for p in review.parts if p.found],
        review.missing,
        review.truncated,
    )


def test_a_traditional_name_is_given_as_the_document_writes_it():
    traditional = [path for path in REPORTS if simplified(expected(path)["unit"]) != expected(path)["unit"]]
    assert traditional
    for path in traditional:
        unit = review_report(path).unit
        assert unit and simplified(unit) != unit, unit  # read through simplified characters, given back as written


def reading(review) -> tuple:
    return review.unit, review.year, {p.part for p in review.parts if p.found}, review.missing, review.truncated


@pytest.mark.parametrize(
    "path", REPORTS + report_files(CORPUS / "annual-reports"), ids=lambda path: f"{path.parent.name}/{path.name}"
)
def test_the_same_report_captured_as_one_line_reads_the_same(tmp_path, path):
    """A page whose paragraphs run together on one line, marked only by their indent, as web captures give them."""
    one_line = tmp_path / path.name
    one_line.write_text(
        "\u3000\u3000".join(line.strip() for line in path.read_text(encoding="utf-8").splitlines()), encoding="utf-8"
    )
    assert reading(review_report(one_line)) == reading(review_report(path))


def test_batch_json_through_the_cli(invoke):
    result = invoke("review", REAL, "--format", "json")
    assert result.exit_code == 0, result.output
    rows = {r["file"].rsplit("/", 1)[-1]: r for r in json.loads(result.stdout)}
    assert set(rows) == set(NAMES)
    for path in REPORTS:
        want, row = expected(path), rows[path.name]
        assert row["year"] == want["year"], path.name
        assert row["truncated"] == want.get("truncated", False), path.name
        assert row["structure_read"] is True, path.name
        assert row["missing"] == [k for k in REQUIRED_PARTS if k in want["parts_missing"]], path.name


if __name__ == "__main__":
    totals = dict.fromkeys(("unit", "year", "parts", "truncated", "all"), 0)
    for path in REPORTS:
        marks = verdict(path)
        marks["all"] = all(marks.values())
        for key, right in marks.items():
            totals[key] += right
        print(f"{path.name:40} " + "  ".join(f"{key} {'ok' if right else 'WRONG'}" for key, right in marks.items()))
    print(f"{len(REPORTS)} reports: " + ", ".join(f"{key} right in {count}" for key, count in totals.items()))
