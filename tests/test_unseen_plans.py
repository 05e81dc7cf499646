"""Plan import on layouts the real corpus does not hold, written in the styles offices publish.

Each plan in tests/fixtures/plans_unseen/ has a NAME.expected.json beside it, in the corpus's format.
Run as a script to print the per-document figures (`-v` lists the misses):
    .venv/bin/python tests/test_unseen_plans.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from test_real_plans import (
    DocumentFigures,
    assert_exact_share,
    assert_nothing_silent,
    measure,  # noqa: E402
    print_figures,
)

UNSEEN = Path(__file__).resolve().parent / "fixtures" / "plans_unseen"
PLAN_FILES = sorted(path for path in UNSEEN.glob("*") if path.suffix in (".txt", ".html", ".md", ".docx", ".xlsx"))
THRESHOLD = 0.90


@pytest.fixture(scope="module")
def figures() -> list[DocumentFigures]:
    return [measure(path) for path in PLAN_FILES]


def test_every_plan_has_what_a_reader_finds():
    assert len(PLAN_FILES) >= 10
    assert all(path.with_name(path.stem + ".expected.json").exists() for path in PLAN_FILES)


@pytest.mark.parametrize("path", PLAN_FILES, ids=[path.name for path in PLAN_FILES])
def test_no_plan_is_refused(path):
    assert measure(path).refused == ""


def test_units_and_deadlines_match_what_a_reader_finds(figures):
    assert_exact_share(figures, THRESHOLD)


def test_nothing_wrong_is_silent(figures):
    """Every task whose units or deadline differ from what a reader finds carries a review mark."""
    assert_nothing_silent(figures)


if __name__ == "__main__":
    print_figures(PLAN_FILES)
