"""Desk review of other places' annual reports, compared with what a careful reader finds (NAME.expected.json)."""

from __future__ import annotations

import json
import re
import unicodedata

import pytest

from conftest import CORPUS
from inspect_cli.core.review import REQUIRED_PARTS, review_report

REAL = CORPUS / "real" / "reports"
NAMES = sorted(p.stem for p in REAL.glob("*.txt"))


def expected(name: str) -> dict:
    return json.loads((REAL / f"{name}.expected.json").read_text(encoding="utf-8"))


def normal(unit: str | None) -> str:
    """A unit name compared as the corpus README says: NFKC, surrounding punctuation removed."""
    text = unicodedata.normalize("NFKC", unit or "")
    return re.sub(r"^[\W_]+|[\W_]+$", "", text)


def test_every_report_has_an_expected_file():
    assert len(NAMES) == 8
    assert all((REAL / f"{name}.expected.json").is_file() for name in NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_unit(name):
    want = expected(name)
    accepted = {normal(u) for u in [want["unit"], *want.get("unit_alternatives", [])]}
    assert normal(review_report(REAL / f"{name}.txt").unit) in accepted


@pytest.mark.parametrize("name", NAMES)
def test_year(name):
    assert review_report(REAL / f"{name}.txt").year == expected(name)["year"]


@pytest.mark.parametrize("name", NAMES)
def test_parts(name):
    want = expected(name)
    review = review_report(REAL / f"{name}.txt")
    found = {p.part for p in review.parts if p.found}
    assert found & set(REQUIRED_PARTS) == set(want["parts_present"])
    assert review.missing == tuple(k for k in REQUIRED_PARTS if k in want["parts_missing"])


@pytest.mark.parametrize("name", NAMES)
def test_a_capture_cut_short_is_flagged(name):
    assert review_report(REAL / f"{name}.txt").truncated == expected(name).get("truncated", False)


def test_batch_json_through_the_cli(invoke):
    result = invoke("review", REAL, "--format", "json")
    assert result.exit_code == 0, result.output
    rows = {r["file"].rsplit("/", 1)[-1]: r for r in json.loads(result.stdout)}
    assert set(rows) == {f"{name}.txt" for name in NAMES}
    for name in NAMES:
        want, row = expected(name), rows[f"{name}.txt"]
        assert row["year"] == want["year"], name
        assert row["truncated"] == want.get("truncated", False), name
        assert row["missing"] == [k for k in REQUIRED_PARTS if k in want["parts_missing"]], name
